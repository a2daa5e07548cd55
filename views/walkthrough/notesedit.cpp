#include "notesedit.h"

#include <QKeyEvent>

namespace threatdock::views {

NotesEdit::NotesEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
}

void NotesEdit::focusOutEvent(QFocusEvent *event)
{
    QPlainTextEdit::focusOutEvent(event);
    Q_EMIT editingFinished();
}

void NotesEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && event->modifiers().testFlag(Qt::ControlModifier)) {
        event->accept();
        Q_EMIT editingFinished();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace threatdock::views
