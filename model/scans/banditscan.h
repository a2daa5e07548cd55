#pragma once

#include "scanresult.h"
#include "scanrunner.h"
#include "scantarget.h"
#include "toollocator.h"

namespace threatdock::catalog {
class Catalog;
}

namespace threatdock::scans {

/// Bandit on a project: `bandit -r <build contexts> -f json` run in the project
/// directory through ScanRunner (the project directory itself when no service is built
/// from source). Exit 0 means no issues, 1 issues found; anything else is an error.
class BanditScan final
{
public:
    static ToolCommand command(const ToolInfo &bandit, const ScanTarget &target, int timeoutMs = 0);
    /// Reads a finished run (a GUI runs command() itself and calls this on finished()).
    static ScanResult interpret(const RunResult &run, const ToolInfo &bandit,
                                const ScanTarget &target, const catalog::Catalog *catalog);
    /// command(), runner.run() and interpret(); a missing tool gives its actionable error.
    static ScanResult run(ScanRunner &runner, const ToolInfo &bandit, const ScanTarget &target,
                          const catalog::Catalog *catalog, int timeoutMs = 0);
};

/// The last non-empty line of a tool's stderr, for one-line error messages.
QString lastErrorLine(const RunResult &run);

} // namespace threatdock::scans
