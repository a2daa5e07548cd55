#include "mainwindow.h"

#include "actionicons.h"
#include "loaderrorbanner.h"
#include "recentfiles.h"

#include "diagram/diagramview.h"
#include "document/analysisrunner.h"
#include "document/plural.h"
#include "document/reviewdocument.h"
#include "walkthrough/walkthroughview.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>

// What the window shows about the analysis and the review, the walkthrough and
// presentation modes, and the window's remembered state.

namespace threatdock::views {

namespace {

const auto geometryKey = QStringLiteral("mainwindow/geometry");
const auto stateKey = QStringLiteral("mainwindow/state");
const auto splitterKey = QStringLiteral("mainwindow/architectureSplitter");
const auto walkthroughKey = QStringLiteral("mainwindow/walkthroughVisible");
const auto lastDirectoryKey = QStringLiteral("mainwindow/lastDirectory");

} // namespace

// ---- State shown ----------------------------------------------------------------------

void MainWindow::updateCounts()
{
    if (!m_document->hasAnalysis()) {
        m_countsLabel->clear();
        m_toolbarCounts->clear();
        return;
    }
    const report::AnalysisReport &report = m_document->report();
    int open = 0;
    int openHigh = 0;
    for (const threats::Threat &t : report.threats) {
        if (t.mitigatedByConfiguration()
            || m_document->decision(t.id).status != review::DecisionStatus::Open)
            continue;
        ++open;
        if (t.severity >= rules::Severity::High)
            ++openHigh;
    }
    const auto high = report.threatsAtLeast(rules::Severity::High);
    m_countsLabel->setText(
        tr("analysed in %1 ms · %2 (%3 high) · %4 · %5 of %6 decided")
            .arg(m_document->analysis().elapsedMs)
            .arg(plural(report.threats.size(), tr("1 threat"), tr("%1 threats")))
            .arg(high)
            .arg(plural(report.findings.size(), tr("1 finding"), tr("%1 findings")))
            .arg(m_document->decidedCount())
            .arg(m_document->threatCount()));
    m_toolbarCounts->setText(tr("<b>%1 open · %2 high</b>").arg(open).arg(openHigh));
}

void MainWindow::updateReviewState(const QString &error)
{
    m_saveReviewAsAction->setEnabled(m_document->hasReview());
    if (!error.isEmpty()) {
        m_reviewLabel->setText(tr("<span style='color:#c5221f'>review not saved ✗</span>"));
        m_reviewLabel->setToolTip(error);
        statusBar()->showMessage(error);
        return;
    }
    if (!m_document->hasReview()) {
        m_reviewLabel->clear();
        return;
    }
    m_reviewLabel->setText(tr("review saved ✓"));
    m_reviewLabel->setToolTip(QDir::toNativeSeparators(m_document->reviewPath()));
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const auto entries = m_recent->entries();
    for (const RecentFiles::Entry &e : entries) {
        QAction *a
            = m_recentMenu->addAction(tr("%1 — %2").arg(e.label, QDir::toNativeSeparators(e.path)));
        connect(a, &QAction::triggered, this, [this, e] {
            if (e.review)
                openReview(e.path);
            else
                openProject(e.path);
        });
    }
    m_recentMenu->setEnabled(!entries.isEmpty());
    if (!entries.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear the List"), m_recent, &RecentFiles::clear);
    }
}

void MainWindow::setWalkthroughVisible(bool visible)
{
    m_walkthrough->setVisible(visible);
    if (m_walkthroughAction->isChecked() != visible)
        m_walkthroughAction->setChecked(visible);
    if (visible) {
        m_tabs->setCurrentWidget(m_architecture);
        // The card beside the diagram, neither crowding the other out.
        const QList<int> sizes = m_architecture->sizes();
        const int total = sizes.value(0) + sizes.value(1);
        if (total > 0 && sizes.value(0) < total * 2 / 5)
            m_architecture->setSizes({total / 2, total - total / 2});
        if (m_document->currentThreat().isEmpty() && !m_document->walkthroughOrder().isEmpty())
            m_document->setCurrentThreat(m_document->walkthroughOrder().constFirst());
        m_walkthrough->setFocus();
    }
}

void MainWindow::setPresentationMode(bool on)
{
    if (on == m_presentation)
        return;
    m_presentation = on;
    m_leavePresentationAction->setEnabled(on);
    if (m_presentationAction->isChecked() != on)
        m_presentationAction->setChecked(on);
    if (on) {
        m_stateBeforePresentation = saveState();
        m_centre->setCurrentWidget(m_tabs);
        m_tabs->setCurrentWidget(m_architecture);
        setWalkthroughVisible(true);
        m_tabs->tabBar()->hide();
        menuBar()->hide();
        statusBar()->hide();
        for (QToolBar *bar : findChildren<QToolBar *>())
            bar->hide();
        m_projectDock->hide();
        m_inspectorDock->hide();
        m_banner->hide();
        m_diagram->setPresentationMode(true);
        m_walkthrough->setPresentationMode(true);
        showFullScreen();
        const int width = qMax(m_architecture->width(), 2);
        m_architecture->setSizes({width * 9 / 20, width - width * 9 / 20});
        m_diagram->fitToView();
    } else {
        m_diagram->setPresentationMode(false);
        m_walkthrough->setPresentationMode(false);
        m_tabs->tabBar()->show();
        menuBar()->show();
        statusBar()->show();
        showNormal();
        restoreState(m_stateBeforePresentation);
        setWalkthroughVisible(m_walkthroughAction->isChecked());
    }
}

// ---- Window state and events ----------------------------------------------------------

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(geometryKey).toByteArray())) {
        // First start: most of the screen, so a 1280×720 projector shows the status bar.
        const QRect available = screen()->availableGeometry();
        resize(available.size().boundedTo(QSize(1600, 1000)) * 0.92);
        move(available.center() - rect().center());
    }
    restoreState(settings.value(stateKey).toByteArray());
    m_architecture->restoreState(settings.value(splitterKey).toByteArray());
    m_walkthroughAction->setChecked(settings.value(walkthroughKey, false).toBool());
    m_lastDirectory = settings.value(lastDirectoryKey, QDir::homePath()).toString();
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(stateKey, m_presentation ? m_stateBeforePresentation : saveState());
    settings.setValue(splitterKey, m_architecture->saveState());
    settings.setValue(walkthroughKey, m_walkthroughAction->isChecked());
    settings.setValue(lastDirectoryKey, m_lastDirectory);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_presentation)
        setPresentationMode(false);
    m_runner->cancel();
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        for (auto it = m_actionIcons.cbegin(); it != m_actionIcons.cend(); ++it)
            it.key()->setIcon(actionIcon(it.value(), palette()));
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.constFirst().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.constFirst().isLocalFile())
        return;
    event->acceptProposedAction();
    openProject(urls.constFirst().toLocalFile());
}

} // namespace threatdock::views
