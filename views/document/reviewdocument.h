#pragma once

#include "analysis/projectanalysis.h"
#include "review/reviewstore.h"
#include "review/reviewtypes.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QUndoStack;

namespace threatdock::catalog {
class Catalog;
}

namespace threatdock::views {

/// The document every view of the workbench shows: the last analysis (project, findings,
/// system model, threats, diagram), the review file with the decision about each threat,
/// the undo stack of decisions, and the one shared selection.
///
/// - Views read from it and call its setters; they never talk to each other. Every
///   change is announced by a signal, so a view only listens.
/// - Decisions are written to the review file when they are made (one transaction per
///   change) and are undoable, one command per user action.
/// - The selection is one thing: an element (a node of the diagram, a service) and,
///   within it, the current threat; clicking anywhere selects it everywhere.
///
/// Ids are those of the analysis report: relative to the project directory
/// ("service:api", "STRIDE-E-escape@service:api").
class ReviewDocument final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewDocument)

public:
    explicit ReviewDocument(QObject *parent = nullptr);
    ~ReviewDocument() override;

    // ---- The analysis -------------------------------------------------------------
    bool hasAnalysis() const { return m_hasAnalysis; }
    const analysis::AnalysisResult &analysis() const { return m_analysis; }
    const report::AnalysisReport &report() const { return m_analysis.report; }
    const layout::Diagram &diagram() const { return m_analysis.diagram; }
    /// The project's directory, absolute ("" before the first analysis).
    QString projectDirectory() const { return m_analysis.report.project.workingDir; }

    /// Shows a new analysis: saves it into the review (decisions of threats that still
    /// exist are kept, those whose threat disappeared are listed as resolved by change),
    /// keeps the selection when its element still exists, clears nothing else.
    /// Emits analysisChanged(), then selectionChanged() if the selection had to change.
    void setAnalysis(analysis::AnalysisResult result);

    /// The catalog (ATT&CK, NIST, NIST SP 800-190) the views name techniques and controls
    /// with: loaded once, on first use, for every view. The built-in one plus the user's
    /// overrides; when the overrides do not load, the built-in one, and catalogError()
    /// says why. nullptr only if even the built-in catalog cannot be read.
    const catalog::Catalog *catalog() const;
    /// Why the user's catalog overrides were ignored ("" when they were not).
    QString catalogError() const;

    /// The analysis the review held before the one shown was saved into it: the
    /// previous run of this project (a re-analysis, or the last run of an earlier session
    /// when the review was opened), with its time, threats and findings. nullopt when the
    /// review had none (a new review) or no review is open.
    const std::optional<review::AnalysisSnapshot> &previousAnalysis() const
    {
        return m_previousAnalysis;
    }

    const threats::Threat *threat(const QString &threatId) const;
    const rules::Finding *finding(const QString &findingId) const;
    const system::Element *element(const QString &elementId) const;
    /// The threats of an element, worst first (risk, then id).
    QList<const threats::Threat *> threatsOf(const QString &elementId) const;
    /// The findings about an element: a service's findings (by service name) for
    /// "service:NAME"; none for other elements.
    QList<const rules::Finding *> findingsOf(const QString &elementId) const;
    /// The element a finding is about: "service:NAME", or "" when it concerns no service.
    static QString elementOfFinding(const rules::Finding &finding);
    /// The element ids in diagram order (top to bottom, left to right as laid out;
    /// elements without a node last, by id).
    QStringList elementOrder() const;
    /// The threat ids in walkthrough order: elements in diagram order, and within an
    /// element worst first.
    QStringList walkthroughOrder() const;

    // ---- The review file ----------------------------------------------------------
    bool hasReview() const { return m_store != nullptr; }
    /// The review file, absolute ("" when none is open).
    QString reviewPath() const;
    /// Opens an existing review file, or creates it when create is true and it does not
    /// exist, and uses it from now on; the current analysis (if any) is saved into it.
    /// On failure the current review stays open and the message names the file.
    bool openReview(const QString &path, bool create, QString *error = nullptr);
    /// Stops using the review file (decisions are already saved); the analysis stays.
    void closeReview();
    /// Saves the review under a new name (a copy of the file, consistent) and continues
    /// there.
    bool saveReviewAs(const QString &path, QString *error = nullptr);
    /// Where a project's review is kept until the user saves it elsewhere: one file per
    /// project directory under the application's data location.
    static QString autosaveReviewPath(const QString &projectDirectory);
    /// The compose project the open review is about (absolute paths), if it records one.
    std::optional<review::ProjectPaths> reviewProject() const;
    /// Decisions whose threat is gone from the last analysis.
    QList<review::Decision> resolvedByChange() const;
    review::ReviewStore *store() const { return m_store.get(); }

    // ---- Decisions (undoable, saved at once) --------------------------------------
    /// The decision about a threat (open with no owner or notes when none was made).
    review::Decision decision(const QString &threatId) const;
    /// Threats of the current analysis whose status is not open.
    int decidedCount() const;
    int threatCount() const { return static_cast<int>(m_analysis.report.threats.size()); }
    /// Open threats: status open and not mitigated by configuration.
    int openThreatCount() const;

    /// Each pushes one undoable command that writes the review file; a failed write is
    /// reported by saveFailed() and leaves the decision (and the undo stack) unchanged.
    /// Setting the value a field already has does nothing.
    void setStatus(const QString &threatId, review::DecisionStatus status);
    void setOwner(const QString &threatId, const QString &owner);
    void setNotes(const QString &threatId, const QString &notes);
    QUndoStack *undoStack() const { return m_undoStack; }

    // ---- Scans --------------------------------------------------------------------
    /// Every scan run of the review (or of this session when no review is open), oldest
    /// first.
    QList<review::ScanRun> scanRuns() const { return m_scanRuns; }
    /// The findings of the latest run of each tool on each target: what the next
    /// analysis adds to the rules' findings (AnalysisRequest::scanFindings).
    QList<rules::Finding> scanFindings() const;
    /// Records a finished scan: saved in the review file at once, and its findings
    /// replace those of the previous run of the same tool on the same target.
    /// Emits scanRunsChanged().
    void addScanRun(review::ScanRun run);

    // ---- Selection ----------------------------------------------------------------
    QString selectedElement() const { return m_selectedElement; }
    QString currentThreat() const { return m_currentThreat; }
    /// Selects an element everywhere ("" clears). The current threat becomes the
    /// element's worst threat unless it already belongs to the element.
    void selectElement(const QString &elementId);
    /// Makes a threat current (the walkthrough's card) and selects its element.
    void setCurrentThreat(const QString &threatId);
    /// The finding a view asked to show (e.g. double-clicked in the inspector); selects
    /// its element and emits findingActivated().
    void activateFinding(const QString &findingId);

    // ---- Filters shared by the diagram and the lists ------------------------------
    /// STRIDE letters shown (empty = all) and the lowest severity shown.
    QString strideFilter() const { return m_strideFilter; }
    rules::Severity minimumSeverity() const { return m_minimumSeverity; }
    void setStrideFilter(const QString &letters);
    void setMinimumSeverity(rules::Severity severity);
    /// Whether a threat passes the filters.
    bool passesFilter(const threats::Threat &threat) const;

