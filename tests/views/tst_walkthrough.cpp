// The guided walkthrough with the analysed sample, a real review file, real keys.

#include "testsupport.h"
#include "views/documentfixture.h"
#include "views/reviewfileprobe.h"

#include "inspector/threatlabels.h"
#include "threats/threattext.h"
#include "walkthrough/codeexcerpt.h"
#include "walkthrough/decisionpanel.h"
#include "walkthrough/notesedit.h"
#include "walkthrough/threatcard.h"
#include "walkthrough/walkthroughview.h"

#include "catalog/catalog.h"
#include "threats/riskscale.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTextBrowser>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

using namespace threatdock;
using review::DecisionStatus;
using views::WalkthroughView;

namespace {

/// A window as the main window builds it: the walkthrough and the document's undo
/// action on Ctrl+Z.
struct Workshop
{
    QTemporaryDir dir;
    std::unique_ptr<views::ReviewDocument> document;
    std::unique_ptr<QWidget> window;
    WalkthroughView *view = nullptr;

    bool start()
    {
        document = testing::makeDocument(dir);
        if (!document)
            return false;
        window = std::make_unique<QWidget>();
        window->resize(1200, 900);
        view = new WalkthroughView(document.get(), window.get());
        auto *layout = new QVBoxLayout(window.get());
        layout->addWidget(view);
        QAction *undo = document->undoStack()->createUndoAction(window.get());
        undo->setShortcut(QKeySequence::Undo);
        window->addAction(undo);
        if (!testing::showAndActivate(*window))
            return false;
        view->focusCard();
        return true;
    }
    QString reviewPath() const { return document->reviewPath(); }
    QStringList order() const { return document->walkthroughOrder(); }
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(QApplication::focusWidget(), key, modifiers);
    }
};

/// Secret values written into the sample: quoted values of *PASSWORD* names in its
/// compose file and in its code.
QStringList sampleSecrets()
{
    QStringList secrets;
    const QRegularExpression assignment(QStringLiteral("PASSWORD\\w*\\s*[:=]\\s*\"([^\"$]+)\""));
    for (const QString &file : {QStringLiteral("compose.yaml"), QStringLiteral("api/app.py")}) {
        QFile f(testing::sampleProject() + u'/' + file);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        auto it = assignment.globalMatch(QString::fromUtf8(f.readAll()));
        while (it.hasNext())
            secrets << it.next().captured(1);
    }
    secrets.removeDuplicates();
    return secrets;
}

/// A finding of the document whose line holds one of the sample's secrets, and the
/// threat it evidences.
std::pair<const rules::Finding *, const threats::Threat *>
secretFinding(const views::ReviewDocument &document, const QStringList &secrets)
{
    for (const threats::Threat &t : document.report().threats) {
        for (const QString &id : t.findings) {
            const rules::Finding *f = document.finding(id);
            if (!f || f->line <= 0)
                continue;
            QFile file(f->file);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
            if (f->line > lines.size())
                continue;
            for (const QString &secret : secrets)
                if (lines.at(f->line - 1).contains(secret))
                    return {f, &t};
        }
    }
    return {nullptr, nullptr};
}

} // namespace

class TestWalkthrough : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void emptyStates();
    void startsWithTheFirstThreat();
    void keyTwoMitigatesInTheFileAndUndoReverts();
    void statusButtonsAndKeysOneToFive();
    void rightAndLeftFollowWalkthroughOrder();
    void downAndUpStepThroughElements();
    void progressCountsDecisions();
    void followsTheDocumentsCurrentThreat();
    void notesKeyFocusesNotesAndFocusOutSaves();
    void keysTypedIntoNotesAreText();
    void notesSaveWithCtrlEnterAndMoveSavesFirst();
    void ownerKeyAndEnterSave();
    void undoShowsInTheEditors();
    void excerptShowsTheLineAndNoSecret();
    void noCardShowsASecret();
    void attackAndNistWithNames();
    void cardSpellsOutStrideAndRisk();
    void presentationModeIsLargeAndHighContrast();
    void narrowPaneWrapsTheDecisionButtons();
    void codeExcerptRedactsAndMarks();
};

