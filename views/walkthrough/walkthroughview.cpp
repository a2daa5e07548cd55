#include "walkthroughview.h"

#include "decisionpanel.h"
#include "notesedit.h"
#include "threatcard.h"
#include "threatcardtext.h"
#include "threats/threattext.h"

#include "document/reviewdocument.h"

#include "catalog/catalog.h"

#include <QAction>
#include <QActionGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace threatdock::views {

namespace {

enum Page { MessagePage, CardPage };

/// Presentation mode's palette: black on white, a dark selection, dark links.
QPalette highContrastPalette()
{
    QPalette p;
    for (const auto group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, Qt::white);
        p.setColor(group, QPalette::WindowText, Qt::black);
        p.setColor(group, QPalette::Base, Qt::white);
        p.setColor(group, QPalette::AlternateBase, QColor(0xee, 0xee, 0xee));
        p.setColor(group, QPalette::Text, Qt::black);
        p.setColor(group, QPalette::Button, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(group, QPalette::ButtonText, Qt::black);
        p.setColor(group, QPalette::Highlight, QColor(0x00, 0x2f, 0x87));
        p.setColor(group, QPalette::HighlightedText, Qt::white);
        p.setColor(group, QPalette::Link, QColor(0x00, 0x2f, 0x87));
        p.setColor(group, QPalette::PlaceholderText, QColor(0x40, 0x40, 0x40));
        p.setColor(group, QPalette::ToolTipBase, Qt::white);
        p.setColor(group, QPalette::ToolTipText, Qt::black);
    }
    return p;
}

QToolButton *navigationButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setFocusPolicy(Qt::NoFocus);
    button->setAutoRaise(true);
    return button;
}

} // namespace

WalkthroughView::WalkthroughView(ReviewDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("walkthroughView"));
    setFocusPolicy(Qt::StrongFocus);
    createActions();

    m_position = new QLabel(this);
    m_position->setObjectName(QStringLiteral("walkthroughPosition"));
    m_position->setTextFormat(Qt::PlainText);
    m_position->setWordWrap(true); // a projector's 1280 pixels at 18 pt
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("walkthroughProgress"));
    m_progress->setTextVisible(true);
    auto *top = new QHBoxLayout;
    top->addWidget(navigationButton(m_previous, this));
    top->addWidget(navigationButton(m_next, this));
    top->addWidget(navigationButton(m_previousElement, this));
    top->addWidget(navigationButton(m_nextElement, this));
    top->addSpacing(12);
    top->addWidget(m_position, 1);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("walkthroughMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_start = new QPushButton(tr("Start with the first threat (→)"), this);
    m_start->setObjectName(QStringLiteral("walkthroughStart"));
    connect(m_start, &QPushButton::clicked, m_next, &QAction::trigger);
    auto *messagePage = new QWidget(this);
    auto *messageLayout = new QVBoxLayout(messagePage);
    messageLayout->addStretch(1);
    messageLayout->addWidget(m_message);
    messageLayout->addWidget(m_start, 0, Qt::AlignHCenter);
    messageLayout->addStretch(2);

    m_card = new ThreatCard(this);
    m_panel = new DecisionPanel(document, m_statusActions, this);
    m_keys = new QLabel(tr("← → threat · ↑ ↓ element · 1–5 decide · N notes · O owner · "
                           "Esc back to the card · Ctrl+Z undo"),
                        this);
    m_keys->setObjectName(QStringLiteral("walkthroughKeys"));
    m_keys->setEnabled(false);
    auto *cardPage = new QWidget(this);
    auto *cardLayout = new QVBoxLayout(cardPage);
    cardLayout->setContentsMargins(0, 0, 0, 0);
    cardLayout->addWidget(m_card, 1);
    cardLayout->addWidget(m_panel);
    cardLayout->addWidget(m_keys);

    m_pages = new QStackedWidget(this);
    m_pages->insertWidget(MessagePage, messagePage);
    m_pages->insertWidget(CardPage, cardPage);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    // A row of its own: the whole room reads it, and a pane beside the diagram stays narrow.
    layout->addWidget(m_progress);
    layout->addWidget(m_pages, 1);

    connect(document, &ReviewDocument::analysisChanged, this, [this] {
        rebuildOrder();
        showCurrent();
    });
    connect(document, &ReviewDocument::reviewChanged, this, &WalkthroughView::showCurrent);
    connect(document, &ReviewDocument::currentThreatChanged, this, &WalkthroughView::showCurrent);
    connect(document, &ReviewDocument::decisionChanged, this, [this](const QString &threatId) {
        updateProgress();
        if (threatId == m_shownThreat)
            m_panel->refresh();
    });
    rebuildOrder();
    showCurrent();
}

WalkthroughView::~WalkthroughView() = default;

