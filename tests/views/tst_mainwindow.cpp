// The main window with real widgets, real clicks and real keys (offscreen platform).

#include "testsupport.h"
#include "views/documentfixture.h"

#include "mainwindow/loaderrorbanner.h"
#include "mainwindow/mainwindow.h"
#include "model/scans/fakedocker.h"
#include "project/projecttree.h"
#include "scans/scanconsole.h"

#include "compose/composeproject.h"
#include "document/reviewdocument.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

using threatdock::testing::acceptFileDialog;
using threatdock::views::LoadErrorBanner;
using threatdock::views::MainWindow;
using threatdock::views::ProjectTree;

namespace {

QString fixture(const QString &name)
{
    return QDir(threatdock::testing::testDataPath(QStringLiteral("gui/") + name)).absolutePath();
}

/// The service names as the Project dock shows them.
QStringList listedServices(const MainWindow &window)
{
    QStringList names;
    const auto *tree = window.findChild<ProjectTree *>(QStringLiteral("projectTree"));
    if (!tree || !tree->servicesItem())
        return names;
    for (int i = 0; i < tree->servicesItem()->childCount(); ++i)
        names << tree->servicesItem()->child(i)->text(0);
    return names;
}

QString listedImage(const MainWindow &window, const QString &service)
{
    const auto *tree = window.findChild<ProjectTree *>(QStringLiteral("projectTree"));
    for (int i = 0; tree && tree->servicesItem() && i < tree->servicesItem()->childCount(); ++i) {
        if (tree->servicesItem()->child(i)->text(0) == service)
            return tree->servicesItem()->child(i)->text(1);
    }
    return QString();
}

bool showAndActivate(MainWindow &window)
{
    window.show();
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase();
    void init();
    void startsOnWelcomePage();
    void opensProjectFromPath();
    void openFolderWithShortcut();
    void openFileFromWelcomeButton();
    void brokenFileShowsBannerAndKeepsProject();
    void brokenFileWithoutPreviousProject();
    void nextGoodLoadClearsBanner();
    void quitShortcutClosesWindow();
    void remembersGeometryAndDocks();
    void reanalysesWhenComposeFileChanges();
    void droppedFolderOpens();
    void decisionsSurviveReopening();
    void refusesCorruptReviewAndKeepsIt();
    void settingsRefuseBrokenRulesFile();
    void toolbarBuildAsksBeforeRunning();
};

void TestMainWindow::initTestCase()
{
    threatdock::testing::isolateHome(m_home.path());
    QCoreApplication::setOrganizationName(QStringLiteral("ThreatDock"));
    QCoreApplication::setApplicationName(QStringLiteral("ThreatDock"));
}

void TestMainWindow::init()
{
    QSettings().clear();
    // Every test starts with no review: the automatic ones live in the data folder.
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

void TestMainWindow::startsOnWelcomePage()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QCOMPARE(window.windowTitle(), QStringLiteral("ThreatDock"));
    QVERIFY(!window.project());
    QVERIFY(listedServices(window).isEmpty());
    QWidget *welcome = window.findChild<QWidget *>(QStringLiteral("welcomePage"));
    QVERIFY(welcome && welcome->isVisible());
    QVERIFY(!window.findChild<LoadErrorBanner *>()->isVisible());
}

void TestMainWindow::opensProjectFromPath()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(window.openProject(fixture(QStringLiteral("shop"))));
    QVERIFY(window.waitForAnalysis());
    QVERIFY(window.lastAnalysisSucceeded());

    QCOMPARE(listedServices(window),
             (QStringList{QStringLiteral("web"), QStringLiteral("api"), QStringLiteral("db")}));
    QCOMPARE(listedImage(window, QStringLiteral("web")), QStringLiteral("nginx:1.25-alpine"));
    QVERIFY2(listedImage(window, QStringLiteral("api")).startsWith(QStringLiteral("build ./api")),
             qPrintable(listedImage(window, QStringLiteral("api"))));
    QVERIFY(window.windowTitle().contains(QStringLiteral("shop")));
    const QString status = window.statusBar()->currentMessage();
    QVERIFY2(status.startsWith(QStringLiteral("Loaded shop: 3 services from compose.yaml")),
             qPrintable(status));

