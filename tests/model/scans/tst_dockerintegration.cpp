// The Docker driver against a real engine: a private dockerd (Debian's docker.io), a
// base image made from Debian packages (debootstrap + docker import, cached by tag), the
// hardened sample built, started, verified and torn down through threatdock-cli's own
// build, up, verify and down.

#include "clirun.h"
#include "dockertestsupport.h"

#include "review/reviewstore.h"

#include <QElapsedTimer>
#include <QJsonDocument>

using namespace threatdock::testing;

namespace {

// The sample's data store; no registry is reachable, so a stand-in with Debian's
// redis-server is built under the tag the compose file names.
const QString redisImage = QStringLiteral("redis:7.2-alpine");
const QString apiImage = QStringLiteral("threatdock-sample/api:hardened");
const QString projectName = QStringLiteral("threatdock-sample-hardened");

QString samplePath()
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/hardened");
}

} // namespace

class TestDockerIntegration : public QObject
{
    Q_OBJECT

public:
    explicit TestDockerIntegration(PrivateDockerEngine &engine)
        : m_engine(engine)
    { }

private:
    PrivateDockerEngine &m_engine;
    QTemporaryDir m_work;
    QString m_envFile;
    QStringList m_timings;

    /// The project options every command gets: the sample and its secrets.
    QStringList project() const { return {samplePath(), QStringLiteral("--env-file"), m_envFile}; }

    void time(const QString &what, const QElapsedTimer &clock)
    {
        m_timings << what + QStringLiteral(": ") + seconds(clock.elapsed());
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The stand-in for redis:7.2-alpine: /data owned by the user the compose file runs
        // Redis as, as the official image has it.
        QString error;
        QVERIFY2(ensureImages(m_engine,
                              {{redisImage,
                                "ARG BASE\nFROM ${BASE}\n"
                                "RUN mkdir -p /data && chown 999:1000 /data\n"
                                "WORKDIR /data\n"}},
                              m_timings, error),
                 qPrintable(error));

        // Secrets for the sample (its .env is never committed), and the engine for
        // every docker and docker-compose that threatdock-cli starts.
        m_envFile = m_work.filePath(QStringLiteral("sample.env"));
        QFile env(m_envFile);
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("ADMIN_PASSWORD=integration-admin-7f3a\nREDIS_PASSWORD=integration-redis-91c2\n");
        env.close();
        useEngineForCli(m_engine);
        // A project left over by an earlier run that failed half-way.
        runCli(QStringList{QStringLiteral("down")} + project()
               + QStringList{QStringLiteral("--volumes")});
    }

