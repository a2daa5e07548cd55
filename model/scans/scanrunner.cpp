#include "scanrunner.h"

#include <QEventLoop>
#include <QTimer>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace threatdock::scans {

namespace {

constexpr qsizetype stderrTailBytes = 64 * 1024;

QString quoted(const QString &argument)
{
    if (!argument.isEmpty() && !argument.contains(u' ') && !argument.contains(u'"')
        && !argument.contains(u'\''))
        return argument;
    QString escaped = argument;
    escaped.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + escaped + u'\'';
}

} // namespace

QString ToolCommand::displayString() const
{
    QStringList words{quoted(program)};
    for (const QString &a : arguments)
        words << quoted(a);
    return words.join(u' ');
}

QString RunResult::describe() const
{
    switch (status) {
    case Status::NotRun:
        return QStringLiteral("not run");
    case Status::Finished:
        return QStringLiteral("exited with code %1").arg(exitCode);
    case Status::FailedToStart:
        return QStringLiteral("not started: %1").arg(errorString);
    case Status::TimedOut:
        return QStringLiteral("timed out after %1 s and was stopped")
            .arg(QString::number(double(elapsedMs) / 1000.0, 'f', 1));
    case Status::Canceled:
        return QStringLiteral("canceled");
    case Status::Crashed:
        return QStringLiteral("killed by signal %1").arg(exitCode);
    }
    return QString();
}

ScanRunner::ScanRunner(QObject *parent)
    : QObject(parent)
    , m_timeout(new QTimer(this))
    , m_killTimer(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    m_killTimer->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] { stopGroup(RunResult::Status::TimedOut); });
    connect(m_killTimer, &QTimer::timeout, this, [this] { signalGroup(SIGKILL); });
}

ScanRunner::~ScanRunner()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        signalGroup(SIGKILL);
        m_process->waitForFinished(2000);
    }
}

bool ScanRunner::isRunning() const
{
    return m_running;
}

qint64 ScanRunner::processId() const
{
    return m_running ? m_pid : 0;
}