    // The work area replaces the welcome page, with the analysis in it.
    QVERIFY(!window.findChild<QWidget *>(QStringLiteral("welcomePage"))->isVisible());
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("workTabs"))->isVisible());
    QVERIFY(window.document()->hasAnalysis());
    QVERIFY(window.document()->threatCount() > 0);
    // Every project gets a review file, so decisions are saved as they are made.
    QVERIFY(window.document()->hasReview());
    QVERIFY(QFileInfo::exists(window.document()->reviewPath()));
}

void TestMainWindow::openFolderWithShortcut()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_O));
    QVERIFY(acceptFileDialog(window, QStringLiteral("openProjectDialog"),
                             fixture(QStringLiteral("blog"))));
    QTRY_COMPARE(listedServices(window),
                 (QStringList{QStringLiteral("ghost"), QStringLiteral("mysql")}));
    QVERIFY(window.windowTitle().contains(QStringLiteral("blog")));
}

void TestMainWindow::openFileFromWelcomeButton()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QToolButton *openFile = nullptr;
    const auto buttons
        = window.findChild<QWidget *>(QStringLiteral("welcomePage"))->findChildren<QToolButton *>();
    for (QToolButton *button : buttons) {
        if (button->defaultAction()->objectName() == QStringLiteral("openFileAction"))
            openFile = button;
    }
    QVERIFY(openFile && openFile->isVisible());
    QTest::mouseClick(openFile, Qt::LeftButton);
    QVERIFY(acceptFileDialog(window, QStringLiteral("openProjectDialog"),
                             fixture(QStringLiteral("shop/compose.yaml"))));
    QTRY_COMPARE(listedServices(window).size(), 3);
    QVERIFY(window.windowTitle().contains(QStringLiteral("shop")));
}

void TestMainWindow::brokenFileShowsBannerAndKeepsProject()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(window.openProject(fixture(QStringLiteral("shop"))));
    QVERIFY(window.waitForAnalysis());
    const QStringList before = listedServices(window);
    const QString titleBefore = window.windowTitle();

    // The file exists, so the analysis starts; it fails, and the window says why.
    QVERIFY(window.openProject(fixture(QStringLiteral("broken/compose.yaml"))));
    QVERIFY(window.waitForAnalysis());
    QVERIFY(!window.lastAnalysisSucceeded());

    auto *banner = window.findChild<LoadErrorBanner *>();
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("compose.yaml:7")), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(QStringLiteral("Still showing shop")),
             qPrintable(banner->text()));
    QCOMPARE(listedServices(window), before);
    QCOMPARE(window.windowTitle(), titleBefore);
    QCOMPARE(window.project()->name, QStringLiteral("shop"));
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Load failed")));

    // Nothing modal: no dialog, and the window still takes keys and clicks.
    QVERIFY(!QApplication::activeModalWidget());
    QCOMPARE(QApplication::activeWindow(), &window);
    QTest::mouseClick(banner->findChild<QToolButton *>(QStringLiteral("dismissButton")),
                      Qt::LeftButton);
    QVERIFY(!banner->isVisible());
    QCOMPARE(listedServices(window), before);
}

void TestMainWindow::brokenFileWithoutPreviousProject()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(window.openProject(fixture(QStringLiteral("broken"))));
    QVERIFY(window.waitForAnalysis());
    QVERIFY(!window.lastAnalysisSucceeded());
    auto *banner = window.findChild<LoadErrorBanner *>();
    QVERIFY(banner->isVisible());
    // "Show" opens the file at the line.
    QVERIFY(banner->findChild<QToolButton *>(QStringLiteral("showSourceButton"))->isVisible());
    QVERIFY(banner->text().contains(QStringLiteral("compose.yaml:7")));
    QVERIFY(!banner->text().contains(QStringLiteral("Still showing")));
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("welcomePage"))->isVisible());
    QVERIFY(!QApplication::activeModalWidget());
}