void TestWalkthrough::emptyStates()
{
    views::ReviewDocument document;
    WalkthroughView view(&document);
    QVERIFY(view.shownThreat().isEmpty());
    QVERIFY(view.message().contains(QStringLiteral("No analysis yet")));
    QVERIFY(!view.nextThreatAction()->isEnabled());
    for (QAction *action : view.statusActions())
        QVERIFY(!action->isEnabled());

    analysis::AnalysisResult nothing;
    nothing.report.systemModel.projectName = QStringLiteral("empty-project");
    document.setAnalysis(std::move(nothing));
    QVERIFY(view.message().contains(QStringLiteral("found no threats")));
    QVERIFY(view.message().contains(QStringLiteral("empty-project")));
    QCOMPARE(view.progressText(), QStringLiteral("0 of 0 threats decided"));
    view.step(WalkthroughView::Step::NextThreat);
    QVERIFY(view.shownThreat().isEmpty());
}

void TestWalkthrough::startsWithTheFirstThreat()
{
    Workshop w;
    QVERIFY(w.start());
    const QStringList order = w.order();
    QVERIFY(order.size() > 5);
    QVERIFY(w.view->shownThreat().isEmpty());
    QVERIFY(w.view->message().contains(QString::number(order.size())));
    auto *start = w.view->findChild<QPushButton *>(QStringLiteral("walkthroughStart"));
    QVERIFY(start && start->isVisible());
    QTest::mouseClick(start, Qt::LeftButton);
    QCOMPARE(w.document->currentThreat(), order.constFirst());
    QCOMPARE(w.view->shownThreat(), order.constFirst());
    QCOMPARE(w.view->card()->titleLabel()->text(), w.document->threat(order.constFirst())->title);
}

void TestWalkthrough::keyTwoMitigatesInTheFileAndUndoReverts()
{
    Workshop w;
    QVERIFY(w.start());
    w.press(Qt::Key_Right);
    const QString id = w.document->currentThreat();
    QVERIFY(!id.isEmpty());
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).status, DecisionStatus::Open);

    w.press(Qt::Key_2);
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).status, DecisionStatus::Mitigated);
    QVERIFY(w.view->statusActions().at(1)->isChecked());
    QCOMPARE(w.document->undoStack()->count(), 1);

    w.press(Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).status, DecisionStatus::Open);
    QVERIFY(w.view->statusActions().at(0)->isChecked());

    w.document->undoStack()->redo();
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).status, DecisionStatus::Mitigated);
    w.document->undoStack()->undo();
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).status, DecisionStatus::Open);
}

void TestWalkthrough::statusButtonsAndKeysOneToFive()
{
    Workshop w;
    QVERIFY(w.start());
    w.press(Qt::Key_Right);
    const QString id = w.document->currentThreat();
    const QList<DecisionStatus> statuses = views::threattext::statuses();
    const QList<Qt::Key> keys{Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5};
    for (int i = statuses.size() - 1; i >= 0; --i) {
        w.press(keys.at(i));
        QCOMPARE(testing::storedDecision(w.reviewPath(), id).status, statuses.at(i));
    }
    const QList<QToolButton *> buttons = w.view->decisionPanel()->statusButtons();
    QCOMPARE(buttons.size(), statuses.size());
    QTest::mouseClick(buttons.at(2), Qt::LeftButton);
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).status, DecisionStatus::Accepted);
    QVERIFY(buttons.at(2)->isChecked());
    QVERIFY(buttons.at(2)->text().contains(QStringLiteral("Accepted")));
    // The click left the keyboard on the card: keys still decide.
    w.press(Qt::Key_4);
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).status, DecisionStatus::Transferred);
}

