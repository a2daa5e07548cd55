#include "scanconsole.h"

#include "document/reviewdocument.h"
#include "mainwindow/settingsdialog.h"

#include "catalog/catalog.h"
#include "scans/banditscan.h"
#include "scans/reportimporter.h"
#include "scans/scantarget.h"
#include "scans/toollocator.h"
#include "scans/trivyscan.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace threatdock::views {

namespace {

constexpr int consoleLineLimit = 20000;
constexpr int scanTimeoutMs = 30 * 60 * 1000;

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
    layout->addWidget(m_console, 1);
    layout->addLayout(status);

    connect(m_runner, &scans::ScanRunner::standardOutputLine, this,
            [this](const QString &line) { appendLine(line); });
    connect(m_runner, &scans::ScanRunner::standardErrorLine, this,
            [this](const QString &line) { appendLine(line, true); });
    connect(m_runner, &scans::ScanRunner::finished, this, &ScanConsole::finish);
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
    return m_runner->isRunning();
}

QString ScanConsole::consoleText() const
{
    return m_console->toPlainText();
}

const catalog::Catalog *ScanConsole::catalog()
{
    if (!m_catalogLoaded) {
        m_catalogLoaded = true;
        auto loaded = catalog::Catalog::load();
        if (loaded.ok())
            m_catalog = std::make_unique<catalog::Catalog>(std::move(*loaded.catalog));
        else
            appendLine(tr("catalog: %1 (findings without ATT&CK/NIST mappings)")
                           .arg(loaded.error->toString()),
                       true);
    }
    return m_catalog.get();
}

void ScanConsole::updateActions()
{
    const bool idle = !m_runner->isRunning();
    const bool project = m_document->hasAnalysis();
    m_banditAction->setEnabled(idle && project);
    m_trivyAction->setEnabled(idle && project);
    m_importAction->setEnabled(idle && project);
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
    if (!m_document->hasAnalysis() || m_runner->isRunning())
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
    const catalog::Catalog *known = catalog();
    start(command, QStringLiteral("bandit"), [bandit, target, known](const scans::RunResult &run) {
        return scans::BanditScan::interpret(run, bandit, target, known);
    });
}

void ScanConsole::runTrivy()
{
    if (!m_document->hasAnalysis() || m_runner->isRunning())
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
    const scans::ScanResult result = scans::ReportImporter::importFile(path, target, catalog());
    record(result, started, result.ok() ? 0 : 1);
    return result.ok();
}

void ScanConsole::cancel()
{
    if (m_runner->isRunning()) {
        appendLine(tr("Cancelling %1…").arg(m_tool), true);
        m_runner->cancel();
    }
}

void ScanConsole::start(const scans::ToolCommand &command, const QString &tool, Interpret interpret)
{
    m_tool = tool;
    m_interpret = std::move(interpret);
    m_started = QDateTime::currentDateTimeUtc();
    appendLine(QStringLiteral("$ ") + command.displayString());
    m_progress->show();
    m_clock->start();
    m_state->setText(tr("%1 running…").arg(tool));
    m_runner->start(command);
    updateActions();
    Q_EMIT runningChanged(true);
}

void ScanConsole::finish(const scans::RunResult &run)
{
    m_clock->stop();
    m_progress->hide();
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
    const QString summary = tr("%1 %2: %3 finding(s) from %4 in %5 s")
                                .arg(result.tool, result.toolVersion)
                                .arg(result.findings.size())
                                .arg(result.input)
                                .arg(started.secsTo(run.finishedAt));
    appendLine(summary);
    m_state->setText(summary);
    Q_EMIT scanFinished(result);
}

} // namespace threatdock::views
