#include "threatfilterproxy.h"

#include "threattablemodel.h"

#include "document/reviewdocument.h"

namespace threatdock::views {

ThreatFilterProxy::ThreatFilterProxy(ReviewDocument *document, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_document(document)
{
    setSortRole(ThreatTableModel::SortRole);
    setDynamicSortFilter(true);
    connect(document, &ReviewDocument::filterChanged, this, &ThreatFilterProxy::invalidateFilter);
    // A decision decides the status filter and what a search finds (owner, notes);
    // the model announces it on other columns than the one filtered on.
    const auto decisionsChanged = [this] {
        if (m_status || !m_search.isEmpty())
            invalidateFilter();
    };
    connect(document, &ReviewDocument::decisionChanged, this, decisionsChanged);
    connect(document, &ReviewDocument::reviewChanged, this, decisionsChanged);
}

void ThreatFilterProxy::setSearchText(const QString &text)
{
    const QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    if (words == m_search)
        return;
    m_search = words;
    invalidateFilter();
}

void ThreatFilterProxy::setStatusFilter(std::optional<review::DecisionStatus> status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

bool ThreatFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString id = index.data(ThreatTableModel::ThreatIdRole).toString();
    const threats::Threat *threat = m_document ? m_document->threat(id) : nullptr;
    if (!threat || !m_document->passesFilter(*threat))
        return false;
    if (m_status && m_document->decision(id).status != *m_status)
        return false;
    if (m_search.isEmpty())
        return true;
    const QString text = index.data(ThreatTableModel::SearchRole).toString();
    return std::all_of(m_search.cbegin(), m_search.cend(), [&text](const QString &word) {
        return text.contains(word, Qt::CaseInsensitive);
    });
}

} // namespace threatdock::views
