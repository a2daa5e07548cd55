#include "mainwindow.h"

#include "loaderrorbanner.h"
#include "recentfiles.h"
#include "settingsdialog.h"

#include "document/analysisrunner.h"
#include "document/plural.h"
#include "document/reviewdocument.h"
#include "source/sourceview.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>

// Opening projects and reviews, running the analysis, watching the files.

namespace threatdock::views {

namespace {

bool isReviewFile(const QString &path)
{
    return path.endsWith(QStringLiteral(".threatdock"), Qt::CaseInsensitive);
}

} // namespace

// ---- Opening --------------------------------------------------------------------------

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

void MainWindow::showOpenReviewDialog()
{
    auto *dialog = new QFileDialog(this, tr("Open Review"), m_lastDirectory,
                                   tr("ThreatDock reviews (*.threatdock);;All files (*)"));
    dialog->setObjectName(QStringLiteral("openReviewDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::openReview);
    dialog->open();
}

void MainWindow::showSaveReviewDialog()
{
    auto *dialog
        = new QFileDialog(this, tr("Save Review As"),
                          m_document->projectDirectory() + u'/' + m_document->report().project.name
                              + QStringLiteral(".threatdock"),
                          tr("ThreatDock reviews (*.threatdock)"));
    dialog->setObjectName(QStringLiteral("saveReviewDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("threatdock"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QString error;
        if (!m_document->saveReviewAs(path, &error)) {
            showLoadError(tr("Could not save the review as %1").arg(path), error);
            return;
        }
        m_recent->add(path, m_document->report().project.name, true);
        statusBar()->showMessage(tr("Review saved as %1").arg(QDir::toNativeSeparators(path)),
                                 5000);
    });
    dialog->open();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted && m_hasRequest) {
        m_request.rulesFile = SettingsDialog::rulesFile();
        startAnalysis(m_request);
    }
}

void MainWindow::showSource(const QString &path, int line)
{
    if (!m_sourceView) {
        m_sourceView = new SourceView(this);
        m_sourceView->setObjectName(QStringLiteral("mainSourceView"));
    }
    m_sourceView->open(path, line);
}

bool MainWindow::openProject(const QString &path)
{
    const QFileInfo info(path);
    const QString absolutePath = info.absoluteFilePath();
    if (!info.exists()) {
        showLoadError(tr("Could not load %1").arg(QDir::toNativeSeparators(absolutePath)),
                      tr("%1: no such file or folder").arg(absolutePath));
        m_lastAnalysisOk = false;
        return false;
    }
    if (isReviewFile(absolutePath))
        return openReview(absolutePath);
    m_lastDirectory = info.isDir() ? absolutePath : info.absolutePath();
    m_pendingReview.clear();
    analysis::AnalysisRequest request;
    request.load.path = absolutePath;
    request.rulesFile = SettingsDialog::rulesFile();
    startAnalysis(request);
    return true;
}

bool MainWindow::openReview(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    // Open it now to refuse a bad file at once; the project it names is analysed next.
    auto store = review::ReviewStore::open(absolute);
    if (!store.ok()) {
        showLoadError(tr("Could not open the review %1").arg(QDir::toNativeSeparators(absolute)),
                      store.errorMessage());
        m_lastAnalysisOk = false;
        return false;
    }
    const auto paths = store.value->project();
    store.value.reset();
    if (!paths.ok() || (paths.value.workingDir.isEmpty() && paths.value.composeFiles.isEmpty())) {
        showLoadError(tr("Could not open the review %1").arg(QDir::toNativeSeparators(absolute)),
                      tr("%1: the review names no compose project").arg(absolute));
        m_lastAnalysisOk = false;
        return false;
    }
    m_lastDirectory = QFileInfo(absolute).absolutePath();
    m_pendingReview = absolute;
    analysis::AnalysisRequest request;
    request.load.files = paths.value.composeFiles;
    request.load.projectDirectory = paths.value.workingDir;
    request.load.envFiles = paths.value.envFiles;
    request.rulesFile = SettingsDialog::rulesFile();
    startAnalysis(request);
    return true;
}

bool MainWindow::openSample()
{
    const QString dir = sampleDirectory();
    if (dir.isEmpty()) {
        showLoadError(tr("The sample is not installed"),
                      tr("resources/sample/vulnerable was not found next to the program"));
        return false;
    }
    return openProject(dir);
}

void MainWindow::reanalyze()
{
    if (!m_hasRequest)
        return;
    m_request.scanFindings = m_document->scanFindings();
    startAnalysis(m_request);
}

void MainWindow::startAnalysis(const analysis::AnalysisRequest &request)
{
    m_request = request;
    m_hasRequest = true;
    m_runner->start(request);
}

bool MainWindow::waitForAnalysis(int timeoutMs)
{
    return m_runner->waitForFinished(timeoutMs) && m_compareRunner->waitForFinished(timeoutMs);
}

void MainWindow::analysisDone(const analysis::AnalysisResult &result)
{
    m_progress->hide();
    m_cancelAction->setEnabled(m_runner->isRunning());
    const bool fromDisk = m_reanalysisFromDisk;
    m_reanalysisFromDisk = false;
    const QString target
        = m_request.load.path.isEmpty() ? m_request.load.files.value(0) : m_request.load.path;
    if (!result.ok()) {
        const QString reason = result.error ? result.error->toString() : tr("unknown error");
        showLoadError(tr("Could not load %1").arg(QDir::toNativeSeparators(target)), reason);
        if (result.error && result.error->origin.isKnown())
            m_banner->showError(m_banner->text().section(u'\n', 0, 0), reason,
                                m_document->hasAnalysis()
                                    ? tr("Still showing %1.").arg(m_document->report().project.name)
                                    : QString(),
                                result.error->origin.file, result.error->origin.line);
        // Keep watching the files so that fixing the error re-analyses.
        if (m_document->hasAnalysis())
            watchInputs(m_document->analysis().inputFiles + result.inputFiles);
        else if (result.error && result.error->origin.isKnown())
            watchInputs({result.error->origin.file});
        m_lastAnalysisOk = false;
        Q_EMIT analysisFinished(false);
        return;
    }

    m_banner->hide();
    const QString sameProject
        = m_document->hasAnalysis() ? m_document->projectDirectory() : QString();
    const bool newProject = sameProject != result.project.workingDir || !m_pendingReview.isEmpty();
    if (newProject)
        m_document->closeReview();
    m_document->setAnalysis(result);
    if (newProject || !m_document->hasReview())
        attachReview(result);
    m_pendingReview.clear();
    // The review's earlier scans evidence the threats too: analyse once more with them.
    if (newProject && !m_document->scanFindings().isEmpty() && m_request.scanFindings.isEmpty()) {
        m_request.scanFindings = m_document->scanFindings();
        startAnalysis(m_request);
    }

    const analysis::AnalysisResult &shown = m_document->analysis();
    setWindowTitle(tr("%1 — ThreatDock").arg(shown.project.name));
    m_centre->setCurrentWidget(m_tabs);
    m_analyzeAction->setEnabled(true);
    m_scanAction->setEnabled(true);
    m_hardenAction->setEnabled(true);
    m_compareAction->setEnabled(true);
    m_reportAction->setEnabled(true);
    m_exportDiagramAction->setEnabled(!shown.diagram.nodes.isEmpty());
    m_saveReviewAsAction->setEnabled(m_document->hasReview());
    watchInputs(shown.inputFiles);
    updateCounts();

    const auto services = shown.project.services.size();
    QString message
        = tr("Loaded %1: %2 from %3 in %4 ms")
              .arg(shown.project.name, plural(services, tr("1 service"), tr("%1 services")),
                   QFileInfo(shown.project.composeFiles.value(0)).fileName())
              .arg(shown.elapsedMs);
    if (!shown.warnings.isEmpty())
        message += QStringLiteral(" · ")
            + plural(shown.warnings.size(), tr("1 warning"), tr("%1 warnings"));
    if (fromDisk)
        message = tr("Files changed on disk (%1): re-analysed. ")
                      .arg(m_changedFiles.join(QStringLiteral(", ")))
            + message;
    m_changedFiles.clear();
    const auto gone = m_document->resolvedByChange();
    if (!gone.isEmpty())
        message += QStringLiteral(" · ")
            + plural(gone.size(), tr("1 decision resolved by change"),
                     tr("%1 decisions resolved by change"));
    statusBar()->showMessage(message);
    m_lastAnalysisOk = true;
    Q_EMIT analysisFinished(true);
}

void MainWindow::attachReview(const analysis::AnalysisResult &result)
{
    const bool explicitReview = !m_pendingReview.isEmpty();
    const QString path = explicitReview
        ? m_pendingReview
        : ReviewDocument::autosaveReviewPath(result.project.workingDir);
    QString error;
    if (!m_document->openReview(path, !explicitReview, &error)) {
        updateReviewState(error);
        showLoadError(tr("The review file cannot be used: decisions will not be saved"), error);
        return;
    }
    if (explicitReview)
        m_recent->add(path, result.project.name, true);
    else
        m_recent->add(result.project.composeFiles.size() == 1
                              && QFileInfo(m_request.load.path).isFile()
                          ? m_request.load.path
                          : result.project.workingDir,
                      result.project.name, false);
}

void MainWindow::watchInputs(const QStringList &files)
{
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    QStringList existing;
    for (const QString &f : files)
        if (QFileInfo::exists(f) && !existing.contains(f))
            existing << f;
    if (!existing.isEmpty())
        m_watcher->addPaths(existing);
}

void MainWindow::inputChangedOnDisk(const QString &path)
{
    const QString name = QDir(m_document->projectDirectory()).relativeFilePath(path);
    if (!m_changedFiles.contains(name))
        m_changedFiles << name;
    // A file replaced by rename is no longer watched: watch the new one.
    if (QFileInfo::exists(path) && !m_watcher->files().contains(path))
        m_watcher->addPath(path);
    m_changeTimer->start();
}

void MainWindow::showLoadError(const QString &summary, const QString &reason)
{
    m_banner->showError(summary, reason,
                        m_document->hasAnalysis()
                            ? tr("Still showing %1.").arg(m_document->report().project.name)
                            : QString());
    statusBar()->showMessage(tr("Load failed: %1").arg(reason));
}

} // namespace threatdock::views