void TestWalkthrough::rightAndLeftFollowWalkthroughOrder()
{
    Workshop w;
    QVERIFY(w.start());
    const QStringList order = w.order();
    for (int i = 0; i < 6; ++i) {
        w.press(Qt::Key_Right);
        QCOMPARE(w.document->currentThreat(), order.at(i));
        QCOMPARE(w.view->shownThreat(), order.at(i));
    }
    for (int i = 4; i >= 0; --i) {
        w.press(Qt::Key_Left);
        QCOMPARE(w.document->currentThreat(), order.at(i));
    }
    w.press(Qt::Key_Left);
    QCOMPARE(w.document->currentThreat(), order.constFirst());
    // The end of the walkthrough is its end.
    w.document->setCurrentThreat(order.constLast());
    w.press(Qt::Key_Right);
    QCOMPARE(w.document->currentThreat(), order.constLast());
    // The selection follows the card: the diagram highlights the element.
    QCOMPARE(w.document->selectedElement(), w.document->threat(order.constLast())->elementId);
}

void TestWalkthrough::downAndUpStepThroughElements()
{
    Workshop w;
    QVERIFY(w.start());
    const QStringList order = w.order();
    QStringList firstOfElement; // the first threat of each element, in walkthrough order
    QString previous;
    for (const QString &id : order) {
        const QString element = w.document->threat(id)->elementId;
        if (element != previous)
            firstOfElement << id;
        previous = element;
    }
    QVERIFY(firstOfElement.size() >= 2);

    w.press(Qt::Key_Right);
    w.press(Qt::Key_Right); // the second threat of the first element, if it has two
    for (qsizetype i = 1; i < firstOfElement.size(); ++i) {
        w.press(Qt::Key_Down);
        QCOMPARE(w.document->currentThreat(), firstOfElement.at(i));
        QVERIFY(w.view->positionText().contains(
            QStringLiteral("element %1 of %2").arg(i + 1).arg(firstOfElement.size())));
        QVERIFY(w.view->positionText().contains(QStringLiteral("threat 1 of")));
    }
    w.press(Qt::Key_Down);
    QCOMPARE(w.document->currentThreat(), firstOfElement.constLast());
    for (qsizetype i = firstOfElement.size() - 2; i >= 0; --i) {
        w.press(Qt::Key_Up);
        QCOMPARE(w.document->currentThreat(), firstOfElement.at(i));
    }
    const QString element
        = views::threatlabels::elementName(*w.document, w.document->threat(order.at(0))->elementId);
    QVERIFY(w.view->positionText().startsWith(element));
}

void TestWalkthrough::progressCountsDecisions()
{
    Workshop w;
    QVERIFY(w.start());
    const int total = w.document->threatCount();
    QCOMPARE(w.view->progressText(), QStringLiteral("0 of %1 threats decided").arg(total));
    w.press(Qt::Key_Right);
    w.press(Qt::Key_2);
    QCOMPARE(w.view->progressText(), QStringLiteral("1 of %1 threats decided").arg(total));
    QCOMPARE(w.view->progressBar()->value(), 1);
    QCOMPARE(w.view->progressBar()->maximum(), total);
    w.press(Qt::Key_Right);
    w.press(Qt::Key_5);
    QCOMPARE(w.view->progressText(), QStringLiteral("2 of %1 threats decided").arg(total));
    w.press(Qt::Key_1); // back to open: undecided again
    QCOMPARE(w.view->progressText(), QStringLiteral("1 of %1 threats decided").arg(total));
    QCOMPARE(w.document->decidedCount(), 1);
}

void TestWalkthrough::followsTheDocumentsCurrentThreat()
{
    Workshop w;
    QVERIFY(w.start());
    const QStringList order = w.order();
    const QString id = order.at(order.size() / 2);
    w.document->setCurrentThreat(id);
    QCOMPARE(w.view->shownThreat(), id);
    QCOMPARE(w.view->card()->titleLabel()->text(), w.document->threat(id)->title);
    w.press(Qt::Key_Right);
    QCOMPARE(w.document->currentThreat(), order.at(order.size() / 2 + 1));
}

