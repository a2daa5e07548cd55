// The Docker driver without an engine: finding docker and Compose (v2 plugin, v1
// fallback), the exact argument lists, Compose v1's copies, and ComposeDriver's progress,
// failure, cancel and health waiting against stand-in executables (fakedocker.h).

#include "fakedocker.h"
#include "projectfixture.h"

#include "compose/composeloader.h"
#include "scans/composedriver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace threatdock::scans;
using threatdock::testing::FakeDocker;
using threatdock::testing::ProjectFixture;

namespace {

/// One container as `docker inspect` shows it, with the fields the wait reads.
QJsonObject container(const QString &service, const QString &status, const QString &health,
                      const QString &healthOutput = QString(), int exitCode = 0)
{
    QJsonObject state{{QStringLiteral("Status"), status},
                      {QStringLiteral("Running"), status == u"running"},
                      {QStringLiteral("ExitCode"), exitCode}};
    if (!health.isEmpty())
        state.insert(
            QStringLiteral("Health"),
            QJsonObject{{QStringLiteral("Status"), health},
                        {QStringLiteral("Log"),
                         QJsonArray{QJsonObject{{QStringLiteral("ExitCode"), 1},
                                                {QStringLiteral("Output"), healthOutput}}}}});
    return QJsonObject{
        {QStringLiteral("Id"), service + QStringLiteral("0123456789abcdef")},
        {QStringLiteral("Name"), QStringLiteral("/shop-%1-1").arg(service)},
        {QStringLiteral("Image"), QStringLiteral("sha256:") + service},
        {QStringLiteral("Config"),
         QJsonObject{
             {QStringLiteral("Labels"),
              QJsonObject{{QStringLiteral("com.docker.compose.project"), QStringLiteral("shop")},
                          {QStringLiteral("com.docker.compose.service"), service}}}}},
        {QStringLiteral("State"), state},
        {QStringLiteral("HostConfig"), QJsonObject{}},
    };
}

QByteArray inspectJson(const QJsonArray &containers)
{
    return QJsonDocument(containers).toJson();
}

ComposeProjectRef projectRef(const ProjectFixture &fixture, const QStringList &files)
{
    ComposeProjectRef ref;
    ref.name = QStringLiteral("shop");
    ref.workingDir = fixture.path();
    for (const QString &f : files)
        ref.files << fixture.path(f);
    ref.envFiles = {fixture.path(QStringLiteral("prod.env"))};
    ref.profiles = {QStringLiteral("debug")};
    return ref;
}

/// A project whose overlay uses `ports: !override` (what the hardening planner writes),
/// with a secret in its .env.
ProjectFixture overrideProject()
{
    return ProjectFixture{
        {"compose.yaml",
         "name: shop\nservices:\n  api:\n    image: nginx\n"
         "    environment:\n      TOKEN: ${TOKEN}\n"
         "    ports:\n      - \"5000:5000\"\n"},
        {"compose.hardening.yaml",
         "services:\n  api:\n    ports: !override\n      - \"127.0.0.1:5000:5000\"\n"},
        {".env", "TOKEN='t0ken-$ecret'\n"}};
}

/// The fixture loaded as threatdock-cli build/up/down load it, as a ComposeProjectRef.
ComposeProjectRef loadedRef(const ProjectFixture &fixture)
{
    threatdock::compose::ComposeLoader::Options options;
    options.files = {fixture.path(QStringLiteral("compose.yaml")),
                     fixture.path(QStringLiteral("compose.hardening.yaml"))};
    options.processEnvironment = threatdock::compose::Environment{};
    options.lenient = true;
    const auto loaded = threatdock::compose::ComposeLoader::load(options);
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error->toString()));
    return ComposeProjectRef::from(*loaded.project, {}, {});
}

ComposeTool composeV1()
{
    ComposeTool tool;
    tool.program = QStringLiteral("/usr/bin/docker-compose");
    tool.flavor = ComposeTool::Flavor::Standalone;
    tool.version = QStringLiteral("1.29.2");
    return tool;
}

ComposeTool locateIn(const FakeDocker &fake)
{
    return DockerCompose::locate(QProcessEnvironment::systemEnvironment(), {fake.dir()});
}

} // namespace

