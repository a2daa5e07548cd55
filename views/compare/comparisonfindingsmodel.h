#pragma once

#include "comparisonoutcome.h"
#include "comparisonrowsmodel.h"

#include "report/comparison.h"

#include <optional>

namespace threatdock::views {

/// A row of ComparisonFindingsModel: the finding as the side it comes from has it.
struct ComparisonFindingRow
{
    ComparisonOutcome outcome = ComparisonOutcome::Remaining;
    rules::Finding finding;
    /// A remaining finding's severity in the baseline, when it differs.
    std::optional<rules::Severity> baselineSeverity;
    QString location;    ///< "api/app.py:15", relative to its side's directory
    QString locationKey; ///< file and zero-padded line, for sorting
    QString project;     ///< the name of the side it comes from
};

/// The findings of a before/after comparison as a table: the fixed ones (as the baseline
/// has them), the remaining ones (as the current analysis has them, with the baseline's
/// severity when it changed) and the new ones, in that order. Columns as the Findings
/// view's: change, severity, rule, title, service, location (file:line relative to the
/// directory of the side the row comes from) and evidence (redacted by the report).
/// Read-only; reset by setComparison().
class ComparisonFindingsModel final : public ComparisonRowsModel<ComparisonFindingRow>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonFindingsModel)

public:
    enum Column {
        ChangeColumn,
        SeverityColumn,
        RuleColumn,
        TitleColumn,
        ServiceColumn,
        LocationColumn,
        EvidenceColumn,
        ColumnCount
    };

    explicit ComparisonFindingsModel(QObject *parent = nullptr);

    void setComparison(const report::AnalysisComparison &comparison);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString text(const ComparisonFindingRow &row, int column) const;
};

} // namespace threatdock::views
