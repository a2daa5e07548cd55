#pragma once

#include "scans/scanresult.h"
#include "scans/scanrunner.h"

#include <QDateTime>
#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QTimer;

namespace threatdock::catalog {
class Catalog;
}

namespace threatdock::views {

class ReviewDocument;

/// The Scans panel: runs the external tools on the open project through ScanRunner
/// (Bandit on the build contexts, Trivy on an image, or a report imported from a file),
/// with the live console, elapsed time, and cancel. A finished scan is recorded in the
/// review (ReviewDocument::addScanRun), so its findings reach the findings view with the
/// next analysis. Nothing from the project is executed by these scanners; commands that
/// would run the project's code (docker build/up) ask first, naming the exact command.
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

public Q_SLOTS:
    /// `bandit -r <build contexts> -f json` in the project folder.
    void runBandit();
    /// `trivy image --format json IMAGE` (the image field, else the first service image).
    void runTrivy();
    /// Imports a Bandit, Trivy, SARIF or CycloneDX report; false (message in the console)
    /// when it cannot be read.
    bool importReport(const QString &path);
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
    const catalog::Catalog *catalog();

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
    Confirmation m_confirm;

    // The run in progress.
    QString m_tool;
    QDateTime m_started;
    Interpret m_interpret;
    std::unique_ptr<catalog::Catalog> m_catalog;
    bool m_catalogLoaded = false;
};

} // namespace threatdock::views
