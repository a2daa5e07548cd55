#pragma once

#include "review/reviewtypes.h"

#include <QList>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <memory>

class QAction;
class QActionGroup;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace threatdock::views {

class DecisionPanel;
class ReviewDocument;
class ThreatCard;

/// The guided STRIDE walkthrough (the workshop mode): one threat card at a time, the
/// decision about it, and the review's progress ("23 of 57 threats decided").
///
/// It shows the document's current threat and makes another one current when the user
/// navigates, so every other view follows it (the diagram highlights its element). It is
/// driven by the keyboard: → / ← next and previous threat in walkthrough order, ↓ / ↑
/// the first threat of the next and previous element, 1-5 the decision (open, mitigated,
/// accepted, transferred, not applicable), N the notes, O the owner, Escape back to the
/// card. The keys are QActions with widget-with-children context (the view must hold the
/// focus), exposed for the main window's menus. Decisions go through the document:
/// undoable and saved at once.
class WalkthroughView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WalkthroughView)

public:
    /// ATT&CK and NIST names come from the document's catalog.
    explicit WalkthroughView(ReviewDocument *document, QWidget *parent = nullptr);
    ~WalkthroughView() override;

    /// Large fonts (at least 18 pt) and a high-contrast palette for a projector.
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presentation; }

    /// The threat the card shows ("" when it shows a message instead).
    QString shownThreat() const { return m_shownThreat; }
    /// What the view says instead of a card: no analysis, no threats, not started.
    QString message() const;
    /// "api (API service) · element 1 of 2 · threat 3 of 14".
    QString positionText() const;
    /// "23 of 57 threats decided".
    QString progressText() const;

    ThreatCard *card() const { return m_card; }
    DecisionPanel *decisionPanel() const { return m_panel; }
    QProgressBar *progressBar() const { return m_progress; }

    QAction *nextThreatAction() const { return m_next; }
    QAction *previousThreatAction() const { return m_previous; }
    QAction *nextElementAction() const { return m_nextElement; }
    QAction *previousElementAction() const { return m_previousElement; }
    /// Open, mitigated, accepted, transferred, not applicable (keys 1-5).
    QList<QAction *> statusActions() const { return m_statusActions; }
    QAction *editNotesAction() const { return m_editNotes; }
    QAction *editOwnerAction() const { return m_editOwner; }
    QAction *backToCardAction() const { return m_backToCard; }
    /// Every action above, in menu order (separators included).
    QList<QAction *> menuActions() const;

    /// Where the navigation actions go: the next or previous threat in walkthrough order,
    /// the first threat of the next or previous element. Before the first card, every
    /// step starts at the first threat (previous: at the last).
    enum class Step { NextThreat, PreviousThreat, NextElement, PreviousElement };
    void step(Step step);

public Q_SLOTS:
    /// Saves the owner and notes being edited and gives the keyboard back to the card.
    void focusCard();

Q_SIGNALS:
    void presentationModeChanged(bool on);

private:
    void createActions();
    void showNavigationTexts();
    void rebuildOrder();
    void showCurrent();
    void updateProgress();
    void updateActions();
    void goTo(const QString &threatId);
    void setStatus(review::DecisionStatus status);

    QPointer<ReviewDocument> m_document;

    QStringList m_order;               ///< threat ids, walkthrough order
    QStringList m_elements;            ///< element ids of m_order, in order, once each
    QList<qsizetype> m_elementAt;      ///< for each threat of m_order, its m_elements index
    QList<qsizetype> m_firstOfElement; ///< for each element, its first threat in m_order
    QString m_shownThreat;
    bool m_presentation = false;

    QAction *m_next = nullptr;
    QAction *m_previous = nullptr;
    QAction *m_nextElement = nullptr;
    QAction *m_previousElement = nullptr;
    QActionGroup *m_statusGroup = nullptr;
    QList<QAction *> m_statusActions;
    QAction *m_editNotes = nullptr;
    QAction *m_editOwner = nullptr;
    QAction *m_backToCard = nullptr;
    QList<QAction *> m_separators;

    QLabel *m_position = nullptr;
    QProgressBar *m_progress = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_start = nullptr;
    QLabel *m_keys = nullptr;
    ThreatCard *m_card = nullptr;
    DecisionPanel *m_panel = nullptr;
};

} // namespace threatdock::views
