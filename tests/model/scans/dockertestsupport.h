#pragma once

// What the tests on a real Docker engine share: the base image made from Debian packages,
// images built on it under the tags a compose file names, the engine handed to
// threatdock-cli, HTTP on the loopback interface, reading `verify --format json`, and
// main() (skipped without Docker, mandatory in CI).

#include "privatedockerengine.h"

#include "scans/dockercompose.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <cstdio>
#include <functional>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace threatdock::testing {

/// Python 3, Flask and numexpr for the sample's api, redis-server for its data store.
inline const QString baseImage = QStringLiteral("threatdock/python-flask:bookworm");

inline QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1) + QStringLiteral(" s");
}

/// The base image, made (debootstrap + docker import, 2-4 min) unless the engine's data
/// root has it from an earlier run; what it took is appended to timings.
inline bool ensureBaseImage(const PrivateDockerEngine &engine, QStringList &timings, QString &error)
{
    if (engine.hasImage(baseImage)) {
        timings << QStringLiteral("base image: cached (%1)").arg(baseImage);
        return true;
    }
    qint64 debootstrapMs = 0;
    qint64 importMs = 0;
    const bool imported = engine.importDebianImage(baseImage,
                                                   {QStringLiteral("python3-flask"),
                                                    QStringLiteral("python3-numexpr"),
                                                    QStringLiteral("redis-server")},
                                                   error, debootstrapMs, importMs);
    timings << QStringLiteral("debootstrap: ") + seconds(debootstrapMs)
            << QStringLiteral("docker import: ") + seconds(importMs);
    return imported;
}

/// Builds dockerfile (which starts with `ARG BASE` / `FROM ${BASE}`) on the base image as
/// tag: a stand-in for an image no registry can deliver here.
inline bool buildStandIn(const PrivateDockerEngine &engine, const QString &tag,
                         const QByteArray &dockerfile, QString &error)
{
    QTemporaryDir context;
    QFile file(context.filePath(QStringLiteral("Dockerfile")));
    if (!context.isValid() || !file.open(QIODevice::WriteOnly) || file.write(dockerfile) < 0) {
        error = QStringLiteral("cannot write a Dockerfile for %1").arg(tag);
        return false;
    }
    file.close();
    const auto built = engine.docker({QStringLiteral("build"), QStringLiteral("--build-arg"),
                                      QStringLiteral("BASE=") + baseImage, QStringLiteral("-t"),
                                      tag, context.path()},
                                     600000);
    error = QString::fromUtf8(built.err);
    return built.ok();
}

/// The ids of a compose project's containers (of one service when given), running or not,
/// one a line; "" when there are none.
inline QByteArray containersOf(const PrivateDockerEngine &engine, const QString &project,
                               const QString &service = QString())
{
    QStringList arguments{QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("-q"),
                          QStringLiteral("--filter"),
                          QStringLiteral("label=com.docker.compose.project=") + project};
    if (!service.isEmpty())
        arguments << QStringLiteral("--filter")
                  << QStringLiteral("label=com.docker.compose.service=") + service;
    const auto listed = engine.docker(arguments);
    return listed.ok() ? listed.out.trimmed() : QByteArray("(docker ps failed)");
}

