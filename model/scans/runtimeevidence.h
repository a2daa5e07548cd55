#pragma once

#include "runtimeverifier.h"

#include "threats/threattemplate.h"

#include <QHash>
#include <QList>
#include <QString>

namespace threatdock::report {
struct AnalysisReport;
}

namespace threatdock::scans {

/// One runtime check of one container, as evidence on a threat or a finding.
struct RuntimeEvidenceItem
{
    QString service;
    QString container;
    RuntimeCheck check;

    /// "verified at runtime: api (threatdock-sample-hardened_api_1): Read-only root
    /// filesystem passed (ReadonlyRootfs=true)".
    QString text() const;
};

/// Which runtime checks bear on which threats and findings of an analysis. A check bears
/// on a threat of the container's service when the threat's template cites the facts or
/// properties the check observes (in a mitigation or its applicability: "runs as root",
/// "read-only root filesystem", property cpus...); on a finding of that service when the
/// finding's rule is one the check confirms or refutes (CMP-FS-001 for the read-only
/// root filesystem...). Ids are the analysis's stable threat and finding ids.
class RuntimeEvidence final
{
public:
    /// templates: the threat templates the analysis used (the built-in ones when empty).
    static RuntimeEvidence attach(const report::AnalysisReport &report,
                                  const RuntimeVerification &verification,
                                  const QList<threats::ThreatTemplate> &templates = {});

    QList<RuntimeEvidenceItem> forThreat(const QString &threatId) const
    {
        return m_threats.value(threatId);
    }
    QList<RuntimeEvidenceItem> forFinding(const QString &findingId) const
    {
        return m_findings.value(findingId);
    }
    qsizetype threatCount() const { return m_threats.size(); }
    qsizetype findingCount() const { return m_findings.size(); }

private:
    QHash<QString, QList<RuntimeEvidenceItem>> m_threats;
    QHash<QString, QList<RuntimeEvidenceItem>> m_findings;
};

} // namespace threatdock::scans
