#include "mainwindow.h"

#include "actionicons.h"
#include "colorscheme.h"
#include "loaderrorbanner.h"
#include "recentfiles.h"
#include "settingsdialog.h"
#include "welcomepage.h"

#include "controls/controlsview.h"
#include "diagram/diagramview.h"
#include "document/analysisrunner.h"
#include "document/reviewdocument.h"
#include "findings/findingsview.h"
#include "hardening/hardeningview.h"
#include "inspector/inspectorview.h"
#include "project/projecttree.h"
#include "report/reportexportdialog.h"
#include "scans/scanconsole.h"
#include "threats/threatsview.h"
#include "walkthrough/walkthroughview.h"

#include "catalog/catalog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace threatdock::views {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new ReviewDocument(this))
    , m_runner(new AnalysisRunner(this))
    , m_recent(new RecentFiles(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_changeTimer(new QTimer(this))
{
    setWindowTitle(QStringLiteral("ThreatDock"));
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    createActions();
    createCentre();
    createDocks();
    createComparison();
    createMenus();
    createStatusBar();
    connectDocument();

    connect(m_runner, &AnalysisRunner::started, this, [this] {
        m_progress->show();
        m_cancelAction->setEnabled(true);
        statusBar()->showMessage(tr("Analysing…"));
    });
    connect(
        m_runner, &AnalysisRunner::finished, this,
        [this](const std::shared_ptr<analysis::AnalysisResult> &result) { analysisDone(*result); });

    // Editors save by writing a new file and renaming it: wait for the burst to end.
    m_changeTimer->setSingleShot(true);
    m_changeTimer->setInterval(400);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &MainWindow::inputChangedOnDisk);
    connect(m_changeTimer, &QTimer::timeout, this, [this] {
        if (!m_hasRequest)
            return;
        m_reanalysisFromDisk = true;
        startAnalysis(m_request);
    });

    statusBar()->showMessage(tr("Open a Compose project folder or file to begin."));
    restoreWindowState();
}

MainWindow::~MainWindow() = default;

const compose::ComposeProject *MainWindow::project() const
{
    return m_document->hasAnalysis() ? &m_document->analysis().project : nullptr;
}

QString MainWindow::sampleDirectory()
{
    const QStringList candidates{
        QCoreApplication::applicationDirPath()
            + QStringLiteral("/../share/threatdock/sample/vulnerable"),
        QStringLiteral(THREATDOCK_SAMPLE_DIR),
    };
    for (const QString &dir : candidates)
        if (QFileInfo(dir + QStringLiteral("/compose.yaml")).isFile())
            return QDir(dir).canonicalPath();
    return QString();
}

// ---- Construction ---------------------------------------------------------------------

void MainWindow::createActions()
{
    const auto action = [this](const QString &name, const QIcon &icon, const QString &text,
                               const QKeySequence &shortcut, const QString &tip) {
        auto *a = new QAction(icon, text, this);
        a->setObjectName(name);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        a->setStatusTip(tip);
        a->setToolTip(shortcut.isEmpty()
                          ? tip
                          : tr("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
        return a;
    };
    const auto icon
        = [this](const char *name) { return actionIcon(QString::fromLatin1(name), palette()); };
    const auto remember = [this](QAction *a, const char *name) {
        m_actionIcons.insert(a, QString::fromLatin1(name));
    };

    m_openFolderAction
        = action(QStringLiteral("openFolderAction"), icon("open-folder"), tr("Open &Folder…"),
                 QKeySequence(Qt::CTRL | Qt::Key_O), tr("Open a folder that holds a compose.yaml"));
    connect(m_openFolderAction, &QAction::triggered, this, [this] { showOpenDialog(true); });

    m_openFileAction
        = action(QStringLiteral("openFileAction"), icon("open-file"), tr("Open F&ile…"),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), tr("Open a compose file"));
    connect(m_openFileAction, &QAction::triggered, this, [this] { showOpenDialog(false); });

    m_openReviewAction = action(QStringLiteral("openReviewAction"), icon("open-review"),
                                tr("Open &Review…"), QKeySequence(Qt::CTRL | Qt::Key_R),
                                tr("Open a review file (.threatdock) and its project"));
    connect(m_openReviewAction, &QAction::triggered, this, &MainWindow::showOpenReviewDialog);

    m_saveReviewAsAction
        = action(QStringLiteral("saveReviewAsAction"), icon("export"), tr("Save Review &As…"),
                 QKeySequence::SaveAs, tr("Keep the review in a file of your choice"));
    m_saveReviewAsAction->setEnabled(false);
    connect(m_saveReviewAsAction, &QAction::triggered, this, &MainWindow::showSaveReviewDialog);

    m_openSampleAction = action(QStringLiteral("openSampleAction"), icon("sample"),
                                tr("Open the &Sample (vulnerable Flask microservice)"), {},
                                tr("Open the bundled vulnerable sample project"));
    m_openSampleAction->setEnabled(!sampleDirectory().isEmpty());
    connect(m_openSampleAction, &QAction::triggered, this, &MainWindow::openSample);

    m_analyzeAction = action(QStringLiteral("analyzeAction"), icon("analyze"), tr("&Analyze"),
                             QKeySequence(Qt::Key_F5), tr("Analyse the project again"));
    m_analyzeAction->setEnabled(false);
    connect(m_analyzeAction, &QAction::triggered, this, &MainWindow::reanalyze);

    m_cancelAction
        = action(QStringLiteral("cancelAnalysisAction"), icon("stop"), tr("&Cancel Analysis"),
                 QKeySequence(Qt::CTRL | Qt::Key_Period), tr("Stop the running analysis"));
    m_cancelAction->setEnabled(false);
    connect(m_cancelAction, &QAction::triggered, this, [this] {
        m_runner->cancel();
        statusBar()->showMessage(tr("Analysis cancelled; the last analysis stays."), 5000);
    });

    m_walkthroughAction = action(QStringLiteral("walkthroughAction"), icon("walkthrough"),
                                 tr("&Walkthrough"), QKeySequence(Qt::CTRL | Qt::Key_W),
                                 tr("Step through the threats one card at a time"));
    m_walkthroughAction->setCheckable(true);
    connect(m_walkthroughAction, &QAction::toggled, this, &MainWindow::setWalkthroughVisible);

    m_hardenAction
        = action(QStringLiteral("hardenAction"), icon("harden"), tr("&Harden"),
                 QKeySequence(Qt::CTRL | Qt::Key_H),
                 tr("Plan the hardening: an overlay compose file and Dockerfile changes"));
    m_hardenAction->setEnabled(false);
    connect(m_hardenAction, &QAction::triggered, this,
            [this] { m_tabs->setCurrentWidget(m_hardening); });

    m_reportAction
        = action(QStringLiteral("reportAction"), icon("report"), tr("Export &Report…"),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                 tr("The report: PDF, HTML, Markdown, CSV, JSON, ATT&CK Navigator, OTM"));
    m_reportAction->setEnabled(false);
    connect(m_reportAction, &QAction::triggered, this, [this] {
        auto *dialog = new ReportExportDialog(m_document, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setHardening(m_hardening->record());
        connect(dialog, &ReportExportDialog::exportFinished, this,
                [this](bool ok, const QString &path) {
                    if (ok)
                        statusBar()->showMessage(
                            tr("Report written to %1").arg(QDir::toNativeSeparators(path)), 8000);
                });
        dialog->open();
    });

    // The Scans panel's Build Images: it asks first, naming the docker compose command.
    m_buildAction = action(QStringLiteral("buildAction"), icon("build"), tr("&Build"),
                           QKeySequence(Qt::CTRL | Qt::Key_B),
                           tr("Build the project's images with docker compose (asks first)"));
    m_buildAction->setEnabled(false);
    connect(m_buildAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_scans);
        m_scans->buildImages();
    });

    m_scanAction = action(QStringLiteral("scanAction"), icon("scan"), tr("&Scan"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                          tr("Run Bandit or Trivy, or import a scanner report"));
    m_scanAction->setEnabled(false);
    connect(m_scanAction, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_scans); });

    m_presentationAction = action(QStringLiteral("presentationAction"), icon("presentation"),
                                  tr("&Presentation Mode"), QKeySequence(Qt::Key_F11),
                                  tr("Full screen, large fonts, the card beside the diagram"));
    m_presentationAction->setCheckable(true);
    connect(m_presentationAction, &QAction::toggled, this, &MainWindow::setPresentationMode);

    m_exportDiagramAction = action(QStringLiteral("exportDiagramAction"), icon("export"),
                                   tr("Export &Diagram…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                                   tr("Save the architecture diagram as PNG or SVG"));
    m_exportDiagramAction->setEnabled(false);

    m_settingsAction = action(QStringLiteral("settingsAction"), icon("settings"), tr("&Settings…"),
                              QKeySequence::Preferences, tr("User rules file and tool paths"));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);

    m_undoAction = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_redoAction = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("redoAction"));
    m_redoAction->setShortcuts(QKeySequence::Redo);
    if (!m_redoAction->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)))
        m_redoAction->setShortcuts(m_redoAction->shortcuts()
                                   << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    m_undoAction->setIcon(icon("undo"));
    m_redoAction->setIcon(icon("redo"));
    for (const auto &[a, name] : {std::pair{m_openFolderAction, "open-folder"},
                                  {m_openFileAction, "open-file"},
                                  {m_openReviewAction, "open-review"},
                                  {m_saveReviewAsAction, "export"},
                                  {m_openSampleAction, "sample"},
                                  {m_analyzeAction, "analyze"},
                                  {m_cancelAction, "stop"},
                                  {m_walkthroughAction, "walkthrough"},
                                  {m_scanAction, "scan"},
                                  {m_buildAction, "build"},
                                  {m_hardenAction, "harden"},
                                  {m_reportAction, "report"},
                                  {m_presentationAction, "presentation"},
                                  {m_exportDiagramAction, "export"},
                                  {m_settingsAction, "settings"},
                                  {m_undoAction, "undo"},
                                  {m_redoAction, "redo"}})
        remember(a, name);

    // Escape leaves presentation mode (only while in it: elsewhere it closes popups).
    m_leavePresentationAction = new QAction(tr("Leave Presentation Mode"), this);
    m_leavePresentationAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_leavePresentationAction->setEnabled(false);
    connect(m_leavePresentationAction, &QAction::triggered, this,
            [this] { setPresentationMode(false); });

    m_quitAction = action(QStringLiteral("quitAction"), QIcon(), tr("&Quit"),
                          QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Quit ThreatDock"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createCentre()
{
    m_banner = new LoadErrorBanner(this);
    connect(m_banner, &LoadErrorBanner::showSourceRequested, this, &MainWindow::showSource);
    m_welcomePage = new WelcomePage(
        {m_openFolderAction, m_openFileAction, m_openReviewAction, m_openSampleAction}, m_recent,
        this);
    connect(m_welcomePage, &WelcomePage::recentActivated, this,
            [this](const QString &path, bool review) {
                if (review)
                    openReview(path);
                else
                    openProject(path);
            });

    m_diagram = new DiagramView(m_document, this);
    m_diagram->setObjectName(QStringLiteral("diagramView"));
    m_walkthrough = new WalkthroughView(m_document, this);
    m_walkthrough->setObjectName(QStringLiteral("walkthroughView"));
    m_architecture = new QSplitter(Qt::Horizontal, this);
    m_architecture->setObjectName(QStringLiteral("architectureSplitter"));
    m_architecture->addWidget(m_diagram);
    m_architecture->addWidget(m_walkthrough);
    m_architecture->setStretchFactor(0, 3);
    m_architecture->setStretchFactor(1, 2);
    m_architecture->setChildrenCollapsible(false);
    m_walkthrough->hide();
    // The splitter decides the card's width, not the card's longest line: the diagram
    // beside it must stay readable on a 1280x720 projector.
    m_walkthrough->setMinimumWidth(360);
    m_diagram->setMinimumWidth(240);

    m_threats = new ThreatsView(m_document, this);
    m_threats->setObjectName(QStringLiteral("threatsView"));
    m_findings = new FindingsView(m_document, this);
    m_findings->setObjectName(QStringLiteral("findingsView"));
    // The built-in catalog is part of the program; a user's broken override file leaves
    // the views with the built-in titles and says so in the status bar.
    if (const QString error = m_document->catalogError(); !error.isEmpty())
        statusBar()->showMessage(tr("Catalog overrides ignored: %1").arg(error));
    m_controls = new ControlsView(
        m_document, m_document->catalog() ? *m_document->catalog() : catalog::Catalog(), this);
    m_controls->setObjectName(QStringLiteral("controlsView"));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("workTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_architecture, tr("Architecture"));
    m_tabs->addTab(m_threats, tr("Threats"));
    m_tabs->addTab(m_findings, tr("Findings"));
    m_hardening = new HardeningView(m_document, this);
    m_tabs->addTab(m_hardening, tr("Hardening"));
    m_tabs->addTab(m_controls, tr("Controls"));
    m_scans = new ScanConsole(m_document, this);
    m_tabs->addTab(m_scans, tr("Scans"));
    connect(m_scans->buildAction(), &QAction::changed, m_buildAction,
            [this] { m_buildAction->setEnabled(m_scans->buildAction()->isEnabled()); });
    for (int i = 0; i < m_tabs->count(); ++i) {
        // Alt+1... switches tabs, as in IDEs.
        auto *shortcut = new QAction(this);
        shortcut->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        connect(shortcut, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(i); });
        addAction(shortcut);
    }

    m_centre = new QStackedWidget(this);
    m_centre->addWidget(m_welcomePage);
    m_centre->addWidget(m_tabs);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_centre, 1);
    setCentralWidget(central);

    connect(m_exportDiagramAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Diagram"),
            m_lastDirectory + u'/' + m_document->report().project.name + QStringLiteral(".svg"),
            tr("SVG (*.svg);;PNG (*.png)"));
        if (path.isEmpty())
            return;
        QString error;
        if (!m_diagram->exportImage(path, &error))
            QMessageBox::warning(this, tr("Export Diagram"), error);
        else
            statusBar()->showMessage(tr("Diagram written to %1").arg(path), 5000);
    });
}

