// ComposeMerger: the merge rules of `docker compose -f a -f b` on raw trees.

#include "testsupport.h"

#include "compose/composemerger.h"
#include "compose/diagnostic.h"
#include "compose/yamlreader.h"

using namespace threatdock::compose;

namespace {

Node parse(const char *yaml, const QString &fileName)
{
    const YamlReader::Result r = YamlReader::readText(QByteArray(yaml), fileName);
    if (!r.ok())
        qFatal("%s does not parse: %s", qPrintable(fileName), qPrintable(r.error->toString()));
    return r.documents.empty() ? Node() : r.documents.front();
}

/// merge + enforceUnicity of two documents named base.yaml and override.yaml.
Node mergeTexts(const char *base, const char *override)
{
    Node merged = ComposeMerger::merge(parse(base, QStringLiteral("base.yaml")),
                                       parse(override, QStringLiteral("override.yaml")));
    ComposeMerger::enforceUnicity(merged);
    return merged;
}

const Node &service(const Node &project, const char *name = "web")
{
    static const Node none;
    const Node *services = project.find(QStringLiteral("services"));
    const Node *s = services ? services->find(QString::fromUtf8(name)) : nullptr;
    return s ? *s : none;
}

QStringList texts(const Node &sequence)
{
    QStringList out;
    for (const Node &item : sequence.items())
        out << (item.isScalar() ? item.text() : QStringLiteral("<%1>").arg(item.kindName()));
    return out;
}

} // namespace

class TestComposeMerger : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resetRemovesValue();
    void resetRemovesEnvironmentEntry_data();
    void resetRemovesEnvironmentEntry();
    void overrideReplacesWithoutMerging();
    void stripMergeTagsOnSingleFile();
    void portsUnicity_data();
    void portsUnicity();
    void volumesAndSecretsByTarget();
    void dependsOnListAndMapping();
    void commandEntrypointHealthcheckReplaced();
    void environmentListAndMappingMix();
    void loggingDriverDecidesMerge();
    void buildStringAndMapping();
    void nullOverrideKeepsBase();
    void originsFollowWinningValue();
    void impossibleShapesThrow_data();
    void impossibleShapesThrow();
};

void TestComposeMerger::resetRemovesValue()
{
    const Node merged = mergeTexts(R"(
services:
  web:
    image: app
    ports: ["8080:80"]
    labels: {a: "1"}
)",
                                   R"(
services:
  web:
    ports: !reset []
    labels: !reset
    dns: !reset 1.1.1.1
)");
    const Node &web = service(merged);
    QCOMPARE(web.keys(), QStringList{QStringLiteral("image")});
}

void TestComposeMerger::resetRemovesEnvironmentEntry_data()
{
    QTest::addColumn<QByteArray>("base");
    QTest::newRow("mapping") << QByteArray(
        "services:\n  web:\n    environment: {FOO: x, BAR: y}\n");
    QTest::newRow("list") << QByteArray("services:\n  web:\n    environment: [FOO=x, BAR=y]\n");
    QTest::newRow("bare key") << QByteArray("services:\n  web:\n    environment: [FOO, BAR=y]\n");
}

void TestComposeMerger::resetRemovesEnvironmentEntry()
{
    QFETCH(QByteArray, base);
    const Node merged = mergeTexts(base.constData(), R"(
services:
  web:
    environment:
      FOO: !reset null
      NEW: z
)");
    QCOMPARE(texts(service(merged).value(QStringLiteral("environment"))),
             (QStringList{QStringLiteral("BAR=y"), QStringLiteral("NEW=z")}));
}

void TestComposeMerger::overrideReplacesWithoutMerging()
{
    const Node merged = mergeTexts(R"(
services:
  web:
    image: app
    ports: ["8080:80"]
    deploy:
      resources: {limits: {cpus: "1"}}
      replicas: 2
)",
                                   R"(
services:
  web:
    ports: !override
      - "8443:443"
    deploy: !override
      replicas: 3
)");
    const Node &web = service(merged);
    const Node ports = web.value(QStringLiteral("ports"));
    QCOMPARE(texts(ports), QStringList{QStringLiteral("8443:443")});
    QVERIFY(ports.tag().isEmpty());
    const Node deploy = web.value(QStringLiteral("deploy"));
    QCOMPARE(deploy.keys(), QStringList{QStringLiteral("replicas")});
    QCOMPARE(deploy.value(QStringLiteral("replicas")).text(), QStringLiteral("3"));
    QVERIFY(deploy.tag().isEmpty());
    QCOMPARE(web.value(QStringLiteral("image")).text(), QStringLiteral("app"));
}

