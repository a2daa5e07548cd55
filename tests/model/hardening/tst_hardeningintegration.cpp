// Issue 7 on a real engine: the VULNERABLE sample, hardened by ThreatDock itself
// (`threatdock-cli harden --write`: compose.hardening.yaml with `ports: !override`, the
// patched Dockerfile, .env.example), built, started, verified and torn down through
// threatdock-cli's build, up, verify and down with the overlay merged after the sample's
// compose file. Debian 12's only Compose is docker-compose 1.29, which cannot parse
// `!override`: it gets ThreatDock's own merge of the two files (ComposeV1Writer). The
// private dockerd, the base image and the stand-in images come from dockertestsupport.h.

#include "clirun.h"
#include "model/hardening/hardeningfixture.h"
#include "model/scans/dockertestsupport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace threatdock::testing;

namespace {

const QString projectName = QStringLiteral("threatdock-sample-vulnerable");
// Secrets with `$` in them, written literally (single quotes): ThreatDock resolves them
// and must hand them to docker-compose 1.29 escaped, or v1 would interpolate them again.
const QByteArray adminPassword = "adm1n-$ecret-${HOME}";
const QByteArray redisPassword = "red1s-$$ecret";

} // namespace

class TestHardeningIntegration : public QObject
{
    Q_OBJECT

public:
    explicit TestHardeningIntegration(PrivateDockerEngine &engine)
        : m_engine(engine)
    { }

private:
    PrivateDockerEngine &m_engine;
    QTemporaryDir m_work;
    QString m_project; ///< the copy of resources/sample/vulnerable
    QStringList m_timings;

    QString file(const QString &name) const { return m_project + u'/' + name; }

    /// The sample's compose file with ThreatDock's overlay after it.
    QStringList project() const
    {
        return {QStringLiteral("-f"), file(QStringLiteral("compose.yaml")), QStringLiteral("-f"),
                file(QStringLiteral("compose.hardening.yaml"))};
    }

    CliRun timed(const QString &what, const QStringList &arguments)
    {
        QElapsedTimer clock;
        clock.start();
        const CliRun run = runCli(arguments);
        m_timings << what + QStringLiteral(": ") + seconds(clock.elapsed());
        return run;
    }

    /// The api's or redis' container as `docker inspect` shows it.
    QJsonObject inspect(const QString &service) const
    {
        const QByteArray id = containersOf(m_engine, projectName, service);
        if (id.isEmpty() || id.contains('\n'))
            return {};
        const auto inspected = m_engine.docker(
            {QStringLiteral("inspect"), QStringLiteral("--"), QString::fromLatin1(id)});
        return QJsonDocument::fromJson(inspected.out).array().first().toObject();
    }

    /// The container's port bindings: "5000/tcp" -> "127.0.0.1:5000", one entry per binding.
    static QStringList bindings(const QJsonObject &container)
    {
        QStringList out;
        const QJsonObject ports = container.value(QStringLiteral("HostConfig"))
                                      .toObject()
                                      .value(QStringLiteral("PortBindings"))
                                      .toObject();
        for (auto it = ports.begin(); it != ports.end(); ++it)
            for (const QJsonValue &b : it.value().toArray())
                out << it.key() + QStringLiteral(" -> ")
                        + b.toObject().value(QStringLiteral("HostIp")).toString() + u':'
                        + b.toObject().value(QStringLiteral("HostPort")).toString();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(ensureImages(m_engine, {redis72StandIn}, m_timings, error), qPrintable(error));
        useEngineForCli(m_engine);

        // A copy of the sample, hardened by ThreatDock as a user would do it.
        QVERIFY(m_work.isValid());
        m_project = QDir(m_work.path()).canonicalPath() + QStringLiteral("/vulnerable");
        QVERIFY(copyTree(QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/vulnerable"),
                         m_project));
        const CliRun harden
            = runCli({QStringLiteral("harden"), m_project, QStringLiteral("--write")});
        QVERIFY2(harden.exitCode == 0, qPrintable(harden.err));
        QVERIFY(QFile::exists(file(QStringLiteral("api/Dockerfile.bak"))));
        QVERIFY(
            readAll(file(QStringLiteral("compose.hardening.yaml"))).contains("ports: !override"));
        QVERIFY(
            readAll(file(QStringLiteral("compose.hardening.yaml"))).contains("image: redis:7.2\n"));
        // The secrets the overlay reads, in the .env its .env.example lists.
        QFile env(file(QStringLiteral(".env")));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("ADMIN_PASSWORD='" + adminPassword + "'\nREDIS_PASSWORD='" + redisPassword
                  + "'\n");
        env.close();
        // A project left over by an earlier run that failed half-way.
        runCli(QStringList{QStringLiteral("down")} + project()
               + QStringList{QStringLiteral("--volumes")});
    }

