#pragma once

#include <QMainWindow>
#include <QString>

#include <memory>

class QAction;
class QCloseEvent;
class QDockWidget;
class QLabel;
class QStackedWidget;

namespace threatdock::compose {
struct ComposeProject;
}

namespace threatdock::views {

class LoadErrorBanner;
class ProjectTree;
class ServiceOverview;
class WelcomePage;

/// ThreatDock's main window: opens a Compose project and presents it in the Project dock
/// and the centre. Loading is delegated to compose::ComposeLoader; a failed load shows an
/// inline banner naming file and line and keeps the last good project on screen.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Loads the compose project at path (a directory or a compose file). Returns whether
    /// it loaded; on failure the banner explains why and the previous project stays.
    bool openProject(const QString &path);

    /// The project on screen, if any.
    const compose::ComposeProject *project() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void showOpenDialog(bool folder);
    void showProject(const compose::ComposeProject &project, qint64 elapsedMs, int warnings);
    void restoreWindowState();
    void saveWindowState() const;

    QAction *m_openFolderAction = nullptr;
    QAction *m_openFileAction = nullptr;
    QAction *m_quitAction = nullptr;
    LoadErrorBanner *m_banner = nullptr;
    QStackedWidget *m_centre = nullptr;
    WelcomePage *m_welcomePage = nullptr;
    ServiceOverview *m_serviceOverview = nullptr;
    QDockWidget *m_projectDock = nullptr;
    ProjectTree *m_projectTree = nullptr;
    QString m_lastDirectory;
    std::unique_ptr<compose::ComposeProject> m_project;
};

} // namespace threatdock::views