void TestWalkthrough::notesKeyFocusesNotesAndFocusOutSaves()
{
    Workshop w;
    QVERIFY(w.start());
    w.press(Qt::Key_Right);
    const QString id = w.document->currentThreat();
    views::NotesEdit *notes = w.view->decisionPanel()->notesEdit();
    w.press(Qt::Key_N);
    QCOMPARE(QApplication::focusWidget(), notes);
    QTest::keyClicks(notes, QStringLiteral("Bind redis to the internal network"));
    // Not saved while typing.
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).notes, QString());
    w.press(Qt::Key_Escape);
    QCOMPARE(QApplication::focusWidget(), w.view->card());
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).notes,
             QStringLiteral("Bind redis to the internal network"));
    QCOMPARE(w.document->undoStack()->count(), 1);

    // Leaving by the mouse saves too.
    w.press(Qt::Key_N);
    QTest::keyClicks(notes, QStringLiteral(" before the release"));
    w.view->decisionPanel()->ownerEdit()->setFocus(Qt::MouseFocusReason);
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).notes,
             QStringLiteral("Bind redis to the internal network before the release"));
    QCOMPARE(w.document->undoStack()->count(), 2);
}

void TestWalkthrough::keysTypedIntoNotesAreText()
{
    Workshop w;
    QVERIFY(w.start());
    w.press(Qt::Key_Right);
    const QString id = w.document->currentThreat();
    w.press(Qt::Key_N);
    views::NotesEdit *notes = w.view->decisionPanel()->notesEdit();
    QCOMPARE(QApplication::focusWidget(), notes);
    QTest::keyClicks(notes, QStringLiteral("2 of 5 on node O"));
    for (const Qt::Key key : {Qt::Key_Left, Qt::Key_Right, Qt::Key_Up, Qt::Key_Down})
        QTest::keyClick(notes, key);
    QCOMPARE(notes->toPlainText(), QStringLiteral("2 of 5 on node O"));
    QCOMPARE(w.document->currentThreat(), id);
    QCOMPARE(w.document->decision(id).status, DecisionStatus::Open);
    QCOMPARE(QApplication::focusWidget(), notes);

    // The same in the owner field.
    w.press(Qt::Key_Escape);
    w.press(Qt::Key_O);
    QLineEdit *owner = w.view->decisionPanel()->ownerEdit();
    QCOMPARE(QApplication::focusWidget(), owner);
    QTest::keyClicks(owner, QStringLiteral("team 3 N"));
    // A line edit has no use for ↑ and ↓, but they must not leave the threat either.
    for (const Qt::Key key : {Qt::Key_Down, Qt::Key_Up, Qt::Key_Left, Qt::Key_Right})
        QTest::keyClick(owner, key);
    QCOMPARE(w.document->currentThreat(), id);
    QCOMPARE(owner->text(), QStringLiteral("team 3 N"));
    QCOMPARE(w.document->decision(id).status, DecisionStatus::Open);
    QCOMPARE(QApplication::focusWidget(), owner);
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).status, DecisionStatus::Open);
}

void TestWalkthrough::notesSaveWithCtrlEnterAndMoveSavesFirst()
{
    Workshop w;
    QVERIFY(w.start());
    w.press(Qt::Key_Right);
    const QString first = w.document->currentThreat();
    w.press(Qt::Key_N);
    views::NotesEdit *notes = w.view->decisionPanel()->notesEdit();
    QTest::keyClicks(notes, QStringLiteral("line one"));
    QTest::keyClick(notes, Qt::Key_Return);
    QTest::keyClicks(notes, QStringLiteral("line two"));
    QTest::keyClick(notes, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(testing::storedDecision(w.reviewPath(), first).notes,
             QStringLiteral("line one\nline two"));
    QCOMPARE(QApplication::focusWidget(), notes);

    // Typing, then moving on with the menu's action: the note lands on its own threat.
    QTest::keyClicks(notes, QStringLiteral("!"));
    w.view->nextThreatAction()->trigger();
    const QString second = w.document->currentThreat();
    QVERIFY(second != first);
    QCOMPARE(testing::storedDecision(w.reviewPath(), first).notes,
             QStringLiteral("line one\nline two!"));
    QCOMPARE(testing::storedDecision(w.reviewPath(), second).notes, QString());
    QCOMPARE(notes->toPlainText(), QString());
}

void TestWalkthrough::ownerKeyAndEnterSave()
{
    Workshop w;
    QVERIFY(w.start());
    w.press(Qt::Key_Right);
    const QString id = w.document->currentThreat();
    w.press(Qt::Key_O);
    QLineEdit *owner = w.view->decisionPanel()->ownerEdit();
    QCOMPARE(QApplication::focusWidget(), owner);
    QTest::keyClicks(owner, QStringLiteral("platform team"));
    QTest::keyClick(owner, Qt::Key_Return);
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).owner, QStringLiteral("platform team"));
    QCOMPARE(w.document->undoStack()->count(), 1);
    w.press(Qt::Key_Escape); // focus out after Enter: nothing more to save
    QCOMPARE(w.document->undoStack()->count(), 1);
}

