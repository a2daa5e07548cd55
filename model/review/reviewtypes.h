#pragma once

#include "rules/finding.h"
#include "rules/severity.h"
#include "threats/threat.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::review {

/// What the review decided about a threat.
enum class DecisionStatus { Open, Mitigated, Accepted, Transferred, NotApplicable };

/// "open", "mitigated", "accepted", "transferred", "not-applicable" (as stored).
QString decisionStatusName(DecisionStatus status);
std::optional<DecisionStatus> decisionStatusFromName(const QString &name);

/// Where one planned mitigation of a threat stands.
enum class MitigationStatus { Planned, InProgress, Implemented, Verified, Rejected };

/// "planned", "in-progress", "implemented", "verified", "rejected" (as stored).
QString mitigationStatusName(MitigationStatus status);
std::optional<MitigationStatus> mitigationStatusFromName(const QString &name);

/// A mitigation the review plans for a threat (not the threat template's own list).
struct PlannedMitigation
{
    qint64 id = 0; ///< unique in the review file, stable
    QString text;
    MitigationStatus status = MitigationStatus::Planned;
};

/// The review's decision about one threat, by the threat's stable id.
struct Decision
{
    QString threatId;
    DecisionStatus status = DecisionStatus::Open;
    QString owner;
    QString notes;
    QList<PlannedMitigation> mitigations; ///< in the order they were added
    /// The threat is not in the last analysis any more (the project changed); the
    /// decision is kept and listed, never dropped.
    bool resolvedByChange = false;
    QDateTime createdAt; ///< UTC
    QDateTime updatedAt; ///< UTC, last change of status, owner, notes or mitigations
};

/// A threat the review has seen in some analysis, with what a list needs to show it.
struct ThreatRecord
{
    QString id;
    QString title;
    QString stride;
    QString elementId;
    rules::Severity severity = rules::Severity::Medium;
    int risk = 0;
    bool present = true;  ///< in the last analysis
    QDateTime firstSeen;  ///< UTC
    QDateTime lastSeen;   ///< UTC, the last analysis that had it
    QDateTime resolvedAt; ///< UTC, when it disappeared; null while present
};

/// One change made to the review: who (the OS user), what, old and new value, when.
struct HistoryEntry
{
    qint64 id = 0;
    QDateTime at; ///< UTC
    QString who;
    QString threatId;
    QString field; ///< "status", "owner", "notes", "mitigation", "mitigation-status", "threat"
    QString oldValue;
    QString newValue;
};

/// What applyAnalysis() did to the review's threats: threat ids, in the analysis's order
/// (resolvedByChange: sorted by id).
struct AnalysisChange
{
    QStringList added;            ///< new threats, now open
    QStringList kept;             ///< present before and now
    QStringList reappeared;       ///< resolved by an earlier change, present again
    QStringList resolvedByChange; ///< present before, gone now (decision kept)
};

/// The compose project the review is about. Absolute paths in the API; the file stores
/// them relative to the review file so a project folder can move with its review.
struct ProjectPaths
{
    QString workingDir;
    QStringList composeFiles;
    QStringList envFiles;
};

/// The last analysis as it was saved.
struct AnalysisSnapshot
{
    QDateTime analyzedAt; ///< UTC; null when the review has no analysis yet
    QList<threats::Threat> threats;
    QList<rules::Finding> findings;
};

/// One run of a scanner (bandit, trivy, docker) and what it found.
struct ScanRun
{
    qint64 id = 0; ///< assigned by the store
    QString tool;
    QString toolVersion;
    QString target; ///< what was scanned: a path or an image
    QDateTime startedAt;
    QDateTime finishedAt;
    int exitStatus = 0;
    QList<rules::Finding> findings;
};

} // namespace threatdock::review