void WalkthroughView::createActions()
{
    const auto make = [this](const QString &name, const QString &text, const QKeySequence &key) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        return action;
    };
    m_previous = make(QStringLiteral("walkthroughPreviousThreat"), tr("Previous threat"),
                      QKeySequence(Qt::Key_Left));
    m_next = make(QStringLiteral("walkthroughNextThreat"), tr("Next threat"),
                  QKeySequence(Qt::Key_Right));
    m_previousElement = make(QStringLiteral("walkthroughPreviousElement"), tr("Previous element"),
                             QKeySequence(Qt::Key_Up));
    m_nextElement = make(QStringLiteral("walkthroughNextElement"), tr("Next element"),
                         QKeySequence(Qt::Key_Down));
    showNavigationTexts();
    connect(m_previous, &QAction::triggered, this, [this] { step(Step::PreviousThreat); });
    connect(m_next, &QAction::triggered, this, [this] { step(Step::NextThreat); });
    connect(m_previousElement, &QAction::triggered, this, [this] { step(Step::PreviousElement); });
    connect(m_nextElement, &QAction::triggered, this, [this] { step(Step::NextElement); });

    m_statusGroup = new QActionGroup(this);
    m_statusGroup->setExclusive(true);
    const QList<review::DecisionStatus> statuses = threattext::statuses();
    for (int i = 0; i < statuses.size(); ++i) {
        const review::DecisionStatus status = statuses.at(i);
        QAction *action = make(
            QStringLiteral("walkthroughStatus-") + review::decisionStatusName(status),
            tr("Mark as %1").arg(threattext::statusLabel(status)), QKeySequence(Qt::Key_1 + i));
        action->setData(review::decisionStatusName(status));
        action->setCheckable(true);
        m_statusGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, status] { setStatus(status); });
        m_statusActions << action;
    }

    m_editNotes
        = make(QStringLiteral("walkthroughEditNotes"), tr("Edit notes"), QKeySequence(Qt::Key_N));
    m_editOwner
        = make(QStringLiteral("walkthroughEditOwner"), tr("Edit owner"), QKeySequence(Qt::Key_O));
    m_backToCard = make(QStringLiteral("walkthroughBackToCard"), tr("Back to the card"),
                        QKeySequence(Qt::Key_Escape));
    connect(m_editNotes, &QAction::triggered, this, [this] {
        m_panel->notesEdit()->setFocus(Qt::ShortcutFocusReason);
        m_panel->notesEdit()->moveCursor(QTextCursor::End);
    });
    connect(m_editOwner, &QAction::triggered, this, [this] {
        m_panel->ownerEdit()->setFocus(Qt::ShortcutFocusReason);
        m_panel->ownerEdit()->selectAll();
    });
    connect(m_backToCard, &QAction::triggered, this, &WalkthroughView::focusCard);
    for (int i = 0; i < 3; ++i) {
        auto *separator = new QAction(this);
        separator->setSeparator(true);
        m_separators << separator;
    }
}

void WalkthroughView::showNavigationTexts()
{
    // Arrows alone in presentation mode, where 18 pt leaves little room on a projector.
    m_previous->setIconText(m_presentation ? tr("←") : tr("← Previous"));
    m_next->setIconText(m_presentation ? tr("→") : tr("Next →"));
    m_previousElement->setIconText(m_presentation ? tr("↑") : tr("↑ Element"));
    m_nextElement->setIconText(m_presentation ? tr("↓") : tr("↓ Element"));
}

QList<QAction *> WalkthroughView::menuActions() const
{
    QList<QAction *> list{m_previous, m_next, m_previousElement, m_nextElement, m_separators.at(0)};
    list << m_statusActions << m_separators.at(1);
    list << m_editNotes << m_editOwner << m_backToCard;
    return list;
}

void WalkthroughView::rebuildOrder()
{
    m_order.clear();
    m_elements.clear();
    m_elementAt.clear();
    m_firstOfElement.clear();
    if (!m_document || !m_document->hasAnalysis())
        return;
    m_order = m_document->walkthroughOrder();
    for (qsizetype i = 0; i < m_order.size(); ++i) {
        const threats::Threat *threat = m_document->threat(m_order.at(i));
        const QString elementId = threat ? threat->elementId : QString();
        if (m_elements.isEmpty() || m_elements.constLast() != elementId) {
            m_elements << elementId;
            m_firstOfElement << i;
        }
        m_elementAt << m_elements.size() - 1;
    }
}

QString WalkthroughView::message() const
{
    return m_pages->currentIndex() == MessagePage ? m_message->text() : QString();
}

QString WalkthroughView::positionText() const
{
    return m_position->text();
}

QString WalkthroughView::progressText() const
{
    return m_progress->text();
}

