// ComposeV1Writer: the loaded model in docker-compose 1.29's dialect, one conversion at a
// time, on projects loaded by the real ComposeLoader and read back with YamlReader.

#include "projectfixture.h"

#include "compose/composeloader.h"
#include "compose/yamlreader.h"
#include "scans/composev1writer.h"

#include <QTest>

using namespace threatdock;
using threatdock::compose::Node;
using threatdock::scans::ComposeV1Writer;
using threatdock::testing::ProjectFixture;

namespace {

struct Written
{
    ComposeV1Writer::Result result;
    Node document; ///< the YAML read back; Null when nothing was written
    QString file;  ///< the fixture's compose.yaml, as notes and errors name it
};

/// Loads compose.yaml (and compose.override.yaml when there is one) and writes it for v1.
Written writeV1(const ProjectFixture &fixture, const compose::Environment &environment = {})
{
    compose::ComposeLoader::Options options;
    options.path = fixture.path();
    options.processEnvironment = environment;
    const auto loaded = compose::ComposeLoader::load(options);
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error->toString()));
    Written w;
    w.file = fixture.path(QStringLiteral("compose.yaml"));
    w.result = ComposeV1Writer::write(loaded.project->model);
    if (w.result.ok()) {
        const auto yaml = compose::YamlReader::readText(w.result.yaml, QStringLiteral("v1.yaml"));
        if (!yaml.ok() || yaml.documents.size() != 1)
            qFatal("unreadable output:\n%s", w.result.yaml.constData());
        w.document = yaml.documents.front();
    }
    return w;
}

const Node &serviceOf(const Written &w, const char *name)
{
    return w.document.value(QStringLiteral("services")).value(QString::fromUtf8(name));
}

QStringList texts(const Node &sequence)
{
    QStringList out;
    for (const Node &item : sequence.items())
        out << item.text();
    return out;
}

} // namespace

