#pragma once

#include "catalog/catalog.h"
#include "reportinput.h"
#include "review/reviewtypes.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace threatdock::report {

/// Where a threat stands once the analysis and the review are both taken into account.
enum class ThreatState {
    Open,
    MitigatedByConfiguration, ///< every mitigation the template names is in place
    Mitigated,                ///< the review decided so
    Accepted,
    Transferred,
    NotApplicable
};

/// "open", "mitigated (configuration)", "mitigated", "accepted", "transferred",
/// "not applicable".
QString threatStateName(ThreatState state);

/// "Spoofing", "Tampering", ... for a STRIDE letter; the letter itself when unknown.
QString strideName(const QString &letter);

/// A file the analysis read, with its SHA-256 (empty when it could not be read).
struct InputFileHash
{
    QString file; ///< relative to the project directory
    QString sha256;
};

/// A version of a tool or data set the report was made with.
struct ToolVersion
{
    QString name;
    QString version;
};

/// Everything every report format says, gathered once: the analysis, the review's
/// decisions, history and scan runs (texts redacted again), the catalog for ATT&CK and
/// NIST names, the input hashes, the versions, and one anchor name per element and
/// threat. Refers to the ReportInput it was gathered from, which must outlive it.
class ReportContext final
{
public:
    /// Reads the review (when there is one), the catalog and the input files. On failure
    /// returns nullopt and error names the file.
    static std::optional<ReportContext> gather(const ReportInput &input, QString *error);

    const ReportInput &input() const { return *m_input; }
    const AnalysisReport &analysis() const { return m_input->analysis; }
    const catalog::Catalog &catalog() const { return m_catalog; }
    QString title() const;
    QDateTime generatedAt() const { return m_generatedAt; }
    bool hasReview() const { return m_hasReview; }
    QString reviewFile() const { return m_reviewFile; }

    const review::Decision *decision(const QString &threatId) const;
    ThreatState state(const threats::Threat &threat) const;
    bool isOpen(const threats::Threat &threat) const { return state(threat) == ThreatState::Open; }
    /// The history of one threat, oldest first (empty without a review).
    QList<review::HistoryEntry> history(const QString &threatId) const;
    /// Decisions whose threat is gone from the analysis, with the threat as last seen.
    const QList<review::Decision> &resolvedByChange() const { return m_resolved; }
    const review::ThreatRecord *threatRecord(const QString &threatId) const;
    const QList<review::ScanRun> &scanRuns() const { return m_scanRuns; }

    /// The analysis's findings (the rules' and the scans' it was given), paths relative
    /// to the project, texts redacted.
    const QList<rules::Finding> &findings() const { return m_findings; }
    const rules::Finding *finding(const QString &id) const;

    /// The elements that have threats and the flows that have threats, in report order:
    /// processes, data stores, external entities (each by name), then flows.
    const QStringList &elementOrder() const { return m_elementOrder; }
    /// An element's threats, worst first (risk, then id).
    QList<const threats::Threat *> threatsOf(const QString &elementId) const;
    /// What an element or flow is called: "api", "Internet / clients → api (5000→5000/tcp)".
    QString elementName(const QString &elementId) const;
    /// "process", "data store", "external entity" or "data flow".
    QString elementKind(const QString &elementId) const;

    /// Unique anchor names for the report's links.
    QString threatAnchor(const QString &threatId) const { return m_anchors.value(threatId); }
    QString elementAnchor(const QString &elementId) const { return m_anchors.value(elementId); }

    /// Threats by state at or above a severity, for the summaries.
    qsizetype countThreats(ThreatState state) const;
    qsizetype countOpen(rules::Severity severity) const;

    const QList<InputFileHash> &inputHashes() const { return m_hashes; }
    QList<ToolVersion> toolVersions() const;

    /// "T1611 Escape to Host (Privilege Escalation)", or the id when the catalog lacks it.
    QString techniqueLabel(const QString &id) const;
    /// "AC-6 Least Privilege", or the id when unknown.
    QString controlLabel(const QString &id) const;

private:
    void indexElements();
    void readFindings();
    void hashInputs();

    const ReportInput *m_input = nullptr;
    catalog::Catalog m_catalog;
    QDateTime m_generatedAt;
    bool m_hasReview = false;
    QString m_reviewFile;
    QHash<QString, review::Decision> m_decisions;
    QHash<QString, QList<review::HistoryEntry>> m_history;
    QHash<QString, review::ThreatRecord> m_records;
    QList<review::Decision> m_resolved;
    QList<review::ScanRun> m_scanRuns;
    QList<rules::Finding> m_findings;
    QHash<QString, qsizetype> m_findingIndex;
    QStringList m_elementOrder;
    QHash<QString, QList<qsizetype>> m_threatsByElement;
    QHash<QString, QString> m_anchors;
    QList<InputFileHash> m_hashes;
};

} // namespace threatdock::report
