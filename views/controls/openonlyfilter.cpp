#include "openonlyfilter.h"

#include "coveragemodel.h"

namespace threatdock::views {

OpenOnlyFilter::OpenOnlyFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // A group or an entry is shown when one of its threats is.
    setRecursiveFilteringEnabled(true);
}

void OpenOnlyFilter::setOpenOnly(bool on)
{
    if (on == m_openOnly)
        return;
    m_openOnly = on;
    invalidateRowsFilter();
}

bool OpenOnlyFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_openOnly)
        return true;
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    return row.data(CoverageModel::KindRole).toInt() == int(CoverageModel::RowKind::Threat)
        && row.data(CoverageModel::StateRole).toInt() == int(CoverageState::Open);
}

} // namespace threatdock::views
