#include "composedriver.h"

#include "rules/secretdetector.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QJsonObject>
#include <QMap>
#include <QTimer>

namespace threatdock::scans {

namespace {

/// Where a container stands on the way to ready.
enum class Readiness { Waiting, Ready, Failed };

struct ContainerStatus
{
    Readiness readiness = Readiness::Waiting;
    QString service;
    QString text; ///< "healthy", "starting", "exited with code 1", "unhealthy: ..."
};

/// The last output of a failed healthcheck, on one line.
QString lastHealthOutput(const QJsonObject &health)
{
    const QJsonArray log = health.value(QStringLiteral("Log")).toArray();
    if (log.isEmpty())
        return QString();
    return log.last().toObject().value(QStringLiteral("Output")).toString().simplified().left(200);
}

ContainerStatus statusOf(const QJsonObject &container)
{
    ContainerStatus s;
    const QJsonObject config = container.value(QStringLiteral("Config")).toObject();
    s.service
        = config.value(QStringLiteral("Labels")).toObject().value(composeServiceLabel()).toString();
    const QJsonObject state = container.value(QStringLiteral("State")).toObject();
    const QString status = state.value(QStringLiteral("Status")).toString();
    const QJsonObject health = state.value(QStringLiteral("Health")).toObject();
    const QString healthStatus = health.value(QStringLiteral("Status")).toString();
    if (status == u"exited" || status == u"dead") {
        s.readiness = Readiness::Failed;
        s.text = QStringLiteral("%1 with code %2")
                     .arg(status, QString::number(state.value(QStringLiteral("ExitCode")).toInt()));
    } else if (status != u"running") {
        s.text = status; // created, restarting, paused
    } else if (healthStatus.isEmpty() || healthStatus == u"healthy") {
        s.readiness = Readiness::Ready;
        s.text = healthStatus.isEmpty() ? QStringLiteral("running (no healthcheck)") : healthStatus;
    } else if (healthStatus == u"unhealthy") {
        s.readiness = Readiness::Failed;
        const QString output = lastHealthOutput(health);
        s.text = output.isEmpty() ? healthStatus : healthStatus + QStringLiteral(": ") + output;
    } else {
        s.text = healthStatus; // starting
    }
    return s;
}

/// Runs an event loop for ms (so the runner's and the caller's signals are delivered).
void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

ComposeDriver::ComposeDriver(const DockerCompose &compose, QObject *parent)
    : QObject(parent)
    , m_compose(compose)
{
    // Only the Compose steps' own output is shown (inspect's JSON holds the containers'
    // environments), and redacted: a build log can echo an ENV or ARG with a secret.
    const auto forward = [this](const QString &line) {
        if (m_forwardOutput)
            Q_EMIT outputLine(rules::SecretDetector::redact(line));
    };
    connect(&m_runner, &ScanRunner::standardOutputLine, this, forward);
    connect(&m_runner, &ScanRunner::standardErrorLine, this, forward);
}

QString ComposeDriver::describeEngine() const
{
    const ComposeTool &tool = m_compose.tool();
    const QString host = m_compose.environment().value(QStringLiteral("DOCKER_HOST"));
    return QStringLiteral("docker %1, %2, engine %3")
        .arg(tool.dockerVersion.isEmpty() ? QStringLiteral("?") : tool.dockerVersion,
             tool.describe(),
             host.isEmpty() ? QStringLiteral("unix:///var/run/docker.sock (default)") : host);
}

ComposeDriver::Outcome ComposeDriver::runStep(const ToolCommand &command, const QString &what)
{
    if (m_canceled)
        return {QStringLiteral("%1 canceled").arg(what)};
    using rules::SecretDetector;
    announceV1Merge();
    Q_EMIT progress(
        QStringLiteral("running %1").arg(SecretDetector::redact(command.displayString())));
    m_forwardOutput = true;
    const RunResult result = m_runner.run(command);
    m_forwardOutput = false;
    if (result.finished() && result.exitCode == 0) {
        Q_EMIT progress(QStringLiteral("%1 done in %2 s")
                            .arg(what, QString::number(double(result.elapsedMs) / 1000.0, 'f', 1)));
        return {};
    }
    return {QStringLiteral("%1 failed: %2")
                .arg(what, SecretDetector::redact(describeFailure(command, result)))};
}

void ComposeDriver::announceV1Merge()
{
    const ComposeV1Files &v1 = m_compose.v1Files();
    if (m_v1MergeAnnounced || !m_compose.tool().isV1() || !v1.merged())
        return;
    m_v1MergeAnnounced = true;
    // File names and keys only: the merge itself holds the project's resolved values.
    const QDir project(m_compose.project().workingDir);
    QStringList names;
    for (const QString &file : v1.mergedFrom)
        names << project.relativeFilePath(file);
    const QString tool = m_compose.tool().describe();
    Q_EMIT progress(QStringLiteral("%1 cannot read %2 (%3): it gets ThreatDock's merge of %4 "
                                   "instead, a private file deleted afterwards")
                        .arg(tool, v1.unsupported, project.relativeFilePath(v1.unsupportedAt),
                             names.join(QStringLiteral(", "))));
    for (const QString &note : v1.notes)
        Q_EMIT progress(QStringLiteral("for %1: %2").arg(tool, note));
}

ContainerInspector ComposeDriver::inspector(int timeoutMs)
{
    return ContainerInspector(m_runner, m_compose.tool().docker, m_compose.environment(),
                              timeoutMs);
}

ComposeDriver::Outcome ComposeDriver::build(const DockerCompose::BuildOptions &options,
                                            int timeoutMs)
{
    if (const auto problem = m_compose.problem(options))
        return {*problem};
    return runStep(m_compose.build(options, timeoutMs), QStringLiteral("build"));
}

ComposeDriver::Outcome ComposeDriver::up(const DockerCompose::UpOptions &options, int timeoutMs)
{
    if (const auto problem = m_compose.problem())
        return {*problem};
    return runStep(m_compose.up(options, timeoutMs), QStringLiteral("up"));
}

ComposeDriver::Outcome ComposeDriver::down(const DockerCompose::DownOptions &options, int timeoutMs)
{
    if (const auto problem = m_compose.problem())
        return {*problem};
    return runStep(m_compose.down(options, timeoutMs), QStringLiteral("down"));
}

ComposeDriver::Outcome ComposeDriver::ps(int timeoutMs)
{
    return runStep(m_compose.ps(timeoutMs), QStringLiteral("ps"));
}

ComposeDriver::Outcome ComposeDriver::logs(const QStringList &services, int tail, int timeoutMs)
{
    return runStep(m_compose.logs(services, tail, timeoutMs), QStringLiteral("logs"));
}

ComposeDriver::Outcome ComposeDriver::waitUntilHealthy(int timeoutMs, int pollMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QMap<QString, QString> shown; // container name -> last status shown
    for (;;) {
        if (m_canceled)
            return {QStringLiteral("waiting for healthy canceled")};
        ContainerInspector engine = inspector();
        const ProjectInspection inspection = engine.inspect(m_compose.project().name, false);
        if (!inspection.ok())
            return {inspection.error};
        if (inspection.containers.isEmpty())
            return {QStringLiteral("no container of project %1 on this engine")
                        .arg(m_compose.project().name)};
        m_unhealthy.clear();
        m_readiness.clear();
        QStringList failures;
        for (const QJsonValue &value : inspection.containers) {
            const QJsonObject container = value.toObject();
            const QString name = container.value(QStringLiteral("Name")).toString().mid(1);
            const ContainerStatus s = statusOf(container);
            if (shown.value(name) != s.text)
                Q_EMIT progress(QStringLiteral("%1 (%2): %3").arg(s.service, name, s.text));
            shown.insert(name, s.text);
            m_readiness << ContainerReadiness{s.service, name, s.text};
            if (s.readiness != Readiness::Ready)
                m_unhealthy << s.service;
            if (s.readiness == Readiness::Failed)
                failures << QStringLiteral("%1 %2").arg(s.service, s.text);
        }
        if (!failures.isEmpty())
            return {failures.join(QStringLiteral("; "))};
        if (m_unhealthy.isEmpty())
            return {};
        if (deadline.hasExpired())
            return {QStringLiteral("not healthy within %1 s: %2")
                        .arg(timeoutMs / 1000)
                        .arg(m_unhealthy.join(QStringLiteral(", ")))};
        pause(int(qMin<qint64>(pollMs, qMax<qint64>(deadline.remainingTime(), 1))));
    }
}

ComposeDriver::Outcome ComposeDriver::verify(RuntimeVerification &verification, int timeoutMs)
{
    verification = RuntimeVerification();
    verification.project = m_compose.project().name;
    verification.engine = describeEngine();
    verification.startedAt = QDateTime::currentDateTimeUtc();
    Q_EMIT progress(QStringLiteral("inspecting the containers of %1 (label %2=%1)")
                        .arg(verification.project, composeProjectLabel()));
    ContainerInspector engine = inspector(timeoutMs);
    const ProjectInspection inspection = engine.inspect(verification.project);
    verification.finishedAt = QDateTime::currentDateTimeUtc();
    if (!inspection.ok())
        return {inspection.error};
    verification.containers = RuntimeVerifier::verify(inspection.containers, inspection.images);
    return {};
}

void ComposeDriver::cancel()
{
    m_canceled = true;
    m_runner.cancel();
}

} // namespace threatdock::scans
