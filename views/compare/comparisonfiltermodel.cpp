#include "comparisonfiltermodel.h"

namespace threatdock::views {

ComparisonFilterModel::ComparisonFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ComparisonSortRole);
    setDynamicSortFilter(true);
}

void ComparisonFilterModel::setOutcome(std::optional<ComparisonOutcome> outcome)
{
    if (outcome == m_outcome)
        return;
    m_outcome = outcome;
    invalidateFilter();
}

bool ComparisonFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_outcome)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(ComparisonOutcomeRole).toInt() == int(*m_outcome);
}

bool ComparisonFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(ComparisonSortRole);
    const QVariant b = right.data(ComparisonSortRole);
    const auto order = QVariant::compare(a, b);
    if (order != QPartialOrdering::Equivalent && order != QPartialOrdering::Unordered)
        return order == QPartialOrdering::Less;
    return left.data(ComparisonIdRole).toString() < right.data(ComparisonIdRole).toString();
}

} // namespace threatdock::views
