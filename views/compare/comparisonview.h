#pragma once

#include "comparisonoutcome.h"

#include "report/comparison.h"

#include <QWidget>

#include <optional>

class QAbstractButton;
class QAbstractItemModel;
class QButtonGroup;
class QLabel;
class QModelIndex;
class QTableView;

namespace threatdock::views {

class ComparisonFilterModel;
class ComparisonFindingsModel;
class ComparisonThreatsModel;
class ReviewDocument;

/// Before and after (the Compare tab): one report::AnalysisComparison shown as a header
/// naming both sides (project name and folder) with the counts (findings fixed,
/// remaining, new; threats fixed, improved, worsened, unchanged, new; open high and
/// critical threats before → after), and two sortable tables, the findings and the
/// threats, filtered together by outcome (All, Fixed, Remaining, New).
///
/// Swap exchanges the sides. Double-click (or Enter) on a row that belongs to the
/// document's analysis activates it there: a finding through
/// ReviewDocument::activateFinding (the Findings tab shows it), a threat as the current
/// threat; a row of the other project only says where it is. Texts come from the two
/// reports, whose evidence is redacted; no environment value is shown.
class ComparisonView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonView)

public:
    explicit ComparisonView(ReviewDocument *document, QWidget *parent = nullptr);

    /// Shows a comparison in place of the one shown; the filter and the sorting stay.
    void setComparison(const report::AnalysisComparison &comparison);
    const report::AnalysisComparison &comparison() const { return m_comparison; }
    /// Exchanges before and after: what was fixed becomes new and the other way round.
    void swapSides();

    /// nullopt: every row.
    std::optional<ComparisonOutcome> outcomeFilter() const;
    void setOutcomeFilter(std::optional<ComparisonOutcome> outcome);

    ComparisonFindingsModel *findingsModel() const { return m_findings; }
    ComparisonThreatsModel *threatsModel() const { return m_threats; }
    ComparisonFilterModel *findingsFilter() const { return m_findingsFilter; }
    ComparisonFilterModel *threatsFilter() const { return m_threatsFilter; }
    QTableView *findingsTable() const { return m_findingsTable; }
    QTableView *threatsTable() const { return m_threatsTable; }
    /// The line under the tables: what a double-click did or why it could not.
    QString hintText() const;

    /// Threats of severity high or critical whose mitigations are not all in place: the
    /// "open" of an analysis, without any review's decisions (the other side has none).
    static qsizetype openHighOrCritical(const report::AnalysisReport &report);

Q_SIGNALS:
    /// The Close button was clicked.
    void closeRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createHeader();
    QWidget *createFilterBar();
    QWidget *createTables();
    QTableView *createTable(const QString &name, QAbstractItemModel *model, int sortColumn);
    /// A heading over counts, each a big number (object name "count-" + name) over its
    /// caption.
    QWidget *countGroup(const QString &title, const QList<std::pair<QString, QString>> &counts,
                        QWidget *parent);
    void fitColumns(QTableView *table, int stretchColumn, int titleColumn);
    void showCounts();
    void showSides();
    void showScannerNote();
    void updateTableLabels();
    void findingActivated(const QModelIndex &index);
    void threatActivated(const QModelIndex &index);
    /// Whether a row with this outcome and id is part of the document's analysis.
    bool inOpenAnalysis(ComparisonOutcome outcome, bool found) const;
    /// Shows a count; better: 1 in the colour of a change for the better, -1 for the worse.
    void setCount(const QString &name, const QString &text, int better);

    ReviewDocument *m_document;
    report::AnalysisComparison m_comparison;
    ComparisonFindingsModel *m_findings;
    ComparisonThreatsModel *m_threats;
    ComparisonFilterModel *m_findingsFilter;
    ComparisonFilterModel *m_threatsFilter;
    QLabel *m_before = nullptr;
    QLabel *m_after = nullptr;
    QLabel *m_note = nullptr;
    QButtonGroup *m_filterButtons = nullptr;
    QLabel *m_findingsLabel = nullptr;
    QLabel *m_threatsLabel = nullptr;
    QTableView *m_findingsTable = nullptr;
    QTableView *m_threatsTable = nullptr;
    QLabel *m_hint = nullptr;
};

} // namespace threatdock::views
