#pragma once

#include "hardening/hardeningplan.h"
#include "hardening/planrenderer.h"
#include "report/comparison.h"
#include "report/reportinput.h"

#include <QWidget>

#include <functional>

class QLabel;
class QListWidget;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace threatdock::views {

class ReviewDocument;
class SideBySideDiff;

/// The Hardening view: the plan for the open project as a checklist grouped by service
/// (each change with the findings it fixes and the threats it mitigates; accept or
/// reject one by one), a side-by-side preview of the overlay (compose.hardening.yaml),
/// .env.example and each Dockerfile, and "Apply": after a confirmation naming every file,
/// the files are written atomically with backups, and the project is analysed again with
/// the overlay merged after the user's files; the before/after counts are shown, and
/// "Show comparison" compares the report before the apply with the new one.
class HardeningView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HardeningView)

public:
    explicit HardeningView(ReviewDocument *document, QWidget *parent = nullptr);
    ~HardeningView() override;

    /// Asks before writing; returns whether to go on. A QMessageBox by default; tests
    /// replace it.
    using Confirmation = std::function<bool(const QString &question)>;
    void setConfirmation(Confirmation confirm) { m_confirm = std::move(confirm); }

    const hardening::HardeningPlan &plan() const { return m_plan; }
    const hardening::RenderedPlan &rendered() const { return m_rendered; }
    /// The checklist item of a change (for tests).
    QTreeWidgetItem *itemOf(const QString &changeId) const;
    /// Shows the preview of one file of the rendered plan.
    void showFile(const QString &path);
    QString summaryText() const;
    /// What the report says about hardening: the plan's changes (applied or not) and the
    /// counts before and after the last apply; nullopt when there is nothing to say.
    std::optional<report::HardeningRecord> record() const;

public Q_SLOTS:
    /// Plans again from the current analysis (keeps the user's rejections by change id).
    void replan();
    /// Writes the accepted changes; false when nothing was written (message shown).
    bool apply();

Q_SIGNALS:
    /// The files were written: analyse again with these compose files (the user's, then
    /// the overlay).
    void applied(const QStringList &composeFiles);
    /// "Show comparison" was clicked: the analysis before the last apply against the
    /// current one.
    void comparisonRequested(const threatdock::report::AnalysisComparison &comparison);

private:
    void fillChecklist();
    void render();
    void updateSummary();
    bool overlayInAnalysis() const;

    ReviewDocument *m_document;
    hardening::HardeningPlan m_plan;
    hardening::RenderedPlan m_rendered;
    QStringList m_rejected; ///< change ids the user rejected, kept across re-planning
    QTreeWidget *m_checklist = nullptr;
    QListWidget *m_files = nullptr;
    SideBySideDiff *m_diff = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_applyButton = nullptr;
    QPushButton *m_compareButton = nullptr;
    Confirmation m_confirm;
    bool m_filling = false;
    /// Counts before the last apply, to show before/after once re-analysed.
    qsizetype m_findingsBefore = -1;
    int m_openThreatsBefore = -1;
    /// The report before the last apply, for "Show comparison".
    std::optional<report::AnalysisReport> m_reportBeforeApply;
    bool m_waitingForReanalysis = false;
    qsizetype m_findingsAfter = -1;
    int m_openThreatsAfter = -1;
    /// The changes written by the last apply, as steps for the report.
    QList<report::HardeningStep> m_appliedSteps;
};

} // namespace threatdock::views