class TestDockerCompose : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void missingDockerSaysHowToInstallIt()
    {
        QTemporaryDir empty;
        const ComposeTool tool
            = DockerCompose::locate(QProcessEnvironment::systemEnvironment(), {empty.path()});
        QVERIFY(!tool.found());
        QCOMPARE(tool.error, QStringLiteral("docker not found: apt-get install docker.io"));
    }

    void dockerWithoutComposeSaysHowToInstallIt()
    {
        FakeDocker fake(FakeDocker::NoCompose);
        const ComposeTool tool = locateIn(fake);
        QVERIFY(!tool.found());
        QCOMPARE(tool.docker, fake.program(QStringLiteral("docker")));
        QVERIFY2(tool.error.contains(QStringLiteral("apt-get install docker-compose")),
                 qPrintable(tool.error));
    }

    void prefersThePlugin()
    {
        FakeDocker fake(FakeDocker::Plugin);
        const ComposeTool tool = locateIn(fake);
        QVERIFY2(tool.found(), qPrintable(tool.error));
        QCOMPARE(tool.flavor, ComposeTool::Flavor::Plugin);
        QCOMPARE(tool.program, fake.program(QStringLiteral("docker")));
        QCOMPARE(tool.prefix, QStringList{QStringLiteral("compose")});
        QCOMPARE(tool.version, QStringLiteral("2.24.6"));
        QCOMPARE(tool.dockerVersion, QStringLiteral("24.0.7"));
        QVERIFY(!tool.isV1());
        QCOMPARE(tool.describe(), QStringLiteral("docker compose 2.24.6"));
    }

    void fallsBackToDockerComposeV1()
    {
        FakeDocker fake(FakeDocker::Standalone);
        const ComposeTool tool = locateIn(fake);
        QVERIFY2(tool.found(), qPrintable(tool.error));
        QCOMPARE(tool.flavor, ComposeTool::Flavor::Standalone);
        QCOMPARE(tool.program, fake.program(QStringLiteral("docker-compose")));
        QVERIFY(tool.prefix.isEmpty());
        QCOMPARE(tool.version, QStringLiteral("1.29.2"));
        QVERIFY(tool.isV1());
        // The plugin was asked first.
        const QList<QStringList> calls = fake.calls();
        QVERIFY(calls.contains(QStringList{QStringLiteral("docker"), QStringLiteral("compose"),
                                           QStringLiteral("version")}));
    }

    void argumentLists_data()
    {
        QTest::addColumn<bool>("v1");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("expected"); // after the global options
        const QStringList build{QStringLiteral("build"),
                                QStringLiteral("--build-arg"),
                                QStringLiteral("BASE_IMAGE=local/python:3"),
                                QStringLiteral("--build-arg"),
                                QStringLiteral("OFFLINE=1"),
                                QStringLiteral("--no-cache"),
                                QStringLiteral("--"),
                                QStringLiteral("api")};
        const QStringList up{QStringLiteral("up"),         QStringLiteral("-d"),
                             QStringLiteral("--no-build"), QStringLiteral("--no-deps"),
                             QStringLiteral("--"),         QStringLiteral("api"),
                             QStringLiteral("-weird-name")};
        const QStringList down{QStringLiteral("down"), QStringLiteral("--remove-orphans"),
                               QStringLiteral("--volumes"), QStringLiteral("--timeout"),
                               QStringLiteral("5")};
        const QStringList ps{QStringLiteral("ps"), QStringLiteral("-a")};
        const QStringList logs{QStringLiteral("logs"),   QStringLiteral("--no-color"),
                               QStringLiteral("--tail"), QStringLiteral("30"),
                               QStringLiteral("--"),     QStringLiteral("db")};
        for (bool v1 : {false, true}) {
            const char *flavor = v1 ? "v1" : "v2";
            QTest::addRow("%s build", flavor) << v1 << QStringLiteral("build") << build;
            QTest::addRow("%s up", flavor) << v1 << QStringLiteral("up") << up;
            QTest::addRow("%s down", flavor) << v1 << QStringLiteral("down") << down;
            QTest::addRow("%s ps", flavor) << v1 << QStringLiteral("ps") << ps;
            QTest::addRow("%s logs", flavor) << v1 << QStringLiteral("logs") << logs;
        }
    }

    void argumentLists()
    {
        QFETCH(bool, v1);
        QFETCH(QString, command);
        QFETCH(QStringList, expected);
        ProjectFixture fixture{{"compose.yaml", "services:\n  api:\n    build: ./api\n"},
                               {"compose.prod.yaml", "services:\n  api:\n    read_only: true\n"},
                               {"prod.env", "A=1\n"}};
        ComposeTool tool;
        tool.program
            = v1 ? QStringLiteral("/usr/bin/docker-compose") : QStringLiteral("/usr/bin/docker");
        tool.prefix = v1 ? QStringList() : QStringList{QStringLiteral("compose")};
        tool.flavor = v1 ? ComposeTool::Flavor::Standalone : ComposeTool::Flavor::Plugin;
        tool.version = v1 ? QStringLiteral("1.29.2") : QStringLiteral("2.24.6");
        const DockerCompose compose(
            tool,
            projectRef(fixture,
                       {QStringLiteral("compose.yaml"), QStringLiteral("compose.prod.yaml")}));
        QVERIFY(!compose.problem());

        ToolCommand c;
        if (command == u"build") {
            DockerCompose::BuildOptions o;
            o.buildArgs
                = {QStringLiteral("BASE_IMAGE=local/python:3"), QStringLiteral("OFFLINE=1")};
            o.noCache = true;
            o.services = {QStringLiteral("api")};
            c = compose.build(o, 1234);
        } else if (command == u"up") {
            DockerCompose::UpOptions o;
            o.noDeps = true;
            o.services = {QStringLiteral("api"), QStringLiteral("-weird-name")};
            c = compose.up(o, 1234);
        } else if (command == u"ps") {
            c = compose.ps(1234);
        } else if (command == u"logs") {
            c = compose.logs({QStringLiteral("db")}, 30, 1234);
        } else {
            DockerCompose::DownOptions o;
            o.volumes = true;
            o.stopTimeout = 5;
            c = compose.down(o, 1234);
        }
        QStringList global = tool.prefix;
        global << QStringLiteral("-f") << fixture.path(QStringLiteral("compose.yaml"))
               << QStringLiteral("-f") << fixture.path(QStringLiteral("compose.prod.yaml"))
               << QStringLiteral("-p") << QStringLiteral("shop")
               << QStringLiteral("--project-directory") << fixture.path()
               << QStringLiteral("--env-file") << fixture.path(QStringLiteral("prod.env"))
               << QStringLiteral("--profile") << QStringLiteral("debug") << QStringLiteral("--ansi")
               << QStringLiteral("never");
        QCOMPARE(c.program, tool.program);
        QCOMPARE(c.arguments, global + expected);
        QCOMPARE(c.workingDirectory, fixture.path());
        QCOMPARE(c.timeoutMs, 1234);
    }

    void passesTheEnvironmentOn()
    {
        ProjectFixture fixture{{"compose.yaml", "services:\n  api:\n    image: nginx\n"}};
        QProcessEnvironment env;
        env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix:///tmp/elsewhere.sock"));
        ComposeTool tool;
        tool.program = QStringLiteral("/usr/bin/docker");
        tool.prefix = {QStringLiteral("compose")};
        tool.version = QStringLiteral("2.24.6");
        const DockerCompose compose(tool, projectRef(fixture, {QStringLiteral("compose.yaml")}),
                                    env);
        QCOMPARE(compose.ps().environment.value(QStringLiteral("DOCKER_HOST")),
                 QStringLiteral("unix:///tmp/elsewhere.sock"));
    }

    void composeV1GetsACopyWithoutTheProjectName()
    {
        const char *text = "# the shop\nname: shop\nservices:\n  api:\n    build: ./api\n";
        ProjectFixture fixture{{"compose.yaml", text}, {"prod.env", ""}};
        ComposeTool tool;
        tool.program = QStringLiteral("/usr/bin/docker-compose");
        tool.version = QStringLiteral("1.29.2");
        const DockerCompose v1(tool, projectRef(fixture, {QStringLiteral("compose.yaml")}));
        QVERIFY(!v1.problem());
        const QStringList arguments = v1.build({}).arguments;
        const QString passed = arguments.at(arguments.indexOf(QStringLiteral("-f")) + 1);
        QVERIFY(passed != fixture.path(QStringLiteral("compose.yaml")));
        QFile copy(passed);
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
        const QStringList lines = QString::fromUtf8(copy.readAll()).split(u'\n');
        QCOMPARE(lines.size(), 6); // the same lines, so errors keep their line numbers
        QVERIFY(lines.at(1).startsWith(QStringLiteral("# name: shop")));
        QCOMPARE(lines.at(3), QStringLiteral("  api:"));
        // The user's file is untouched, and v2 gets it as it is.
        QFile original(fixture.path(QStringLiteral("compose.yaml")));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(original.readAll(), QByteArray(text));
        tool.version = QStringLiteral("2.24.6");
        tool.prefix = {QStringLiteral("compose")};
        const DockerCompose v2(tool, projectRef(fixture, {QStringLiteral("compose.yaml")}));
        QVERIFY(v2.build({}).arguments.contains(fixture.path(QStringLiteral("compose.yaml"))));
    }

    void composeV1GetsThreatDocksMerge()
    {
        const ProjectFixture fixture = overrideProject();
        const QByteArray overlay = "services:\n  api:\n    ports: !override\n"
                                   "      - \"127.0.0.1:5000:5000\"\n";
        const ComposeProjectRef ref = loadedRef(fixture);
        QString merged;
        {
            const DockerCompose v1(composeV1(), ref);
            QVERIFY2(!v1.problem(), qPrintable(v1.problem().value_or(QString())));
            QVERIFY(v1.v1Files().merged());
            QCOMPARE(v1.v1Files().unsupported, QStringLiteral("!override"));
            QCOMPARE(v1.v1Files().unsupportedAt,
                     fixture.path(QStringLiteral("compose.hardening.yaml")) + QStringLiteral(":3"));
            QCOMPARE(v1.v1Files().mergedFrom, ref.files);
            // One file instead of the two, with the name passed as -p.
            const QStringList arguments = v1.up({}).arguments;
            QCOMPARE(arguments.count(QStringLiteral("-f")), 1);
            merged = arguments.at(arguments.indexOf(QStringLiteral("-f")) + 1);
            QCOMPARE(arguments.at(arguments.indexOf(QStringLiteral("-p")) + 1),
                     QStringLiteral("shop"));
            // Private: it holds the resolved values.
            QCOMPARE(QFile(merged).permissions() & ~(QFile::ReadUser | QFile::WriteUser),
                     QFile::ReadOwner | QFile::WriteOwner);
            QCOMPARE(QFile(QFileInfo(merged).absolutePath()).permissions()
                         & ~(QFile::ReadUser | QFile::WriteUser | QFile::ExeUser),
                     QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            QFile file(merged);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray text = file.readAll();
            QVERIFY(!text.contains("!override"));
            QVERIFY(text.contains("- \"127.0.0.1:5000:5000/tcp\"\n"));
            QVERIFY(!text.contains("\"5000:5000"));
            QVERIFY(text.contains("TOKEN: t0ken-$$ecret\n"));
        }
        QVERIFY2(!QFile::exists(merged), "deleted with the last DockerCompose using it");
        // The user's files are untouched, and v2 gets them as they are.
        QFile original(fixture.path(QStringLiteral("compose.hardening.yaml")));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(original.readAll(), overlay);
        ComposeTool v2Tool = composeV1();
        v2Tool.version = QStringLiteral("2.24.6");
        const DockerCompose v2(v2Tool, ref);
        QVERIFY(!v2.v1Files().merged());
        QCOMPARE(v2.up({}).arguments.count(QStringLiteral("-f")), 2);
    }

    void composeV1MergeRefusesWhatV1CannotDo()
    {
        ProjectFixture fixture{
            {"compose.yaml", "services:\n  api:\n    image: nginx\n    uts: host\n"},
            {"compose.hardening.yaml", "services:\n  api:\n    ports: !override []\n"}};
        const DockerCompose v1(composeV1(), loadedRef(fixture));
        QCOMPARE(v1.problem().value_or(QString()),
                 fixture.path(QStringLiteral("compose.yaml"))
                     + QStringLiteral(":4: services.api.uts: docker-compose 1.29 (Compose v1) "
                                      "cannot set the UTS namespace (uts); install the docker "
                                      "compose plugin (Compose v2)"));
    }

    void driverSaysComposeV1GetsTheMerge()
    {
        FakeDocker fake(FakeDocker::Standalone);
        const ProjectFixture fixture = overrideProject();
        ComposeDriver driver(DockerCompose(locateIn(fake), loadedRef(fixture)));
        QSignalSpy progress(&driver, &ComposeDriver::progress);
        QVERIFY(driver.build({}).ok());
        QVERIFY(driver.up({}).ok());
        QStringList lines;
        for (const auto &signal : progress)
            lines << signal.first().toString();
        const QString announcement
            = QStringLiteral("docker-compose 1.29.2 cannot read !override "
                             "(compose.hardening.yaml:3): it gets ThreatDock's merge of "
                             "compose.yaml, compose.hardening.yaml instead, a private file "
                             "deleted afterwards");
        QCOMPARE(lines.count(announcement), 1); // once, before the first step
        QCOMPARE(lines.first(), announcement);
        for (const QString &line : std::as_const(lines))
            QVERIFY2(!line.contains(QStringLiteral("t0ken")), qPrintable(line));
        const QStringList last = fake.calls().last();
        QCOMPARE(last.count(QStringLiteral("-f")), 1);
        QVERIFY(last.at(last.indexOf(QStringLiteral("-f")) + 1).endsWith(u"/compose.v1.yaml"));
    }

    void composeV1Refusals()
    {
        ProjectFixture fixture{{"compose.yaml", "services:\n  api:\n    image: nginx\n"},
                               {"with-include.yaml", "# parts\ninclude:\n  - db.yaml\n"},
                               {"prod.env", ""},
                               {"other.env", ""}};
        ComposeTool tool;
        tool.program = QStringLiteral("/usr/bin/docker-compose");
        tool.version = QStringLiteral("1.29.2");
        const DockerCompose withInclude(tool,
                                        projectRef(fixture, {QStringLiteral("with-include.yaml")}));
        QCOMPARE(withInclude.problem().value_or(QString()),
                 fixture.path(QStringLiteral("with-include.yaml"))
                     + QStringLiteral(":2: docker-compose 1.29 (Compose v1) does not support "
                                      "include: here; install the docker compose plugin (Compose "
                                      "v2)"));
        ComposeProjectRef twoEnvFiles = projectRef(fixture, {QStringLiteral("compose.yaml")});
        twoEnvFiles.envFiles << fixture.path(QStringLiteral("other.env"));
        QVERIFY(DockerCompose(tool, twoEnvFiles)
                    .problem()
                    .value_or(QString())
                    .contains(QStringLiteral("reads one --env-file only")));
        const DockerCompose fine(tool, projectRef(fixture, {QStringLiteral("compose.yaml")}));
        DockerCompose::BuildOptions bad;
        bad.buildArgs = {QStringLiteral("--network=host")};
        QCOMPARE(fine.problem(bad).value_or(QString()),
                 QStringLiteral("--build-arg \"--network=host\" is not KEY=VALUE"));
    }

    void driverStreamsProgressAndOutput()
    {
        FakeDocker fake(FakeDocker::Standalone);
        ProjectFixture fixture{{"compose.yaml", "services:\n  api:\n    build: ./api\n"},
                               {"prod.env", ""}};
        ComposeDriver driver(
            DockerCompose(locateIn(fake), projectRef(fixture, {QStringLiteral("compose.yaml")})));
        QSignalSpy progress(&driver, &ComposeDriver::progress);
        QSignalSpy output(&driver, &ComposeDriver::outputLine);
        DockerCompose::BuildOptions options;
        options.buildArgs = {QStringLiteral("A=1")};
        const auto outcome = driver.build(options);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error));
        QVERIFY(progress.size() >= 2);
        const QString first = progress.first().first().toString();
        QVERIFY2(first.startsWith(QStringLiteral("running ")
                                  + fake.program(QStringLiteral("docker-compose"))),
                 qPrintable(first));
        QVERIFY(first.endsWith(QStringLiteral("--ansi never build --build-arg A=1")));
        QStringList lines;
        for (const auto &signal : output)
            lines << signal.first().toString();
        QVERIFY(lines.contains(QStringLiteral("Step 1/2 : FROM base")));
        const QStringList last = fake.calls().last();
        QCOMPARE(last.first(), QStringLiteral("docker-compose"));
        QCOMPARE(last.mid(last.size() - 3),
                 (QStringList{QStringLiteral("build"), QStringLiteral("--build-arg"),
                              QStringLiteral("A=1")}));
    }

    void driverReportsAFailedStep()
    {
        FakeDocker fake(FakeDocker::Plugin);
        fake.write(QStringLiteral("compose.exit"), "17");
        fake.write(QStringLiteral("compose.fail"), "pull access denied for nosuch/image\n");
        ProjectFixture fixture{{"compose.yaml", "services:\n  api:\n    image: nosuch/image\n"},
                               {"prod.env", ""}};
        ComposeDriver driver(
            DockerCompose(locateIn(fake), projectRef(fixture, {QStringLiteral("compose.yaml")})));
        const auto outcome = driver.up({});
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error.startsWith(QStringLiteral("up failed: ")),
                 qPrintable(outcome.error));
        QVERIFY(outcome.error.contains(QStringLiteral("exited with code 17")));
        QVERIFY(outcome.error.endsWith(QStringLiteral(": pull access denied for nosuch/image")));
    }

    void driverCancelStopsTheTool()
    {
        FakeDocker fake(FakeDocker::Plugin);
        fake.write(QStringLiteral("compose.sleep"), "60");
        ProjectFixture fixture{{"compose.yaml", "services:\n  api:\n    image: nginx\n"},
                               {"prod.env", ""}};
        ComposeDriver driver(
            DockerCompose(locateIn(fake), projectRef(fixture, {QStringLiteral("compose.yaml")})));
        driver.runner().setKillGrace(500);
        QTimer::singleShot(500, &driver, &ComposeDriver::cancel);
        QElapsedTimer clock;
        clock.start();
        const auto outcome = driver.down({});
        QVERIFY(clock.elapsed() < 10000);
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error.contains(QStringLiteral("canceled")), qPrintable(outcome.error));
        // Canceled stays canceled: the next step does not start.
        QCOMPARE(driver.up({}).error, QStringLiteral("up canceled"));
    }

    void waitsUntilHealthy()
    {
        FakeDocker fake(FakeDocker::Plugin);
        fake.write(QStringLiteral("ps.txt"), "c1\nc2\n");
        fake.write(QStringLiteral("inspect.json"),
                   inspectJson({container(QStringLiteral("redis"), QStringLiteral("running"),
                                          QStringLiteral("healthy")),
                                container(QStringLiteral("api"), QStringLiteral("running"),
                                          QStringLiteral("starting"))}));
        ProjectFixture fixture{{"compose.yaml", "services:\n  api:\n    image: nginx\n"},
                               {"prod.env", ""}};
        ComposeDriver driver(
            DockerCompose(locateIn(fake), projectRef(fixture, {QStringLiteral("compose.yaml")})));
        QSignalSpy progress(&driver, &ComposeDriver::progress);
        QTimer::singleShot(700, &driver, [&fake] {
            fake.write(QStringLiteral("inspect.json"),
                       inspectJson({container(QStringLiteral("redis"), QStringLiteral("running"),
                                              QStringLiteral("healthy")),
                                    container(QStringLiteral("api"), QStringLiteral("running"),
                                              QStringLiteral("healthy"))}));
        });
        const auto outcome = driver.waitUntilHealthy(20000, 100);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error));
        QStringList lines;
        for (const auto &signal : progress)
            lines << signal.first().toString();
        QVERIFY(lines.contains(QStringLiteral("api (shop-api-1): starting")));
        QVERIFY(lines.contains(QStringLiteral("api (shop-api-1): healthy")));
        QCOMPARE(lines.count(QStringLiteral("redis (shop-redis-1): healthy")), 1); // changes only
        QCOMPARE(driver.readiness().size(), 2);
        QVERIFY(driver.unhealthyServices().isEmpty());
        // Found by the compose project label, inspected with -- before the ids.
        const QList<QStringList> calls = fake.calls();
        QVERIFY(calls.contains(QStringList{
            QStringLiteral("docker"), QStringLiteral("ps"), QStringLiteral("--all"),
            QStringLiteral("--quiet"), QStringLiteral("--no-trunc"), QStringLiteral("--filter"),
            QStringLiteral("label=com.docker.compose.project=shop")}));
        QVERIFY(calls.contains(QStringList{QStringLiteral("docker"), QStringLiteral("inspect"),
                                           QStringLiteral("--type"), QStringLiteral("container"),
                                           QStringLiteral("--"), QStringLiteral("c1"),
                                           QStringLiteral("c2")}));
    }

    void waitFails_data()
    {
        QTest::addColumn<QJsonObject>("api");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<QString>("error");
        QTest::newRow("unhealthy")
            << container(QStringLiteral("api"), QStringLiteral("running"),
                         QStringLiteral("unhealthy"),
                         QStringLiteral("curl: (7) Failed to connect\n"))
            << 30000 << QStringLiteral("api unhealthy: curl: (7) Failed to connect");
        QTest::newRow("exited") << container(QStringLiteral("api"), QStringLiteral("exited"),
                                             QString(), QString(), 3)
                                << 30000 << QStringLiteral("api exited with code 3");
        QTest::newRow("timeout") << container(QStringLiteral("api"), QStringLiteral("running"),
                                              QStringLiteral("starting"))
                                 << 1000 << QStringLiteral("not healthy within 1 s: api");
    }

    void waitFails()
    {
        QFETCH(QJsonObject, api);
        QFETCH(int, timeoutMs);
        QFETCH(QString, error);
        FakeDocker fake(FakeDocker::Plugin);
        fake.write(QStringLiteral("ps.txt"), "c1\nc2\n");
        fake.write(
            QStringLiteral("inspect.json"),
            inspectJson(
                {container(QStringLiteral("redis"), QStringLiteral("running"), QString()), api}));
        ProjectFixture fixture{{"compose.yaml", "services:\n  api:\n    image: nginx\n"},
                               {"prod.env", ""}};
        ComposeDriver driver(
            DockerCompose(locateIn(fake), projectRef(fixture, {QStringLiteral("compose.yaml")})));
        QElapsedTimer clock;
        clock.start();
        const auto outcome = driver.waitUntilHealthy(timeoutMs, 100);
        QCOMPARE(outcome.error, error);
        QVERIFY(clock.elapsed() < 15000); // a failure does not wait for the timeout
        QCOMPARE(driver.unhealthyServices(), QStringList{QStringLiteral("api")});
    }

    void waitWithoutContainersFails()
    {
        FakeDocker fake(FakeDocker::Plugin);
        ProjectFixture fixture{{"compose.yaml", "services:\n  api:\n    image: nginx\n"},
                               {"prod.env", ""}};
        ComposeDriver driver(
            DockerCompose(locateIn(fake), projectRef(fixture, {QStringLiteral("compose.yaml")})));
        QCOMPARE(driver.waitUntilHealthy(5000, 100).error,
                 QStringLiteral("no container of project shop on this engine"));
    }

    void unreadableInspectOutputIsAnError()
    {
        FakeDocker fake(FakeDocker::Plugin);
        fake.write(QStringLiteral("ps.txt"), "c1\n");
        fake.write(QStringLiteral("inspect.json"), "[{\"Id\": ");
        ProjectFixture fixture{{"compose.yaml", "services:\n  api:\n    image: nginx\n"},
                               {"prod.env", ""}};
        ComposeDriver driver(
            DockerCompose(locateIn(fake), projectRef(fixture, {QStringLiteral("compose.yaml")})));
        RuntimeVerification verification;
        const auto outcome = driver.verify(verification);
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error.contains(QStringLiteral("unreadable output")),
                 qPrintable(outcome.error));
    }
};

QTEST_GUILESS_MAIN(TestDockerCompose)
#include "tst_dockercompose.moc"
