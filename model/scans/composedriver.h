#pragma once

#include "containerinspector.h"
#include "dockercompose.h"
#include "runtimeverifier.h"
#include "scanrunner.h"

#include <QObject>
#include <QString>

namespace threatdock::scans {

/// Drives one compose project on a Docker engine for ThreatDock: build, up, logs, down
/// through `docker compose` / `docker-compose`, waiting until its containers are healthy,
/// and the runtime verification of its hardening through `docker inspect`. Everything
/// runs through one ScanRunner (argument lists, never a shell, the whole process group
/// stopped on cancel or timeout); the tools' output and ThreatDock's own progress come
/// out line by line while it runs. Used by the CLI (blocking calls) and by the GUI
/// (the same calls, cancel() from a button).
class ComposeDriver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposeDriver)

public:
    /// The outcome of one step: ok, or one line saying why not.
    struct Outcome
    {
        QString error;
        bool ok() const { return error.isEmpty(); }
    };

    /// Where one container stood at the last poll of waitUntilHealthy().
    struct ContainerReadiness
    {
        QString service;
        QString container;
        QString status; ///< "healthy", "running (no healthcheck)", "starting", "exited with code 1"
    };

    explicit ComposeDriver(const DockerCompose &compose, QObject *parent = nullptr);

    const DockerCompose &compose() const { return m_compose; }
    ScanRunner &runner() { return m_runner; }
    /// "docker 28.2.2, docker-compose 1.29.2, engine unix:///tmp/t/docker.sock".
    QString describeEngine() const;

    Outcome build(const DockerCompose::BuildOptions &options, int timeoutMs = 0);
    Outcome up(const DockerCompose::UpOptions &options, int timeoutMs = 0);
    Outcome down(const DockerCompose::DownOptions &options, int timeoutMs = 0);
    /// `ps -a`: the project's containers as Compose lists them, as outputLine()s.
    Outcome ps(int timeoutMs = 60000);
    /// The last lines of the services' logs (all services when empty), as outputLine()s.
    Outcome logs(const QStringList &services, int tail, int timeoutMs = 60000);

    /// Polls the project's containers until each is running and, when it has a
    /// healthcheck, healthy. Fails at once when one exits or turns unhealthy, and after
    /// timeoutMs. unhealthyServices() then names the services that were not ready.
    Outcome waitUntilHealthy(int timeoutMs, int pollMs = 1000);
    QStringList unhealthyServices() const { return m_unhealthy; }
    QList<ContainerReadiness> readiness() const { return m_readiness; }

    /// Inspects the project's containers and their images and checks their hardening.
    /// error set when the engine could not be asked; no containers is not an error here.
    Outcome verify(RuntimeVerification &verification, int timeoutMs = 60000);

    /// Stops the running command (and its process group) or the wait.
    void cancel();

Q_SIGNALS:
    /// ThreatDock's own progress: "running docker-compose -f ... build", "api: healthy".
    void progress(const QString &line);
    /// A line a Compose step wrote (stdout or stderr), secrets redacted. The engine
    /// queries (ps, inspect) are not shown.
    void outputLine(const QString &line);

private:
    Outcome runStep(const ToolCommand &command, const QString &what);
    /// Once: that Compose v1 gets ThreatDock's merge instead of the files, and its notes.
    void announceV1Merge();
    ContainerInspector inspector(int timeoutMs = 60000);

    DockerCompose m_compose;
    ScanRunner m_runner;
    QStringList m_unhealthy;
    QList<ContainerReadiness> m_readiness;
    bool m_canceled = false;
    bool m_v1MergeAnnounced = false;
    bool m_forwardOutput = false; ///< a Compose step runs: its lines go to outputLine()
};

} // namespace threatdock::scans