void TestWalkthrough::undoShowsInTheEditors()
{
    Workshop w;
    QVERIFY(w.start());
    w.press(Qt::Key_Right);
    const QString id = w.document->currentThreat();
    w.press(Qt::Key_O);
    QTest::keyClicks(w.view->decisionPanel()->ownerEdit(), QStringLiteral("alice"));
    w.press(Qt::Key_Escape);
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).owner, QStringLiteral("alice"));
    w.press(Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(testing::storedDecision(w.reviewPath(), id).owner, QString());
    QCOMPARE(w.view->decisionPanel()->ownerEdit()->text(), QString());
}

void TestWalkthrough::excerptShowsTheLineAndNoSecret()
{
    Workshop w;
    QVERIFY(w.start());
    const QStringList secrets = sampleSecrets();
    QVERIFY2(secrets.size() >= 2, qPrintable(secrets.join(u',')));
    const auto [finding, threat] = secretFinding(*w.document, secrets);
    QVERIFY2(finding, "no threat of the sample is evidenced by a line holding a secret");
    w.document->setCurrentThreat(threat->id);
    QCOMPARE(w.view->shownThreat(), threat->id);

    const QString text = w.view->card()->plainText();
    const QString relative = QDir(testing::sampleProject()).relativeFilePath(finding->file);
    QVERIFY2(text.contains(relative + u':' + QString::number(finding->line)), qPrintable(text));
    // The marked line is there with its number, the secret's value masked.
    const QString html = w.view->card()->body()->toHtml();
    QVERIFY(html.contains(QStringLiteral("▶")));
    const views::CodeExcerpt excerpt = views::CodeExcerpt::read(finding->file, finding->line);
    const auto marked = std::find_if(excerpt.lines.cbegin(), excerpt.lines.cend(),
                                     [](const views::CodeExcerpt::Line &l) { return l.marked; });
    QVERIFY(marked != excerpt.lines.cend());
    QCOMPARE(marked->number, finding->line);
    QVERIFY2(marked->text.contains(QStringLiteral("****")), qPrintable(marked->text));
    QVERIFY2(text.contains(marked->text), qPrintable(text));
    QVERIFY(excerpt.lines.size() > 1);
    for (const views::CodeExcerpt::Line &line : excerpt.lines)
        QVERIFY(text.contains(QString::number(line.number)));
    for (const QString &secret : secrets) {
        QVERIFY2(!text.contains(secret), qPrintable(secret));
        QVERIFY2(!html.contains(secret.toHtmlEscaped()), qPrintable(secret));
    }
}

void TestWalkthrough::noCardShowsASecret()
{
    Workshop w;
    QVERIFY(w.start());
    const QStringList secrets = sampleSecrets();
    QVERIFY(!secrets.isEmpty());
    int excerpts = 0;
    for (const QString &id : w.order()) {
        w.document->setCurrentThreat(id);
        const QString text = w.view->card()->plainText();
        for (const QString &secret : secrets)
            QVERIFY2(!text.contains(secret), qPrintable(id + u' ' + secret));
        if (w.view->card()->body()->toHtml().contains(QStringLiteral("▶")))
            ++excerpts;
    }
    QVERIFY(excerpts > 0);
}

