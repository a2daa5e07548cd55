#include "scanconsole.h"

#include "document/reviewdocument.h"
#include "mainwindow/settingsdialog.h"

#include "catalog/catalog.h"
#include "scans/banditscan.h"
#include "scans/reportimporter.h"
#include "scans/runtimeevidence.h"
#include "scans/runtimereport.h"
#include "scans/scantarget.h"
#include "scans/toollocator.h"
#include "scans/trivyscan.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QSettings>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace threatdock::views {

namespace {

constexpr int consoleLineLimit = 20000;
constexpr int scanTimeoutMs = 30 * 60 * 1000;
constexpr int buildTimeoutMs = 60 * 60 * 1000;
constexpr int composeTimeoutMs = 10 * 60 * 1000;
constexpr int healthTimeoutMs = 3 * 60 * 1000;
constexpr int inspectTimeoutMs = 2 * 60 * 1000;
const auto buildArgsKey = QStringLiteral("docker/buildArgs");

QToolButton *toolButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

ScanConsole::ScanConsole(ReviewDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_runner(new scans::ScanRunner(this))
    , m_clock(new QTimer(this))
{
    setObjectName(QStringLiteral("scanConsole"));
    m_confirm = [this](const QString &title, const QString &command) {
        return QMessageBox::question(this, title,
                                     tr("ThreatDock will run this command from the project:\n\n"
                                        "%1\n\nRun it?")
                                         .arg(command),
                                     QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };

    m_banditAction = new QAction(tr("Run &Bandit"), this);
    m_banditAction->setObjectName(QStringLiteral("runBanditAction"));
    m_banditAction->setToolTip(tr("Static analysis of the services' Python sources"));
    connect(m_banditAction, &QAction::triggered, this, &ScanConsole::runBandit);
    m_trivyAction = new QAction(tr("Scan Image with &Trivy"), this);
    m_trivyAction->setObjectName(QStringLiteral("runTrivyAction"));
    m_trivyAction->setToolTip(tr("Vulnerabilities of the image named beside"));
    connect(m_trivyAction, &QAction::triggered, this, &ScanConsole::runTrivy);
    m_importAction = new QAction(tr("&Import Report…"), this);
    m_importAction->setObjectName(QStringLiteral("importReportAction"));
    m_importAction->setToolTip(tr("A Bandit, Trivy, SARIF or CycloneDX report made elsewhere"));
    connect(m_importAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import Scanner Report"), m_document->projectDirectory(),
            tr("Reports (*.json *.sarif);;All files (*)"));
        if (!path.isEmpty())
            importReport(path);
    });
    m_cancelAction = new QAction(tr("&Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelScanAction"));
    connect(m_cancelAction, &QAction::triggered, this, &ScanConsole::cancel);

    const auto dockerAction = [this](const QString &name, const QString &text, const QString &tip,
                                     void (ScanConsole::*slot)()) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        a->setToolTip(tip);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_buildAction = dockerAction(QStringLiteral("dockerBuildAction"), tr("B&uild Images"),
                                 tr("docker compose build, with the build arguments beside; "
                                    "asks first"),
                                 &ScanConsole::buildImages);
    m_upAction = dockerAction(QStringLiteral("dockerUpAction"), tr("Start (&Up)"),
                              tr("docker compose up -d, then waits until every container is "
                                 "healthy; asks first"),
                              &ScanConsole::startProject);
    m_verifyAction = dockerAction(QStringLiteral("dockerVerifyAction"), tr("&Verify Hardening"),
                                  tr("docker inspect the running containers: user, read-only "
                                     "root, no-new-privileges, capabilities, limits, health"),
                                  &ScanConsole::verifyProject);
    m_downAction = dockerAction(QStringLiteral("dockerDownAction"), tr("Stop (&Down)"),
                                tr("docker compose down: stops and removes the project's "
                                   "containers and networks; asks first"),
                                &ScanConsole::stopProject);
    m_buildArgs = new QLineEdit(this);
    m_buildArgs->setObjectName(QStringLiteral("dockerBuildArgsEdit"));
    m_buildArgs->setPlaceholderText(
        tr("build arguments, e.g. BASE_IMAGE=python:3.12-slim OFFLINE=1"));
    m_buildArgs->setToolTip(
        tr("KEY=VALUE pairs separated by spaces, each passed as --build-arg; put "
           "double quotes around a pair whose value has spaces"));
    m_buildArgs->setClearButtonEnabled(true);
    m_buildArgs->setText(QSettings().value(buildArgsKey).toString());
    // The line edit as the context, not the panel: it also finishes editing when it loses
    // focus while the panel is being destroyed.
    connect(m_buildArgs, &QLineEdit::editingFinished, m_buildArgs,
            [edit = m_buildArgs] { QSettings().setValue(buildArgsKey, edit->text().trimmed()); });

    m_image = new QLineEdit(this);
    m_image->setObjectName(QStringLiteral("trivyImageEdit"));
    m_image->setPlaceholderText(tr("image, e.g. the first service's"));
    m_image->setClearButtonEnabled(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(toolButton(m_banditAction, this));
    bar->addSpacing(12);
    bar->addWidget(m_image, 1);
    bar->addWidget(toolButton(m_trivyAction, this));
    bar->addSpacing(12);
    bar->addWidget(toolButton(m_importAction, this));
    bar->addStretch();
    bar->addWidget(toolButton(m_cancelAction, this));

    auto *dockerBar = new QHBoxLayout;
    dockerBar->addWidget(new QLabel(tr("Docker:"), this));
    dockerBar->addWidget(toolButton(m_buildAction, this));
    dockerBar->addWidget(m_buildArgs, 1);
    dockerBar->addSpacing(12);
    for (QAction *a : {m_upAction, m_verifyAction, m_downAction})
        dockerBar->addWidget(toolButton(a, this));

    m_console = new QPlainTextEdit(this);
    m_console->setObjectName(QStringLiteral("scanConsoleText"));
    m_console->setReadOnly(true);
    m_console->setMaximumBlockCount(consoleLineLimit);
    m_console->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_console->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_state = new QLabel(tr("No scan has run."), this);
    m_state->setObjectName(QStringLiteral("scanState"));
    auto *status = new QHBoxLayout;
    status->addWidget(m_state, 1);
    status->addWidget(m_progress);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addLayout(dockerBar);
    layout->addWidget(m_console, 1);
    layout->addLayout(status);

    connect(m_runner, &scans::ScanRunner::standardOutputLine, this,
            [this](const QString &line) { appendLine(line); });
    connect(m_runner, &scans::ScanRunner::standardErrorLine, this,
            [this](const QString &line) { appendLine(line, true); });
    connect(m_runner, &scans::ScanRunner::finished, this, &ScanConsole::finish);
    m_docker = new DockerStep(this);
    connect(m_docker, &DockerStep::progress, this, [this](const QString &line) {
        m_console->appendHtml(
            QStringLiteral("<span style='color:#5f6368'>» %1</span>").arg(line.toHtmlEscaped()));
    });
    connect(m_docker, &DockerStep::outputLine, this, [this](const QString &line) {
        if (!line.trimmed().isEmpty())
            appendLine(line);
    });
    connect(m_docker, &DockerStep::finished, this, &ScanConsole::finishDocker);
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        m_state->setText(tr("%1 running… %2 s")
                             .arg(m_tool)
                             .arg(m_started.secsTo(QDateTime::currentDateTimeUtc())));
    });
    connect(m_document, &ReviewDocument::analysisChanged, this, [this] {
        const auto &images = scans::ScanTarget::fromProject(m_document->analysis().project).images;
        m_image->setPlaceholderText(images.isEmpty() ? tr("image to scan")
                                                     : images.constFirst().image);
        updateActions();
    });
    updateActions();
}