void MainWindow::createDocks()
{
    m_projectTree = new ProjectTree(m_document, this);
    connect(m_projectTree, &ProjectTree::fileActivated, this,
            [this](const QString &path) { showSource(path, 1); });
    m_projectDock = new QDockWidget(tr("Project"), this);
    m_projectDock->setObjectName(QStringLiteral("projectDock"));
    m_projectDock->setWidget(m_projectTree);
    addDockWidget(Qt::LeftDockWidgetArea, m_projectDock);

    m_inspector = new InspectorView(m_document, this);
    m_inspector->setObjectName(QStringLiteral("inspectorView"));
    m_inspectorDock = new QDockWidget(tr("Inspector"), this);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);
    resizeDocks({m_projectDock, m_inspectorDock}, {260, 320}, Qt::Horizontal);
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_openFolderAction);
    fileMenu->addAction(m_openFileAction);
    fileMenu->addAction(m_openReviewAction);
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recent, &RecentFiles::changed, this, &MainWindow::updateRecentMenu);
    updateRecentMenu();
    fileMenu->addAction(m_openSampleAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_saveReviewAsAction);
    fileMenu->addAction(m_exportDiagramAction);
    fileMenu->addAction(m_reportAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_settingsAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(m_undoAction);
    editMenu->addAction(m_redoAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_projectDock->toggleViewAction());
    m_viewMenu->addAction(m_inspectorDock->toggleViewAction());
    m_viewMenu->addSeparator();
    // Window-wide, so the diagram zooms whichever view has the focus.
    QAction *zoomIn = m_viewMenu->addAction(tr("Zoom &In"), m_diagram, &DiagramView::zoomIn);
    zoomIn->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn});
    QAction *zoomOut = m_viewMenu->addAction(tr("Zoom &Out"), m_diagram, &DiagramView::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction *fit = m_viewMenu->addAction(tr("&Fit Diagram"), m_diagram, &DiagramView::fitToView);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_viewMenu->addSeparator();
    QMenu *colours = m_viewMenu->addMenu(tr("&Colours"));
    auto *schemes = new QActionGroup(this);
    for (const auto &[scheme, text] : {std::pair{ColorScheme::System, tr("&System")},
                                       {ColorScheme::Light, tr("&Light")},
                                       {ColorScheme::Dark, tr("&Dark")}}) {
        QAction *a = colours->addAction(text, this, [scheme] { applyColorScheme(scheme); });
        a->setObjectName(QStringLiteral("colorScheme-") + colorSchemeName(scheme));
        a->setCheckable(true);
        a->setChecked(savedColorScheme() == scheme);
        schemes->addAction(a);
    }
    m_viewMenu->addAction(m_presentationAction);
    // Shortcuts that must work with the menu bar hidden (presentation mode).
    addActions({m_presentationAction, m_leavePresentationAction, m_undoAction, m_redoAction,
                m_walkthroughAction, zoomIn, zoomOut, fit});

    QMenu *reviewMenu = menuBar()->addMenu(tr("&Review"));
    reviewMenu->addAction(m_analyzeAction);
    reviewMenu->addAction(m_cancelAction);
    reviewMenu->addSeparator();
    reviewMenu->addAction(m_walkthroughAction);
    reviewMenu->addAction(m_hardenAction);
    reviewMenu->addAction(m_compareAction);
    reviewMenu->addAction(m_comparePreviousAction);
    reviewMenu->addActions(m_walkthrough->actions());
    QMenu *scanMenu = menuBar()->addMenu(tr("&Scan"));
    scanMenu->addAction(m_scanAction);
    scanMenu->addSeparator();
    scanMenu->addAction(m_scans->banditAction());
    scanMenu->addAction(m_scans->trivyAction());
    scanMenu->addAction(m_scans->importAction());
    scanMenu->addSeparator();
    scanMenu->addActions({m_scans->buildAction(), m_scans->upAction(), m_scans->verifyAction(),
                          m_scans->downAction()});
    scanMenu->addSeparator();
    scanMenu->addAction(m_scans->cancelAction());

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = helpMenu->addAction(tr("&About ThreatDock"), this, [this] {
        QMessageBox::about(this, tr("About ThreatDock"),
                           tr("<b>ThreatDock %1</b><p>Threat modeling and hardening for Docker "
                              "Compose projects: STRIDE per element, MITRE ATT&amp;CK and NIST SP "
                              "800-53 rev5 mappings.</p>")
                               .arg(QStringLiteral(THREATDOCK_VERSION)));
    });
    about->setMenuRole(QAction::AboutRole);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_openFolderAction);
    toolBar->addAction(m_analyzeAction);
    toolBar->addAction(m_walkthroughAction);
    toolBar->addAction(m_hardenAction);
    toolBar->addAction(m_buildAction);
    toolBar->addAction(m_scanAction);
    toolBar->addAction(m_reportAction);
    auto *spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    m_toolbarCounts = new QLabel(toolBar);
    m_toolbarCounts->setObjectName(QStringLiteral("toolbarCounts"));
    m_toolbarCounts->setContentsMargins(8, 0, 8, 0);
    toolBar->addWidget(m_toolbarCounts);
    m_viewMenu->insertAction(m_viewMenu->actions().value(2), toolBar->toggleViewAction());
}

