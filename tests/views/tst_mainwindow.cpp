// The main window with real widgets, real clicks and real keys (offscreen platform).

#include "testsupport.h"

#include "mainwindow/loaderrorbanner.h"
#include "mainwindow/mainwindow.h"
#include "project/projecttree.h"
#include "project/serviceoverview.h"

#include "compose/composeproject.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QToolButton>

using threatdock::views::LoadErrorBanner;
using threatdock::views::MainWindow;
using threatdock::views::ProjectTree;
using threatdock::views::ServiceOverview;

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

/// Waits for the open dialog the window shows, selects path and clicks its accept button.
bool acceptOpenDialog(MainWindow &window, const QString &path)
{
    QFileDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = window.findChild<QFileDialog *>(QStringLiteral("openProjectDialog"));
        return dialog && dialog->isVisible();
    });
    if (!shown)
        return false;
    dialog->selectFile(path);
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QPushButton *accept = buttons ? buttons->button(QDialogButtonBox::Open) : nullptr;
    if (!accept || !accept->isEnabled())
        return false;
    QTest::mouseClick(accept, Qt::LeftButton);
    return true;
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
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ThreatDock"));
    QCoreApplication::setApplicationName(QStringLiteral("ThreatDock"));
}

void TestMainWindow::init()
{
    QSettings().clear();
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

    QCOMPARE(listedServices(window),
             (QStringList{QStringLiteral("web"), QStringLiteral("api"), QStringLiteral("db")}));
    QCOMPARE(listedImage(window, QStringLiteral("web")), QStringLiteral("nginx:1.25-alpine"));
    QVERIFY2(listedImage(window, QStringLiteral("api")).startsWith(QStringLiteral("build ./api")),
             qPrintable(listedImage(window, QStringLiteral("api"))));
    QVERIFY(window.windowTitle().contains(QStringLiteral("shop")));
    const QString status = window.statusBar()->currentMessage();
    QVERIFY2(status.startsWith(QStringLiteral("Loaded shop: 3 services from compose.yaml")),
             qPrintable(status));

    auto *overview = window.findChild<ServiceOverview *>();
    QVERIFY(overview->isVisible());
    QCOMPARE(overview->rowCount(), 3);
    QCOMPARE(overview->item(0, 2)->text(), QStringLiteral("0.0.0.0:8080→80/tcp"));
    QCOMPARE(overview->item(0, 3)->text(), QStringLiteral("compose.yaml:3"));
}

void TestMainWindow::openFolderWithShortcut()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_O));
    QVERIFY(acceptOpenDialog(window, fixture(QStringLiteral("blog"))));
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
    QVERIFY(acceptOpenDialog(window, fixture(QStringLiteral("shop/compose.yaml"))));
    QTRY_COMPARE(listedServices(window).size(), 3);
    QVERIFY(window.windowTitle().contains(QStringLiteral("shop")));
}

void TestMainWindow::brokenFileShowsBannerAndKeepsProject()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(window.openProject(fixture(QStringLiteral("shop"))));
    const QStringList before = listedServices(window);
    const QString titleBefore = window.windowTitle();

    QVERIFY(!window.openProject(fixture(QStringLiteral("broken/compose.yaml"))));

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
    QVERIFY(!window.openProject(fixture(QStringLiteral("broken"))));
    auto *banner = window.findChild<LoadErrorBanner *>();
    QVERIFY(banner->isVisible());
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
