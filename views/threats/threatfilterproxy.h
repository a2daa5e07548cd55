#pragma once

#include "review/reviewtypes.h"

#include <QPointer>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <optional>

namespace threatdock::views {

class ReviewDocument;

/// Filters and sorts a ThreatTableModel: the document's shared STRIDE and severity
/// filters (the diagram shows the same), a status, and a search (every word must occur
/// in the id, title, element, STRIDE name, severity, status, owner or notes; case is
/// ignored). Sorts by the model's SortRole (severity then risk, risk as a number).
class ThreatFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreatFilterProxy)

public:
    explicit ThreatFilterProxy(ReviewDocument *document, QObject *parent = nullptr);

    QString searchText() const { return m_search.join(u' '); }
    void setSearchText(const QString &text);
    std::optional<review::DecisionStatus> statusFilter() const { return m_status; }
    void setStatusFilter(std::optional<review::DecisionStatus> status);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QPointer<ReviewDocument> m_document;
    QStringList m_search;
    std::optional<review::DecisionStatus> m_status;
};

} // namespace threatdock::views