void TestMainWindow::nextGoodLoadClearsBanner()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(!window.openProject(fixture(QStringLiteral("does-not-exist"))));
    auto *banner = window.findChild<LoadErrorBanner *>();
    QVERIFY(banner->isVisible());
    QVERIFY(window.openProject(fixture(QStringLiteral("blog"))));
    QVERIFY(window.waitForAnalysis());
    QVERIFY(!banner->isVisible());
    QCOMPARE(listedServices(window).size(), 2);
}

void TestMainWindow::quitShortcutClosesWindow()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_Q));
    QTRY_VERIFY(!window.isVisible());
}

void TestMainWindow::remembersGeometryAndDocks()
{
    {
        MainWindow window;
        QVERIFY(showAndActivate(window));
        window.resize(1000, 640);
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("projectDock"));
        QVERIFY(dock->isVisible());
        dock->toggleViewAction()->trigger();
        QVERIFY(!dock->isVisible());
        QTRY_COMPARE(window.size(), QSize(1000, 640));
        QVERIFY(window.close());
    }
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QCOMPARE(window.size(), QSize(1000, 640));
    QVERIFY(!window.findChild<QDockWidget *>(QStringLiteral("projectDock"))->isVisible());
}

namespace {

/// Copies a fixture project into dir.
bool copyFixture(const QString &name, const QString &dir)
{
    const QDir source(fixture(name));
    for (const QString &file : source.entryList(QDir::Files | QDir::Hidden)) {
        if (!QFile::copy(source.filePath(file), dir + u'/' + file))
            return false;
    }
    return true;
}

bool appendTo(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::Append) && file.write(text) == text.size();
}

} // namespace

void TestMainWindow::reanalysesWhenComposeFileChanges()
{
    QTemporaryDir dir;
    QVERIFY(copyFixture(QStringLiteral("blog"), dir.path()));
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(window.openProject(dir.path()));
    QVERIFY(window.waitForAnalysis());
    QCOMPARE(listedServices(window).size(), 2);

    // Another editor adds a service: the window notices and analyses again by itself.
    QVERIFY(
        appendTo(dir.filePath(QStringLiteral("compose.yaml")), "  cache:\n    image: redis:7.2\n"));
    QTRY_COMPARE_WITH_TIMEOUT(listedServices(window).size(), 3, 10000);
    QVERIFY(listedServices(window).contains(QStringLiteral("cache")));
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("changed on disk")),
             qPrintable(window.statusBar()->currentMessage()));
}

void TestMainWindow::droppedFolderOpens()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(fixture(QStringLiteral("blog")))});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(window.waitForAnalysis());
    QCOMPARE(listedServices(window),
             (QStringList{QStringLiteral("ghost"), QStringLiteral("mysql")}));
}

void TestMainWindow::decisionsSurviveReopening()
{
    QString threatId;
    QString reviewPath;
    {
        MainWindow window;
        QVERIFY(showAndActivate(window));
        QVERIFY(window.openProject(fixture(QStringLiteral("shop"))));
        QVERIFY(window.waitForAnalysis());
        threatId = window.document()->walkthroughOrder().value(0);
        QVERIFY(!threatId.isEmpty());
        window.document()->setStatus(threatId, threatdock::review::DecisionStatus::Accepted);
        window.document()->setOwner(threatId, QStringLiteral("alice"));
        reviewPath = window.document()->reviewPath();
        QVERIFY(window.close());
    }
    // Nothing to save: the decision is already in the review file.
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(window.openProject(fixture(QStringLiteral("shop"))));
    QVERIFY(window.waitForAnalysis());
    QCOMPARE(window.document()->reviewPath(), reviewPath);
    QCOMPARE(window.document()->decision(threatId).status,
             threatdock::review::DecisionStatus::Accepted);
    QCOMPARE(window.document()->decision(threatId).owner, QStringLiteral("alice"));

    // Saved under a name of the user's choice, the review opens with its project.
    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("shop.threatdock"));
    QString error;
    QVERIFY2(window.document()->saveReviewAs(saved, &error), qPrintable(error));
    MainWindow other;
    QVERIFY(other.openReview(saved));
    QVERIFY(other.waitForAnalysis());
    QCOMPARE(other.document()->reviewPath(), saved);
    QCOMPARE(other.project()->name, QStringLiteral("shop"));
    QCOMPARE(other.document()->decision(threatId).owner, QStringLiteral("alice"));
}