void MainWindow::createStatusBar()
{
    m_countsLabel = new QLabel(this);
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    m_reviewLabel = new QLabel(this);
    m_reviewLabel->setObjectName(QStringLiteral("reviewLabel"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("analysisProgress"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(140);
    m_progress->setTextVisible(false);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_reviewLabel);
}

void MainWindow::connectDocument()
{
    connect(m_document, &ReviewDocument::decisionChanged, this, &MainWindow::updateCounts);
    connect(m_document, &ReviewDocument::reviewChanged, this, [this] {
        updateCounts();
        updateReviewState();
    });
    connect(m_document, &ReviewDocument::saved, this, [this] { updateReviewState(); });
    connect(m_document, &ReviewDocument::saveFailed, this,
            [this](const QString &message) { updateReviewState(message); });
    connect(m_document, &ReviewDocument::findingActivated, this, [this] {
        if (m_tabs->currentWidget() != m_findings && !m_presentation)
            m_tabs->setCurrentWidget(m_findings);
    });
    // Applied hardening: analyse the user's files with the overlay merged after them.
    connect(m_hardening, &HardeningView::applied, this, [this](const QStringList &files) {
        m_request.load.path.clear();
        m_request.load.files = files;
        m_request.load.projectDirectory = m_document->projectDirectory();
        m_request.scanFindings = m_document->scanFindings();
        startAnalysis(m_request);
    });
    // A finished scan joins the analysis: its findings evidence the threats.
    connect(m_document, &ReviewDocument::scanRunsChanged, this, [this] {
        if (!m_hasRequest)
            return;
        m_request.scanFindings = m_document->scanFindings();
        startAnalysis(m_request);
    });
    connect(m_diagram, &DiagramView::elementActivated, this, [this] {
        m_inspectorDock->show();
        m_inspectorDock->raise();
    });
}

} // namespace threatdock::views
