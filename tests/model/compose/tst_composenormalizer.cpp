#include "compose/composenormalizer.h"
#include "compose/nodewriter.h"
#include "compose/yamlreader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace threatdock::compose;

namespace {

const QString kFile = QStringLiteral("/project/compose.yaml");

Node parse(const QByteArray &yaml, const QString &file = kFile)
{
    const YamlReader::Result r = YamlReader::readText(yaml, file);
    if (!r.ok() || r.documents.empty()) {
        qWarning("YAML error: %s", qPrintable(r.error ? r.error->toString() : QString()));
        return Node();
    }
    return r.documents.front();
}

ComposeNormalizer::Context context(const QString &workingDir = QStringLiteral("/project"))
{
    return {workingDir, {{QStringLiteral("FROM_ENV"), QStringLiteral("env-value")}}};
}

/// A compact JSON rendering, with the working directory and home shown as WD and HOME.
QByteArray json(const Node &node, const QString &workingDir = QStringLiteral("/project"))
{
    QString text = QString::fromUtf8(NodeWriter::toJson(node, false));
    text.replace(workingDir, QStringLiteral("WD"));
    text.replace(QDir::homePath(), QStringLiteral("HOME"));
    return text.toUtf8();
}

/// Normalises `services: {web: {<key>: <value yaml>}}` and returns the key's JSON.
QByteArray serviceKey(const QByteArray &key, const QByteArray &valueYaml)
{
    const QByteArray yaml = "services:\n  web:\n    " + key + ": " + valueYaml + "\n";
    Diagnostics warnings;
    const Node out = ComposeNormalizer::normalize(parse(yaml), context(), warnings);
    return json(out.value(QStringLiteral("services"))
                    .value(QStringLiteral("web"))
                    .value(QString::fromUtf8(key)));
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

} // namespace

class TestComposeNormalizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serviceKeys_data();
    void serviceKeys();
    void errors_data();
    void errors();
    void durations_data();
    void durations();
    void byteSizes();
    void environmentList();
    void envFilePrecedence();
    void envFileMissing();
    void unknownKeysWarn();
    void defaultNetwork();
    void topLevelResources();
    void originsKept();
    void resolveServicePaths();
    void jsonWriter();
    void yamlRoundTrip_data();
    void yamlRoundTrip();
    void normalizedRoundTrip();
};

