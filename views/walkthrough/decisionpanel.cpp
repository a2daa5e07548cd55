#include "decisionpanel.h"

#include "notesedit.h"
#include "threats/threattext.h"

#include "document/reviewdocument.h"

#include <QAction>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace threatdock::views {

DecisionPanel::DecisionPanel(ReviewDocument *document, const QList<QAction *> &statusActions,
                             QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_statusActions(statusActions)
    , m_owner(new QLineEdit(this))
    , m_notes(new NotesEdit(this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("decisionPanel"));
    auto *buttons = new QHBoxLayout;
    for (QAction *action : statusActions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setFocusPolicy(Qt::NoFocus);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        button->setObjectName(QStringLiteral("status-") + action->data().toString());
        buttons->addWidget(button);
        m_buttons << button;
    }

    m_owner->setObjectName(QStringLiteral("ownerEdit"));
    m_owner->setPlaceholderText(tr("Who acts on it (O)"));
    m_owner->setClearButtonEnabled(true);
    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setPlaceholderText(
        tr("Notes (N): what the room decided and why. Ctrl+Enter or leaving the field saves."));
    m_notes->setMinimumHeight(m_notes->fontMetrics().lineSpacing() * 3);
    m_notes->setMaximumHeight(m_notes->fontMetrics().lineSpacing() * 6);
    m_problem->setObjectName(QStringLiteral("saveProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
    m_problem->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Decision"), buttons);
    form->addRow(tr("&Owner"), m_owner);
    form->addRow(tr("&Notes"), m_notes);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_problem);

    connect(m_owner, &QLineEdit::editingFinished, this, &DecisionPanel::commitOwner);
    connect(m_notes, &NotesEdit::editingFinished, this, &DecisionPanel::commitNotes);
    connect(document, &ReviewDocument::saveFailed, this, [this](const QString &message) {
        m_problem->setText(tr("Not saved: %1").arg(message));
        m_problem->show();
    });
    connect(document, &ReviewDocument::saved, this, [this] {
        m_problem->clear();
        m_problem->hide();
    });
}

QString DecisionPanel::saveProblem() const
{
    return m_problem->text();
}

void DecisionPanel::setThreat(const QString &threatId)
{
    if (threatId == m_threatId) {
        refresh();
        return;
    }
    commitEdits();
    m_threatId = threatId;
    // A new threat: its own decision replaces whatever the editors held.
    m_shownOwner.clear();
    m_shownNotes.clear();
    m_owner->clear();
    m_notes->clear();
    refresh();
}

void DecisionPanel::commitEdits()
{
    commitOwner();
    commitNotes();
}

void DecisionPanel::commitOwner()
{
    if (!m_document || m_threatId.isEmpty() || !m_document->threat(m_threatId))
        return;
    const QString owner = m_owner->text().trimmed();
    if (owner != m_document->decision(m_threatId).owner)
        m_document->setOwner(m_threatId, owner);
    m_shownOwner = m_document->decision(m_threatId).owner;
}

void DecisionPanel::commitNotes()
{
    if (!m_document || m_threatId.isEmpty() || !m_document->threat(m_threatId))
        return;
    const QString notes = m_notes->toPlainText();
    if (notes != m_document->decision(m_threatId).notes)
        m_document->setNotes(m_threatId, notes);
    m_shownNotes = m_document->decision(m_threatId).notes;
}

void DecisionPanel::refresh()
{
    const bool known = m_document && m_document->threat(m_threatId);
    setEnabled(known);
    const review::Decision decision = known ? m_document->decision(m_threatId) : review::Decision{};
    const QList<review::DecisionStatus> statuses = threattext::statuses();
    for (qsizetype i = 0; i < m_statusActions.size() && i < statuses.size(); ++i)
        m_statusActions.at(i)->setChecked(known && statuses.at(i) == decision.status);
    // The decision taken reads at a glance, also from the back of the room. Only the
    // weight is set: the size still follows the view (presentation mode).
    for (QToolButton *button : std::as_const(m_buttons)) {
        QFont weight;
        weight.setBold(button->isChecked());
        button->setFont(weight);
    }
    // Someone typing keeps what they typed; otherwise the editors show the decision
    // (after an undo, a reload, another view's change).
    const bool typingOwner = m_owner->hasFocus() && m_owner->text() != m_shownOwner;
    if (!typingOwner && m_owner->text() != decision.owner)
        m_owner->setText(decision.owner);
    if (!typingOwner)
        m_shownOwner = decision.owner;
    const bool typingNotes = m_notes->hasFocus() && m_notes->toPlainText() != m_shownNotes;
    if (!typingNotes && m_notes->toPlainText() != decision.notes)
        m_notes->setPlainText(decision.notes);
    if (!typingNotes)
        m_shownNotes = decision.notes;
}

} // namespace threatdock::views