void TestWalkthrough::attackAndNistWithNames()
{
    Workshop w;
    QVERIFY(w.start());
    const auto loaded = catalog::Catalog::load();
    QVERIFY(loaded.ok());
    const catalog::Catalog &catalog = *loaded.catalog;
    int techniques = 0;
    int controls = 0;
    for (const QString &id : w.order()) {
        const threats::Threat *t = w.document->threat(id);
        if (t->attack.isEmpty() || t->nist.isEmpty())
            continue;
        w.document->setCurrentThreat(id);
        const QString text = w.view->card()->plainText();
        const QString html = w.view->card()->body()->toHtml();
        for (const QString &techniqueId : t->attack) {
            const catalog::Technique *technique = catalog.technique(techniqueId);
            QVERIFY2(technique, qPrintable(techniqueId));
            QVERIFY(text.contains(technique->id));
            QVERIFY2(text.contains(technique->name), qPrintable(technique->name));
            for (const QString &tactic : technique->tactics)
                QVERIFY(text.contains(catalog.tactic(tactic)->name));
            QVERIFY(html.contains(QStringLiteral("https://attack.mitre.org/techniques/")));
            ++techniques;
        }
        for (const QString &controlId : t->nist) {
            QVERIFY2(catalog.control(controlId), qPrintable(controlId));
            QVERIFY(text.contains(catalog.control(controlId)->id));
            QVERIFY2(text.contains(catalog.controlFullTitle(controlId)), qPrintable(controlId));
            ++controls;
        }
    }
    QVERIFY(techniques > 0);
    QVERIFY(controls > 0);
}

void TestWalkthrough::cardSpellsOutStrideAndRisk()
{
    Workshop w;
    QVERIFY(w.start());
    QSet<QString> letters;
    for (const QString &id : w.order()) {
        const threats::Threat *t = w.document->threat(id);
        w.document->setCurrentThreat(id);
        views::ThreatCard *card = w.view->card();
        QCOMPARE(card->strideLabel()->text(), views::threatlabels::strideName(t->stride));
        QVERIFY(card->plainText().contains(t->stride));
        QVERIFY(
            card->severityLabel()->text().contains(views::threattext::severityLabel(t->severity)));
        QVERIFY(
            card->riskLabel()->text().contains(threats::RiskScale::likelihoodName(t->likelihood)));
        QVERIFY(card->riskLabel()->text().contains(threats::RiskScale::impactName(t->impact)));
        QVERIFY(card->riskLabel()->text().contains(QStringLiteral("risk %1").arg(t->risk())));
        letters.insert(t->stride);
    }
    QVERIFY(letters.size() >= 4);
    QCOMPARE(views::threatlabels::strideName(QStringLiteral("I")),
             QStringLiteral("Information disclosure"));
}

void TestWalkthrough::presentationModeIsLargeAndHighContrast()
{
    Workshop w;
    QVERIFY(w.start());
    w.press(Qt::Key_Right);
    const QList<QWidget *> widgets{w.view->card()->titleLabel(),
                                   w.view->card()->body(),
                                   w.view->card()->riskLabel(),
                                   w.view->decisionPanel()->notesEdit(),
                                   w.view->decisionPanel()->ownerEdit(),
                                   w.view->decisionPanel()->statusButtons().constFirst(),
                                   w.view->progressBar()};
    for (QWidget *widget : widgets)
        QVERIFY2(widget->font().pointSizeF() < 18.0, qPrintable(widget->objectName()));
    w.view->setPresentationMode(true);
    QVERIFY(w.view->presentationMode());
    for (QWidget *widget : widgets)
        QVERIFY2(widget->font().pointSizeF() >= 18.0, qPrintable(widget->objectName()));
    QVERIFY(w.view->card()->titleLabel()->font().pointSizeF()
            > w.view->card()->riskLabel()->font().pointSizeF());
    QCOMPARE(w.view->card()->body()->document()->defaultFont().pointSizeF(),
             w.view->card()->body()->font().pointSizeF());
    const QPalette palette = w.view->card()->palette();
    QCOMPARE(palette.color(QPalette::Window), QColor(Qt::white));
    QCOMPARE(palette.color(QPalette::WindowText), QColor(Qt::black));
    QCOMPARE(palette.color(QPalette::Text), QColor(Qt::black));
    // Keys work the same in presentation mode.
    w.press(Qt::Key_3);
    QCOMPARE(testing::storedDecision(w.reviewPath(), w.document->currentThreat()).status,
             DecisionStatus::Accepted);
    w.view->setPresentationMode(false);
    for (QWidget *widget : widgets)
        QVERIFY2(widget->font().pointSizeF() < 18.0, qPrintable(widget->objectName()));
}

