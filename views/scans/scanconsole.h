#pragma once

#include "dockerstep.h"

#include "scans/scanresult.h"
#include "scans/scanrunner.h"

#include <QDateTime>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QTimer;

namespace threatdock::views {

class ReviewDocument;

/// The Scans panel: runs the external tools on the open project through ScanRunner
/// (Bandit on the build contexts, Trivy on an image, or a report imported from a file),
/// with the live console, elapsed time, and cancel. A finished scan is recorded in the
/// review (ReviewDocument::addScanRun), so its findings reach the findings view with the
/// next analysis. Nothing from the project is executed by these scanners.
///
/// Its Docker row drives the project on the Docker engine (DOCKER_HOST or the default)
/// through the same ComposeDriver as `threatdock-cli build|up|verify|down`, on a worker
/// thread: Build (with build arguments), Up (then waits until every container is healthy),
/// Verify (docker inspect: the runtime checks go into the review as a "docker" scan run,
/// so they reach the findings view) and Down. Build, Up and Down run or stop the
/// project's own code: each asks first, naming the exact command.
class ScanConsole final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScanConsole)

public:
    explicit ScanConsole(ReviewDocument *document, QWidget *parent = nullptr);
    ~ScanConsole() override;

    /// How the panel asks before running something from the project: returns whether
    /// the user agreed to run the command (shown exactly). A QMessageBox by default;
    /// tests replace it.
    using Confirmation = std::function<bool(const QString &title, const QString &command)>;
    void setConfirmation(Confirmation confirm) { m_confirm = std::move(confirm); }

    bool isRunning() const;
    QString consoleText() const;

    QAction *banditAction() const { return m_banditAction; }
    QAction *trivyAction() const { return m_trivyAction; }
    QAction *importAction() const { return m_importAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *buildAction() const { return m_buildAction; }
    QAction *upAction() const { return m_upAction; }
    QAction *verifyAction() const { return m_verifyAction; }
    QAction *downAction() const { return m_downAction; }
    /// The last state line ("docker up: api healthy, redis healthy").
    QString stateText() const;

public Q_SLOTS:
    /// `bandit -r <build contexts> -f json` in the project folder.
    void runBandit();
    /// `trivy image --format json IMAGE` (the image field, else the first service image).
    void runTrivy();
    /// Imports a Bandit, Trivy, SARIF or CycloneDX report; false (message in the console)
    /// when it cannot be read.
    bool importReport(const QString &path);
    /// `docker compose build` with the build arguments typed beside (KEY=VALUE ...).
    void buildImages();
    /// `docker compose up -d`, then waits until the containers are healthy.
    void startProject();
    /// Checks the hardening in effect in the running containers and records it.
    void verifyProject();
    /// `docker compose down`.
    void stopProject();
    void cancel();

Q_SIGNALS:
    /// A scan or import finished and was recorded (ok or not).
    void scanFinished(const threatdock::scans::ScanResult &result);
    void runningChanged(bool running);

private:
    using Interpret = std::function<scans::ScanResult(const scans::RunResult &)>;
    void start(const scans::ToolCommand &command, const QString &tool, Interpret interpret);
    void finish(const scans::RunResult &run);
    void record(const scans::ScanResult &result, const QDateTime &started, int exitStatus);
    void appendLine(const QString &line, bool error = false);
    void updateActions();
    void runDocker(DockerStep::Kind kind);
    void finishDocker(const DockerStep::Result &result);
    void recordVerification(const DockerStep::Result &result);
    /// Docker and Compose as found on PATH or in the settings (looked up again when the
    /// setting changes or nothing was found).
    const scans::ComposeTool &composeTool();
    void startClock(const QString &tool);
    void stopClock();

    ReviewDocument *m_document;
    scans::ScanRunner *m_runner;
    QPlainTextEdit *m_console = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_state = nullptr;
    QLineEdit *m_image = nullptr;
    QTimer *m_clock = nullptr;
    QAction *m_banditAction = nullptr;
    QAction *m_trivyAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_buildAction = nullptr;
    QAction *m_upAction = nullptr;
    QAction *m_verifyAction = nullptr;
    QAction *m_downAction = nullptr;
    QLineEdit *m_buildArgs = nullptr;
    DockerStep *m_docker = nullptr;
    std::optional<scans::ComposeTool> m_composeTool;
    QString m_composeToolSetting; ///< the docker path setting m_composeTool was found with
    Confirmation m_confirm;

    // The run in progress.
    QString m_tool;
    QDateTime m_started;
    Interpret m_interpret;
};

} // namespace threatdock::views
