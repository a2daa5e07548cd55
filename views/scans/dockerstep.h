#pragma once

#include "scans/composedriver.h"
#include "scans/dockercompose.h"
#include "scans/runtimeverifier.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>

class QThread;

namespace threatdock::views {

/// One Docker step on the open project (build; up and wait until healthy; verify; down),
/// run by a ComposeDriver on a worker thread so the window stays responsive while Compose
/// works for minutes. The driver's progress and Compose's output come back line by line
/// as queued signals; finished() comes on the thread that started the step, once the
/// worker is done. Only one step runs at a time.
class DockerStep final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DockerStep)

public:
    enum class Kind { Build, Up, Verify, Down };

    struct Options
    {
        scans::DockerCompose::BuildOptions build;
        scans::DockerCompose::UpOptions up;
        scans::DockerCompose::DownOptions down;
        int timeoutMs = 0;       ///< for the Compose command itself; 0 = none
        int healthTimeoutMs = 0; ///< Up: how long to wait for healthy; 0 = do not wait
        int logTail = 30;        ///< Up: log lines shown of the services that did not start
    };

    struct Result
    {
        Kind kind = Kind::Build;
        QString error; ///< "" when the step succeeded
        bool canceled = false;
        QList<scans::ComposeDriver::ContainerReadiness> readiness; ///< Up
        scans::RuntimeVerification verification;                   ///< Verify
        bool ok() const { return error.isEmpty(); }
    };

    explicit DockerStep(QObject *parent = nullptr);
    /// Cancels a running step and waits for its worker.
    ~DockerStep() override;

    bool isRunning() const;
    /// Starts kind on the project compose addresses; false when a step already runs.
    bool start(Kind kind, const scans::DockerCompose &compose, const Options &options);
    /// Stops the running command (its whole process group) or the wait for healthy.
    void cancel();

    /// "build", "up", "verify", "down".
    static QString name(Kind kind);

Q_SIGNALS:
    /// ThreatDock's own progress ("running docker-compose ... build", "api: healthy").
    void progress(const QString &line);
    /// A line Compose wrote, secrets redacted.
    void outputLine(const QString &line);
    void finished(const threatdock::views::DockerStep::Result &result);

private:
    void run(Kind kind, const scans::DockerCompose &compose, const Options &options);

    QThread *m_thread = nullptr;
    mutable QMutex m_mutex;
    scans::ComposeDriver *m_driver = nullptr; ///< the worker's driver while it runs (m_mutex)
    bool m_cancelRequested = false;           ///< m_mutex
    Result m_result;                          ///< written by the worker, read once it has finished
};

} // namespace threatdock::views
