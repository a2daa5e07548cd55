#pragma once

#include "rules/severity.h"

#include <QSortFilterProxyModel>

namespace threatdock::views {

/// Sorts and filters a FindingsModel: free text over every column (case-insensitive,
/// every word must occur), a minimum severity, one source, and one element. Sorting uses
/// FindingsModel::SortRole (severity by rank, location by file then line number), ties
/// broken by the finding's id so the order is stable.
class FindingsFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsFilterModel)

public:
    explicit FindingsFilterModel(QObject *parent = nullptr);

    QString searchText() const { return m_searchText; }
    void setSearchText(const QString &text);
    rules::Severity minimumSeverity() const { return m_minimumSeverity; }
    void setMinimumSeverity(rules::Severity severity);
    /// Only findings of this source ("" = every source).
    QString source() const { return m_source; }
    void setSource(const QString &source);
    /// Only findings about this element ("service:api"; "" = every element).
    QString element() const { return m_element; }
    void setElement(const QString &elementId);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_searchText;
    QStringList m_searchWords;
    rules::Severity m_minimumSeverity = rules::Severity::Info;
    QString m_source;
    QString m_element;
};

} // namespace threatdock::views