void TestComposeMerger::stripMergeTagsOnSingleFile()
{
    Node tree = parse(R"(
services:
  web:
    image: !override app
    ports: !reset []
    dns: [1.1.1.1, !reset 8.8.8.8]
)",
                      QStringLiteral("compose.yaml"));
    ComposeMerger::stripMergeTags(tree);
    const Node &web = service(tree);
    QCOMPARE(web.keys(), (QStringList{QStringLiteral("image"), QStringLiteral("dns")}));
    QVERIFY(web.value(QStringLiteral("image")).tag().isEmpty());
    QCOMPARE(texts(web.value(QStringLiteral("dns"))), QStringList{QStringLiteral("1.1.1.1")});
}

void TestComposeMerger::portsUnicity_data()
{
    QTest::addColumn<QByteArray>("basePorts");
    QTest::addColumn<QByteArray>("overridePorts");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("same short spec kept once")
        << QByteArray("[\"8080:80\", \"9090:90\"]") << QByteArray("[\"8080:80\"]")
        << QStringList{QStringLiteral("8080:80"), QStringLiteral("9090:90")};
    QTest::newRow("long syntax replaces equal short spec")
        << QByteArray("[\"8080:80\"]") << QByteArray("[{target: 80, published: \"8080\"}]")
        << QStringList{QStringLiteral("<mapping>")};
    QTest::newRow("other published port is another entry")
        << QByteArray("[\"8080:80\"]") << QByteArray("[\"8081:80\"]")
        << QStringList{QStringLiteral("8080:80"), QStringLiteral("8081:80")};
    QTest::newRow("other host ip is another entry")
        << QByteArray("[\"8080:80\"]") << QByteArray("[\"127.0.0.1:8080:80\"]")
        << QStringList{QStringLiteral("8080:80"), QStringLiteral("127.0.0.1:8080:80")};
    QTest::newRow("other protocol is another entry")
        << QByteArray("[\"53:53\"]") << QByteArray("[\"53:53/udp\"]")
        << QStringList{QStringLiteral("53:53"), QStringLiteral("53:53/udp")};
    QTest::newRow("explicit tcp and 0.0.0.0 are the defaults")
        << QByteArray("[\"8080:80\"]") << QByteArray("[\"0.0.0.0:8080:80/tcp\"]")
        << QStringList{QStringLiteral("0.0.0.0:8080:80/tcp")};
    QTest::newRow("bare target equals long syntax without published")
        << QByteArray("[80]") << QByteArray("[{target: 80, protocol: tcp}]")
        << QStringList{QStringLiteral("<mapping>")};
}

void TestComposeMerger::portsUnicity()
{
    QFETCH(QByteArray, basePorts);
    QFETCH(QByteArray, overridePorts);
    QFETCH(QStringList, expected);
    const QByteArray base = "services:\n  web:\n    ports: " + basePorts + '\n';
    const QByteArray override = "services:\n  web:\n    ports: " + overridePorts + '\n';
    const Node merged = mergeTexts(base.constData(), override.constData());
    QCOMPARE(texts(service(merged).value(QStringLiteral("ports"))), expected);
}

void TestComposeMerger::volumesAndSecretsByTarget()
{
    const Node merged = mergeTexts(R"(
services:
  web:
    volumes: ["data:/var/lib/data", "./conf:/etc/app:ro"]
    secrets: [token, cert]
    configs: [app]
)",
                                   R"(
services:
  web:
    volumes: ["other:/var/lib/data", {type: tmpfs, target: /tmp}]
    secrets: [{source: vault, target: /run/secrets/token}]
    configs: [{source: app2, target: /app}]
)");
    const Node &web = service(merged);
    QCOMPARE(texts(web.value(QStringLiteral("volumes"))),
             (QStringList{QStringLiteral("other:/var/lib/data"),
                          QStringLiteral("./conf:/etc/app:ro"), QStringLiteral("<mapping>")}));
    const Node secrets = web.value(QStringLiteral("secrets"));
    QCOMPARE(texts(secrets), (QStringList{QStringLiteral("<mapping>"), QStringLiteral("cert")}));
    QCOMPARE(secrets.items().front().value(QStringLiteral("source")).text(),
             QStringLiteral("vault"));
    QCOMPARE(texts(web.value(QStringLiteral("configs"))), QStringList{QStringLiteral("<mapping>")});
}

