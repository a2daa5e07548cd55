#pragma once

#include "comparisonoutcome.h"
#include "comparisonrowsmodel.h"

#include "report/comparison.h"

#include <optional>

namespace threatdock::views {

/// A row of ComparisonThreatsModel: the threat on each side that has it.
struct ComparisonThreatRow
{
    ComparisonOutcome outcome = ComparisonOutcome::Remaining;
    std::optional<threats::Threat> before;
    std::optional<threats::Threat> after;
    QString element; ///< the element's name on the side the row comes from

    const threats::Threat &threat() const { return after ? *after : *before; }
    /// improved, worsened or unchanged for a remaining threat.
    report::ThreatPair::Change change() const;
};

/// The threats of a before/after comparison as a table: fixed ones (no longer apply),
/// remaining ones with their change (improved, worsened, unchanged: ThreatPair::change())
/// and new ones. Columns: change, severity before → after, threat, element, STRIDE and
/// the mitigations in place before → after. Read-only; reset by setComparison().
class ComparisonThreatsModel final : public ComparisonRowsModel<ComparisonThreatRow>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonThreatsModel)

public:
    enum Column {
        ChangeColumn,
        SeverityColumn,
        TitleColumn,
        ElementColumn,
        StrideColumn,
        MitigationsColumn,
        ColumnCount
    };

    explicit ComparisonThreatsModel(QObject *parent = nullptr);

    void setComparison(const report::AnalysisComparison &comparison);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString text(const ComparisonThreatRow &row, int column) const;
    QVariant sortKey(const ComparisonThreatRow &row, int column) const;
    QString tooltip(const ComparisonThreatRow &row, int column) const;
};

} // namespace threatdock::views