/// The Config of an image (`docker image inspect`): User, Healthcheck...; {} if none.
inline QJsonObject imageConfig(const PrivateDockerEngine &engine, const QString &tag)
{
    const auto inspected = engine.docker(
        {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--"), tag});
    return QJsonDocument::fromJson(inspected.out)
        .array()
        .first()
        .toObject()
        .value(QStringLiteral("Config"))
        .toObject();
}

inline void printTimings(const QStringList &timings)
{
    for (const QString &t : timings)
        std::fprintf(stderr, "timing: %s\n", qPrintable(t));
}

/// A stand-in: an image tag, and the Dockerfile that builds it on the base image.
struct StandIn
{
    QString tag;
    QByteArray dockerfile;
};

/// The stand-in for redis:7.2, the image ThreatDock's hardening overlay pins the
/// vulnerable sample's redis to. The official image runs as uid 999 with a VOLUME at /data
/// owned by it; the stand-in has the same, on Debian's redis-server.
inline const StandIn redis72StandIn{QStringLiteral("redis:7.2"),
                                    "ARG BASE\nFROM ${BASE}\n"
                                    "RUN mkdir -p /data && chown 999:999 /data\n"
                                    "VOLUME /data\nWORKDIR /data\n"};

/// The base image and the stand-ins the engine does not have yet; the time it took is
/// appended to timings.
inline bool ensureImages(const PrivateDockerEngine &engine, const QList<StandIn> &standIns,
                         QStringList &timings, QString &error)
{
    QElapsedTimer clock;
    clock.start();
    if (!ensureBaseImage(engine, timings, error))
        return false;
    for (const StandIn &image : standIns)
        if (!engine.hasImage(image.tag)
            && !buildStandIn(engine, image.tag, image.dockerfile, error))
            return false;
    timings << QStringLiteral("images ready: ") + seconds(clock.elapsed());
    return true;
}

/// Every docker and docker-compose that threatdock-cli starts talks to engine.
inline void useEngineForCli(const PrivateDockerEngine &engine)
{
    const QProcessEnvironment environment = engine.environment();
    for (const QString &name : {QStringLiteral("DOCKER_HOST"), QStringLiteral("DOCKER_BUILDKIT")})
        qputenv(name.toLatin1().constData(), environment.value(name).toUtf8());
}

/// GET path from address:port (IPv4) over plain HTTP/1.0; the whole reply, "" when
/// nobody answers within 5 s.
inline QByteArray httpGet(quint16 port, const QByteArray &path,
                          const QByteArray &address = "127.0.0.1")
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return {};
    const timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in socket{};
    socket.sin_family = AF_INET;
    socket.sin_port = htons(port);
    QByteArray reply;
    if (::inet_pton(AF_INET, address.constData(), &socket.sin_addr) == 1
        && ::connect(fd, reinterpret_cast<const sockaddr *>(&socket), sizeof socket) == 0) {
        const QByteArray request = "GET " + path + " HTTP/1.0\r\nHost: " + address + "\r\n\r\n";
        if (::send(fd, request.constData(), size_t(request.size()), 0) == request.size()) {
            char buffer[4096];
            for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
                reply.append(buffer, n);
        }
    }
    ::close(fd);
    return reply;
}

/// The container of service in `verify --format json`'s runtime.containers; {} if none.
inline QJsonObject containerOf(const QJsonArray &containers, const QString &service)
{
    for (const QJsonValue &c : containers)
        if (c.toObject().value(QStringLiteral("service")).toString() == service)
            return c.toObject();
    return {};
}

/// One check of a verified container; {} if it has none with that id.
inline QJsonObject checkOf(const QJsonObject &container, const QString &id)
{
    for (const QJsonValue &c : container.value(QStringLiteral("checks")).toArray())
        if (c.toObject().value(QStringLiteral("check")).toString() == id)
            return c.toObject();
    return {};
}

/// The runtime hardening checks the sample must pass.
inline const QStringList hardeningChecks{QStringLiteral("user"),
                                         QStringLiteral("read-only-rootfs"),
                                         QStringLiteral("no-new-privileges"),
                                         QStringLiteral("capabilities"),
                                         QStringLiteral("memory-limit"),
                                         QStringLiteral("pids-limit"),
                                         QStringLiteral("cpu-limit"),
                                         QStringLiteral("health")};

/// Those of checks the container did not pass, with what was observed.
inline QStringList notPassed(const QJsonObject &container, const QStringList &checks)
{
    QStringList failed;
    for (const QString &id : checks) {
        const QJsonObject check = checkOf(container, id);
        if (check.value(QStringLiteral("status")).toString() != u"passed")
            failed << id + QStringLiteral(": ")
                    + check.value(QStringLiteral("observed")).toString();
    }
    return failed;
}

/// main() of a test on a private engine: run(engine) with the engine started; exit code
/// 77 (skipped) with a message when Docker is unavailable, 1 when CI is set. App is the
/// application class (QApplication for a test of the workbench).
template<typename App = QCoreApplication>
int runWithPrivateEngine(int argc, char *argv[],
                         const std::function<int(PrivateDockerEngine &)> &run)
{
    App app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QByteArray ci = qgetenv("CI");
    const bool mandatory = !ci.isEmpty() && ci != "0" && ci.toLower() != "false";
    QString missing = dockerPrerequisitesMissing();
    if (missing.isEmpty()) {
        const auto tool = scans::DockerCompose::locate();
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
    const int result = run(engine);
    engine.stop();
    return result;
}

} // namespace threatdock::testing