void TestComposeNormalizer::serviceKeys_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("ports host:container")
        << QByteArray("ports") << QByteArray("[\"8080:80\"]")
        << QByteArray(R"([{"mode":"ingress","target":80,"published":"8080","protocol":"tcp"}])");
    QTest::newRow("ports ip and udp")
        << QByteArray("ports") << QByteArray("[\"127.0.0.1:8080:80/udp\"]")
        << QByteArray(R"([{"mode":"ingress","host_ip":"127.0.0.1","target":80,)"
                      R"("published":"8080","protocol":"udp"}])");
    QTest::newRow("ports range")
        << QByteArray("ports") << QByteArray("[\"3000-3002:4000-4002\"]")
        << QByteArray(R"([{"mode":"ingress","target":4000,"published":"3000","protocol":"tcp"},)"
                      R"({"mode":"ingress","target":4001,"published":"3001","protocol":"tcp"},)"
                      R"({"mode":"ingress","target":4002,"published":"3002","protocol":"tcp"}])");
    QTest::newRow("ports target only, string and int")
        << QByteArray("ports") << QByteArray("[\"80\", 443]")
        << QByteArray(R"([{"mode":"ingress","target":80,"protocol":"tcp"},)"
                      R"({"mode":"ingress","target":443,"protocol":"tcp"}])");
    QTest::newRow("ports host range to one port")
        << QByteArray("ports") << QByteArray("[\"8000-8010:80\"]")
        << QByteArray(
               R"([{"mode":"ingress","target":80,"published":"8000-8010","protocol":"tcp"}])");
    QTest::newRow("ports ipv6")
        << QByteArray("ports") << QByteArray("[\"[::1]:53:53/udp\"]")
        << QByteArray(R"([{"mode":"ingress","host_ip":"::1","target":53,"published":"53",)"
                      R"("protocol":"udp"}])");
    QTest::newRow("ports long")
        << QByteArray("ports")
        << QByteArray("[{published: 8080, target: \"80\", host_ip: 0.0.0.0, x-note: a}]")
        << QByteArray(R"([{"mode":"ingress","host_ip":"0.0.0.0","target":80,"published":"8080",)"
                      R"("protocol":"tcp","x-note":"a"}])");
    QTest::newRow("expose") << QByteArray("expose") << QByteArray("[3000, \"4000-4001\"]")
                            << QByteArray(R"(["3000","4000-4001"])");
    QTest::newRow("volume bind ro")
        << QByteArray("volumes") << QByteArray("[\"./data:/data:ro\"]")
        << QByteArray(R"([{"type":"bind","source":"WD/data","target":"/data","read_only":true,)"
                      R"("bind":{"create_host_path":true}}])");
    QTest::newRow("volume named")
        << QByteArray("volumes") << QByteArray("[\"named:/data\"]")
        << QByteArray(R"([{"type":"volume","source":"named","target":"/data","volume":{}}])");
    QTest::newRow("volume nocopy")
        << QByteArray("volumes") << QByteArray("[\"named:/data:nocopy\"]")
        << QByteArray(R"([{"type":"volume","source":"named","target":"/data",)"
                      R"("volume":{"nocopy":true}}])");
    QTest::newRow("volume rw,z") << QByteArray("volumes") << QByteArray("[\"/abs:/x:rw,z\"]")
                                 << QByteArray(
                                        R"([{"type":"bind","source":"/abs","target":"/x",)"
                                        R"("bind":{"create_host_path":true,"selinux":"z"}}])");
    QTest::newRow("volume anonymous")
        << QByteArray("volumes") << QByteArray("[\"/only-target\"]")
        << QByteArray(R"([{"type":"volume","target":"/only-target","volume":{}}])");
    QTest::newRow("volume home")
        << QByteArray("volumes") << QByteArray("[\"~/cfg:/cfg:ro,rshared\"]")
        << QByteArray(R"([{"type":"bind","source":"HOME/cfg","target":"/cfg","read_only":true,)"
                      R"("bind":{"propagation":"rshared","create_host_path":true}}])");
    QTest::newRow("volume long")
        << QByteArray("volumes")
        << QByteArray("[{type: bind, source: ../conf, target: /etc/x, read_only: false}, "
                      "{type: tmpfs, target: /tmp, tmpfs: {size: 1m, mode: \"1777\"}}]")
        << QByteArray(R"([{"type":"bind","source":"/conf","target":"/etc/x"},)"
                      R"({"type":"tmpfs","target":"/tmp","tmpfs":{"size":1048576,"mode":1023}}])");
    QTest::newRow("environment map types")
        << QByteArray("environment") << QByteArray("{A: 1, B: true, C: \"x\", FROM_ENV: , NOPE: }")
        << QByteArray(R"({"A":"1","B":"true","C":"x","FROM_ENV":"env-value","NOPE":null})");
    QTest::newRow("depends_on list")
        << QByteArray("depends_on") << QByteArray("[db]")
        << QByteArray(R"({"db":{"condition":"service_started","required":true}})");
    QTest::newRow("depends_on long")
        << QByteArray("depends_on")
        << QByteArray("{db: {condition: service_healthy, restart: true}, cache: {required: false}}")
        << QByteArray(R"({"db":{"condition":"service_healthy","restart":true,"required":true},)"
                      R"("cache":{"condition":"service_started","required":false}})");
    QTest::newRow("networks list") << QByteArray("networks") << QByteArray("[front, back]")
                                   << QByteArray(R"({"front":null,"back":null})");
    QTest::newRow("networks long")
        << QByteArray("networks") << QByteArray("{front: {aliases: [web], priority: \"5\"}}")
        << QByteArray(R"({"front":{"aliases":["web"],"priority":5}})");
    QTest::newRow("secrets short and long")
        << QByteArray("secrets")
        << QByteArray("[db_pw, {source: api, target: /run/api, mode: 0440}]")
        << QByteArray(R"([{"source":"db_pw"},{"source":"api","target":"/run/api","mode":288}])");
    QTest::newRow("build string") << QByteArray("build") << QByteArray("./app")
                                  << QByteArray(
                                         R"({"context":"WD/app","dockerfile":"Dockerfile"})");
    QTest::newRow("build long")
        << QByteArray("build")
        << QByteArray("{dockerfile: Dockerfile.dev, args: [A=1, FROM_ENV], shm_size: 2g}")
        << QByteArray(R"({"dockerfile":"Dockerfile.dev","args":{"A":"1","FROM_ENV":"env-value"},)"
                      R"("shm_size":2147483648,"context":"WD"})");
    QTest::newRow("build remote")
        << QByteArray("build") << QByteArray("https://github.com/a/b.git#main")
        << QByteArray(R"({"context":"https://github.com/a/b.git#main","dockerfile":"Dockerfile"})");
    QTest::newRow("healthcheck")
        << QByteArray("healthcheck")
        << QByteArray("{test: curl -f http://localhost || exit 1, interval: 90s, timeout: 500ms, "
                      "start_period: 1h, retries: \"3\"}")
        << QByteArray(
               R"({"test":["CMD-SHELL","curl -f http://localhost || exit 1"],)"
               R"("interval":"1m30s","timeout":"500ms","start_period":"1h0m0s","retries":3})");
    QTest::newRow("mem_limit") << QByteArray("mem_limit") << QByteArray("512m")
                               << QByteArray("536870912");
    QTest::newRow("memswap_limit -1")
        << QByteArray("memswap_limit") << QByteArray("-1") << QByteArray("-1");
    QTest::newRow("cpus string") << QByteArray("cpus") << QByteArray("\"0.5\"")
                                 << QByteArray("0.5");
    QTest::newRow("pids_limit") << QByteArray("pids_limit") << QByteArray("\"100\"")
                                << QByteArray("100");
    QTest::newRow("ulimits")
        << QByteArray("ulimits") << QByteArray("{nproc: 65535, nofile: {soft: 20000, hard: 40000}}")
        << QByteArray(
               R"({"nproc":{"soft":65535,"hard":65535},"nofile":{"soft":20000,"hard":40000}})");
    QTest::newRow("command shellwords")
        << QByteArray("command") << QByteArray(R"('sh -c "echo \"hi there\"" ''a b''')")
        << QByteArray(R"(["sh","-c","echo \"hi there\"","a b"])");
    QTest::newRow("entrypoint list") << QByteArray("entrypoint") << QByteArray("[\"/init\", 1]")
                                     << QByteArray(R"(["/init","1"])");
    QTest::newRow("labels list") << QByteArray("labels") << QByteArray("[a=1, b]")
                                 << QByteArray(R"({"a":"1","b":""})");
    QTest::newRow("privileged string")
        << QByteArray("privileged") << QByteArray("\"true\"") << QByteArray("true");
    QTest::newRow("read_only") << QByteArray("read_only") << QByteArray("false")
                               << QByteArray("false");
    QTest::newRow("tmpfs string") << QByteArray("tmpfs") << QByteArray("/run")
                                  << QByteArray(R"(["/run"])");
    QTest::newRow("cap_add") << QByteArray("cap_add") << QByteArray("[NET_ADMIN]")
                             << QByteArray(R"(["NET_ADMIN"])");
    QTest::newRow("restart") << QByteArray("restart") << QByteArray("unless-stopped")
                             << QByteArray(R"("unless-stopped")");
    QTest::newRow("user number") << QByteArray("user") << QByteArray("1000")
                                 << QByteArray(R"("1000")");
    QTest::newRow("stop_grace_period")
        << QByteArray("stop_grace_period") << QByteArray("1m") << QByteArray(R"("1m0s")");
    QTest::newRow("logging") << QByteArray("logging")
                             << QByteArray("{driver: json-file, options: {max-file: 3}}")
                             << QByteArray(R"({"driver":"json-file","options":{"max-file":"3"}})");
    QTest::newRow("extra_hosts map") << QByteArray("extra_hosts") << QByteArray("{db: 10.0.0.2}")
                                     << QByteArray(R"(["db=10.0.0.2"])");
    QTest::newRow("deploy resources")
        << QByteArray("deploy")
        << QByteArray("{replicas: \"2\", resources: {limits: {cpus: \"0.50\", memory: 50M, "
                      "pids: 10}}, restart_policy: {delay: 5s}}")
        << QByteArray(R"({"replicas":2,"resources":{"limits":{"cpus":0.5,"memory":52428800,)"
                      R"("pids":10}},"restart_policy":{"delay":"5s"}})");
}

void TestComposeNormalizer::serviceKeys()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(serviceKey(key, value), expected);
}

void TestComposeNormalizer::errors_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");

    QTest::newRow("bad port") << QByteArray("services:\n  web:\n    ports:\n      - \"abc:80\"\n")
                              << 4 << QStringLiteral("services.web.ports[0]: expected a port");
    QTest::newRow("bad mem_limit")
        << QByteArray("services:\n  web:\n    mem_limit: lots\n") << 3
        << QStringLiteral("services.web.mem_limit: expected a byte size");
    QTest::newRow("services list")
        << QByteArray("services: []\n") << 1 << QStringLiteral("services: expected a mapping");
    QTest::newRow("service string") << QByteArray("services:\n  web: nginx\n") << 2
                                    << QStringLiteral("services.web: expected a mapping");
    QTest::newRow("bare duration") << QByteArray("services:\n  web:\n    healthcheck:\n      "
                                                 "interval: 10\n")
                                   << 4
                                   << QStringLiteral("services.web.healthcheck.interval: expected "
                                                     "a duration");
    QTest::newRow("bad bool") << QByteArray("services:\n  web:\n    privileged: maybe\n") << 3
                              << QStringLiteral("services.web.privileged: expected a boolean");
    QTest::newRow("empty volume section")
        << QByteArray("services:\n  web:\n    volumes: [\"data::/x\"]\n") << 3
        << QStringLiteral("services.web.volumes[0]: expected a volume");
    QTest::newRow("volume without type")
        << QByteArray("services:\n  web:\n    volumes:\n      - target: /x\n") << 4
        << QStringLiteral("services.web.volumes[0]: expected a mount with a \"type\"");
    QTest::newRow("ports not a list") << QByteArray("services:\n  web:\n    ports: \"80\"\n") << 3
                                      << QStringLiteral("services.web.ports: expected a list");
    QTest::newRow("port range mismatch")
        << QByteArray("services:\n  web:\n    ports: [\"1-3:1-2\"]\n") << 3
        << QStringLiteral("ranges differ");
    QTest::newRow("unbalanced command")
        << QByteArray("services:\n  web:\n    command: echo \"oops\n") << 3
        << QStringLiteral("services.web.command: expected a command with balanced quotes");
}

void TestComposeNormalizer::errors()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(QString, message);
    Diagnostics warnings;
    try {
        ComposeNormalizer::normalize(parse(yaml), context(), warnings);
        QFAIL("no error");
    } catch (const ComposeError &e) {
        const Diagnostic &d = e.diagnostic();
        QVERIFY2(d.message.contains(message), qPrintable(d.message));
        QCOMPARE(d.origin.file, kFile);
        QCOMPARE(d.origin.line, line);
        QVERIFY(d.toString().startsWith(kFile + u':' + QString::number(line) + u':'));
    }
}

void TestComposeNormalizer::durations_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<qint64>("nanoseconds");
    QTest::addColumn<QString>("go");
    QTest::newRow("1m30s") << QStringLiteral("1m30s") << Q_INT64_C(90'000'000'000)
                           << QStringLiteral("1m30s");
    QTest::newRow("90s") << QStringLiteral("90s") << Q_INT64_C(90'000'000'000)
                         << QStringLiteral("1m30s");
    QTest::newRow("1h") << QStringLiteral("1h") << Q_INT64_C(3'600'000'000'000)
                        << QStringLiteral("1h0m0s");
    QTest::newRow("1.5s") << QStringLiteral("1.5s") << Q_INT64_C(1'500'000'000)
                          << QStringLiteral("1.5s");
    QTest::newRow("500ms") << QStringLiteral("500ms") << Q_INT64_C(500'000'000)
                           << QStringLiteral("500ms");
    QTest::newRow("1500us") << QStringLiteral("1500us") << Q_INT64_C(1'500'000)
                            << QStringLiteral("1.5ms");
    QTest::newRow("10ns") << QStringLiteral("10ns") << Q_INT64_C(10) << QStringLiteral("10ns");
    QTest::newRow("0") << QStringLiteral("0") << Q_INT64_C(0) << QStringLiteral("0s");
    QTest::newRow("2h32m") << QStringLiteral("2h32m") << Q_INT64_C(9'120'000'000'000)
                           << QStringLiteral("2h32m0s");
}

void TestComposeNormalizer::durations()
{
    QFETCH(QString, input);
    QFETCH(qint64, nanoseconds);
    QFETCH(QString, go);
    QCOMPARE(ComposeNormalizer::parseDuration(input), std::optional<qint64>(nanoseconds));
    const QByteArray out = serviceKey("stop_grace_period", input.toUtf8());
    QCOMPARE(out, (u'"' + go + u'"').toUtf8());
    QCOMPARE(ComposeNormalizer::parseDuration(QStringLiteral("10")), std::nullopt);
    QCOMPARE(ComposeNormalizer::parseDuration(QStringLiteral("1x")), std::nullopt);
    QCOMPARE(ComposeNormalizer::parseDuration(QStringLiteral("s")), std::nullopt);
}

void TestComposeNormalizer::byteSizes()
{
    QCOMPARE(ComposeNormalizer::parseByteSize(QStringLiteral("1024")), 1024);
    QCOMPARE(ComposeNormalizer::parseByteSize(QStringLiteral("1k")), 1024);
    QCOMPARE(ComposeNormalizer::parseByteSize(QStringLiteral("2GB")), Q_INT64_C(2147483648));
    QCOMPARE(ComposeNormalizer::parseByteSize(QStringLiteral("1.5m")), 1572864);
    QCOMPARE(ComposeNormalizer::parseByteSize(QStringLiteral("10 MiB")), 10485760);
    QCOMPARE(ComposeNormalizer::parseByteSize(QStringLiteral("lots")), std::nullopt);
    QCOMPARE(ComposeNormalizer::parseByteSize(QStringLiteral("-1m")), std::nullopt);
}

void TestComposeNormalizer::environmentList()
{
    QCOMPARE(serviceKey("environment", "[A=1, B=x=y, FROM_ENV, UNSET, C=]"),
             QByteArray(R"({"A":"1","B":"x=y","FROM_ENV":"env-value","UNSET":null,"C":""})"));
}

void TestComposeNormalizer::envFilePrecedence()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath(QStringLiteral("a.env")), "A=from-a\nB=from-a\nC=from-a\n");
    writeFile(dir.filePath(QStringLiteral("b.env")), "# comment\nB=from-b\nD=${FROM_ENV}-d\n");
    const QByteArray yaml
        = "services:\n  web:\n    env_file:\n      - a.env\n"
          "      - path: b.env\n      - path: missing.env\n        required: false\n"
          "    environment:\n      C: explicit\n";
    Diagnostics warnings;
    const Node out = ComposeNormalizer::normalize(
        parse(yaml, dir.filePath(QStringLiteral("compose.yaml"))), context(dir.path()), warnings);
    const Node web = out.value(QStringLiteral("services")).value(QStringLiteral("web"));
    QVERIFY(!web.contains(QStringLiteral("env_file")));
    const Node env = web.value(QStringLiteral("environment"));
    QCOMPARE(json(env),
             QByteArray(R"({"C":"explicit","A":"from-a","B":"from-b","D":"env-value-d"})"));
    // Variables from a file point at the file and line they were defined on.
    QCOMPARE(env.value(QStringLiteral("B")).origin().file, dir.filePath(QStringLiteral("b.env")));
    QCOMPARE(env.value(QStringLiteral("B")).origin().line, 2);
    QCOMPARE(env.value(QStringLiteral("C")).origin().line, 9);
    QVERIFY(env.value(QStringLiteral("C")).isQuoted());
}

void TestComposeNormalizer::envFileMissing()
{
    const QByteArray yaml = "services:\n  web:\n    image: x\n    env_file: nowhere.env\n";
    Diagnostics warnings;
    try {
        ComposeNormalizer::normalize(parse(yaml), context(), warnings);
        QFAIL("no error");
    } catch (const ComposeError &e) {
        QCOMPARE(e.diagnostic().origin.line, 4);
        QVERIFY2(e.diagnostic().message.contains(QStringLiteral("/project/nowhere.env")),
                 qPrintable(e.diagnostic().message));
    }
}

void TestComposeNormalizer::unknownKeysWarn()
{
    const QByteArray yaml = "version: \"3.8\"\nservices:\n  web:\n    image: nginx\n"
                            "    imagee: typo\n    x-custom: {a: 1}\n"
                            "    ports:\n      - target: 80\n        bogus: 1\n"
                            "frobnicate: 1\nx-top: 2\n";
    Diagnostics warnings;
    const Node out = ComposeNormalizer::normalize(parse(yaml), context(), warnings);
    QCOMPARE(warnings.size(), 4);
    QCOMPARE(warnings[0].origin.line, 10);
    QVERIFY(warnings[0].message.contains(QStringLiteral("\"frobnicate\"")));
    QCOMPARE(warnings[1].origin.line, 1);
    QVERIFY(warnings[1].message.contains(QStringLiteral("version")));
    QCOMPARE(warnings[2].origin.line, 5);
    QCOMPARE(warnings[2].message, QStringLiteral("services.web: unknown key \"imagee\" ignored"));
    QCOMPARE(warnings[3].origin.line, 9);
    QVERIFY(warnings[3].message.contains(QStringLiteral("services.web.ports[0]")));
    for (const Diagnostic &w : warnings)
        QCOMPARE(w.severity, Diagnostic::Severity::Warning);
    const Node web = out.value(QStringLiteral("services")).value(QStringLiteral("web"));
    QVERIFY(!web.contains(QStringLiteral("imagee")));
    QVERIFY(web.contains(QStringLiteral("x-custom")));
    QVERIFY(out.contains(QStringLiteral("x-top")));
    QVERIFY(!out.contains(QStringLiteral("frobnicate")));
    QVERIFY(!out.contains(QStringLiteral("version")));
}

void TestComposeNormalizer::defaultNetwork()
{
    const QByteArray yaml = "name: shop\nservices:\n  web:\n    image: nginx\n"
                            "  host:\n    image: x\n    network_mode: host\n"
                            "  api:\n    networks: [back]\nnetworks:\n  back:\n";
    Diagnostics warnings;
    const Node out = ComposeNormalizer::normalize(parse(yaml), context(), warnings);
    const Node services = out.value(QStringLiteral("services"));
    QCOMPARE(json(services.value(QStringLiteral("web")).value(QStringLiteral("networks"))),
             QByteArray(R"({"default":null})"));
    QVERIFY(!services.value(QStringLiteral("host")).contains(QStringLiteral("networks")));
    QCOMPARE(json(out.value(QStringLiteral("networks"))),
             QByteArray(R"({"back":{"name":"shop_back","ipam":{}},)"
                        R"("default":{"name":"shop_default","ipam":{}}})"));
    // The added network points at the service that needed it.
    QCOMPARE(out.value(QStringLiteral("networks")).value(QStringLiteral("default")).origin().line,
             3);
}

void TestComposeNormalizer::topLevelResources()
{
    const QByteArray yaml = "services: {}\nvolumes:\n  data:\n  ext:\n    external: true\n"
                            "  legacy:\n    external:\n      name: old\n"
                            "secrets:\n  pw:\n    file: ./secrets/pw.txt\n"
                            "configs:\n  cfg:\n    file: /etc/app.conf\n    name: fixed\n";
    Diagnostics warnings;
    const Node out = ComposeNormalizer::normalize(parse(yaml), context(), warnings);
    QCOMPARE(json(out.value(QStringLiteral("volumes"))),
             QByteArray(R"({"data":{},"ext":{"name":"ext","external":true},)"
                        R"("legacy":{"external":true,"name":"old"}})"));
    QCOMPARE(json(out.value(QStringLiteral("secrets"))),
             QByteArray(R"({"pw":{"file":"WD/secrets/pw.txt"}})"));
    QCOMPARE(json(out.value(QStringLiteral("configs"))),
             QByteArray(R"({"cfg":{"file":"/etc/app.conf","name":"fixed"}})"));
    QVERIFY(warnings.isEmpty());
}

void TestComposeNormalizer::originsKept()
{
    const QByteArray yaml = "services:\n  web:\n    ports:\n      - \"3000-3001:3000-3001\"\n"
                            "    environment:\n      - A=1\n    build: .\n";
    Diagnostics warnings;
    const Node out = ComposeNormalizer::normalize(parse(yaml), context(), warnings);
    const Node web = out.value(QStringLiteral("services")).value(QStringLiteral("web"));
    const Node ports = web.value(QStringLiteral("ports"));
    QCOMPARE(ports.items().size(), std::size_t(2));
    for (const Node &p : ports.items()) {
        QCOMPARE(p.origin().line, 4);
        for (const MapEntry &e : p.entries()) {
            QCOMPARE(e.value.origin().file, kFile);
            QCOMPARE(e.value.origin().line, 4);
        }
    }
    QCOMPARE(web.value(QStringLiteral("environment")).value(QStringLiteral("A")).origin().line, 6);
    const Node build = web.value(QStringLiteral("build"));
    QCOMPARE(build.value(QStringLiteral("dockerfile")).origin().line, 7);
    QCOMPARE(build.value(QStringLiteral("context")).origin().line, 7);
    QCOMPARE(web.value(QStringLiteral("networks")).origin().line, 3); // the service's body
}

void TestComposeNormalizer::resolveServicePaths()
{
    Node service = parse("build: ../app\nvolumes:\n  - ./data:/data:ro\n  - named:/x\n"
                         "  - {type: bind, source: conf, target: /c}\n"
                         "env_file: [a.env, {path: b.env, required: false}]\n"
                         "extends: {file: base.yaml, service: b}\n");
    ComposeNormalizer::resolveServicePaths(service, QStringLiteral("/base/dir"));
    QCOMPARE(
        json(service),
        QByteArray(R"({"build":"/base/app","volumes":["/base/dir/data:/data:ro","named:/x",)"
                   R"({"type":"bind","source":"/base/dir/conf","target":"/c"}],)"
                   R"("env_file":["/base/dir/a.env",{"path":"/base/dir/b.env","required":false}],)"
                   R"("extends":{"file":"/base/dir/base.yaml","service":"b"}})"));
    Node longBuild = parse("build: {dockerfile: D}\n");
    ComposeNormalizer::resolveServicePaths(longBuild, QStringLiteral("/base/dir"));
    QCOMPARE(json(longBuild), QByteArray(R"({"build":{"dockerfile":"D","context":"/base/dir"}})"));
}

void TestComposeNormalizer::jsonWriter()
{
    const Node doc
        = parse("b: 1\na: [true, \"true\", 0x10, 1.5e3, null, ~, .inf, \"x\\\"\\n\\u0001\"]\n"
                "c: {}\nd: []\ne: 007\n");
    QCOMPARE(NodeWriter::toJson(doc, false),
             QByteArray(R"({"b":1,"a":[true,"true",16,1.5e3,null,null,".inf","x\"\n\u0001"],)"
                        R"("c":{},"d":[],"e":7})"));
    QCOMPARE(NodeWriter::toJson(parse("a: [1]\n")), QByteArray("{\n  \"a\": [\n    1\n  ]\n}\n"));
}

void TestComposeNormalizer::yamlRoundTrip_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("scalars") << QByteArray("a: 1\nb: \"1\"\nc: true\nd: \"true\"\ne: null\n"
                                           "f: \"\"\ng: \"8080:80\"\nh: \"yes\"\ni: \"0440\"\n");
    QTest::newRow("special strings")
        << QByteArray("a: \"- x\"\nb: \"x: y\"\nc: \"# not a comment\"\nd: \"a\\nb\\tc\"\n"
                      "e: \" pad \"\nf: \"*alias\"\ng: \"{x}\"\nh: \"~\"\n\"<<\": merge-ish\n"
                      "\"key: colon\": 1\n");
    QTest::newRow("nesting") << QByteArray("a:\n  - [1, [2, {}]]\n  - {x: [], y: {z: w}}\n"
                                           "  - - nested\nb: {}\n");
    QTest::newRow("tags") << QByteArray("a: !reset []\nb: !override\n  - 1\nc: !reset null\n");
}

void TestComposeNormalizer::yamlRoundTrip()
{
    QFETCH(QByteArray, yaml);
    const Node doc = parse(yaml);
    const QByteArray written = NodeWriter::toYaml(doc);
    const Node again = parse(written, kFile);
    QVERIFY2(again.isMapping(), written.constData());
    QCOMPARE(NodeWriter::toJson(again, false), NodeWriter::toJson(doc, false));
    QCOMPARE(NodeWriter::toYaml(again), written);
    for (const MapEntry &e : doc.entries())
        QCOMPARE(again.value(e.key).tag(), e.value.tag());
}

void TestComposeNormalizer::normalizedRoundTrip()
{
    const QByteArray yaml = "name: demo\nservices:\n  web:\n    image: nginx:1.25\n"
                            "    ports: [\"8080:80\"]\n    environment: [A=1]\n"
                            "    command: nginx -g 'daemon off;'\n"
                            "    healthcheck: {test: [CMD, true], interval: 30s}\n"
                            "    deploy: {resources: {limits: {cpus: 1.5}}}\n";
    Diagnostics warnings;
    const Node out = ComposeNormalizer::normalize(parse(yaml), context(), warnings);
    const QByteArray written = NodeWriter::toYaml(out);
    const Node again = parse(written);
    QCOMPARE(NodeWriter::toJson(again), NodeWriter::toJson(out));
    // Normalising the canonical form again changes nothing.
    QCOMPARE(NodeWriter::toJson(ComposeNormalizer::normalize(again, context(), warnings)),
             NodeWriter::toJson(out));
    QVERIFY(warnings.isEmpty());
}

QTEST_GUILESS_MAIN(TestComposeNormalizer)
#include "tst_composenormalizer.moc"
