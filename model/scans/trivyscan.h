#pragma once

#include "scanresult.h"
#include "scanrunner.h"
#include "scantarget.h"
#include "toollocator.h"

namespace threatdock::scans {

/// Trivy through ScanRunner, the same path as Bandit: `trivy image --format json IMAGE`,
/// `trivy fs --format json DIR`, `trivy config --format json DIR`. Trivy exits 0 with
/// findings (no --exit-code is passed); any other exit is an error.
class TrivyScan final
{
public:
    enum class Kind { Image, Filesystem, Config };

    /// subject: an image reference for Image, a directory for the others.
    static ToolCommand command(const ToolInfo &trivy, Kind kind, const QString &subject,
                               const ScanTarget &target, int timeoutMs = 0);
    static ScanResult interpret(const RunResult &run, const ToolInfo &trivy, Kind kind,
                                const QString &subject, const ScanTarget &target);
    static ScanResult run(ScanRunner &runner, const ToolInfo &trivy, Kind kind,
                          const QString &subject, const ScanTarget &target, int timeoutMs = 0);
};

} // namespace threatdock::scans