void TestComposeMerger::dependsOnListAndMapping()
{
    const Node merged = mergeTexts(R"(
services:
  web:
    depends_on: [db, cache]
)",
                                   R"(
services:
  web:
    depends_on:
      db: {condition: service_healthy}
      queue: {condition: service_started, required: false}
)");
    const Node dependsOn = service(merged).value(QStringLiteral("depends_on"));
    QVERIFY(dependsOn.isMapping());
    QCOMPARE(dependsOn.keys(),
             (QStringList{QStringLiteral("db"), QStringLiteral("cache"), QStringLiteral("queue")}));
    const Node db = dependsOn.value(QStringLiteral("db"));
    QCOMPARE(db.value(QStringLiteral("condition")).text(), QStringLiteral("service_healthy"));
    QCOMPARE(db.value(QStringLiteral("required")).toBool(), std::optional<bool>(true));
    const Node cache = dependsOn.value(QStringLiteral("cache"));
    QCOMPARE(cache.value(QStringLiteral("condition")).text(), QStringLiteral("service_started"));
    QCOMPARE(dependsOn.value(QStringLiteral("queue")).value(QStringLiteral("required")).toBool(),
             std::optional<bool>(false));

    const Node both = mergeTexts("services:\n  web:\n    depends_on: [db]\n",
                                 "services:\n  web:\n    depends_on: [cache]\n");
    QCOMPARE(service(both).value(QStringLiteral("depends_on")).keys(),
             (QStringList{QStringLiteral("db"), QStringLiteral("cache")}));
}

void TestComposeMerger::commandEntrypointHealthcheckReplaced()
{
    const Node merged = mergeTexts(R"(
services:
  web:
    command: ["echo", "foo"]
    entrypoint: [/bin/sh, -c]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost"]
      interval: 30s
)",
                                   R"(
services:
  web:
    command: ["echo", "bar"]
    entrypoint: /docker-entrypoint.sh
    healthcheck:
      test: ["CMD-SHELL", "true"]
)");
    const Node &web = service(merged);
    QCOMPARE(texts(web.value(QStringLiteral("command"))),
             (QStringList{QStringLiteral("echo"), QStringLiteral("bar")}));
    QCOMPARE(web.value(QStringLiteral("entrypoint")).text(),
             QStringLiteral("/docker-entrypoint.sh"));
    const Node healthcheck = web.value(QStringLiteral("healthcheck"));
    QCOMPARE(texts(healthcheck.value(QStringLiteral("test"))),
             (QStringList{QStringLiteral("CMD-SHELL"), QStringLiteral("true")}));
    QCOMPARE(healthcheck.value(QStringLiteral("interval")).text(), QStringLiteral("30s"));
}

void TestComposeMerger::environmentListAndMappingMix()
{
    const Node merged = mergeTexts(R"(
services:
  web:
    environment:
      - DEBUG=0
      - PATH_PREFIX
      - KEEP=yes
)",
                                   R"(
services:
  web:
    environment:
      DEBUG: true
      RATIO: 1.50
      HEX: 0x1F
      EMPTY: ""
      UNSET:
)");
    QCOMPARE(
        texts(service(merged).value(QStringLiteral("environment"))),
        (QStringList{QStringLiteral("DEBUG=true"), QStringLiteral("PATH_PREFIX"),
                     QStringLiteral("KEEP=yes"), QStringLiteral("EMPTY="), QStringLiteral("HEX=31"),
                     QStringLiteral("RATIO=1.5"), QStringLiteral("UNSET")}));
}

void TestComposeMerger::loggingDriverDecidesMerge()
{
    const char *base = R"(
services:
  web:
    logging: {driver: json-file, options: {max-size: 10m}}
)";
    const Node same = mergeTexts(
        base, "services:\n  web:\n    logging: {driver: json-file, options: {max-file: '3'}}\n");
    const Node options
        = service(same).value(QStringLiteral("logging")).value(QStringLiteral("options"));
    QCOMPARE(options.keys(), (QStringList{QStringLiteral("max-size"), QStringLiteral("max-file")}));

    const Node other = mergeTexts(
        base, "services:\n  web:\n    logging: {driver: syslog, options: {tag: web}}\n");
    const Node logging = service(other).value(QStringLiteral("logging"));
    QCOMPARE(logging.value(QStringLiteral("driver")).text(), QStringLiteral("syslog"));
    QCOMPARE(logging.value(QStringLiteral("options")).keys(), QStringList{QStringLiteral("tag")});
}

