#include "trivyscan.h"

#include "banditscan.h"
#include "trivyreport.h"

namespace threatdock::scans {

namespace {

QString subcommand(TrivyScan::Kind kind)
{
    switch (kind) {
    case TrivyScan::Kind::Image:
        return QStringLiteral("image");
    case TrivyScan::Kind::Filesystem:
        return QStringLiteral("fs");
    case TrivyScan::Kind::Config:
        return QStringLiteral("config");
    }
    return QString();
}

} // namespace

ToolCommand TrivyScan::command(const ToolInfo &trivy, Kind kind, const QString &subject,
                               const ScanTarget &target, int timeoutMs)
{
    ToolCommand c;
    c.program = trivy.path;
    c.workingDirectory = target.projectDir;
    c.timeoutMs = timeoutMs;
    c.arguments << subcommand(kind) << QStringLiteral("--format") << QStringLiteral("json")
                << QStringLiteral("--quiet") << QStringLiteral("--") << subject;
    return c;
}

ScanResult TrivyScan::interpret(const RunResult &run, const ToolInfo &trivy, Kind kind,
                                const QString &subject, const ScanTarget &target)
{
    ScanResult result;
    if (run.finished() && run.exitCode == 0 && !run.outputTruncated) {
        const QString base = kind == Kind::Image ? QString() : subject;
        result = TrivyReport::parse(run.standardOutput, target, base);
    } else if (run.outputTruncated) {
        result.error = QStringLiteral("trivy wrote more output than ThreatDock keeps");
    } else {
        const QString detail = lastErrorLine(run);
        result.error = QStringLiteral("trivy %1%2")
                           .arg(run.describe(),
                                detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
    }
    result.tool = QStringLiteral("trivy");
    if (!trivy.version.isEmpty())
        result.toolVersion = trivy.version;
    result.input = subcommand(kind) + u' ' + subject;
    return result;
}

ScanResult TrivyScan::run(ScanRunner &runner, const ToolInfo &trivy, Kind kind,
                          const QString &subject, const ScanTarget &target, int timeoutMs)
{
    if (!trivy.found()) {
        ScanResult result;
        result.tool = QStringLiteral("trivy");
        result.input = subcommand(kind) + u' ' + subject;
        result.error = trivy.error;
        return result;
    }
    return interpret(runner.run(command(trivy, kind, subject, target, timeoutMs)), trivy, kind,
                     subject, target);
}

} // namespace threatdock::scans