void ScanRunner::start(const ToolCommand &command)
{
    if (m_running)
        return;
    m_command = command;
    m_result = RunResult();
    m_pendingOut.clear();
    m_pendingErr.clear();
    m_stopReason = RunResult::Status::NotRun;
    m_pid = 0;
    m_running = true;
    delete m_process;
    m_process = new QProcess(this);
    m_process->setProgram(command.program);
    m_process->setArguments(command.arguments);
    m_process->setProcessEnvironment(command.environment);
    if (!command.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(command.workingDirectory);
    // Its own session and process group: cancel and timeout reach every descendant.
    m_process->setChildProcessModifier([] { ::setsid(); });
    connect(m_process, &QProcess::readyReadStandardOutput, this,
            [this] { readChannel(QProcess::StandardOutput); });
    connect(m_process, &QProcess::readyReadStandardError, this,
            [this] { readChannel(QProcess::StandardError); });
    connect(m_process, &QProcess::finished, this, &ScanRunner::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &ScanRunner::onError);
    connect(m_process, &QProcess::started, this, [this] {
        m_pid = m_process->processId();
        if (m_stopReason != RunResult::Status::NotRun) {
            signalGroup(SIGTERM); // canceled while it was starting
            m_killTimer->start(m_killGraceMs);
        } else if (m_command.timeoutMs > 0) {
            m_timeout->start(m_command.timeoutMs);
        }
        Q_EMIT started(m_pid);
    });
    m_clock.start();
    // stdin is /dev/null: no tool ever waits for input.
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->start(QIODevice::ReadOnly);
    // Known as soon as the child is forked; started() follows once it runs.
    m_pid = m_process->processId();
}

void ScanRunner::cancel()
{
    stopGroup(RunResult::Status::Canceled);
}

bool ScanRunner::waitForFinished(int msecs)
{
    if (!m_running)
        return true;
    QEventLoop loop;
    connect(this, &ScanRunner::finished, &loop, &QEventLoop::quit);
    QTimer limit;
    if (msecs >= 0) {
        limit.setSingleShot(true);
        connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
        limit.start(msecs);
    }
    if (m_running)
        loop.exec();
    return !m_running;
}

RunResult ScanRunner::run(const ToolCommand &command)
{
    start(command);
    waitForFinished();
    return m_result;
}

void ScanRunner::readChannel(QProcess::ProcessChannel channel)
{
    if (!m_process)
        return;
    if (channel == QProcess::StandardOutput) {
        const QByteArray data = m_process->readAllStandardOutput();
        const qint64 room = m_captureLimit - m_result.standardOutput.size();
        if (data.size() <= room) {
            m_result.standardOutput += data;
        } else {
            if (room > 0)
                m_result.standardOutput += data.left(room);
            m_result.outputTruncated = true;
        }
        m_pendingOut += data;
        flushLines(m_pendingOut, channel, false);
    } else {
        const QByteArray data = m_process->readAllStandardError();
        m_result.standardErrorTail += data;
        if (m_result.standardErrorTail.size() > stderrTailBytes)
            m_result.standardErrorTail = m_result.standardErrorTail.right(stderrTailBytes);
        m_pendingErr += data;
        flushLines(m_pendingErr, channel, false);
    }
}

void ScanRunner::flushLines(QByteArray &pending, QProcess::ProcessChannel channel, bool atEnd)
{
    qsizetype from = 0;
    for (;;) {
        const qsizetype newline = pending.indexOf('\n', from);
        if (newline < 0)
            break;
        // A complete line longer than the limit still goes out in pieces.
        for (qsizetype pos = from; pos < newline; pos += m_maxLineLength)
            emitLine(pending.mid(pos, qMin(m_maxLineLength, newline - pos)), channel);
        if (newline == from)
            emitLine(QByteArray(), channel);
        from = newline + 1;
    }
    while (pending.size() - from >= m_maxLineLength) {
        emitLine(pending.mid(from, m_maxLineLength), channel);
        from += m_maxLineLength;
    }
    if (atEnd && from < pending.size()) {
        emitLine(pending.mid(from), channel);
        from = pending.size();
    }
    pending.remove(0, from);
}

void ScanRunner::emitLine(QByteArray line, QProcess::ProcessChannel channel)
{
    if (line.endsWith('\r'))
        line.chop(1);
    const QString text = QString::fromUtf8(line);
    if (channel == QProcess::StandardOutput)
        Q_EMIT standardOutputLine(text);
    else
        Q_EMIT standardErrorLine(text);
}

void ScanRunner::stopGroup(RunResult::Status reason)
{
    if (!m_running || m_stopReason != RunResult::Status::NotRun)
        return;
    m_stopReason = reason;
    m_timeout->stop();
    if (m_pid <= 0)
        return; // not forked yet: the started handler stops it
    signalGroup(SIGTERM);
    m_killTimer->start(m_killGraceMs);
}

void ScanRunner::signalGroup(int signal)
{
    // m_pid is the group id (setsid); a negative pid addresses the whole group.
    if (m_pid > 0)
        ::kill(-pid_t(m_pid), signal);
}

void ScanRunner::onFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    m_result.exitCode = exitCode;
    if (m_stopReason != RunResult::Status::NotRun) {
        m_result.status = m_stopReason;
        m_result.errorString = m_stopReason == RunResult::Status::TimedOut
            ? QStringLiteral("timeout of %1 ms reached").arg(m_command.timeoutMs)
            : QStringLiteral("canceled");
        // The leader is gone; anything of its group that ignored SIGTERM goes now.
        signalGroup(SIGKILL);
    } else if (exitStatus == QProcess::CrashExit) {
        m_result.status = RunResult::Status::Crashed;
        m_result.errorString = m_process->errorString();
    } else {
        m_result.status = RunResult::Status::Finished;
    }
    complete();
}

void ScanRunner::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_running)
        return; // the other errors are followed by finished()
    m_result.status = RunResult::Status::FailedToStart;
    m_result.errorString = m_command.program + QStringLiteral(": ") + m_process->errorString();
    complete();
}

void ScanRunner::complete()
{
    if (!m_running)
        return;
    readChannel(QProcess::StandardOutput);
    readChannel(QProcess::StandardError);
    flushLines(m_pendingOut, QProcess::StandardOutput, true);
    flushLines(m_pendingErr, QProcess::StandardError, true);
    m_timeout->stop();
    m_killTimer->stop();
    m_result.elapsedMs = m_clock.elapsed();
    m_running = false;
    m_pid = 0;
    Q_EMIT finished(m_result);
}

} // namespace threatdock::scans
