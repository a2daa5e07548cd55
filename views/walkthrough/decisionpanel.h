#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

class QAction;
class QFormLayout;
class QGridLayout;
class QLabel;
class QLineEdit;
class QToolButton;

namespace threatdock::views {

class NotesEdit;
class ReviewDocument;

/// The decision about the walkthrough's current threat: the five status buttons (the
/// view's status actions), the owner and the notes. Owner and notes are written to the
/// document when editing finishes (Enter or focus out for the owner, Ctrl+Enter or focus
/// out for the notes, and before the card moves to another threat): one undoable command
/// each. While one of them has the focus, the keys it edits with (text, arrows) are its
/// own: Qt's editors claim them before the shortcut map (ShortcutOverride), so only
/// Escape and Ctrl/Alt keys reach the view's actions.
class DecisionPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecisionPanel)

public:
    /// statusActions: open, mitigated, accepted, transferred, not applicable, checkable.
    DecisionPanel(ReviewDocument *document, const QList<QAction *> &statusActions,
                  QWidget *parent = nullptr);
    /// Writes what is still being typed, then stops listening to the editors: they lose
    /// focus (and "finish editing") while the widgets are destroyed, after this panel.
    ~DecisionPanel() override;

    QString threatId() const { return m_threatId; }
    /// Commits pending edits for the previous threat, then shows this one's decision.
    void setThreat(const QString &threatId);
    /// Writes the owner and the notes when they differ from the decision.
    void commitEdits();
    /// Shows the document's decision; an editor the user is typing in keeps its text.
    void refresh();

    QLineEdit *ownerEdit() const { return m_owner; }
    NotesEdit *notesEdit() const { return m_notes; }
    QList<QToolButton *> statusButtons() const { return m_buttons; }
    /// The last problem writing the review file ("" when the last write succeeded).
    QString saveProblem() const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    /// The status buttons in one row, or in several in a narrow pane.
    void arrangeButtons();
    /// "5 · Not applicable", or "5 N/A" when compact.
    void showStatusTexts(bool compact);
    int fittingColumns() const;
    /// Two to three lines of the current font for the notes (the card needs the room).
    void fitNotes();
    void commitOwner();
    void commitNotes();

    QPointer<ReviewDocument> m_document;
    QList<QAction *> m_statusActions;
    QList<QToolButton *> m_buttons;
    QLineEdit *m_owner = nullptr;
    NotesEdit *m_notes = nullptr;
    QLabel *m_problem = nullptr;
    QFormLayout *m_form = nullptr;
    QGridLayout *m_buttonGrid = nullptr;
    int m_columns = 0;
    QString m_threatId;
    QString m_shownOwner; ///< what refresh() put in the editors, to tell typing apart
    QString m_shownNotes;
};

} // namespace threatdock::views
