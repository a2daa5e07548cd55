#include "mainwindow.h"

#include "loaderrorbanner.h"

#include "compare/compareprojectdialog.h"
#include "compare/comparisonview.h"
#include "document/analysisrunner.h"
#include "document/reviewdocument.h"
#include "hardening/hardeningview.h"

#include "report/comparison.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

// Before and after: Review > Compare With… analyses another project and shows it against
// the open one in the Compare tab; the Hardening view's "Show comparison" opens the same.

namespace threatdock::views {

void MainWindow::createComparison()
{
    m_compareRunner = new AnalysisRunner(this);
    m_compareAction = new QAction(tr("&Compare With…"), this);
    m_compareAction->setObjectName(QStringLiteral("compareAction"));
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    const QString tip = tr("Compare the open project (before) with another project folder or "
                           "compose file (after): findings fixed, remaining and new");
    m_compareAction->setStatusTip(tip);
    m_compareAction->setToolTip(
        tr("%1 (%2)").arg(tip, m_compareAction->shortcut().toString(QKeySequence::NativeText)));
    m_compareAction->setEnabled(false);
    connect(m_compareAction, &QAction::triggered, this, &MainWindow::showCompareDialog);
    addAction(m_compareAction);

    m_comparePreviousAction = new QAction(tr("Compare With &Previous Analysis"), this);
    m_comparePreviousAction->setObjectName(QStringLiteral("comparePreviousAction"));
    m_comparePreviousAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    m_comparePreviousAction->setStatusTip(
        tr("Compare the analysis the review held before (before) with the current one "
           "(after): what the last changes to the project fixed, left and added"));
    m_comparePreviousAction->setEnabled(false);
    connect(m_comparePreviousAction, &QAction::triggered, this,
            &MainWindow::compareWithPreviousAnalysis);
    const auto updatePrevious = [this] {
        m_comparePreviousAction->setEnabled(m_document->hasAnalysis()
                                            && m_document->previousAnalysis().has_value());
    };
    connect(m_document, &ReviewDocument::analysisChanged, this, updatePrevious);
    connect(m_document, &ReviewDocument::reviewChanged, this, updatePrevious);
    addAction(m_comparePreviousAction);

    // Alt+7 reaches the Compare tab as Alt+1... reach the others.
    auto *showTab = new QAction(this);
    showTab->setShortcut(QKeySequence(Qt::ALT | Qt::Key_7));
    connect(showTab, &QAction::triggered, this, [this] {
        if (m_comparison && m_tabs->indexOf(m_comparison) >= 0)
            m_tabs->setCurrentWidget(m_comparison);
    });
    addAction(showTab);

    connect(m_compareRunner, &AnalysisRunner::started, this, [this] {
        m_progress->show();
        m_cancelAction->setEnabled(true);
        statusBar()->showMessage(
            tr("Analysing %1 for the comparison…").arg(QDir::toNativeSeparators(m_comparePath)));
    });
    connect(m_compareRunner, &AnalysisRunner::finished, this,
            [this](const std::shared_ptr<analysis::AnalysisResult> &result) {
                comparisonDone(*result);
            });
    connect(m_cancelAction, &QAction::triggered, this, [this] {
        if (!m_compareRunner->isRunning())
            return;
        m_compareRunner->cancel();
        m_progress->setVisible(m_runner->isRunning());
    });
    connect(m_hardening, &HardeningView::comparisonRequested, this, &MainWindow::showComparison);
}

void MainWindow::showCompareDialog()
{
    // The projects beside the open one (vulnerable/ and hardened/) are the likely choice.
    const QString start = m_document->hasAnalysis()
        ? QFileInfo(m_document->projectDirectory()).absolutePath()
        : m_lastDirectory;
    auto *dialog = new CompareProjectDialog(this, start);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::compareWith);
    dialog->open();
}

