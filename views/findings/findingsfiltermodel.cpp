#include "findingsfiltermodel.h"

#include "findingsmodel.h"

#include <algorithm>

namespace threatdock::views {

FindingsFilterModel::FindingsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(FindingsModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void FindingsFilterModel::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    m_searchWords = text.split(u' ', Qt::SkipEmptyParts);
    invalidateRowsFilter();
}

void FindingsFilterModel::setMinimumSeverity(rules::Severity severity)
{
    if (severity == m_minimumSeverity)
        return;
    m_minimumSeverity = severity;
    invalidateRowsFilter();
}

void FindingsFilterModel::setSource(const QString &source)
{
    if (source == m_source)
        return;
    m_source = source;
    invalidateRowsFilter();
}

void FindingsFilterModel::setElement(const QString &elementId)
{
    if (elementId == m_element)
        return;
    m_element = elementId;
    invalidateRowsFilter();
}

bool FindingsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(FindingsModel::SeverityRole).toInt() < int(m_minimumSeverity))
        return false;
    if (!m_source.isEmpty() && index.data(FindingsModel::SourceRole).toString() != m_source)
        return false;
    if (!m_element.isEmpty() && index.data(FindingsModel::ElementRole).toString() != m_element)
        return false;
    if (m_searchWords.isEmpty())
        return true;
    const QString text = index.data(FindingsModel::SearchTextRole).toString();
    return std::all_of(m_searchWords.cbegin(), m_searchWords.cend(), [&](const QString &word) {
        return text.contains(word, Qt::CaseInsensitive);
    });
}

bool FindingsFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a != b) {
        if (a.typeId() == QMetaType::Int && b.typeId() == QMetaType::Int)
            return a.toInt() < b.toInt();
        const int order = a.toString().compare(b.toString(), sortCaseSensitivity());
        if (order != 0)
            return order < 0;
    }
    return left.data(FindingsModel::FindingIdRole).toString()
        < right.data(FindingsModel::FindingIdRole).toString();
}

} // namespace threatdock::views