ScanConsole::~ScanConsole() = default;

bool ScanConsole::isRunning() const
{
    return m_runner->isRunning() || m_docker->isRunning();
}

QString ScanConsole::stateText() const
{
    return m_state->text();
}

QString ScanConsole::consoleText() const
{
    return m_console->toPlainText();
}

void ScanConsole::updateActions()
{
    const bool idle = !isRunning();
    const bool project = m_document->hasAnalysis();
    for (QAction *a : {m_banditAction, m_trivyAction, m_importAction, m_buildAction, m_upAction,
                       m_verifyAction, m_downAction})
        a->setEnabled(idle && project);
    m_cancelAction->setEnabled(!idle);
}

void ScanConsole::appendLine(const QString &line, bool error)
{
    if (error) {
        m_console->appendHtml(
            QStringLiteral("<span style='color:#c5221f'>%1</span>").arg(line.toHtmlEscaped()));
    } else {
        m_console->appendPlainText(line);
    }
}

void ScanConsole::runBandit()
{
    if (!m_document->hasAnalysis() || isRunning())
        return;
    const scans::ScanTarget target = scans::ScanTarget::fromProject(m_document->analysis().project);
    const scans::ToolInfo bandit = scans::ToolLocator::locate(
        scans::ToolSpec::bandit(), SettingsDialog::toolPath(QStringLiteral("bandit")));
    if (!bandit.error.isEmpty()) {
        appendLine(bandit.error, true);
        m_state->setText(bandit.error);
        return;
    }
    const scans::ToolCommand command = scans::BanditScan::command(bandit, target, scanTimeoutMs);
    const catalog::Catalog *known = m_document->catalog();
    start(command, QStringLiteral("bandit"), [bandit, target, known](const scans::RunResult &run) {
        return scans::BanditScan::interpret(run, bandit, target, known);
    });
}