Q_SIGNALS:
    void analysisChanged();
    void reviewChanged();
    void decisionChanged(const QString &threatId);
    void selectionChanged(const QString &elementId);
    void currentThreatChanged(const QString &threatId);
    void findingActivated(const QString &findingId);
    void filterChanged();
    void scanRunsChanged();
    /// A change was committed to the review file.
    void saved();
    /// Writing the review file failed; message names the file and the reason.
    void saveFailed(const QString &message);

private:
    friend class DecisionCommand;
    /// Writes one field of a decision without touching the undo stack.
    bool writeDecision(const QString &threatId, const QString &field, const QString &value);
    void reloadDecisions();
    /// Saves the analysis and the project's paths into the open review file.
    void saveAnalysisToStore();
    void indexAnalysis();

    std::optional<review::AnalysisSnapshot> m_previousAnalysis;
    mutable std::unique_ptr<catalog::Catalog> m_catalog;
    mutable QString m_catalogError;
    mutable bool m_catalogLoaded = false;
    analysis::AnalysisResult m_analysis;
    bool m_hasAnalysis = false;
    std::unique_ptr<review::ReviewStore> m_store;
    QHash<QString, review::Decision> m_decisions;
    QList<review::ScanRun> m_scanRuns;
    QHash<QString, qsizetype> m_threatIndex;
    QHash<QString, qsizetype> m_findingIndex;
    QUndoStack *m_undoStack = nullptr;
    QString m_selectedElement;
    QString m_currentThreat;
    QString m_strideFilter;
    rules::Severity m_minimumSeverity = rules::Severity::Info;
};

} // namespace threatdock::views
