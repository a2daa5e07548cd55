#include "toollocator.h"

#include "scanrunner.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace threatdock::scans {

namespace {

constexpr int versionTimeoutMs = 15000;

} // namespace

ToolSpec ToolSpec::bandit()
{
    return {QStringLiteral("bandit"),
            {QStringLiteral("--version")},
            QStringLiteral("apt-get install bandit")};
}

ToolSpec ToolSpec::trivy()
{
    return {QStringLiteral("trivy"),
            {QStringLiteral("--version")},
            QStringLiteral("install Trivy from https://aquasecurity.github.io/trivy (not packaged "
                           "in Debian 12), or import a Trivy JSON report with --import")};
}

QString ToolLocator::versionFrom(const QString &output)
{
    static const QRegularExpression version(QStringLiteral("\\b(\\d+\\.\\d+(?:\\.\\d+)*)\\b"));
    // "bandit 1.6.2\n  python version = 3.11.2": the tool's own version comes first.
    const QRegularExpressionMatch m = version.match(output);
    return m.hasMatch() ? m.captured(1) : QString();
}

ToolInfo ToolLocator::locate(const ToolSpec &spec, const QString &configuredPath,
                             const QStringList &searchPath)
{
    ToolInfo info;
    info.name = spec.name;
    if (!configuredPath.isEmpty()) {
        const QFileInfo file(configuredPath);
        if (!file.exists()) {
            info.error = QStringLiteral("%1 not found at %2: %3, or correct the configured path")
                             .arg(spec.name, configuredPath, spec.installHint);
            return info;
        }
        if (!file.isFile() || !file.isExecutable()) {
            info.error = QStringLiteral("%1 at %2 is not an executable file: correct the "
                                        "configured path")
                             .arg(spec.name, configuredPath);
            return info;
        }
        info.path = file.absoluteFilePath();
    } else {
        info.path = QStandardPaths::findExecutable(spec.name, searchPath);
        if (info.path.isEmpty()) {
            info.error = QStringLiteral("%1 not found: %2").arg(spec.name, spec.installHint);
            return info;
        }
    }
    ScanRunner runner;
    ToolCommand command;
    command.program = info.path;
    command.arguments = spec.versionArguments;
    command.timeoutMs = versionTimeoutMs;
    const RunResult result = runner.run(command);
    if (!result.finished()) {
        info.error = QStringLiteral("%1 at %2 does not run (%3): %4")
                         .arg(spec.name, info.path, result.describe(), spec.installHint);
        info.path.clear();
        return info;
    }
    info.version = versionFrom(QString::fromUtf8(result.standardOutput)
                               + QString::fromUtf8(result.standardErrorTail));
    return info;
}

} // namespace threatdock::scans
