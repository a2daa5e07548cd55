#pragma once

#include <QSortFilterProxyModel>

namespace threatdock::views {

/// The "Open only" filter of the Controls view over a CoverageModel: when on, only the
/// open threats are shown, under the entries and groups that hold them (so covered and
/// not considered entries disappear); when off, everything passes.
class OpenOnlyFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenOnlyFilter)

public:
    explicit OpenOnlyFilter(QObject *parent = nullptr);

    bool openOnly() const { return m_openOnly; }
    void setOpenOnly(bool on);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_openOnly = false;
};

} // namespace threatdock::views