void TestWalkthrough::narrowPaneWrapsTheDecisionButtons()
{
    // Beside the diagram on a 1280-pixel projector the card gets about half the width.
    Workshop w;
    QVERIFY(w.start());
    w.press(Qt::Key_Right);
    w.view->setPresentationMode(true);
    const QList<QToolButton *> buttons = w.view->decisionPanel()->statusButtons();
    const auto rows = [&] {
        QSet<int> tops;
        for (const QToolButton *b : buttons)
            tops.insert(b->y());
        return tops.size();
    };
    const auto allReadable = [&] {
        return std::all_of(buttons.cbegin(), buttons.cend(), [](const QToolButton *b) {
            return b->width() >= b->sizeHint().width();
        });
    };
    w.window->resize(1600, 900);
    QTRY_COMPARE(rows(), 1);
    QVERIFY(allReadable());
    QVERIFY(w.view->minimumSizeHint().width() <= 640);
    w.window->resize(640, 720);
    QTRY_VERIFY(rows() > 1);
    QTRY_VERIFY(allReadable());
    QVERIFY(rows() <= 3);
    QVERIFY(w.view->decisionPanel()->width() <= 640);
    // Still one click each.
    QTest::mouseClick(buttons.at(4), Qt::LeftButton);
    QCOMPARE(testing::storedDecision(w.reviewPath(), w.document->currentThreat()).status,
             DecisionStatus::NotApplicable);
}

void TestWalkthrough::codeExcerptRedactsAndMarks()
{
    const QString text = QStringLiteral("import os\n"
                                        "API_TOKEN = \"ghp_0123456789abcdefghijABCDEFGHIJ012345\"\n"
                                        "password = 'hunter2-but-longer'\n"
                                        "KEY = '''\n"
                                        "-----BEGIN RSA PRIVATE KEY-----\n"
                                        "MIIEowIBAAKCAQEA7x1e2f3g4h5i6j7k8l9m0n\n"
                                        "-----END RSA PRIVATE KEY-----\n"
                                        "'''\n"
                                        "print('done')\n");
    const views::CodeExcerpt excerpt
        = views::CodeExcerpt::fromText(text, QStringLiteral("app.py"), 3, 10);
    QVERIFY(excerpt.error.isEmpty());
    QCOMPARE(excerpt.lines.size(), 9);
    QCOMPARE(excerpt.lines.at(2).number, 3);
    QVERIFY(excerpt.lines.at(2).marked);
    QVERIFY(!excerpt.lines.at(1).marked);
    QCOMPARE(excerpt.lines.at(8).text, QStringLiteral("print('done')"));
    QStringList shown;
    for (const auto &line : excerpt.lines)
        shown << line.text;
    const QString all = shown.join(u'\n');
    QVERIFY2(!all.contains(QStringLiteral("ghp_0123")), qPrintable(all));
    QVERIFY2(!all.contains(QStringLiteral("hunter2")), qPrintable(all));
    QVERIFY2(!all.contains(QStringLiteral("MIIEow")), qPrintable(all));
    QVERIFY(excerpt.lines.at(2).text.startsWith(QStringLiteral("password = ")));

    const views::CodeExcerpt past
        = views::CodeExcerpt::fromText(text, QStringLiteral("app.py"), 40);
    QVERIFY(past.isEmpty());
    QVERIFY(past.error.startsWith(QStringLiteral("app.py:40:")));
    QVERIFY(views::CodeExcerpt::read(QStringLiteral("/nonexistent/app.py"), 3)
                .error.startsWith(QStringLiteral("/nonexistent/app.py:")));
    QVERIFY(views::CodeExcerpt::fromText(text, QStringLiteral("app.py"), 0).error.isEmpty());
}

QTEST_MAIN(TestWalkthrough)
#include "tst_walkthrough.moc"
