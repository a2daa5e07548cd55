#include "banditscan.h"

#include "banditreport.h"

#include <QDir>

namespace threatdock::scans {

QString lastErrorLine(const RunResult &run)
{
    const QStringList lines = QString::fromUtf8(run.standardErrorTail).split(u'\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        if (!it->trimmed().isEmpty())
            return it->trimmed();
    return QString();
}

ToolCommand BanditScan::command(const ToolInfo &bandit, const ScanTarget &target, int timeoutMs)
{
    ToolCommand c;
    c.program = bandit.path;
    c.workingDirectory = target.projectDir;
    c.timeoutMs = timeoutMs;
    // Options first, then `--`: a build context named like an option stays a path.
    c.arguments << QStringLiteral("-f") << QStringLiteral("json") << QStringLiteral("-r")
                << QStringLiteral("--");
    const QStringList contexts = target.contextDirectories();
    if (contexts.isEmpty()) {
        c.arguments << QStringLiteral(".");
    } else {
        const QDir project(target.projectDir);
        for (const QString &dir : contexts) {
            const QString rel = project.relativeFilePath(dir);
            c.arguments << (rel.startsWith(QStringLiteral("..")) ? dir : rel);
        }
    }
    return c;
}

ScanResult BanditScan::interpret(const RunResult &run, const ToolInfo &bandit,
                                 const ScanTarget &target, const catalog::Catalog *catalog)
{
    ScanResult result;
    if (run.finished() && (run.exitCode == 0 || run.exitCode == 1) && !run.outputTruncated) {
        result = BanditReport::parse(run.standardOutput, target, catalog, target.projectDir);
    } else if (run.outputTruncated) {
        result.error = QStringLiteral("bandit wrote more output than ThreatDock keeps; scan "
                                      "fewer files");
    } else {
        const QString detail = lastErrorLine(run);
        result.error = QStringLiteral("bandit %1%2")
                           .arg(run.describe(),
                                detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
    }
    result.tool = QStringLiteral("bandit");
    result.toolVersion = bandit.version;
    result.input = target.contextDirectories().isEmpty()
        ? target.projectDir
        : target.contextDirectories().join(QStringLiteral(", "));
    return result;
}

ScanResult BanditScan::run(ScanRunner &runner, const ToolInfo &bandit, const ScanTarget &target,
                           const catalog::Catalog *catalog, int timeoutMs)
{
    if (!bandit.found()) {
        ScanResult result;
        result.tool = QStringLiteral("bandit");
        result.error = bandit.error;
        return result;
    }
    return interpret(runner.run(command(bandit, target, timeoutMs)), bandit, target, catalog);
}

} // namespace threatdock::scans
