#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

class QTimer;

namespace threatdock::scans {

/// One external program to run: a program and its argument list, never a shell command
/// line, so nothing in an argument is ever interpreted.
struct ToolCommand
{
    QString program; ///< absolute path (see ToolLocator) or a name looked up on PATH
    QStringList arguments;
    QString workingDirectory; ///< "" = the current directory
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    int timeoutMs = 0; ///< 0 = no timeout

    /// The command as a reader would type it, for progress messages (arguments quoted
    /// when they hold spaces); never passed to a shell.
    QString displayString() const;
};

/// How a run ended, with what the program wrote.
struct RunResult
{
    enum class Status {
        NotRun,
        Finished,      ///< exited on its own; exitCode is its code
        FailedToStart, ///< not found, not executable, bad working directory
        TimedOut,      ///< killed (with its process group) after the timeout
        Canceled,      ///< killed (with its process group) on request
        Crashed        ///< died of a signal nobody sent
    };
    Status status = Status::NotRun;
    int exitCode = -1;
    QByteArray standardOutput;    ///< everything, up to the capture limit
    bool outputTruncated = false; ///< standardOutput stopped at the capture limit
    QByteArray standardErrorTail; ///< the last 64 KiB of stderr
    QString errorString;          ///< why it did not start or was stopped
    qint64 elapsedMs = 0;

    bool finished() const { return status == Status::Finished; }
    /// One line: "exited with code 2", "timed out after 5 s", "not started: ...".
    QString describe() const;
};

/// Runs one external tool at a time for ThreatDock (Bandit, Trivy, docker...): QProcess
/// with an argument list, a working directory and an environment, an optional timeout,
/// and cancel. The child starts in its own session and process group (setsid), so
/// timeout and cancel stop everything it spawned: SIGTERM to the group, then SIGKILL
/// after a grace period. Output is streamed line by line through signals while it runs;
/// stdout is also kept up to a capture limit and stderr's tail, so a tool that writes
/// gigabytes neither exhausts memory nor hangs the caller. Lines longer than the line
/// limit are delivered in pieces.
class ScanRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScanRunner)

public:
    explicit ScanRunner(QObject *parent = nullptr);
    ~ScanRunner() override;

    /// Bytes of stdout kept in RunResult::standardOutput (default 256 MiB).
    void setCaptureLimit(qint64 bytes) { m_captureLimit = bytes; }
    /// Longest line delivered in one signal (default 64 KiB).
    void setMaxLineLength(qsizetype bytes) { m_maxLineLength = bytes; }
    /// Time between SIGTERM and SIGKILL on cancel or timeout (default 3 s).
    void setKillGrace(int ms) { m_killGraceMs = ms; }

    bool isRunning() const;
    /// The child's pid, which is also its process group id; 0 when not running.
    qint64 processId() const;

    /// Starts command; finished() follows, also when it cannot start. Ignored while a
    /// run is in progress.
    void start(const ToolCommand &command);
    /// Stops the running command and its whole process group.
    void cancel();
    /// Runs an event loop until the current run ends (or msecs pass, -1 = no limit).
    bool waitForFinished(int msecs = -1);
    /// start() then waitForFinished(); the command's own timeout applies.
    RunResult run(const ToolCommand &command);

    /// The last run's result.
    const RunResult &result() const { return m_result; }

Q_SIGNALS:
    void started(qint64 pid);
    void standardOutputLine(const QString &line);
    void standardErrorLine(const QString &line);
    void finished(const threatdock::scans::RunResult &result);

private:
    void readChannel(QProcess::ProcessChannel channel);
    void flushLines(QByteArray &pending, QProcess::ProcessChannel channel, bool atEnd);
    void emitLine(QByteArray line, QProcess::ProcessChannel channel);
    void stopGroup(RunResult::Status reason);
    void signalGroup(int signal);
    void onFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onError(QProcess::ProcessError error);
    void complete();

    QProcess *m_process = nullptr;
    QTimer *m_timeout = nullptr;
    QTimer *m_killTimer = nullptr;
    QElapsedTimer m_clock;
    ToolCommand m_command;
    RunResult m_result;
    QByteArray m_pendingOut;
    QByteArray m_pendingErr;
    qint64 m_pid = 0;
    RunResult::Status m_stopReason = RunResult::Status::NotRun;
    qint64 m_captureLimit = qint64(256) * 1024 * 1024;
    qsizetype m_maxLineLength = 64 * 1024;
    int m_killGraceMs = 3000;
    bool m_running = false;
};

} // namespace threatdock::scans