    void buildsTheHardenedImage()
    {
        const CliRun run
            = timed(QStringLiteral("build"),
                    QStringList{QStringLiteral("build")} + project()
                        + QStringList{QStringLiteral("--build-arg"),
                                      QStringLiteral("BASE_IMAGE=") + baseImage,
                                      QStringLiteral("--build-arg"), QStringLiteral("OFFLINE=1")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000)));
        // docker-compose 1.29 got ThreatDock's merge, and the user was told so.
        QVERIFY2(run.err.contains(QStringLiteral("cannot read !override (compose.hardening.yaml:")),
                 qPrintable(run.err.left(3000)));
        QVERIFY(run.err.contains(QStringLiteral(
            "it gets ThreatDock's merge of compose.yaml, compose.hardening.yaml instead")));
        // The merge held the secrets: private, gone with the command, never printed.
        static const QRegularExpression mergeFile(
            QStringLiteral(" -f (\\S+/compose\\.v1\\.yaml) "));
        const QRegularExpressionMatch m = mergeFile.match(run.err);
        QVERIFY2(m.hasMatch(), qPrintable(run.err.left(3000)));
        QVERIFY2(!QFile::exists(m.captured(1)), qPrintable(m.captured(1)));
        QVERIFY(!run.err.contains(QString::fromLatin1(adminPassword)));
        QVERIFY(!run.err.contains(QStringLiteral("adm1n")));
        // The image is the one the patched Dockerfile makes: non-root, with a HEALTHCHECK.
        const QJsonObject config = imageConfig(m_engine, projectName + QStringLiteral("_api"));
        QCOMPARE(config.value(QStringLiteral("User")).toString(), QStringLiteral("10001:10001"));
        QVERIFY(config.contains(QStringLiteral("Healthcheck")));
    }

    void upUntilHealthy()
    {
        const CliRun run
            = timed(QStringLiteral("up until healthy"),
                    QStringList{QStringLiteral("up")} + project()
                        + QStringList{QStringLiteral("--wait-timeout"), QStringLiteral("240")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000)));
        const QStringList lines = run.out.trimmed().split(u'\n');
        QCOMPARE(lines.size(), 2);
        for (const QString &line : lines)
            QVERIFY2(line.endsWith(QStringLiteral("\thealthy")), qPrintable(line));
    }

    void apiAnswersOnLoopbackOnly()
    {
        const QByteArray reply = httpGet(5000, "/health");
        QVERIFY2(reply.startsWith("HTTP/1.") && reply.contains(" 200 "), reply.constData());
        // `ports: !override` replaced "5000:5000" (all interfaces): one binding, loopback.
        QCOMPARE(bindings(inspect(QStringLiteral("api"))),
                 QStringList{QStringLiteral("5000/tcp -> 127.0.0.1:5000")});
        QCOMPARE(bindings(inspect(QStringLiteral("redis"))),
                 QStringList{QStringLiteral("6379/tcp -> 127.0.0.1:6379")});
        // And nobody answers on another address of this host: the project network's gateway
        // (published on 0.0.0.0, the engine would forward it).
        const auto gateway = m_engine.docker(
            {QStringLiteral("network"), QStringLiteral("inspect"), QStringLiteral("--format"),
             QStringLiteral("{{range .IPAM.Config}}{{.Gateway}}{{end}}"), QStringLiteral("--"),
             projectName + QStringLiteral("_default")});
        QVERIFY2(gateway.ok() && !gateway.out.trimmed().isEmpty(), gateway.err.constData());
        QCOMPARE(httpGet(5000, "/health", gateway.out.trimmed()), QByteArray());
    }

    void secretsArriveAsWritten()
    {
        const QJsonArray env = inspect(QStringLiteral("api"))
                                   .value(QStringLiteral("Config"))
                                   .toObject()
                                   .value(QStringLiteral("Env"))
                                   .toArray();
        QVERIFY(
            env.contains(QStringLiteral("ADMIN_PASSWORD=") + QString::fromLatin1(adminPassword)));
        QVERIFY(
            env.contains(QStringLiteral("REDIS_PASSWORD=") + QString::fromLatin1(redisPassword)));
    }

    void verifyConfirmsTheHardening()
    {
        const CliRun run
            = timed(QStringLiteral("verify"),
                    QStringList{QStringLiteral("verify")} + project()
                        + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000) + run.out.left(3000)));
        const QJsonObject runtime = QJsonDocument::fromJson(run.out.toUtf8())
                                        .object()
                                        .value(QStringLiteral("runtime"))
                                        .toObject();
        QCOMPARE(runtime.value(QStringLiteral("project")).toString(), projectName);
        QCOMPARE(runtime.value(QStringLiteral("failed")).toInt(), 0);
        const QJsonArray containers = runtime.value(QStringLiteral("containers")).toArray();
        QCOMPARE(containers.size(), 2);
        struct Expected
        {
            QString service, user, memory, pids, cpus;
        };
        for (const Expected &e :
             {Expected{QStringLiteral("api"), QStringLiteral("User=10001:10001"),
                       QStringLiteral("Memory=512 MiB"), QStringLiteral("PidsLimit=200"),
                       QStringLiteral("(1 CPUs)")},
              Expected{QStringLiteral("redis"), QStringLiteral("User=999:999"),
                       QStringLiteral("Memory=256 MiB"), QStringLiteral("PidsLimit=64"),
                       QStringLiteral("(0.5 CPUs)")}}) {
            const QJsonObject container = containerOf(containers, e.service);
            QVERIFY2(!container.isEmpty(), qPrintable(e.service));
            QCOMPARE(container.value(QStringLiteral("health")).toString(),
                     QStringLiteral("healthy"));
            const QStringList failed = notPassed(container, hardeningChecks);
            QVERIFY2(
                failed.isEmpty(),
                qPrintable(e.service + QStringLiteral(": ") + failed.join(QStringLiteral("; "))));
            const auto observed = [&container](const char *check) {
                return checkOf(container, QString::fromLatin1(check))
                    .value(QStringLiteral("observed"))
                    .toString();
            };
            QCOMPARE(observed("user"), e.user);
            QCOMPARE(observed("memory-limit"), e.memory);
            QCOMPARE(observed("pids-limit"), e.pids);
            QVERIFY2(observed("cpu-limit").contains(e.cpus), qPrintable(observed("cpu-limit")));
        }
    }

    void downRemovesTheProject()
    {
        const CliRun run = timed(QStringLiteral("down"),
                                 QStringList{QStringLiteral("down")} + project()
                                     + QStringList{QStringLiteral("--volumes")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000)));
        QCOMPARE(containersOf(m_engine, projectName), QByteArray());
        // ThreatDock never changed the user's compose file.
        QCOMPARE(readAll(file(QStringLiteral("compose.yaml"))),
                 readAll(QStringLiteral(THREATDOCK_SOURCE_DIR
                                        "/resources/sample/vulnerable/compose.yaml")));
    }

    void cleanupTestCase() { printTimings(m_timings); }
};

int main(int argc, char *argv[])
{
    return runWithPrivateEngine(argc, argv, [&](PrivateDockerEngine &engine) {
        TestHardeningIntegration test(engine);
        return QTest::qExec(&test, argc, argv);
    });
}

#include "tst_hardeningintegration.moc"
