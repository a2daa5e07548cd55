#pragma once

#include <QPlainTextEdit>

namespace threatdock::views {

/// The notes editor of a decision: plain text, several lines. Editing finishes when it
/// loses the focus or on Ctrl+Enter (Enter alone starts a new line).
class NotesEdit final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotesEdit)

public:
    explicit NotesEdit(QWidget *parent = nullptr);

Q_SIGNALS:
    void editingFinished();

protected:
    void focusOutEvent(QFocusEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace threatdock::views