bool MainWindow::compareWith(const QString &path)
{
    const QString absolutePath = QFileInfo(path).absoluteFilePath();
    const QString summary
        = tr("Could not compare with %1").arg(QDir::toNativeSeparators(absolutePath));
    if (!m_document->hasAnalysis()) {
        showLoadError(summary, tr("open a project first: it is the “before” of the comparison"));
        return false;
    }
    if (!QFileInfo::exists(absolutePath)) {
        showLoadError(summary, tr("%1: no such file or folder").arg(absolutePath));
        return false;
    }
    m_comparePath = absolutePath;
    analysis::AnalysisRequest request;
    request.load.path = absolutePath;
    request.rulesFile = m_request.rulesFile; // the rules the open analysis ran
    request.layoutDiagram = false;
    m_compareRunner->start(request);
    return true;
}

void MainWindow::comparisonDone(const analysis::AnalysisResult &result)
{
    m_progress->setVisible(m_runner->isRunning());
    m_cancelAction->setEnabled(m_runner->isRunning() || m_compareRunner->isRunning());
    const QString summary
        = tr("Could not compare with %1").arg(QDir::toNativeSeparators(m_comparePath));
    if (!result.ok()) {
        const QString reason = result.error ? result.error->toString() : tr("unknown error");
        const bool known = result.error && result.error->origin.isKnown();
        m_banner->showError(
            summary, reason, tr("Still showing %1.").arg(m_document->report().project.name),
            known ? result.error->origin.file : QString(), known ? result.error->origin.line : 0);
        statusBar()->showMessage(tr("Comparison failed: %1").arg(reason));
        return;
    }
    if (!m_document->hasAnalysis()) {
        showLoadError(summary, tr("the open project's analysis is gone"));
        return;
    }
    const auto comparison
        = report::AnalysisComparison::compare(m_document->report(), result.report);
    showComparison(comparison);
    statusBar()->showMessage(
        tr("Compared %1 (before) with %2 (after): findings %3 fixed, %4 "
           "remaining, %5 new")
            .arg(comparison.baseline.project.name, comparison.current.project.name)
            .arg(comparison.fixedFindings.size())
            .arg(comparison.remainingFindings.size())
            .arg(comparison.newFindings.size()));
}

bool MainWindow::compareWithPreviousAnalysis()
{
    const std::optional<review::AnalysisSnapshot> &previous = m_document->previousAnalysis();
    if (!m_document->hasAnalysis() || !previous)
        return false;
    // The previous run of the same project: its findings and threats, this project's
    // system model and files.
    report::AnalysisReport before = m_document->report();
    before.findings = previous->findings;
    before.threats = previous->threats;
    const QString when
        = QLocale().toString(previous->analyzedAt.toLocalTime(), QLocale::ShortFormat);
    before.project.name = tr("%1 as analysed %2").arg(before.project.name, when);
    const auto comparison = report::AnalysisComparison::compare(before, m_document->report());
    showComparison(comparison);
    statusBar()->showMessage(tr("Compared the analysis of %1 with the current one: findings %2 "
                                "fixed, %3 remaining, %4 new")
                                 .arg(when)
                                 .arg(comparison.fixedFindings.size())
                                 .arg(comparison.remainingFindings.size())
                                 .arg(comparison.newFindings.size()));
    return true;
}

void MainWindow::showComparison(const report::AnalysisComparison &comparison)
{
    if (!m_comparison) {
        m_comparison = new ComparisonView(m_document, this);
        connect(m_comparison, &ComparisonView::closeRequested, this,
                [this] { m_tabs->removeTab(m_tabs->indexOf(m_comparison)); });
    }
    m_comparison->setComparison(comparison);
    if (m_tabs->indexOf(m_comparison) < 0) {
        const int index = m_tabs->addTab(m_comparison, tr("Compare"));
        m_tabs->setTabToolTip(index, tr("Before and after (Alt+7)"));
    }
    m_centre->setCurrentWidget(m_tabs);
    m_tabs->setCurrentWidget(m_comparison);
    m_comparison->findingsTable()->setFocus(Qt::OtherFocusReason);
}

} // namespace threatdock::views