void TestMainWindow::refusesCorruptReviewAndKeepsIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.threatdock"));
    // SQLite's magic header (with its NUL), then text: every byte of the array, no more.
    static const char bytes[] = "SQLite format 3\0 this is not a database at all";
    const QByteArray garbage(bytes, sizeof bytes - 1);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(garbage);
    }
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(!window.openReview(path));
    auto *banner = window.findChild<LoadErrorBanner *>();
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(path), qPrintable(banner->text()));
    QVERIFY(!QApplication::activeModalWidget());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), garbage);
}

void TestMainWindow::settingsRefuseBrokenRulesFile()
{
    QTemporaryDir dir;
    const QString rules = dir.filePath(QStringLiteral("rules.yaml"));
    {
        QFile f(rules);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("rules:\n  - id: X\n    match: [unclosed\n");
    }
    MainWindow window;
    QVERIFY(showAndActivate(window));
    bool stayedOpen = false;
    QString message;
    QTimer::singleShot(0, &window, [&] {
        auto *dialog = window.findChild<QDialog *>(QStringLiteral("settingsDialog"));
        if (!dialog)
            return;
        dialog->findChild<QLineEdit *>(QStringLiteral("rulesFileEdit"))->setText(rules);
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
        stayedOpen = dialog->isVisible();
        message = dialog->findChild<QLabel *>(QStringLiteral("settingsError"))->text();
        dialog->reject();
    });
    window.findChild<QAction *>(QStringLiteral("settingsAction"))->trigger();
    // Refused: the dialog stayed open and named the file and line; nothing was saved.
    QVERIFY(stayedOpen);
    QVERIFY2(message.contains(rules + u':'), qPrintable(message));
    QVERIFY(QSettings().value(QStringLiteral("analysis/rulesFile")).toString().isEmpty());
}

void TestMainWindow::toolbarBuildAsksBeforeRunning()
{
    // A docker that records its calls, first on PATH: whatever Build would run is seen.
    threatdock::testing::FakeDocker fake(threatdock::testing::FakeDocker::Plugin);
    const QByteArray savedPath = qgetenv("PATH");
    qputenv("PATH", fake.dir().toUtf8() + ':' + savedPath);
    MainWindow window;
    QVERIFY(showAndActivate(window));

    // The toolbar in UX.md's order: Open, Analyze, Walkthrough, Harden, Build, Scan, Report.
    QStringList order;
    for (QAction *a : window.findChild<QToolBar *>()->actions())
        if (!a->objectName().isEmpty())
            order << a->objectName();
    QCOMPARE(order,
             (QStringList{QStringLiteral("openFolderAction"), QStringLiteral("analyzeAction"),
                          QStringLiteral("walkthroughAction"), QStringLiteral("hardenAction"),
                          QStringLiteral("buildAction"), QStringLiteral("scanAction"),
                          QStringLiteral("reportAction")}));
    auto *build = window.findChild<QAction *>(QStringLiteral("buildAction"));
    QVERIFY(!build->isEnabled()); // nothing to build yet

    QVERIFY(window.openProject(fixture(QStringLiteral("shop"))));
    QVERIFY(window.waitForAnalysis());
    QVERIFY(build->isEnabled());
    auto *scans = window.findChild<threatdock::views::ScanConsole *>();
    QStringList asked;
    scans->setConfirmation([&asked](const QString &title, const QString &command) {
        asked << title << command;
        return false;
    });
    QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier);
    qputenv("PATH", savedPath);

    QCOMPARE(window.findChild<QTabWidget *>(QStringLiteral("workTabs"))->currentWidget(), scans);
    QCOMPARE(asked.size(), 2);
    QVERIFY2(asked.at(0).contains(QStringLiteral("shop")), qPrintable(asked.at(0)));
    QVERIFY2(asked.at(1).contains(QStringLiteral(" compose ")) && asked.at(1).contains(u" build"),
             qPrintable(asked.at(1)));
    for (const QStringList &call : fake.calls())
        QVERIFY2(!call.contains(QStringLiteral("build")), qPrintable(call.join(u' ')));
    QVERIFY(!scans->isRunning());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
