#include "statusdelegate.h"

#include "threattext.h"

#include <QComboBox>
#include <QTimer>

namespace threatdock::views {

StatusDelegate::StatusDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QWidget *StatusDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                      const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("statusEditor"));
    combo->setFrame(false);
    for (const review::DecisionStatus status : threattext::statuses())
        combo->addItem(threattext::statusLabel(status), review::decisionStatusName(status));
    // Choosing from the list (mouse or Enter in the popup) is the edit: commit it.
    connect(combo, &QComboBox::activated, this, &StatusDelegate::commitAndClose);
    // The list opens with the editor: arrows and Enter (or a click) choose.
    QTimer::singleShot(0, combo, &QComboBox::showPopup);
    return combo;
}

void StatusDelegate::commitAndClose()
{
    if (auto *combo = qobject_cast<QComboBox *>(sender())) {
        Q_EMIT commitData(combo);
        Q_EMIT closeEditor(combo, QAbstractItemDelegate::SubmitModelCache);
    }
}

void StatusDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = qobject_cast<QComboBox *>(editor);
    if (!combo)
        return;
    const int i = combo->findData(index.data(Qt::EditRole).toString());
    if (i >= 0)
        combo->setCurrentIndex(i);
}

void StatusDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                  const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        model->setData(index, combo->currentData(), Qt::EditRole);
}

} // namespace threatdock::views
