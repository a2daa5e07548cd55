// The Docker driver against a real engine: a private dockerd (Debian's docker.io), a
// base image made from Debian packages (debootstrap + docker import, cached by tag), the
// hardened sample built, started, verified and torn down through threatdock-cli's own
// build, up, verify and down.

#include "clirun.h"
#include "privatedockerengine.h"

#include "review/reviewstore.h"
#include "scans/dockercompose.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <cstdio>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

using threatdock::testing::PrivateDockerEngine;
using threatdock::testing::runCli;

namespace {

const QString baseImage = QStringLiteral("threatdock/python-flask:bookworm");
// The sample's data store; no registry is reachable, so a stand-in with Debian's
// redis-server is built under the tag the compose file names.
const QString redisImage = QStringLiteral("redis:7.2-alpine");
const QString apiImage = QStringLiteral("threatdock-sample/api:hardened");
const QString projectName = QStringLiteral("threatdock-sample-hardened");

QString samplePath()
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/hardened");
}

/// GET path from 127.0.0.1:port over plain HTTP/1.0; the whole reply, "" when nobody
/// answers within 5 s.
QByteArray httpGet(quint16 port, const QByteArray &path)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return {};
    const timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QByteArray reply;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0) {
        const QByteArray request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        if (::send(fd, request.constData(), size_t(request.size()), 0) == request.size()) {
            char buffer[4096];
            for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
                reply.append(buffer, n);
        }
    }
    ::close(fd);
    return reply;
}

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1) + QStringLiteral(" s");
}

const QJsonObject *containerOf(const QJsonArray &containers, const QString &service,
                               QJsonObject &holder)
{
    for (const QJsonValue &c : containers)
        if (c.toObject().value(QStringLiteral("service")).toString() == service) {
            holder = c.toObject();
            return &holder;
        }
    return nullptr;
}

QJsonObject checkOf(const QJsonObject &container, const QString &id)
{
    for (const QJsonValue &c : container.value(QStringLiteral("checks")).toArray())
        if (c.toObject().value(QStringLiteral("check")).toString() == id)
            return c.toObject();
    return {};
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

    /// The stand-in for redis:7.2-alpine: the base image with /data owned by the user the
    /// compose file runs Redis as, as the official image has it.
    void buildRedisStandIn()
    {
        QVERIFY(m_work.isValid());
        QDir(m_work.path()).mkpath(QStringLiteral("redis"));
        QFile dockerfile(m_work.filePath(QStringLiteral("redis/Dockerfile")));
        QVERIFY(dockerfile.open(QIODevice::WriteOnly));
        dockerfile.write("ARG BASE\nFROM ${BASE}\n"
                         "RUN mkdir -p /data && chown 999:1000 /data\nWORKDIR /data\n");
        dockerfile.close();
        const auto built
            = m_engine.docker({QStringLiteral("build"), QStringLiteral("--build-arg"),
                               QStringLiteral("BASE=") + baseImage, QStringLiteral("-t"),
                               redisImage, m_work.filePath(QStringLiteral("redis"))},
                              600000);
        QVERIFY2(built.ok(), built.err.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer clock;
        clock.start();
        if (!m_engine.hasImage(baseImage)) {
            QString error;
            qint64 debootstrapMs = 0;
            qint64 importMs = 0;
            // redis-server for the sample's second service (see redisImage).
            const bool imported = m_engine.importDebianImage(baseImage,
                                                             {QStringLiteral("python3-flask"),
                                                              QStringLiteral("python3-numexpr"),
                                                              QStringLiteral("redis-server")},
                                                             error, debootstrapMs, importMs);
            QVERIFY2(imported, qPrintable(error));
            m_timings << QStringLiteral("debootstrap: ") + seconds(debootstrapMs)
                      << QStringLiteral("docker import: ") + seconds(importMs);
        } else {
            m_timings << QStringLiteral("base image: cached (%1)").arg(baseImage);
        }
        if (!m_engine.hasImage(redisImage))
            buildRedisStandIn();
        time(QStringLiteral("images ready"), clock);

        // Secrets for the sample (its .env is never committed), and the engine for
        // every docker and docker-compose that threatdock-cli starts.
        m_envFile = m_work.filePath(QStringLiteral("sample.env"));
        QFile env(m_envFile);
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("ADMIN_PASSWORD=integration-admin-7f3a\nREDIS_PASSWORD=integration-redis-91c2\n");
        env.close();
        const QProcessEnvironment engineEnv = m_engine.environment();
        for (const QString &name :
             {QStringLiteral("DOCKER_HOST"), QStringLiteral("DOCKER_BUILDKIT")})
            qputenv(name.toLatin1().constData(), engineEnv.value(name).toUtf8());
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
        const auto inspected = m_engine.docker(
            {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--"), apiImage});
        const QJsonObject config = QJsonDocument::fromJson(inspected.out)
                                       .array()
                                       .first()
                                       .toObject()
                                       .value(QStringLiteral("Config"))
                                       .toObject();
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

        QJsonObject api;
        QVERIFY(containerOf(containers, QStringLiteral("api"), api));
        QCOMPARE(api.value(QStringLiteral("health")).toString(), QStringLiteral("healthy"));
        const auto passed = [&api](const QString &check) {
            return checkOf(api, check).value(QStringLiteral("status")).toString() == u"passed";
        };
        for (const QString &check :
             {QStringLiteral("user"), QStringLiteral("read-only-rootfs"),
              QStringLiteral("no-new-privileges"), QStringLiteral("capabilities"),
              QStringLiteral("memory-limit"), QStringLiteral("pids-limit"),
              QStringLiteral("cpu-limit"), QStringLiteral("health")})
            QVERIFY2(passed(check), qPrintable(check));
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
        const auto left
            = m_engine.docker({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("-q"),
                               QStringLiteral("--filter"),
                               QStringLiteral("label=com.docker.compose.project=") + projectName});
        QVERIFY(left.ok());
        QCOMPARE(left.out.trimmed(), QByteArray());
    }

    void cleanupTestCase()
    {
        for (const QString &t : std::as_const(m_timings))
            std::fprintf(stderr, "timing: %s\n", qPrintable(t));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QByteArray ci = qgetenv("CI");
    const bool mandatory = !ci.isEmpty() && ci != "0" && ci.toLower() != "false";
    QString missing = threatdock::testing::dockerPrerequisitesMissing();
    if (missing.isEmpty()) {
        const auto tool = threatdock::scans::DockerCompose::locate();
        if (!tool.found())
            missing = tool.error;
    }
    PrivateDockerEngine engine;
    if (missing.isEmpty() && !engine.start(missing))
        missing = QStringLiteral("the test's own dockerd does not start: ") + missing;
    if (!missing.isEmpty()) {
        if (mandatory) {
            std::fprintf(stderr,
                         "FAIL: Docker integration test: %s (CI is set: this test is "
                         "mandatory)\n",
                         qPrintable(missing));
            return 1;
        }
        std::fprintf(stderr, "SKIPPED: Docker integration test: %s\n", qPrintable(missing));
        return 77;
    }
    std::fprintf(stderr, "dockerd pid %lld on %s, data root %s\n", engine.pid(),
                 qPrintable(engine.host()), qPrintable(engine.dataRoot()));
    int result = 0;
    {
        TestDockerIntegration test(engine);
        result = QTest::qExec(&test, argc, argv);
    }
    engine.stop();
    return result;
}

#include "tst_dockerintegration.moc"
