#pragma once

#include "comparisonoutcome.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace threatdock::views {

/// Sorts and filters one of the comparison's tables: only the rows of one outcome (fixed,
/// remaining, new) or all of them. Sorts by ComparisonSortRole, ties broken by the id so
/// the order is stable.
class ComparisonFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonFilterModel)

public:
    explicit ComparisonFilterModel(QObject *parent = nullptr);

    /// nullopt: every row.
    std::optional<ComparisonOutcome> outcome() const { return m_outcome; }
    void setOutcome(std::optional<ComparisonOutcome> outcome);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    std::optional<ComparisonOutcome> m_outcome;
};

} // namespace threatdock::views
