#pragma once

#include <QStyledItemDelegate>

namespace threatdock::views {

/// Edits a decision's status in a table: a combo box of the five statuses, its list
/// open, that commits as soon as one is chosen. The model's EditRole is the stored
/// status name.
class StatusDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusDelegate)

public:
    explicit StatusDelegate(QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;

private:
    /// The editor that sent activated(): its choice is the edit.
    void commitAndClose();
};

} // namespace threatdock::views
