#include "mainwindow.h"

#include "loaderrorbanner.h"
#include "project/projecttree.h"
#include "project/serviceoverview.h"
#include "welcomepage.h"

#include "compose/composeloader.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

namespace threatdock::views {

namespace {

const auto geometryKey = QStringLiteral("mainwindow/geometry");
const auto stateKey = QStringLiteral("mainwindow/state");
const auto lastDirectoryKey = QStringLiteral("mainwindow/lastDirectory");

/// The file names of a project's compose files, for one status line.
QString composeFileNames(const compose::ComposeProject &project)
{
    QStringList names;
    const QDir workingDir(project.workingDir);
    for (const QString &file : project.composeFiles)
        names << workingDir.relativeFilePath(file);
    return names.join(QStringLiteral(", "));
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("ThreatDock"));
    setObjectName(QStringLiteral("mainWindow"));
    createActions();
    createMenus();

    m_banner = new LoadErrorBanner(this);
    m_welcomePage = new WelcomePage(m_openFolderAction, m_openFileAction, this);
    m_serviceOverview = new ServiceOverview(this);
    m_centre = new QStackedWidget(this);
    m_centre->addWidget(m_welcomePage);
    m_centre->addWidget(m_serviceOverview);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_centre, 1);
    setCentralWidget(central);

    createDocks();
    statusBar()->showMessage(tr("Open a Compose project folder or file to begin."));
    restoreWindowState();
}

MainWindow::~MainWindow() = default;

const compose::ComposeProject *MainWindow::project() const
{
    return m_project.get();
}

void MainWindow::createActions()
{
    m_openFolderAction
        = new QAction(QIcon::fromTheme(QStringLiteral("folder-open"),
                                       style()->standardIcon(QStyle::SP_DirOpenIcon)),
                      tr("Open &Folder…"), this);
    m_openFolderAction->setObjectName(QStringLiteral("openFolderAction"));
    m_openFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_openFolderAction->setStatusTip(tr("Open a folder that holds a compose.yaml"));
    connect(m_openFolderAction, &QAction::triggered, this, [this] { showOpenDialog(true); });

    m_openFileAction = new QAction(QIcon::fromTheme(QStringLiteral("document-open"),
                                                    style()->standardIcon(QStyle::SP_FileIcon)),
                                   tr("Open F&ile…"), this);
    m_openFileAction->setObjectName(QStringLiteral("openFileAction"));
    m_openFileAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openFileAction->setStatusTip(tr("Open a compose file"));
    connect(m_openFileAction, &QAction::triggered, this, [this] { showOpenDialog(false); });

    m_quitAction
        = new QAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_openFolderAction);
    fileMenu->addAction(m_openFileAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_openFolderAction);
    toolBar->addAction(m_openFileAction);
}

void MainWindow::createDocks()
{
    m_projectTree = new ProjectTree(this);
    m_projectDock = new QDockWidget(tr("Project"), this);
    m_projectDock->setObjectName(QStringLiteral("projectDock"));
    m_projectDock->setWidget(m_projectTree);
    addDockWidget(Qt::LeftDockWidgetArea, m_projectDock);
    resizeDocks({m_projectDock}, {280}, Qt::Horizontal);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_projectDock->toggleViewAction());
}

void MainWindow::showOpenDialog(bool folder)
{
    auto *dialog = new QFileDialog(
        this, folder ? tr("Open Compose Project Folder") : tr("Open Compose File"),
        m_lastDirectory);
    dialog->setObjectName(QStringLiteral("openProjectDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (folder) {
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
    } else {
        dialog->setFileMode(QFileDialog::ExistingFile);
        dialog->setNameFilters({tr("Compose files (*.yaml *.yml)"), tr("All files (*)")});
    }
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::openProject);
    dialog->open();
}

bool MainWindow::openProject(const QString &path)
{
    const QFileInfo info(path);
    const QString absolutePath = info.absoluteFilePath();
    m_lastDirectory = info.isDir() ? absolutePath : info.absolutePath();

    QElapsedTimer timer;
    timer.start();
    compose::ComposeLoader::Result result = compose::ComposeLoader::load(absolutePath);
    const qint64 elapsedMs = timer.elapsed();

    if (!result.ok()) {
        const QString reason = result.error ? result.error->toString() : tr("unknown error");
        m_banner->showError(tr("Could not load %1").arg(QDir::toNativeSeparators(absolutePath)),
                            reason,
                            m_project ? tr("Still showing %1.").arg(m_project->name) : QString());
        statusBar()->showMessage(tr("Load failed: %1").arg(reason));
        return false;
    }

    m_banner->hide();
    m_project = std::make_unique<compose::ComposeProject>(std::move(*result.project));
    showProject(*m_project, elapsedMs, int(result.warnings.size()));
    return true;
}

void MainWindow::showProject(const compose::ComposeProject &project, qint64 elapsedMs, int warnings)
{
    setWindowTitle(tr("%1 — ThreatDock").arg(project.name));
    m_projectTree->setProject(project);
    m_serviceOverview->setProject(project);
    m_centre->setCurrentWidget(m_serviceOverview);

    const auto count = project.services.size();
    const QString services = count == 1 ? tr("1 service") : tr("%1 services").arg(count);
    QString message = tr("Loaded %1: %2 from %3 in %4 ms")
                          .arg(project.name, services, composeFileNames(project))
                          .arg(elapsedMs);
    if (warnings == 1)
        message += tr(" · 1 warning");
    else if (warnings > 1)
        message += tr(" · %1 warnings").arg(warnings);
    statusBar()->showMessage(message);
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(geometryKey).toByteArray())) {
        // First start: most of the screen, so a 1280×720 projector shows the status bar.
        const QRect available = screen()->availableGeometry();
        resize(available.size().boundedTo(QSize(1400, 900)) * 0.9);
        move(available.center() - rect().center());
    }
    restoreState(settings.value(stateKey).toByteArray());
    m_lastDirectory = settings.value(lastDirectoryKey, QDir::homePath()).toString();
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(stateKey, saveState());
    settings.setValue(lastDirectoryKey, m_lastDirectory);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

} // namespace threatdock::views