class TestComposeV1Writer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void projectNameGoesWithDashP()
    {
        ProjectFixture fixture{
            {"compose.yaml", "name: shop\nservices:\n  api:\n    image: nginx\n"}};
        const Written w = writeV1(fixture);
        QVERIFY2(w.result.ok(), qPrintable(w.result.error));
        QVERIFY(!w.document.contains(QStringLiteral("name")));
        QCOMPARE(serviceOf(w, "api").value(QStringLiteral("image")).text(),
                 QStringLiteral("nginx"));
    }

    void includeResetAndOverrideAreApplied()
    {
        // What v1 cannot parse is already applied in the model: the merge has none of it.
        ProjectFixture fixture{{"compose.yaml",
                                "include:\n  - db.yaml\n"
                                "services:\n"
                                "  api:\n"
                                "    image: nginx\n"
                                "    network_mode: host\n"
                                "    ports: [\"8080:80\"]\n"},
                               {"compose.override.yaml",
                                "services:\n"
                                "  api:\n"
                                "    network_mode: !reset null\n"
                                "    ports: !override\n"
                                "      - \"127.0.0.1:8080:80\"\n"},
                               {"db.yaml", "services:\n  db:\n    image: postgres\n"}};
        const Written w = writeV1(fixture);
        QVERIFY2(w.result.ok(), qPrintable(w.result.error));
        QVERIFY(!w.result.yaml.contains("include"));
        QVERIFY(!w.result.yaml.contains("!"));
        QCOMPARE(w.document.value(QStringLiteral("services")).keys(),
                 (QStringList{QStringLiteral("api"), QStringLiteral("db")}));
        QVERIFY(!serviceOf(w, "api").contains(QStringLiteral("network_mode")));
        QCOMPARE(texts(serviceOf(w, "api").value(QStringLiteral("ports"))),
                 QStringList{QStringLiteral("127.0.0.1:8080:80/tcp")});
    }

    void dollarsAreEscaped()
    {
        // `$$` in the file is a literal `$` in the model; v1 interpolates once more.
        ProjectFixture fixture{{"compose.yaml",
                                "services:\n"
                                "  api:\n"
                                "    image: nginx\n"
                                "    environment:\n"
                                "      PASSWORD: ${PASSWORD}\n"
                                "      LITERAL: \"a$$b\"\n"
                                "    command: [\"sh\", \"-c\", \"echo $$HOME\"]\n"
                                "    labels:\n"
                                "      price: \"$$5\"\n"
                                "x-note: \"$$kept\"\n"}};
        const Written w
            = writeV1(fixture, {{QStringLiteral("PASSWORD"), QStringLiteral("p$w${d}")}});
        QVERIFY2(w.result.ok(), qPrintable(w.result.error));
        const Node &api = serviceOf(w, "api");
        QCOMPARE(api.value(QStringLiteral("environment")).value(QStringLiteral("PASSWORD")).text(),
                 QStringLiteral("p$$w$${d}"));
        QCOMPARE(api.value(QStringLiteral("environment")).value(QStringLiteral("LITERAL")).text(),
                 QStringLiteral("a$$b"));
        QCOMPARE(texts(api.value(QStringLiteral("command"))),
                 (QStringList{QStringLiteral("sh"), QStringLiteral("-c"),
                              QStringLiteral("echo $$HOME")}));
        QCOMPARE(api.value(QStringLiteral("labels")).value(QStringLiteral("price")).text(),
                 QStringLiteral("$$5"));
        // Top-level extensions are not interpolated by v1: left as they are.
        QCOMPARE(w.document.value(QStringLiteral("x-note")).text(), QStringLiteral("$kept"));
    }

    void portsInTheShortForm()
    {
        ProjectFixture fixture{{"compose.yaml",
                                "services:\n"
                                "  api:\n"
                                "    image: nginx\n"
                                "    ports:\n"
                                "      - \"127.0.0.1:5000:5000\"\n"
                                "      - target: 53\n"
                                "        published: \"5353\"\n"
                                "        host_ip: \"::1\"\n"
                                "        protocol: udp\n"
                                "      - \"8000-8002:80\"\n"
                                "      - \"127.0.0.1::81\"\n"
                                "      - \"82\"\n"
                                "      - \"127.0.0.1:5000:5000/tcp\"\n"}};
        const Written w = writeV1(fixture);
        QVERIFY2(w.result.ok(), qPrintable(w.result.error));
        QCOMPARE(
            texts(serviceOf(w, "api").value(QStringLiteral("ports"))),
            (QStringList{QStringLiteral("127.0.0.1:5000:5000/tcp"),
                         QStringLiteral("[::1]:5353:53/udp"), QStringLiteral("8000-8002:80/tcp"),
                         QStringLiteral("127.0.0.1::81/tcp"), QStringLiteral("82/tcp")}));
        QVERIFY(!w.result.yaml.contains("host_ip"));
    }

    void mounts()
    {
        ProjectFixture fixture{{"compose.yaml",
                                "services:\n"
                                "  api:\n"
                                "    image: nginx\n"
                                "    tmpfs: [/run]\n"
                                "    volumes:\n"
                                "      - ./data:/data:ro,z\n"
                                "      - type: bind\n"
                                "        source: ./conf\n"
                                "        target: /conf\n"
                                "      - cache:/cache:nocopy\n"
                                "      - type: tmpfs\n"
                                "        target: /scratch\n"
                                "        tmpfs:\n"
                                "          size: 1048576\n"
                                "          mode: 01777\n"
                                "volumes:\n"
                                "  cache: {}\n"}};
        const Written w = writeV1(fixture);
        QVERIFY2(w.result.ok(), qPrintable(w.result.error));
        const Node &api = serviceOf(w, "api");
        const Node &volumes = api.value(QStringLiteral("volumes"));
        QCOMPARE(volumes.items().size(), std::size_t(3));
        // A bind whose host path Compose creates: the short form, options kept.
        QCOMPARE(volumes.items()[0].text(),
                 fixture.path(QStringLiteral("data")) + QStringLiteral(":/data:ro,z"));
        // Long syntax without create_host_path stays long (the engine then creates nothing).
        const Node &conf = volumes.items()[1];
        QCOMPARE(conf.value(QStringLiteral("source")).text(), fixture.path(QStringLiteral("conf")));
        QVERIFY(!conf.contains(QStringLiteral("bind")));
        QCOMPARE(volumes.items()[2]
                     .value(QStringLiteral("volume"))
                     .value(QStringLiteral("nocopy"))
                     .toBool(),
                 std::optional<bool>(true));
        // A tmpfs mount with a mode: v1 has the mode only in the service's tmpfs list.
        QCOMPARE(texts(api.value(QStringLiteral("tmpfs"))),
                 (QStringList{QStringLiteral("/run"),
                              QStringLiteral("/scratch:size=1048576,mode=01777")}));
    }

    void dependsOnKeepsTheCondition()
    {
        ProjectFixture fixture{{"compose.yaml",
                                "services:\n"
                                "  api:\n"
                                "    image: nginx\n"
                                "    depends_on:\n"
                                "      db:\n"
                                "        condition: service_healthy\n"
                                "        restart: true\n"
                                "      cache:\n"
                                "        condition: service_started\n"
                                "        required: false\n"
                                "  db:\n"
                                "    image: postgres\n"}};
        const Written w = writeV1(fixture);
        QVERIFY2(w.result.ok(), qPrintable(w.result.error));
        const Node &dependsOn = serviceOf(w, "api").value(QStringLiteral("depends_on"));
        QCOMPARE(dependsOn.keys(), QStringList{QStringLiteral("db")});
        QCOMPARE(dependsOn.value(QStringLiteral("db")).keys(),
                 QStringList{QStringLiteral("condition")});
        QCOMPARE(dependsOn.value(QStringLiteral("db")).value(QStringLiteral("condition")).text(),
                 QStringLiteral("service_healthy"));
        QCOMPARE(w.result.notes.size(), 2);
        QVERIFY2(w.result.notes.at(0).startsWith(w.file
                                                 + QStringLiteral(":7: services.api."
                                                                  "depends_on.db.restart "
                                                                  "left out: ")),
                 qPrintable(w.result.notes.at(0)));
        QVERIFY2(w.result.notes.at(1).startsWith(
                     w.file + QStringLiteral(":8: services.api.depends_on.cache left out: ")),
                 qPrintable(w.result.notes.at(1)));
    }

    void deployResourcesBecomeServiceKeys()
    {
        ProjectFixture fixture{{"compose.yaml",
                                "services:\n"
                                "  api:\n"
                                "    image: nginx\n"
                                "    mem_limit: 1g\n"
                                "    mem_reservation: 64m\n"
                                "    deploy:\n"
                                "      replicas: 1\n"
                                "      resources:\n"
                                "        limits: {memory: 256m, cpus: '0.5', "
                                "pids: 100}\n"
                                "        reservations:\n"
                                "          devices:\n"
                                "            - capabilities: [gpu]\n"
                                "  db:\n"
                                "    image: postgres\n"
                                "    deploy:\n"
                                "      resources:\n"
                                "        limits: {cpus: '2'}\n"}};
        const Written w = writeV1(fixture);
        QVERIFY2(w.result.ok(), qPrintable(w.result.error));
        const Node &api = serviceOf(w, "api");
        // v2's precedence: the deploy limits win over mem_limit.
        QCOMPARE(api.value(QStringLiteral("mem_limit")).toInt(), std::optional<qint64>(268435456));
        QCOMPARE(api.value(QStringLiteral("cpus")).toDouble(), std::optional<double>(0.5));
        QCOMPARE(api.value(QStringLiteral("pids_limit")).toInt(), std::optional<qint64>(100));
        const Node &resources
            = api.value(QStringLiteral("deploy")).value(QStringLiteral("resources"));
        QVERIFY(!resources.contains(QStringLiteral("limits")));
        // Devices stay, with the reservation v1 copies over mem_reservation (as a string).
        const Node &reservations = resources.value(QStringLiteral("reservations"));
        QCOMPARE(reservations.value(QStringLiteral("memory")).text(), QStringLiteral("67108864"));
        QVERIFY(reservations.value(QStringLiteral("memory")).isQuoted());
        QCOMPARE(reservations.value(QStringLiteral("devices")).items().size(), std::size_t(1));
        QCOMPARE(api.value(QStringLiteral("deploy")).value(QStringLiteral("replicas")).toInt(),
                 std::optional<qint64>(1));
        // A service whose deploy held only limits has no deploy left: v1 would otherwise
        // set its mem_limit to none.
        const Node &db = serviceOf(w, "db");
        QVERIFY(!db.contains(QStringLiteral("deploy")));
        QCOMPARE(db.value(QStringLiteral("cpus")).toDouble(), std::optional<double>(2.0));
    }

    void hostsDevicesConfigsAndPullPolicy()
    {
        ProjectFixture fixture{{"compose.yaml",
                                "services:\n"
                                "  api:\n"
                                "    image: nginx\n"
                                "    pull_policy: missing\n"
                                "    extra_hosts:\n"
                                "      db.local: 10.0.0.5\n"
                                "      v6.local: \"::1\"\n"
                                "    devices:\n"
                                "      - source: /dev/fuse\n"
                                "        target: /dev/fuse\n"
                                "        permissions: rwm\n"
                                "    configs:\n"
                                "      - source: site\n"
                                "        target: /etc/nginx/site.conf\n"
                                "      - other\n"
                                "configs:\n"
                                "  site:\n"
                                "    file: ./site.conf\n"
                                "  other:\n"
                                "    file: ./other.conf\n"},
                               {"site.conf", ""},
                               {"other.conf", ""}};
        const Written w = writeV1(fixture);
        QVERIFY2(w.result.ok(), qPrintable(w.result.error));
        const Node &api = serviceOf(w, "api");
        QCOMPARE(api.value(QStringLiteral("pull_policy")).text(), QStringLiteral("if_not_present"));
        QCOMPARE(
            texts(api.value(QStringLiteral("extra_hosts"))),
            (QStringList{QStringLiteral("db.local:10.0.0.5"), QStringLiteral("v6.local:::1")}));
        QCOMPARE(texts(api.value(QStringLiteral("devices"))),
                 QStringList{QStringLiteral("/dev/fuse:/dev/fuse:rwm")});
        // v1 would drop configs: they become the read-only binds v2 makes of them.
        QVERIFY(!api.contains(QStringLiteral("configs")));
        QVERIFY(!w.document.contains(QStringLiteral("configs")));
        QCOMPARE(texts(api.value(QStringLiteral("volumes"))),
                 (QStringList{fixture.path(QStringLiteral("site.conf"))
                                  + QStringLiteral(":/etc/nginx/site.conf:ro"),
                              fixture.path(QStringLiteral("other.conf"))
                                  + QStringLiteral(":/other:ro")}));
    }

    void yaml11TypesSurvive()
    {
        // PyYAML reads YAML 1.1: yes/no/on/off are booleans and 0755 is octal there.
        ProjectFixture fixture{{"compose.yaml",
                                "services:\n"
                                "  api:\n"
                                "    image: nginx\n"
                                "    environment:\n"
                                "      FLAG: \"yes\"\n"
                                "      MODE: \"0755\"\n"
                                "      TIME: \"1:20\"\n"
                                "    read_only: true\n"
                                "    cpus: 1.0\n"
                                "    profiles: [web]\n"},
                               {".env", "COMPOSE_PROFILES=web\n"}};
        const Written w = writeV1(fixture);
        QVERIFY2(w.result.ok(), qPrintable(w.result.error));
        QVERIFY(w.result.yaml.contains("FLAG: \"yes\""));
        QVERIFY(w.result.yaml.contains("MODE: \"0755\""));
        QVERIFY(w.result.yaml.contains("TIME: \"1:20\""));
        QVERIFY(w.result.yaml.contains("read_only: true\n"));
        QVERIFY(w.result.yaml.contains("cpus: 1.0\n") || w.result.yaml.contains("cpus: 1\n"));
        // The model holds the active services only: v1 gets no profiles to select.
        QVERIFY(!serviceOf(w, "api").contains(QStringLiteral("profiles")));
    }

    void leftOutWithANote()
    {
        ProjectFixture fixture{{"compose.yaml",
                                "services:\n"
                                "  api:\n"
                                "    build:\n"
                                "      context: .\n"
                                "      tags: [\"shop/api:1\"]\n"
                                "      no_cache: false\n"
                                "    healthcheck:\n"
                                "      test: [\"CMD\", \"true\"]\n"
                                "      start_interval: 2s\n"
                                "    develop:\n"
                                "      watch:\n"
                                "        - action: rebuild\n"
                                "          path: .\n"}};
        const Written w = writeV1(fixture);
        QVERIFY2(w.result.ok(), qPrintable(w.result.error));
        const Node &api = serviceOf(w, "api");
        QVERIFY(!api.value(QStringLiteral("build")).contains(QStringLiteral("tags")));
        QVERIFY(!api.value(QStringLiteral("build")).contains(QStringLiteral("no_cache")));
        QVERIFY(
            !api.value(QStringLiteral("healthcheck")).contains(QStringLiteral("start_interval")));
        QVERIFY(!api.contains(QStringLiteral("develop")));
        // no_cache: false is the default: leaving it out needs no note.
        // The service's own keys first, then those inside its keys.
        const QStringList expected{
            w.file + QStringLiteral(":10: services.api.develop left out"),
            w.file + QStringLiteral(":5: services.api.build.tags left out"),
            w.file + QStringLiteral(":9: services.api.healthcheck.start_interval left out")};
        QCOMPARE(w.result.notes.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            QVERIFY2(w.result.notes.at(i).startsWith(expected.at(i)),
                     qPrintable(w.result.notes.at(i)));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("compose");
        QTest::addColumn<QString>("error"); // after "<file>:"
        const QByteArray secretService = "services:\n"
                                         "  api:\n"
                                         "    image: nginx\n"
                                         "    environment:\n"
                                         "      DB_PASSWORD: Sup3r-s3cret-value\n";
        QTest::newRow("build ssh")
            << QByteArray("services:\n  api:\n    environment:\n      TOKEN: Sup3r-s3cret-value\n"
                          "    build:\n      context: .\n      ssh: [default]\n")
            << QStringLiteral("7: services.api.build.ssh: docker-compose 1.29 (Compose v1) "
                              "cannot forward SSH to a build (ssh); install the docker compose "
                              "plugin (Compose v2)");
        QTest::newRow("uts") << secretService + "    uts: host\n"
                             << QStringLiteral("6: services.api.uts: docker-compose 1.29 (Compose "
                                               "v1) cannot set the UTS namespace (uts); install "
                                               "the docker compose plugin (Compose v2)");
        QTest::newRow("secret from the environment")
            << secretService
                + "    secrets: [token]\nsecrets:\n  token:\n"
                  "    environment: DB_PASSWORD\n"
            << QStringLiteral("9: secrets.token.environment: docker-compose 1.29 (Compose v1) "
                              "cannot make a secret from an environment variable; put the value "
                              "in a git-ignored file and name it with file:; install the docker "
                              "compose plugin (Compose v2)");
        QTest::newRow("volume subpath")
            << secretService
                + "    volumes:\n      - type: volume\n        source: data\n"
                  "        target: /data\n        volume:\n"
                  "          subpath: Sup3r-s3cret-value\nvolumes:\n  data: {}\n"
            << QStringLiteral("7: services.api.volumes[0].volume.subpath: docker-compose 1.29 "
                              "(Compose v1) cannot mount a subpath of a volume; install the "
                              "docker compose plugin (Compose v2)");
    }

    void refusals()
    {
        QFETCH(QByteArray, compose);
        QFETCH(QString, error);
        ProjectFixture fixture{{"compose.yaml", compose.constData()}};
        const Written w = writeV1(fixture);
        QVERIFY(!w.result.ok());
        QVERIFY(w.result.yaml.isEmpty());
        QCOMPARE(w.result.error, w.file + u':' + error);
        // The project's values never reach a message.
        QVERIFY(!w.result.error.contains(QStringLiteral("s3cret")));
        for (const QString &note : w.result.notes)
            QVERIFY(!note.contains(QStringLiteral("s3cret")));
    }
};

QTEST_GUILESS_MAIN(TestComposeV1Writer)
#include "tst_composev1writer.moc"
