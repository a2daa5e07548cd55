#include "decisionpanel.h"

#include "notesedit.h"
#include "threats/threattext.h"

#include "document/reviewdocument.h"

#include <QAction>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace threatdock::views {

DecisionPanel::DecisionPanel(ReviewDocument *document, const QList<QAction *> &statusActions,
                             QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_statusActions(statusActions)
    , m_owner(new QLineEdit(this))
    , m_notes(new NotesEdit(this))
    , m_problem(new QLabel(this))
    , m_form(new QFormLayout)
    , m_buttonGrid(new QGridLayout)
{
    setObjectName(QStringLiteral("decisionPanel"));
    for (QAction *action : statusActions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setFocusPolicy(Qt::NoFocus);
        // The panel decides how many fit in a row (arrangeButtons), not the text width:
        // a narrow pane beside the diagram must not be held wide by five buttons.
        button->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        button->setObjectName(QStringLiteral("status-") + action->data().toString());
        m_buttons << button;
    }

    m_owner->setObjectName(QStringLiteral("ownerEdit"));
    m_owner->setPlaceholderText(tr("Who acts on it (O)"));
    m_owner->setClearButtonEnabled(true);
    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setPlaceholderText(
        tr("Notes (N): what the room decided and why. Ctrl+Enter or leaving the field saves."));
    m_problem->setObjectName(QStringLiteral("saveProblem"));
    m_problem->setWordWrap(true);
    // Colour and weight only: the size follows the view (presentation mode).
    QPalette warning;
    warning.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_problem->setPalette(warning);
    QFont bold;
    bold.setBold(true);
    m_problem->setFont(bold);
    m_problem->hide();

    // The buttons span the panel: five of them need the room more than a caption.
    m_form->addRow(m_buttonGrid);
    m_form->addRow(tr("&Owner"), m_owner);
    m_form->addRow(tr("&Notes"), m_notes);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form);
    layout->addWidget(m_problem);
    arrangeButtons();
    fitNotes();

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

void DecisionPanel::arrangeButtons()
{
    // Full texts in one row when they fit; in a narrow pane the short ones ("5 N/A"),
    // as many to a row as fit.
    showStatusTexts(false);
    int columns = fittingColumns();
    if (columns < m_buttons.size()) {
        showStatusTexts(true);
        columns = fittingColumns();
    }
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QToolButton *button : std::as_const(m_buttons))
        m_buttonGrid->removeWidget(button);
    for (int i = 0; i < m_buttons.size(); ++i)
        m_buttonGrid->addWidget(m_buttons.at(i), i / columns, i % columns);
}

void DecisionPanel::showStatusTexts(bool compact)
{
    const QList<review::DecisionStatus> statuses = threattext::statuses();
    for (qsizetype i = 0; i < m_statusActions.size() && i < statuses.size(); ++i) {
        const bool shorten = compact && statuses.at(i) == review::DecisionStatus::NotApplicable;
        const QString name = shorten ? tr("N/A") : threattext::statusTitle(statuses.at(i));
        const QString format = compact ? QStringLiteral("%1 %2") : QStringLiteral("%1 · %2");
        m_statusActions.at(i)->setIconText(format.arg(QString::number(i + 1), name));
    }
}

int DecisionPanel::fittingColumns() const
{
    const int spacing = std::max(m_buttonGrid->horizontalSpacing(), 0);
    const int available = width() - 2 * spacing;
    int widest = 0;
    for (const QToolButton *button : m_buttons)
        widest = std::max(widest, button->sizeHint().width());
    const int count = int(m_buttons.size());
    for (int columns = count; columns > 1; --columns)
        if (columns * (widest + spacing) <= available)
            return columns;
    return 1;
}

void DecisionPanel::fitNotes()
{
    const int line = m_notes->fontMetrics().lineSpacing();
    m_notes->setMinimumHeight(line * 2 + 2 * m_notes->frameWidth() + 8);
    m_notes->setMaximumHeight(line * 3 + 2 * m_notes->frameWidth() + 8);
}

void DecisionPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrangeButtons();
}

void DecisionPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        fitNotes();
        arrangeButtons();
    }
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

DecisionPanel::~DecisionPanel()
{
    commitEdits();
    disconnect(m_owner, nullptr, this, nullptr);
    disconnect(m_notes, nullptr, this, nullptr);
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