    void buildsTheHardenedSampleAirGapped()
    {
        QElapsedTimer clock;
        clock.start();
        const auto run = runCli(
            QStringList{QStringLiteral("build")} + project()
            + QStringList{QStringLiteral("--build-arg"), QStringLiteral("BASE_IMAGE=") + baseImage,
                          QStringLiteral("--build-arg"), QStringLiteral("OFFLINE=1")});
        time(QStringLiteral("build"), clock);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000)));
        QVERIFY(run.err.contains(QStringLiteral("running ")));
        QVERIFY(run.err.contains(QStringLiteral("--build-arg OFFLINE=1")));
        QCOMPARE(run.out.trimmed(), QStringLiteral("api\t") + apiImage);
        QVERIFY(m_engine.hasImage(apiImage));
        // The image is the hardened one: non-root numeric user and a HEALTHCHECK.
        const QJsonObject config = imageConfig(m_engine, apiImage);
        QCOMPARE(config.value(QStringLiteral("User")).toString(), QStringLiteral("10001:10001"));
        QVERIFY(config.contains(QStringLiteral("Healthcheck")));
    }

    void upWaitsUntilHealthy()
    {
        QElapsedTimer clock;
        clock.start();
        const auto run
            = runCli(QStringList{QStringLiteral("up")} + project()
                     + QStringList{QStringLiteral("--wait-timeout"), QStringLiteral("240")});
        time(QStringLiteral("up until healthy"), clock);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000)));
        const QStringList lines = run.out.trimmed().split(u'\n');
        QCOMPARE(lines.size(), 2);
        for (const QString &line : lines)
            QVERIFY2(line.endsWith(QStringLiteral("\thealthy")), qPrintable(line));
        QVERIFY(run.out.contains(QStringLiteral("api\t")));
        QVERIFY(run.out.contains(QStringLiteral("redis\t")));
    }

    void apiAnswersOnLoopback()
    {
        // Published on the loopback interface only (127.0.0.1:5000:5000).
        const QByteArray reply = httpGet(5000, "/health");
        QVERIFY2(reply.startsWith("HTTP/1.") && reply.contains(" 200 "), reply.constData());
        QVERIFY(reply.contains("\"status\""));
    }

    void verifiesTheHardeningInEffect()
    {
        const QString review = m_work.filePath(QStringLiteral("sample.threatdock"));
        QElapsedTimer clock;
        clock.start();
        const auto run = runCli(QStringList{QStringLiteral("verify")} + project()
                                + QStringList{QStringLiteral("--format"), QStringLiteral("json"),
                                              QStringLiteral("--review"), review});
        time(QStringLiteral("verify"), clock);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000)));
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QJsonObject runtime = json.value(QStringLiteral("runtime")).toObject();
        QCOMPARE(runtime.value(QStringLiteral("project")).toString(), projectName);
        QCOMPARE(runtime.value(QStringLiteral("failed")).toInt(), 0);
        const QJsonArray containers = runtime.value(QStringLiteral("containers")).toArray();
        QCOMPARE(containers.size(), 2);

        const QJsonObject api = containerOf(containers, QStringLiteral("api"));
        QCOMPARE(api.value(QStringLiteral("health")).toString(), QStringLiteral("healthy"));
        const QStringList failed = notPassed(api, hardeningChecks);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.join(QStringLiteral("; "))));
        QCOMPARE(checkOf(api, QStringLiteral("user")).value(QStringLiteral("observed")).toString(),
                 QStringLiteral("User=10001:10001"));
        QCOMPARE(checkOf(api, QStringLiteral("memory-limit"))
                     .value(QStringLiteral("observed"))
                     .toString(),
                 QStringLiteral("Memory=256 MiB"));
        QCOMPARE(
            checkOf(api, QStringLiteral("pids-limit")).value(QStringLiteral("observed")).toString(),
            QStringLiteral("PidsLimit=100"));
        QVERIFY(checkOf(api, QStringLiteral("cpu-limit"))
                    .value(QStringLiteral("observed"))
                    .toString()
                    .contains(QStringLiteral("(0.5 CPUs)")));

        // The checks are evidence on the threats they bear on.
        bool escapeVerified = false;
        for (const QJsonValue &t : json.value(QStringLiteral("threats")).toArray()) {
            const QJsonObject threat = t.toObject();
            if (threat.value(QStringLiteral("id")).toString() != u"STRIDE-E-escape@service:api")
                continue;
            for (const QJsonValue &e : threat.value(QStringLiteral("runtime")).toArray())
                escapeVerified = escapeVerified
                    || (e.toObject().value(QStringLiteral("check")).toString()
                            == u"no-new-privileges"
                        && e.toObject()
                               .value(QStringLiteral("evidence"))
                               .toString()
                               .startsWith(QStringLiteral("verified at runtime: api (")));
        }
        QVERIFY(escapeVerified);

        // And a docker scan run in the review file.
        auto store = threatdock::review::ReviewStore::open(review);
        QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
        const auto runs = store.value->scanRuns();
        QVERIFY(runs.ok());
        QCOMPARE(runs.value.size(), 1);
        QCOMPARE(runs.value.first().tool, QStringLiteral("docker"));
        QCOMPARE(runs.value.first().target, projectName);
        QCOMPARE(runs.value.first().exitStatus, 0);
        QCOMPARE(runs.value.first().findings.size(), 2 * 9);
    }

    void verifyFailsOnAContainerWithoutHardening()
    {
        // A container that claims to belong to the project, started as root with Docker's
        // defaults: verify must see it and fail.
        const auto started = m_engine.docker(
            {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"),
             QStringLiteral("threatdock-intruder"), QStringLiteral("--label"),
             QStringLiteral("com.docker.compose.project=") + projectName, QStringLiteral("--label"),
             QStringLiteral("com.docker.compose.service=intruder"), baseImage,
             QStringLiteral("sleep"), QStringLiteral("300")});
        QVERIFY2(started.ok(), started.err.constData());
        const auto run = runCli(QStringList{QStringLiteral("verify")} + project());
        m_engine.docker(
            {QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("threatdock-intruder")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.contains(
            QStringLiteral("FAIL Runs as a non-root user: User=\"\" (no user: root)")));
        QVERIFY(run.out.contains(
            QStringLiteral("FAIL Read-only root filesystem: ReadonlyRootfs=false")));
        const QString reason = run.err.trimmed().section(u'\n', -1);
        QVERIFY2(reason.startsWith(QStringLiteral("error: verify: ")), qPrintable(reason));
        QVERIFY(reason.contains(QStringLiteral("intruder user (User=\"\" (no user: root))")));
    }

    void downRemovesTheProject()
    {
        QElapsedTimer clock;
        clock.start();
        const auto run = runCli(QStringList{QStringLiteral("down")} + project()
                                + QStringList{QStringLiteral("--volumes")});
        time(QStringLiteral("down"), clock);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000)));
        QCOMPARE(containersOf(m_engine, projectName), QByteArray());
    }

    void cleanupTestCase() { printTimings(m_timings); }
};

int main(int argc, char *argv[])
{
    return runWithPrivateEngine(argc, argv, [&](PrivateDockerEngine &engine) {
        TestDockerIntegration test(engine);
        return QTest::qExec(&test, argc, argv);
    });
}

#include "tst_dockerintegration.moc"