void ScanConsole::runTrivy()
{
    if (!m_document->hasAnalysis() || isRunning())
        return;
    const scans::ScanTarget target = scans::ScanTarget::fromProject(m_document->analysis().project);
    QString image = m_image->text().trimmed();
    if (image.isEmpty() && !target.images.isEmpty())
        image = target.images.constFirst().image;
    if (image.isEmpty()) {
        appendLine(tr("No image to scan: name one."), true);
        return;
    }
    const scans::ToolInfo trivy = scans::ToolLocator::locate(
        scans::ToolSpec::trivy(), SettingsDialog::toolPath(QStringLiteral("trivy")));
    if (!trivy.error.isEmpty()) {
        appendLine(trivy.error, true);
        m_state->setText(trivy.error);
        return;
    }
    const scans::ToolCommand command = scans::TrivyScan::command(
        trivy, scans::TrivyScan::Kind::Image, image, target, scanTimeoutMs);
    start(command, QStringLiteral("trivy"), [trivy, image, target](const scans::RunResult &run) {
        return scans::TrivyScan::interpret(run, trivy, scans::TrivyScan::Kind::Image, image,
                                           target);
    });
}

bool ScanConsole::importReport(const QString &path)
{
    if (!m_document->hasAnalysis())
        return false;
    const scans::ScanTarget target = scans::ScanTarget::fromProject(m_document->analysis().project);
    const QDateTime started = QDateTime::currentDateTimeUtc();
    appendLine(tr("$ import %1").arg(QDir::toNativeSeparators(path)));
    const scans::ScanResult result
        = scans::ReportImporter::importFile(path, target, m_document->catalog());
    record(result, started, result.ok() ? 0 : 1);
    return result.ok();
}

void ScanConsole::cancel()
{
    if (m_runner->isRunning()) {
        appendLine(tr("Cancelling %1…").arg(m_tool), true);
        m_runner->cancel();
    }
    if (m_docker->isRunning()) {
        appendLine(tr("Cancelling %1…").arg(m_tool), true);
        m_docker->cancel();
    }
}

