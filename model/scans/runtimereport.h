#pragma once

#include "runtimeevidence.h"
#include "runtimeverifier.h"

#include "review/reviewtypes.h"
#include "rules/finding.h"

#include <QByteArray>
#include <QJsonObject>

namespace threatdock::report {
struct AnalysisReport;
}

namespace threatdock::scans {

/// Writes a runtime verification with the analysis it verifies (`verify --format json`
/// and text) and turns it into findings for a review file's scan run.
class RuntimeReport final
{
public:
    /// The analyze JSON (FindingsJson) plus, on every finding and threat a check bears
    /// on, `"runtime": [{"check", "title", "status", "observed", "expected", "service",
    /// "container", "evidence"}]`, and a top-level `"runtime": {"project", "engine",
    /// "started_at", "finished_at", "passed", "failed", "not_applicable", "containers":
    /// [{"id", "name", "service", "image", "state", "health", "checks": [...]}]}`. Entries
    /// no check bears on are exactly as `analyze` writes them.
    static QJsonObject toJson(const report::AnalysisReport &report,
                              const RuntimeVerification &verification,
                              const RuntimeEvidence &evidence);
    static QByteArray json(const report::AnalysisReport &report,
                           const RuntimeVerification &verification,
                           const RuntimeEvidence &evidence);
    /// Per container, one line per check (PASS, FAIL, N/A with the observed value), then
    /// the threats and findings the checks bear on, and a summary line.
    static QByteArray text(const report::AnalysisReport &report,
                           const RuntimeVerification &verification,
                           const RuntimeEvidence &evidence);
    /// Each check as a finding (source "docker", rule "RUNTIME-<CHECK>", id
    /// "RUNTIME-<CHECK>@service:<name>", the service's compose file and line): a failed
    /// check has the severity, STRIDE, ATT&CK and NIST of the first rule it refutes; a
    /// passed or not applicable one is info.
    static QList<rules::Finding> findings(const report::AnalysisReport &report,
                                          const RuntimeVerification &verification);
    /// The checks as a review's "docker" scan run: findings(), the verification's times
    /// and project, exit status 1 when a check failed.
    static review::ScanRun scanRun(const report::AnalysisReport &report,
                                   const RuntimeVerification &verification,
                                   const QString &dockerVersion);
};

} // namespace threatdock::scans