void WalkthroughView::showCurrent()
{
    const QString current = m_document ? m_document->currentThreat() : QString();
    const threats::Threat *threat = m_document ? m_document->threat(current) : nullptr;
    const qsizetype position = threat ? m_order.indexOf(current) : -1;
    m_start->setVisible(false);
    if (!m_document || !m_document->hasAnalysis()) {
        m_message->setText(tr("No analysis yet. Open a Compose project or the sample (File > "
                              "Open) and its threats appear here, one card at a time."));
    } else if (m_document->threatCount() == 0) {
        m_message->setText(tr("The analysis of %1 found no threats: nothing to walk through.")
                               .arg(m_document->report().systemModel.projectName));
    } else if (!threat) {
        m_message->setText(tr("%1 threats on %2 elements to walk through, element by element "
                              "in diagram order.")
                               .arg(m_order.size())
                               .arg(m_elements.size()));
        m_start->setVisible(true);
    }
    if (!threat) {
        m_shownThreat.clear();
        m_panel->setThreat(QString());
        m_position->clear();
        m_pages->setCurrentIndex(MessagePage);
        setFocusProxy(m_start->isHidden() ? nullptr : m_start);
    } else {
        m_shownThreat = current;
        const ThreatCardText text(*m_document, m_document->catalog(), m_document->catalogError());
        m_card->showThreat(text, *threat);
        m_panel->setThreat(current);
        m_pages->setCurrentIndex(CardPage);
        setFocusProxy(m_card);
        if (position >= 0) {
            const qsizetype element = m_elementAt.at(position);
            const qsizetype first = m_firstOfElement.at(element);
            const qsizetype end = element + 1 < m_firstOfElement.size()
                ? m_firstOfElement.at(element + 1)
                : m_order.size();
            m_position->setText(
                tr("%1 · element %2 of %3 · threat %4 of %5")
                    .arg(threattext::elementDescription(*m_document, threat->elementId))
                    .arg(element + 1)
                    .arg(m_elements.size())
                    .arg(position - first + 1)
                    .arg(end - first));
        } else {
            m_position->setText(threattext::elementDescription(*m_document, threat->elementId));
        }
    }
    updateProgress();
    updateActions();
}

void WalkthroughView::updateProgress()
{
    const int total = m_document ? m_document->threatCount() : 0;
    const int decided = m_document ? m_document->decidedCount() : 0;
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(decided);
    m_progress->setFormat(tr("%1 of %2 threats decided").arg(decided).arg(total));
    const QFontMetrics metrics = m_progress->fontMetrics();
    m_progress->setMinimumWidth(metrics.horizontalAdvance(m_progress->text())
                                + 2 * metrics.averageCharWidth());
}

void WalkthroughView::updateActions()
{
    const bool any = !m_order.isEmpty();
    for (QAction *action : {m_next, m_previous, m_nextElement, m_previousElement})
        action->setEnabled(any);
    const bool shown = !m_shownThreat.isEmpty();
    for (QAction *action : std::as_const(m_statusActions))
        action->setEnabled(shown);
    m_editNotes->setEnabled(shown);
    m_editOwner->setEnabled(shown);
}

void WalkthroughView::goTo(const QString &threatId)
{
    if (m_document && !threatId.isEmpty())
        m_document->setCurrentThreat(threatId);
}

void WalkthroughView::step(Step step)
{
    if (m_order.isEmpty())
        return;
    const qsizetype i = m_order.indexOf(m_shownThreat);
    if (i < 0) {
        goTo(step == Step::PreviousThreat ? m_order.constLast() : m_order.constFirst());
        return;
    }
    const qsizetype element = m_elementAt.at(i);
    const qsizetype last = m_order.size() - 1;
    qsizetype target = i;
    switch (step) {
    case Step::NextThreat:
        target = std::min(i + 1, last);
        break;
    case Step::PreviousThreat:
        target = std::max<qsizetype>(i - 1, 0);
        break;
    case Step::NextElement:
        if (element + 1 < m_firstOfElement.size())
            target = m_firstOfElement.at(element + 1);
        break;
    case Step::PreviousElement:
        target = m_firstOfElement.at(std::max<qsizetype>(element - 1, 0));
        break;
    }
    goTo(m_order.at(target));
}

void WalkthroughView::setStatus(review::DecisionStatus status)
{
    if (m_document && !m_shownThreat.isEmpty())
        m_document->setStatus(m_shownThreat, status);
    // A failed write leaves the decision as it was: show that, not the button pressed.
    m_panel->refresh();
}

void WalkthroughView::focusCard()
{
    m_panel->commitEdits();
    if (m_pages->currentIndex() == CardPage)
        m_card->setFocus(Qt::ShortcutFocusReason);
    else
        m_start->setFocus(Qt::ShortcutFocusReason);
}

void WalkthroughView::setPresentationMode(bool on)
{
    if (on == m_presentation)
        return;
    m_presentation = on;
    if (on) {
        QFont large = QWidget::font();
        large.setPointSizeF(std::max<qreal>(18.0, large.pointSizeF() * 1.5));
        setFont(large);
        setPalette(highContrastPalette());
        setAutoFillBackground(true);
    } else {
        setFont(QFont());
        setPalette(QPalette());
        setAutoFillBackground(false);
    }
    // The audience does not need the key help; the text needs the room.
    m_keys->setVisible(!on);
    showNavigationTexts();
    updateProgress();
    Q_EMIT presentationModeChanged(on);
}

} // namespace threatdock::views
