// threatdock-cli build, up, verify and down without an engine: stand-in docker and
// docker-compose executables first on PATH (model/scans/fakedocker.h) record what the
// commands run and answer with real `docker inspect` output (tests/data/scans/docker).

#include "clirun.h"
#include "model/scans/fakedocker.h"
#include "projectfixture.h"
#include "testsupport.h"

#include "review/reviewstore.h"
#include "scans/runtimeverifier.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

#include <csignal>

using namespace threatdock;
using testing::FakeDocker;
using testing::ProjectFixture;
using testing::runCli;

namespace {

const char *const composeYaml = "services:\n"
                                "  api:\n    build: ./api\n    image: shop/api:1\n"
                                "  db:\n    image: postgres:16\n";

QString samplePath(const QString &name)
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/") + name;
}

QByteArray dockerData(const QString &name)
{
    QFile f(testing::testDataPath(QStringLiteral("scans/docker/") + name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

QString lastLine(const QString &text)
{
    return text.trimmed().section(u'\n', -1);
}

} // namespace

class TestComposeCommands : public QObject
{
    Q_OBJECT

    QByteArray m_path;

    void usePath(const QString &dir) { qputenv("PATH", (dir + u':').toUtf8() + m_path); }

private Q_SLOTS:
    void initTestCase() { m_path = qgetenv("PATH"); }
    void cleanup() { qputenv("PATH", m_path); }

    void buildRunsComposeWithTheProjectOptions()
    {
        FakeDocker fake(FakeDocker::Standalone);
        usePath(fake.dir());
        ProjectFixture project{{"compose.yaml", composeYaml},
                               {"compose.ci.yaml", "services:\n  db:\n    read_only: true\n"},
                               {"ci.env", "TAG=1\n"}};
        const auto run
            = runCli({QStringLiteral("build"), project.path(), QStringLiteral("-f"),
                      project.path(QStringLiteral("compose.yaml")), QStringLiteral("-f"),
                      project.path(QStringLiteral("compose.ci.yaml")), QStringLiteral("--env-file"),
                      project.path(QStringLiteral("ci.env")), QStringLiteral("--profile"),
                      QStringLiteral("ci"), QStringLiteral("--build-arg"),
                      QStringLiteral("OFFLINE=1"), QStringLiteral("--no-cache")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out, QStringLiteral("api\tshop/api:1\n"));
        const QStringList expected{QStringLiteral("docker-compose"),
                                   QStringLiteral("-f"),
                                   project.path(QStringLiteral("compose.yaml")),
                                   QStringLiteral("-f"),
                                   project.path(QStringLiteral("compose.ci.yaml")),
                                   QStringLiteral("-p"),
                                   QFileInfo(project.path()).fileName().toLower(),
                                   QStringLiteral("--project-directory"),
                                   project.path(),
                                   QStringLiteral("--env-file"),
                                   project.path(QStringLiteral("ci.env")),
                                   QStringLiteral("--profile"),
                                   QStringLiteral("ci"),
                                   QStringLiteral("--ansi"),
                                   QStringLiteral("never"),
                                   QStringLiteral("build"),
                                   QStringLiteral("--build-arg"),
                                   QStringLiteral("OFFLINE=1"),
                                   QStringLiteral("--no-cache")};
        QCOMPARE(fake.calls().last(), expected);
        // Progress and the tool's output on stderr.
        QVERIFY(run.err.contains(QStringLiteral("build: running ")));
        QVERIFY(run.err.contains(QStringLiteral("  Step 1/2 : FROM base\n")));
    }

    void failuresEndWithOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("last");
        QTest::newRow("build-arg")
            << QStringList{QStringLiteral("build"), QStringLiteral("--build-arg"),
                           QStringLiteral("oops")}
            << 1 << QStringLiteral("error: build: --build-arg \"oops\" is not KEY=VALUE");
        QTest::newRow("wait-timeout")
            << QStringList{QStringLiteral("up"), QStringLiteral("--wait-timeout"),
                           QStringLiteral("soon")}
            << 2 << QStringLiteral("threatdock-cli up: --wait-timeout takes a number of seconds");
        QTest::newRow("format")
            << QStringList{QStringLiteral("verify"), QStringLiteral("--format"),
                           QStringLiteral("xml")}
            << 2 << QStringLiteral("threatdock-cli verify: unknown format \"xml\" (text or json)");
        QTest::newRow("two paths")
            << QStringList{QStringLiteral("down"), QStringLiteral("a"), QStringLiteral("b")} << 2
            << QStringLiteral("threatdock-cli down: one PATH at most");
        QTest::newRow("timeout") << QStringList{QStringLiteral("down"), QStringLiteral("--timeout"),
                                                QStringLiteral("-1")}
                                 << 2
                                 << QStringLiteral(
                                        "threatdock-cli down: --timeout takes a number of seconds");
    }

    void failuresEndWithOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, last);
        FakeDocker fake(FakeDocker::Plugin);
        usePath(fake.dir());
        ProjectFixture project{{"compose.yaml", composeYaml}};
        QStringList withPath = arguments;
        if (!arguments.contains(QStringLiteral("a")))
            withPath.insert(1, project.path());
        const auto run = runCli(withPath);
        QCOMPARE(run.exitCode, exitCode);
        QCOMPARE(lastLine(run.err), last);
    }

    void missingDockerSaysHowToInstallIt()
    {
        QTemporaryDir empty;
        qputenv("PATH", empty.path().toUtf8());
        ProjectFixture project{{"compose.yaml", composeYaml}};
        for (const char *command : {"build", "up", "verify", "down"}) {
            const auto run = runCli({QString::fromLatin1(command), project.path()});
            QCOMPARE(run.exitCode, 1);
            QCOMPARE(lastLine(run.err),
                     QStringLiteral("error: %1: docker not found: apt-get install docker.io")
                         .arg(QString::fromLatin1(command)));
        }
    }

    void upWaitsAndPrintsTheContainers()
    {
        FakeDocker fake(FakeDocker::Plugin);
        usePath(fake.dir());
        fake.write(QStringLiteral("ps.txt"), "c1\nc2\n");
        fake.write(QStringLiteral("inspect.json"),
                   dockerData(QStringLiteral("hardened-containers.json")));
        const auto run = runCli({QStringLiteral("up"), samplePath(QStringLiteral("hardened"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out,
                 QStringLiteral("api\tthreatdock-sample-hardened_api_1\thealthy\n"
                                "redis\tthreatdock-sample-hardened_redis_1\thealthy\n"));
        QCOMPARE(fake.calls().at(2).mid(0, 3),
                 (QStringList{QStringLiteral("docker"), QStringLiteral("compose"),
                              QStringLiteral("-f")}));
        QVERIFY(fake.calls().at(2).endsWith(QStringLiteral("--no-build")));
        // The inspect output (the containers' environments) is not echoed.
        QVERIFY(!run.err.contains(QStringLiteral("\"Env\"")));
    }

    void upShowsTheLogsOfWhatIsNotHealthy()
    {
        FakeDocker fake(FakeDocker::Standalone);
        usePath(fake.dir());
        fake.write(QStringLiteral("ps.txt"), "c1\nc2\n");
        fake.write(QStringLiteral("inspect.json"),
                   dockerData(QStringLiteral("unhardened-containers.json")));
        ProjectFixture project{{"compose.yaml", composeYaml}};
        const auto run = runCli({QStringLiteral("up"), project.path()});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(lastLine(run.err), QStringLiteral("error: up: crashed exited with code 3"));
        const QStringList logs = fake.calls().last();
        QCOMPARE(logs.mid(logs.indexOf(QStringLiteral("logs"))),
                 (QStringList{QStringLiteral("logs"), QStringLiteral("--no-color"),
                              QStringLiteral("--tail"), QStringLiteral("30"), QStringLiteral("--"),
                              QStringLiteral("crashed")}));
    }

    void verifyWritesJsonAndTheReviewFile()
    {
        FakeDocker fake(FakeDocker::Standalone);
        usePath(fake.dir());
        fake.write(QStringLiteral("ps.txt"), "c1\nc2\n");
        fake.write(QStringLiteral("inspect.json"),
                   dockerData(QStringLiteral("hardened-containers.json")));
        fake.write(QStringLiteral("images.json"), dockerData(QStringLiteral("images.json")));
        QTemporaryDir dir;
        const QString review = dir.filePath(QStringLiteral("sample.threatdock"));
        const auto run = runCli({QStringLiteral("verify"), samplePath(QStringLiteral("hardened")),
                                 QStringLiteral("--format"), QStringLiteral("json"),
                                 QStringLiteral("--review"), review});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("runtime"))
                     .toObject()
                     .value(QStringLiteral("containers"))
                     .toArray()
                     .size(),
                 2);
        QCOMPARE(json.value(QStringLiteral("runtime"))
                     .toObject()
                     .value(QStringLiteral("failed"))
                     .toInt(),
                 0);
        QVERIFY(json.contains(QStringLiteral("threats"))
                && json.contains(QStringLiteral("system")));
        // Image inspect by the containers' image ids, after --.
        bool imagesInspected = false;
        for (const QStringList &call : fake.calls())
            imagesInspected = imagesInspected
                || (call.mid(0, 4)
                        == QStringList{QStringLiteral("docker"), QStringLiteral("image"),
                                       QStringLiteral("inspect"), QStringLiteral("--")}
                    && call.size() == 6);
        QVERIFY(imagesInspected);

        auto store = review::ReviewStore::open(review);
        QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
        QCOMPARE(store.value->project().value.workingDir, samplePath(QStringLiteral("hardened")));
        QVERIFY(!store.value->threatRecords().value.isEmpty()); // created with the analysis
        const auto runs = store.value->scanRuns();
        QCOMPARE(runs.value.size(), 1);
        QCOMPARE(runs.value.first().tool, QStringLiteral("docker"));
        QCOMPARE(runs.value.first().toolVersion, QStringLiteral("24.0.7"));
        QCOMPARE(runs.value.first().findings.size(), 2 * 9);

        // A second verify adds a run to the same review.
        QCOMPARE(runCli({QStringLiteral("verify"), samplePath(QStringLiteral("hardened")),
                         QStringLiteral("--review"), review})
                     .exitCode,
                 0);
        QCOMPARE(review::ReviewStore::open(review).value->scanRuns().value.size(), 2);
    }

    void verifyFailsWhenACheckFails()
    {
        FakeDocker fake(FakeDocker::Plugin);
        usePath(fake.dir());
        fake.write(QStringLiteral("ps.txt"), "c1\nc2\n");
        const QByteArray inspect = dockerData(QStringLiteral("unhardened-containers.json"));
        fake.write(QStringLiteral("inspect.json"), inspect);
        fake.write(QStringLiteral("images.json"), dockerData(QStringLiteral("images.json")));
        const auto run = runCli({QStringLiteral("verify"), samplePath(QStringLiteral("hardened"))});
        QCOMPARE(run.exitCode, 1);
        scans::RuntimeVerification expected;
        expected.containers
            = scans::RuntimeVerifier::verify(QJsonDocument::fromJson(inspect).array(), {});
        QVERIFY2(lastLine(run.err).startsWith(
                     QStringLiteral("error: verify: %1 of 18 checks failed: crashed running (")
                         .arg(expected.count(scans::RuntimeCheck::Status::Failed))),
                 qPrintable(lastLine(run.err)));
        QVERIFY(run.out.contains(
            QStringLiteral("  FAIL Read-only root filesystem: ReadonlyRootfs=false\n")));
    }

    void verifyWithoutContainersFails()
    {
        FakeDocker fake(FakeDocker::Plugin);
        usePath(fake.dir());
        const auto run = runCli({QStringLiteral("verify"), samplePath(QStringLiteral("hardened"))});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(lastLine(run.err),
                 QStringLiteral(
                     "error: verify: no container of project threatdock-sample-hardened on this "
                     "engine: run 'threatdock-cli up' first"));
    }

    void interruptCancelsTheRunningTool()
    {
        FakeDocker fake(FakeDocker::Plugin);
        usePath(fake.dir());
        fake.write(QStringLiteral("compose.sleep"), "60");
        ProjectFixture project{{"compose.yaml", composeYaml}};
        struct sigaction before = {};
        ::sigaction(SIGINT, nullptr, &before);
        QTimer::singleShot(1500, this, [] { ::raise(SIGINT); });
        QElapsedTimer clock;
        clock.start();
        const auto run = runCli({QStringLiteral("down"), project.path()});
        QVERIFY(clock.elapsed() < 20000);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(
            lastLine(run.err).endsWith(QStringLiteral("(interrupted by signal %1)").arg(SIGINT)),
            qPrintable(lastLine(run.err)));
        // The previous handler is back once the command is done.
        struct sigaction now = {};
        ::sigaction(SIGINT, nullptr, &now);
        QVERIFY(now.sa_handler == before.sa_handler);
    }
};

QTEST_GUILESS_MAIN(TestComposeCommands)
#include "tst_composecommands.moc"
