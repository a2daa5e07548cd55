// The workbench end to end, as a facilitator uses it: open the sample, click through the
// diagram, decide threats with the keyboard, and find every decision in the review file
// at once, after reopening, and undone.

#include "testsupport.h"
#include "views/documentfixture.h"

#include "diagram/diagramview.h"
#include "document/reviewdocument.h"
#include "mainwindow/mainwindow.h"
#include "walkthrough/walkthroughview.h"

#include "review/reviewstore.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>

using threatdock::review::DecisionStatus;
using threatdock::review::ReviewStore;
using threatdock::views::DiagramView;
using threatdock::views::MainWindow;
using threatdock::views::WalkthroughView;

namespace {

/// The status the review FILE holds for a threat, read through a second connection.
std::optional<DecisionStatus> statusInFile(const QString &reviewPath, const QString &threatId)
{
    auto store = ReviewStore::open(reviewPath);
    if (!store.ok())
        return std::nullopt;
    const auto decision = store.value->decision(threatId);
    if (!decision.ok())
        return std::nullopt;
    return decision.value.status;
}

/// All visible text of a widget's labels, for "does the inspector show X".
QString visibleText(const QWidget *widget)
{
    QStringList texts;
    for (const QLabel *label : widget->findChildren<QLabel *>())
        if (label->isVisible())
            texts << label->text();
    for (const QAbstractItemView *view : widget->findChildren<QAbstractItemView *>()) {
        const QAbstractItemModel *model = view->model();
        for (int r = 0; model && r < model->rowCount(); ++r)
            for (int c = 0; c < model->columnCount(); ++c)
                texts << model->index(r, c).data().toString();
    }
    return texts.join(u'\n');
}

bool openSampleIn(MainWindow &window)
{
    window.resize(1600, 1000);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    return window.openSample() && window.waitForAnalysis() && window.lastAnalysisSucceeded();
}

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        threatdock::testing::isolateHome(m_home.path());
        QCoreApplication::setOrganizationName(QStringLiteral("ThreatDock"));
        QCoreApplication::setApplicationName(QStringLiteral("ThreatDock"));
    }
    void init()
    {
        QSettings().clear();
        // Every test starts with no review: the automatic ones live in the data folder.
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    }

    void diagramHasOneNodePerElement();
    void clickingANodeSelectsItEverywhere();
    void walkthroughKeySavesDecisionAtOnce();
    void presentationModeShowsCardAndDiagramOnly();
};

void TestWorkbench::diagramHasOneNodePerElement()
{
    MainWindow window;
    QVERIFY(openSampleIn(window));
    auto *diagram = window.findChild<DiagramView *>();
    QVERIFY(diagram && diagram->isVisible());
    QStringList elements;
    for (const auto &e : window.document()->report().systemModel.elements)
        elements << e.id;
    QStringList nodes = diagram->nodeIds();
    elements.sort();
    nodes.sort();
    QCOMPARE(nodes, elements);
}

void TestWorkbench::clickingANodeSelectsItEverywhere()
{
    MainWindow window;
    QVERIFY(openSampleIn(window));
    auto *diagram = window.findChild<DiagramView *>();
    const QString api = QStringLiteral("service:api");
    QVERIFY(diagram->nodeIds().contains(api));
    const QPoint centre = diagram->nodeViewportCenter(api);
    QVERIFY(!centre.isNull());
    QTest::mouseClick(diagram->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(window.document()->selectedElement(), api);
    QCOMPARE(diagram->highlightedElement(), api);

    // The inspector shows the element: its image or build, and its user.
    QWidget *inspector = window.findChild<QWidget *>(QStringLiteral("inspectorView"));
    QVERIFY(inspector && inspector->isVisible());
    QTRY_VERIFY2(visibleText(inspector).contains(QStringLiteral("api")),
                 qPrintable(visibleText(inspector)));

    // The findings table shows the element's findings only.
    QWidget *findings = window.findChild<QWidget *>(QStringLiteral("findingsView"));
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("workTabs"));
    tabs->setCurrentWidget(findings);
    QTableView *table = findings->findChild<QTableView *>();
    QVERIFY(table);
    const auto expected = window.document()->findingsOf(api).size();
    QVERIFY(expected > 0);
    QTRY_COMPARE(qsizetype(table->model()->rowCount()), expected);
    for (int r = 0; r < table->model()->rowCount(); ++r)
        QVERIFY(visibleText(findings).contains(QStringLiteral("api")));
}

void TestWorkbench::walkthroughKeySavesDecisionAtOnce()
{
    QString threatId;
    QString reviewPath;
    {
        MainWindow window;
        QVERIFY(openSampleIn(window));
        window.findChild<QAction *>(QStringLiteral("walkthroughAction"))->trigger();
        auto *walkthrough = window.findChild<WalkthroughView *>();
        QVERIFY(walkthrough && walkthrough->isVisible());
        threatId = window.document()->currentThreat();
        QVERIFY(!threatId.isEmpty());
        QCOMPARE(threatId, window.document()->walkthroughOrder().constFirst());
        reviewPath = window.document()->reviewPath();

        // "3" accepts the threat on the card: in the file before anything else happens.
        walkthrough->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_3);
        QCOMPARE(window.document()->decision(threatId).status, DecisionStatus::Accepted);
        QCOMPARE(statusInFile(reviewPath, threatId), std::optional(DecisionStatus::Accepted));

        // Right goes to the next threat; the diagram highlights its element.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
        const QString second = window.document()->walkthroughOrder().value(1);
        QCOMPARE(window.document()->currentThreat(), second);
        const auto *diagram = window.findChild<DiagramView *>();
        QCOMPARE(diagram->currentElement(), window.document()->threat(second)->elementId);

        // Ctrl+Z undoes the decision, in the file too.
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(statusInFile(reviewPath, threatId), std::optional(DecisionStatus::Open));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(statusInFile(reviewPath, threatId), std::optional(DecisionStatus::Accepted));
        QVERIFY(window.close());
    }
    // Reopening restores it: nothing was "saved", nothing was lost.
    MainWindow window;
    QVERIFY(openSampleIn(window));
    QCOMPARE(window.document()->reviewPath(), reviewPath);
    QCOMPARE(window.document()->decision(threatId).status, DecisionStatus::Accepted);
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("countsLabel"))
                ->text()
                .contains(QStringLiteral("1 of")));
}

void TestWorkbench::presentationModeShowsCardAndDiagramOnly()
{
    MainWindow window;
    QVERIFY(openSampleIn(window));
    QTest::keyClick(&window, Qt::Key_F11);
    QVERIFY(window.presentationMode());
    QVERIFY(window.isFullScreen() || QGuiApplication::platformName() == u"offscreen");
    QVERIFY(!window.menuBar()->isVisible());
    QVERIFY(!window.statusBar()->isVisible());
    QVERIFY(!window.findChild<QWidget *>(QStringLiteral("inspectorView"))->isVisible());
    auto *walkthrough = window.findChild<WalkthroughView *>();
    QVERIFY(walkthrough->isVisible());
    QVERIFY(window.findChild<DiagramView *>()->isVisible());
    QVERIFY(walkthrough->font().pointSizeF() >= 18.0
            || walkthrough->findChild<QLabel *>()->font().pointSizeF() >= 18.0);
    QTest::keyClick(&window, Qt::Key_F11);
    QVERIFY(!window.presentationMode());
    QVERIFY(window.menuBar()->isVisible());
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("inspectorView"))->isVisible());
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