void ScanConsole::start(const scans::ToolCommand &command, const QString &tool, Interpret interpret)
{
    m_tool = tool;
    m_interpret = std::move(interpret);
    appendLine(QStringLiteral("$ ") + command.displayString());
    startClock(tool);
    m_runner->start(command);
    updateActions();
    Q_EMIT runningChanged(true);
}

void ScanConsole::finish(const scans::RunResult &run)
{
    stopClock();
    const scans::ScanResult result = m_interpret(run);
    record(result, m_started, run.exitCode);
    updateActions();
    Q_EMIT runningChanged(false);
}

void ScanConsole::record(const scans::ScanResult &result, const QDateTime &started, int exitStatus)
{
    for (const QString &problem : result.toolErrors)
        appendLine(tr("%1: %2").arg(result.tool, problem), true);
    if (!result.ok()) {
        appendLine(result.error, true);
        m_state->setText(tr("%1 failed: %2").arg(result.tool, result.error));
        Q_EMIT scanFinished(result);
        return;
    }
    review::ScanRun run;
    run.tool = result.tool;
    run.toolVersion = result.toolVersion;
    run.target = result.input;
    run.startedAt = started;
    run.finishedAt = QDateTime::currentDateTimeUtc();
    run.exitStatus = exitStatus;
    run.findings = result.findings;
    m_document->addScanRun(run);
    const QString summary
        = tr("%1: %2 finding(s) from %3 in %4 s")
              .arg(QStringList{result.tool, result.toolVersion}.join(u' ').trimmed())
              .arg(result.findings.size())
              .arg(result.input)
              .arg(started.secsTo(run.finishedAt));
    appendLine(summary);
    m_state->setText(summary);
    Q_EMIT scanFinished(result);
}

void ScanConsole::startClock(const QString &tool)
{
    m_tool = tool;
    m_started = QDateTime::currentDateTimeUtc();
    m_progress->show();
    m_clock->start();
    m_state->setText(tr("%1 running…").arg(tool));
}

void ScanConsole::stopClock()
{
    m_clock->stop();
    m_progress->hide();
}

const scans::ComposeTool &ScanConsole::composeTool()
{
    const QString configured = SettingsDialog::toolPath(QStringLiteral("docker"));
    if (!m_composeTool || !m_composeTool->found() || configured != m_composeToolSetting) {
        QStringList searchPath;
        if (!configured.isEmpty()) {
            // The configured docker's folder first (docker-compose is usually beside it).
            searchPath << QFileInfo(configured).absolutePath();
            searchPath += qEnvironmentVariable("PATH").split(u':', Qt::SkipEmptyParts);
        }
        QApplication::setOverrideCursor(Qt::WaitCursor);
        m_composeTool
            = scans::DockerCompose::locate(QProcessEnvironment::systemEnvironment(), searchPath);
        QApplication::restoreOverrideCursor();
        m_composeToolSetting = configured;
    }
    return *m_composeTool;
}

void ScanConsole::buildImages()
{
    runDocker(DockerStep::Kind::Build);
}

void ScanConsole::startProject()
{
    runDocker(DockerStep::Kind::Up);
}

void ScanConsole::verifyProject()
{
    runDocker(DockerStep::Kind::Verify);
}

void ScanConsole::stopProject()
{
    runDocker(DockerStep::Kind::Down);
}

