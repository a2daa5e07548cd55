#pragma once

#include "analysis/projectanalysis.h"

#include <QHash>
#include <QMainWindow>
#include <QString>
#include <QStringList>

#include <memory>

class QAction;
class QCloseEvent;
class QDockWidget;
class QDragEnterEvent;
class QDropEvent;
class QFileSystemWatcher;
class QLabel;
class QMenu;
class QProgressBar;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QToolButton;

namespace threatdock::compose {
struct ComposeProject;
}

namespace threatdock::report {
struct AnalysisComparison;
}

namespace threatdock::views {

class AnalysisRunner;
class ComparisonView;
class ControlsView;
class DiagramView;
class FindingsView;
class HardeningView;
class InspectorView;
class LoadErrorBanner;
class ProjectTree;
class RecentFiles;
class ReviewDocument;
class ScanConsole;
class SourceView;
class ThreatsView;
class WalkthroughView;
class WelcomePage;

/// ThreatDock's main window (UX.md): the Project dock on the left, the work in the
/// centre (Architecture with the walkthrough beside it, Threats, Findings, Controls),
/// the Inspector on the right, a status bar with counts and the review's save state.
///
/// Opening a project analyses it off the GUI thread; the window never waits. A failed
/// load shows an inline banner naming file and line and keeps the last good analysis.
/// Every project has a review file (decisions saved as they are made): the one the user
/// opened or saved, else an automatic one per project folder in the application's data.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Starts analysing the compose project at path (a directory or a compose file);
    /// the result arrives later (analysisFinished()). A path that does not exist is
    /// refused at once with the banner and false.
    bool openProject(const QString &path);
    /// Opens a review file and analyses the project it records. Returns false (banner)
    /// when the file is refused (not a review, damaged, newer version, busy).
    bool openReview(const QString &path);
    /// Opens the bundled vulnerable sample.
    bool openSample();
    /// Re-analyses the open project (the toolbar's Analyze, F5).
    void reanalyze();
    /// Analyses another project (a folder or compose file) off the GUI thread, with the
    /// open analysis's rules, and shows it against the open project (the "before") in the
    /// Compare tab. False (banner) when nothing is open or path does not exist; a project
    /// that fails to load shows the banner with its file:line and changes nothing.
    bool compareWith(const QString &path);
    /// Shows the review's previous analysis of the open project (before) against the
    /// current one (after) in the Compare tab; false when the review has none.
    bool compareWithPreviousAnalysis();

    /// Waits until no analysis (nor a comparison's) is running; for tests and scripted use.
    bool waitForAnalysis(int timeoutMs = 30000);
    /// Whether the last analysis started succeeded.
    bool lastAnalysisSucceeded() const { return m_lastAnalysisOk; }

    /// The project on screen, if any.
    const compose::ComposeProject *project() const;
    ReviewDocument *document() const { return m_document; }

    /// Full screen with the diagram and the walkthrough card only, large fonts (F11).
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presentation; }

    /// The bundled sample project folder (the vulnerable Flask service), "" if missing.
    static QString sampleDirectory();

Q_SIGNALS:
    void analysisFinished(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createCentre();
    void createStatusBar();
    void createComparison();
    void connectDocument();
    void showOpenDialog(bool folder);
    void showOpenReviewDialog();
    void showSaveReviewDialog();
    void showSettings();
    void showSource(const QString &path, int line);
    void showCompareDialog();
    void comparisonDone(const analysis::AnalysisResult &result);
    void showComparison(const report::AnalysisComparison &comparison);
    void startAnalysis(const analysis::AnalysisRequest &request);
    void analysisDone(const analysis::AnalysisResult &result);
    void attachReview(const analysis::AnalysisResult &result);
    void watchInputs(const QStringList &files);
    void inputChangedOnDisk(const QString &path);
    void showLoadError(const QString &summary, const QString &reason);
    void updateCounts();
    void updateReviewState(const QString &error = QString());
    void updateRecentMenu();
    void setWalkthroughVisible(bool visible);
    void restoreWindowState();
    void saveWindowState() const;

    ReviewDocument *m_document = nullptr;
    AnalysisRunner *m_runner = nullptr;
    AnalysisRunner *m_compareRunner = nullptr;
    RecentFiles *m_recent = nullptr;

    // Actions.
    QAction *m_openFolderAction = nullptr;
    QAction *m_openFileAction = nullptr;
    QAction *m_openReviewAction = nullptr;
    QAction *m_saveReviewAsAction = nullptr;
    QAction *m_openSampleAction = nullptr;
    QAction *m_analyzeAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_walkthroughAction = nullptr;
    QAction *m_scanAction = nullptr;
    QAction *m_buildAction = nullptr;
    QAction *m_hardenAction = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_comparePreviousAction = nullptr;
    QAction *m_reportAction = nullptr;
    QAction *m_presentationAction = nullptr;
    QAction *m_leavePresentationAction = nullptr;
    QAction *m_exportDiagramAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_quitAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    /// The SVG icon of each action, redrawn when the palette changes.
    QHash<QAction *, QString> m_actionIcons;
    QMenu *m_viewMenu = nullptr;

    // Widgets.
    LoadErrorBanner *m_banner = nullptr;
    QStackedWidget *m_centre = nullptr;
    WelcomePage *m_welcomePage = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_architecture = nullptr;
    DiagramView *m_diagram = nullptr;
    WalkthroughView *m_walkthrough = nullptr;
    ThreatsView *m_threats = nullptr;
    FindingsView *m_findings = nullptr;
    ControlsView *m_controls = nullptr;
    ScanConsole *m_scans = nullptr;
    HardeningView *m_hardening = nullptr;
    ComparisonView *m_comparison = nullptr;
    SourceView *m_sourceView = nullptr;
    QDockWidget *m_projectDock = nullptr;
    ProjectTree *m_projectTree = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    InspectorView *m_inspector = nullptr;
    QLabel *m_countsLabel = nullptr;
    QLabel *m_toolbarCounts = nullptr;
    QLabel *m_reviewLabel = nullptr;
    QProgressBar *m_progress = nullptr;

    // State.
    analysis::AnalysisRequest m_request;
    bool m_hasRequest = false;
    bool m_lastAnalysisOk = false;
    bool m_presentation = false;
    bool m_reanalysisFromDisk = false;
    QByteArray m_stateBeforePresentation;
    QString m_pendingReview;
    QString m_lastDirectory;
    QString m_comparePath;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_changeTimer = nullptr;
    QStringList m_changedFiles;
};

} // namespace threatdock::views