void TestComposeMerger::buildStringAndMapping()
{
    const Node merged = mergeTexts("services:\n  web:\n    build: ./app\n",
                                   "services:\n  web:\n    build: {dockerfile: Dockerfile.dev}\n");
    const Node build = service(merged).value(QStringLiteral("build"));
    QVERIFY(build.isMapping());
    QCOMPARE(build.value(QStringLiteral("context")).text(), QStringLiteral("./app"));
    QCOMPARE(build.value(QStringLiteral("dockerfile")).text(), QStringLiteral("Dockerfile.dev"));

    const Node strings = mergeTexts("services:\n  web:\n    build: ./app\n",
                                    "services:\n  web:\n    build: ./other\n");
    QCOMPARE(
        service(strings).value(QStringLiteral("build")).value(QStringLiteral("context")).text(),
        QStringLiteral("./other"));
}

void TestComposeMerger::nullOverrideKeepsBase()
{
    const Node merged = mergeTexts("services:\n  web:\n    image: app\n    ports: ['80']\n",
                                   "services:\n  web:\n    image:\n    ports:\n");
    const Node &web = service(merged);
    QCOMPARE(web.value(QStringLiteral("image")).text(), QStringLiteral("app"));
    QCOMPARE(texts(web.value(QStringLiteral("ports"))), QStringList{QStringLiteral("80")});
}

void TestComposeMerger::originsFollowWinningValue()
{
    const Node merged = mergeTexts(R"(
services:
  web:
    image: app
    user: root
    environment:
      A: "1"
)",
                                   R"(
services:
  web:
    user: app
    environment:
      B: "2"
    read_only: true
)");
    const Node &web = service(merged);
    const Node image = web.value(QStringLiteral("image"));
    QCOMPARE(image.origin().file, QStringLiteral("base.yaml"));
    QCOMPARE(image.origin().line, 4);
    const Node user = web.value(QStringLiteral("user"));
    QCOMPARE(user.text(), QStringLiteral("app"));
    QCOMPARE(user.origin().file, QStringLiteral("override.yaml"));
    QCOMPARE(user.origin().line, 4);
    const MapEntry *readOnly = web.entry(QStringLiteral("read_only"));
    QVERIFY(readOnly);
    QCOMPARE(readOnly->keyOrigin.file, QStringLiteral("override.yaml"));
    QCOMPARE(readOnly->value.origin().line, 7);
    const auto &env = web.value(QStringLiteral("environment")).items();
    QCOMPARE(env.size(), std::size_t(2));
    QCOMPARE(env[0].origin().file, QStringLiteral("base.yaml"));
    QCOMPARE(env[0].origin().line, 7);
    QCOMPARE(env[1].origin().file, QStringLiteral("override.yaml"));
    QCOMPARE(env[1].origin().line, 6);
}

void TestComposeMerger::impossibleShapesThrow_data()
{
    QTest::addColumn<QByteArray>("base");
    QTest::addColumn<QByteArray>("override");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("path");

    QTest::newRow("sequence over mapping")
        << QByteArray("services:\n  web:\n    deploy: {replicas: 1}\n")
        << QByteArray("services:\n  web:\n    deploy: [1]\n") << 3
        << QStringLiteral("services.web.deploy");
    QTest::newRow("string over sequence") << QByteArray("services:\n  web:\n    ports: ['80']\n")
                                          << QByteArray("services:\n  web:\n    ports: '81'\n") << 3
                                          << QStringLiteral("services.web.ports");
    QTest::newRow("string over networks")
        << QByteArray("services:\n  web:\n    networks: [front]\n")
        << QByteArray("services:\n\n  web:\n    networks: back\n") << 4
        << QStringLiteral("services.web.networks");
    QTest::newRow("sequence over logging")
        << QByteArray("services:\n  web:\n    logging: {driver: local}\n")
        << QByteArray("services:\n  web:\n    logging: [local]\n") << 3
        << QStringLiteral("services.web.logging");
    QTest::newRow("sequence over the services mapping")
        << QByteArray("services:\n  web: {image: app}\n") << QByteArray("services: [web]\n") << 1
        << QStringLiteral("services");
}

void TestComposeMerger::impossibleShapesThrow()
{
    QFETCH(QByteArray, base);
    QFETCH(QByteArray, override);
    QFETCH(int, line);
    QFETCH(QString, path);
    try {
        mergeTexts(base.constData(), override.constData());
        QFAIL("merge accepted shapes that cannot merge");
    } catch (const ComposeError &e) {
        QCOMPARE(e.diagnostic().origin.file, QStringLiteral("override.yaml"));
        QCOMPARE(e.diagnostic().origin.line, line);
        QVERIFY2(e.diagnostic().message.contains(path), qPrintable(e.diagnostic().message));
    }
}

QTEST_GUILESS_MAIN(TestComposeMerger)

#include "tst_composemerger.moc"