void ScanConsole::runDocker(DockerStep::Kind kind)
{
    if (!m_document->hasAnalysis() || isRunning())
        return;
    const QString what = QStringLiteral("docker ") + DockerStep::name(kind);
    const auto refuse = [this, &what](const QString &why) {
        appendLine(why, true);
        m_state->setText(tr("%1: %2").arg(what, why));
    };
    const scans::ComposeTool &tool = composeTool();
    if (!tool.found())
        return refuse(tool.error);
    const compose::ComposeProject &project = m_document->analysis().project;
    // As the workbench loaded it: the project's files, Compose's own .env, no profiles.
    const scans::DockerCompose compose(tool, scans::ComposeProjectRef::from(project, {}, {}));
    DockerStep::Options options;
    scans::ToolCommand command;
    QString question;
    switch (kind) {
    case DockerStep::Kind::Build:
        options.build.buildArgs = QProcess::splitCommand(m_buildArgs->text());
        options.timeoutMs = buildTimeoutMs;
        if (const auto problem = compose.problem(options.build))
            return refuse(*problem);
        command = compose.build(options.build);
        question = tr("Build the images of %1?").arg(project.name);
        break;
    case DockerStep::Kind::Up:
        options.timeoutMs = composeTimeoutMs;
        options.healthTimeoutMs = healthTimeoutMs;
        command = compose.up(options.up);
        question = tr("Start the containers of %1?").arg(project.name);
        break;
    case DockerStep::Kind::Verify:
        options.timeoutMs = inspectTimeoutMs;
        break;
    case DockerStep::Kind::Down:
        options.timeoutMs = composeTimeoutMs;
        command = compose.down(options.down);
        question = tr("Stop and remove the containers of %1?").arg(project.name);
        break;
    }
    if (kind != DockerStep::Kind::Verify) {
        if (const auto problem = compose.problem())
            return refuse(*problem);
        if (!m_confirm(question, command.displayString())) {
            appendLine(tr("%1: not run (declined)").arg(what));
            m_state->setText(tr("%1 declined: nothing was run.").arg(what));
            return;
        }
    }
    startClock(what);
    m_docker->start(kind, compose, options);
    updateActions();
    Q_EMIT runningChanged(true);
}

void ScanConsole::finishDocker(const DockerStep::Result &result)
{
    stopClock();
    const QString what = QStringLiteral("docker ") + DockerStep::name(result.kind);
    const qint64 seconds = m_started.secsTo(QDateTime::currentDateTimeUtc());
    if (!result.ok()) {
        const QString why = result.canceled ? tr("cancelled") : result.error;
        appendLine(tr("%1: %2").arg(what, why), true);
        m_state->setText(tr("%1 failed after %2 s: %3").arg(what).arg(seconds).arg(why));
    } else if (result.kind == DockerStep::Kind::Verify) {
        recordVerification(result);
    } else if (result.kind == DockerStep::Kind::Up && !result.readiness.isEmpty()) {
        QStringList states;
        for (const auto &[service, container, status] : result.readiness) {
            appendLine(QStringLiteral("%1  %2  %3").arg(service, container, status));
            states << service + u' ' + status;
        }
        m_state->setText(tr("%1 in %2 s: %3").arg(what).arg(seconds).arg(states.join(u", ")));
    } else {
        m_state->setText(tr("%1 finished in %2 s").arg(what).arg(seconds));
        appendLine(m_state->text());
    }
    updateActions();
    Q_EMIT runningChanged(false);
}

void ScanConsole::recordVerification(const DockerStep::Result &result)
{
    const scans::RuntimeVerification &verification = result.verification;
    if (verification.containers.isEmpty()) {
        const QString why = tr("no container of project %1 on this engine: start it first")
                                .arg(verification.project);
        appendLine(why, true);
        m_state->setText(tr("docker verify: %1").arg(why));
        return;
    }
    const report::AnalysisReport &report = m_document->report();
    const scans::RuntimeEvidence evidence = scans::RuntimeEvidence::attach(report, verification);
    const QString text
        = QString::fromUtf8(scans::RuntimeReport::text(report, verification, evidence));
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts))
        appendLine(line, line.trimmed().startsWith(QStringLiteral("FAIL")));
    m_document->addScanRun(scans::RuntimeReport::scanRun(
        report, verification, m_composeTool ? m_composeTool->dockerVersion : QString()));
    using Status = scans::RuntimeCheck::Status;
    m_state->setText(tr("docker verify: %1 container(s), %2 passed, %3 failed, %4 not applicable")
                         .arg(verification.containers.size())
                         .arg(verification.count(Status::Passed))
                         .arg(verification.count(Status::Failed))
                         .arg(verification.count(Status::NotApplicable)));
}

} // namespace threatdock::views
