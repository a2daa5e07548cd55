// Before and after on the bundled samples, analysed for real: the Compare view's counts,
// filter buttons, sorting, Swap and double-click; the main window's Review > Compare With…
// with a real file dialog, a broken other project, and the Hardening view's "Show
// comparison" after a real apply on a copy of the vulnerable sample (offscreen platform).

#include "testsupport.h"
#include "views/documentfixture.h"
#include "views/samplesecrets.h"

#include "compare/comparisonfiltermodel.h"
#include "compare/comparisonfindingsmodel.h"
#include "compare/comparisonthreatsmodel.h"
#include "compare/comparisonview.h"
#include "findings/findingsmodel.h"
#include "findings/findingsview.h"
#include "hardening/hardeningview.h"
#include "mainwindow/colorscheme.h"
#include "mainwindow/loaderrorbanner.h"
#include "mainwindow/mainwindow.h"

#include "report/comparison.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

using threatdock::report::AnalysisComparison;
using threatdock::report::AnalysisReport;
using threatdock::report::ThreatPair;
using threatdock::views::ComparisonFilterModel;
using threatdock::views::ComparisonFindingsModel;
using threatdock::views::ComparisonOutcome;
using threatdock::views::ComparisonThreatsModel;
using threatdock::views::ComparisonView;
using threatdock::views::HardeningView;
using threatdock::views::LoadErrorBanner;
using threatdock::views::MainWindow;

namespace {

using threatdock::testing::acceptFileDialog;
using threatdock::testing::sampleProject;

/// The number a count of the view's header shows ("count-findings-fixed").
int shownCount(const ComparisonView &view, const QString &name)
{
    const auto *label = view.findChild<QLabel *>(QStringLiteral("count-") + name);
    bool ok = false;
    const int value = label ? label->text().toInt(&ok) : -1;
    return ok ? value : -1;
}

QAbstractButton *filterButton(const ComparisonView &view, const QString &name)
{
    return view.findChild<QAbstractButton *>(QStringLiteral("comparisonFilter-") + name);
}

QSet<QString> ids(const QList<threatdock::rules::Finding> &findings)
{
    QSet<QString> set;
    for (const auto &f : findings)
        set.insert(f.id);
    return set;
}

/// The outcomes and ids of the rows a filter model shows, in order.
QList<std::pair<int, QString>> shownRows(const ComparisonFilterModel &model)
{
    QList<std::pair<int, QString>> rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        rows.append({index.data(threatdock::views::ComparisonOutcomeRole).toInt(),
                     index.data(threatdock::views::ComparisonIdRole).toString()});
    }
    return rows;
}

qsizetype openHigh(const AnalysisReport &report)
{
    return std::count_if(report.threats.cbegin(), report.threats.cend(), [](const auto &t) {
        if (t.severity < threatdock::rules::Severity::High)
            return false;
        return std::any_of(t.mitigations.cbegin(), t.mitigations.cend(),
                           [](const auto &m) { return !m.inPlace; })
            || t.mitigations.isEmpty();
    });
}

/// Double-clicks a table's row (in the view's current order) in its first column.
void doubleClickRow(QTableView *table, int row)
{
    const QModelIndex index = table->model()->index(row, 0);
    table->scrollTo(index);
    const QPoint centre = table->visualRect(index).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
}

/// The row of the filter model showing id, -1 when it is not shown.
int rowOf(const ComparisonFilterModel &model, const QString &id)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row, 0).data(threatdock::views::ComparisonIdRole).toString() == id)
            return row;
    return -1;
}

/// Waits for the Compare With dialog, selects path and clicks its accept button.
ComparisonView *compareTab(const MainWindow &window)
{
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("workTabs"));
    return tabs ? qobject_cast<ComparisonView *>(tabs->currentWidget()) : nullptr;
}

} // namespace

class TestComparisonView : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home;
    QTemporaryDir m_reviews;
    std::unique_ptr<threatdock::views::ReviewDocument> m_document; ///< vulnerable
    threatdock::analysis::AnalysisResult m_hardened;
    AnalysisComparison m_comparison; ///< vulnerable (before) vs hardened (after)

private Q_SLOTS:
    void initTestCase();
    void init();
    void countsAreTheComparisons();
    void filterButtonsChooseTheRows();
    void swapExchangesFixedAndNew();
    void modelsPassTheTester();
    void headerClickSortsBySeverity();
    void secretsStayRedacted();
    void countColoursFollowThePalette();
    void doubleClickActivatesOnlyFindingsOfTheOpenProject();
    void compareWithFromTheReviewMenu();
    void brokenOtherProjectKeepsTheAnalysis();
    void hardeningShowsComparisonAfterApply();
    void comparesWithTheReviewsPreviousRun();
};

void TestComparisonView::initTestCase()
{
    threatdock::testing::isolateHome(m_home.path());
    QCoreApplication::setOrganizationName(QStringLiteral("ThreatDock"));
    QCoreApplication::setApplicationName(QStringLiteral("ThreatDock"));
    m_document = threatdock::testing::makeDocument(m_reviews);
    QVERIFY(m_document);
    m_hardened = threatdock::testing::analyzeForTest(sampleProject(QStringLiteral("hardened")));
    QVERIFY(m_hardened.ok());
    m_comparison = AnalysisComparison::compare(m_document->report(), m_hardened.report);
    // What the tests below rely on: hardening fixed something and left something.
    QVERIFY(!m_comparison.fixedFindings.isEmpty());
    QVERIFY(!m_comparison.fixedThreats.isEmpty() || !m_comparison.remainingThreats.isEmpty());
}

void TestComparisonView::init()
{
    QSettings().clear();
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

void TestComparisonView::countsAreTheComparisons()
{
    ComparisonView view(m_document.get());
    view.setComparison(m_comparison);
    view.resize(1400, 900);
    view.show();
    const AnalysisComparison &c = m_comparison;
    QCOMPARE(shownCount(view, QStringLiteral("findings-fixed")), c.fixedFindings.size());
    QCOMPARE(shownCount(view, QStringLiteral("findings-remaining")), c.remainingFindings.size());
    QCOMPARE(shownCount(view, QStringLiteral("findings-new")), c.newFindings.size());
    QCOMPARE(shownCount(view, QStringLiteral("threats-fixed")), c.fixedThreats.size());
    QCOMPARE(shownCount(view, QStringLiteral("threats-improved")),
             c.threatsWith(ThreatPair::Change::Improved).size());
    QCOMPARE(shownCount(view, QStringLiteral("threats-worsened")),
             c.threatsWith(ThreatPair::Change::Worsened).size());
    QCOMPARE(shownCount(view, QStringLiteral("threats-unchanged")),
             c.threatsWith(ThreatPair::Change::Unchanged).size());
    QCOMPARE(shownCount(view, QStringLiteral("threats-new")), c.newThreats.size());
    const qsizetype highBefore = openHigh(c.baseline);
    const qsizetype highAfter = openHigh(c.current);
    QVERIFY2(highAfter < highBefore, "the hardened sample has fewer open high threats");
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("count-open-high"))->text(),
             QStringLiteral("%1 → %2").arg(highBefore).arg(highAfter));

    // Fixed means gone from the hardened analysis, new means absent from the vulnerable one.
    const QSet<QString> after = ids(m_hardened.report.findings);
    const QSet<QString> before = ids(m_document->report().findings);
    for (const auto &f : c.fixedFindings)
        QVERIFY2(!after.contains(f.id), qPrintable(f.id));
    for (const auto &f : c.newFindings)
        QVERIFY2(!before.contains(f.id), qPrintable(f.id));

    // Both sides named with their folders, before first.
    const QString beforeText = view.findChild<QLabel *>(QStringLiteral("comparisonBefore"))->text();
    const QString afterText = view.findChild<QLabel *>(QStringLiteral("comparisonAfter"))->text();
    QVERIFY2(beforeText.contains(c.baseline.project.name)
                 && beforeText.contains(QDir::toNativeSeparators(sampleProject())),
             qPrintable(beforeText));
    QVERIFY2(afterText.contains(c.current.project.name)
                 && afterText.contains(QStringLiteral("hardened")),
             qPrintable(afterText));
    QCOMPARE(view.findingsModel()->rowCount(),
             c.fixedFindings.size() + c.remainingFindings.size() + c.newFindings.size());
    QCOMPARE(view.threatsModel()->rowCount(),
             c.fixedThreats.size() + c.remainingThreats.size() + c.newThreats.size());
}

void TestComparisonView::filterButtonsChooseTheRows()
{
    ComparisonView view(m_document.get());
    view.setComparison(m_comparison);
    view.resize(1400, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const AnalysisComparison &c = m_comparison;
    const struct
    {
        const char *button;
        std::optional<ComparisonOutcome> outcome;
        qsizetype findings;
        qsizetype threats;
    } cases[] = {
        {"fixed", ComparisonOutcome::Fixed, c.fixedFindings.size(), c.fixedThreats.size()},
        {"remaining", ComparisonOutcome::Remaining, c.remainingFindings.size(),
         c.remainingThreats.size()},
        {"new", ComparisonOutcome::New, c.newFindings.size(), c.newThreats.size()},
        {"all", std::nullopt, view.findingsModel()->rowCount(), view.threatsModel()->rowCount()},
    };
    for (const auto &expected : cases) {
        QAbstractButton *button = filterButton(view, QString::fromLatin1(expected.button));
        QVERIFY2(button && button->isVisible(), expected.button);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(button->isChecked());
        QCOMPARE(view.outcomeFilter(), expected.outcome);
        QCOMPARE(view.findingsFilter()->rowCount(), expected.findings);
        QCOMPARE(view.threatsFilter()->rowCount(), expected.threats);
        for (const auto &[outcome, id] : shownRows(*view.findingsFilter()))
            QVERIFY2(!expected.outcome || outcome == int(*expected.outcome), qPrintable(id));
        for (const auto &[outcome, id] : shownRows(*view.threatsFilter()))
            QVERIFY2(!expected.outcome || outcome == int(*expected.outcome), qPrintable(id));
        const QString label
            = view.findChild<QLabel *>(QStringLiteral("comparisonFindingsLabel"))->text();
        QVERIFY2(label.contains(QStringLiteral("%1 of %2")
                                    .arg(expected.findings)
                                    .arg(view.findingsModel()->rowCount())),
                 qPrintable(label));
    }
    // The fixed rows are exactly the comparison's fixed findings.
    QTest::mouseClick(filterButton(view, QStringLiteral("fixed")), Qt::LeftButton);
    QSet<QString> shown;
    for (const auto &[outcome, id] : shownRows(*view.findingsFilter()))
        shown.insert(id);
    QCOMPARE(shown, ids(c.fixedFindings));
}

void TestComparisonView::swapExchangesFixedAndNew()
{
    ComparisonView view(m_document.get());
    view.setComparison(m_comparison);
    view.show();
    const AnalysisComparison &c = m_comparison;
    auto *swap = view.findChild<QPushButton *>(QStringLiteral("comparisonSwapButton"));
    QVERIFY(swap);
    QTest::mouseClick(swap, Qt::LeftButton);
    QCOMPARE(view.comparison().baseline.project.workingDir, c.current.project.workingDir);
    QCOMPARE(view.comparison().current.project.workingDir, c.baseline.project.workingDir);
    QCOMPARE(shownCount(view, QStringLiteral("findings-fixed")), c.newFindings.size());
    QCOMPARE(shownCount(view, QStringLiteral("findings-new")), c.fixedFindings.size());
    QCOMPARE(shownCount(view, QStringLiteral("findings-remaining")), c.remainingFindings.size());
    QCOMPARE(shownCount(view, QStringLiteral("threats-fixed")), c.newThreats.size());
    QCOMPARE(shownCount(view, QStringLiteral("threats-new")), c.fixedThreats.size());
    QCOMPARE(shownCount(view, QStringLiteral("threats-improved")),
             c.threatsWith(ThreatPair::Change::Worsened).size());
    QCOMPARE(shownCount(view, QStringLiteral("threats-worsened")),
             c.threatsWith(ThreatPair::Change::Improved).size());
    QTest::mouseClick(filterButton(view, QStringLiteral("new")), Qt::LeftButton);
    QCOMPARE(view.findingsFilter()->rowCount(), c.fixedFindings.size());
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("comparisonBefore"))
                ->text()
                .contains(c.current.project.name));
    // And back.
    QTest::mouseClick(swap, Qt::LeftButton);
    QCOMPARE(shownCount(view, QStringLiteral("findings-fixed")), c.fixedFindings.size());
}

void TestComparisonView::modelsPassTheTester()
{
    using Tester = QAbstractItemModelTester;
    ComparisonView view(m_document.get());
    Tester findings(view.findingsModel(), Tester::FailureReportingMode::QtTest);
    Tester threats(view.threatsModel(), Tester::FailureReportingMode::QtTest);
    Tester findingsFilter(view.findingsFilter(), Tester::FailureReportingMode::QtTest);
    Tester threatsFilter(view.threatsFilter(), Tester::FailureReportingMode::QtTest);
    view.setComparison(m_comparison);
    view.swapSides();
    view.setOutcomeFilter(ComparisonOutcome::Remaining);
    for (int column = 0; column < ComparisonThreatsModel::ColumnCount; ++column)
        view.threatsFilter()->sort(column, Qt::AscendingOrder);
    for (int column = 0; column < ComparisonFindingsModel::ColumnCount; ++column)
        view.findingsFilter()->sort(column, Qt::DescendingOrder);
    view.setOutcomeFilter(std::nullopt);
    view.setComparison({});
    QCOMPARE(view.findingsModel()->rowCount(), 0);
    view.setComparison(m_comparison);
    QVERIFY(view.findingsModel()->rowCount() > 0);
}

void TestComparisonView::headerClickSortsBySeverity()
{
    ComparisonView view(m_document.get());
    view.setComparison(m_comparison);
    view.resize(1400, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTableView *table = view.findingsTable();
    QHeaderView *header = table->horizontalHeader();
    const int column = ComparisonFindingsModel::SeverityColumn;
    const QPoint section(header->sectionViewportPosition(column) + 8, header->height() / 2);
    const auto severities = [&] {
        QList<int> list;
        for (int row = 0; row < view.findingsFilter()->rowCount(); ++row) {
            const QModelIndex source
                = view.findingsFilter()->mapToSource(view.findingsFilter()->index(row, 0));
            list << int(view.findingsModel()->row(source.row())->finding.severity);
        }
        return list;
    };
    for (int click = 0; click < 2; ++click) {
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, section);
        const Qt::SortOrder order = header->sortIndicatorOrder();
        QCOMPARE(header->sortIndicatorSection(), column);
        const QList<int> list = severities();
        QVERIFY(list.size() > 1);
        QVERIFY(list.first() != list.last());
        QVERIFY2(order == Qt::AscendingOrder ? std::is_sorted(list.cbegin(), list.cend())
                                             : std::is_sorted(list.crbegin(), list.crend()),
                 "rows in severity order");
    }
}

void TestComparisonView::secretsStayRedacted()
{
    const QStringList secrets = threatdock::testing::secretValues(m_document->analysis().project);
    QVERIFY(!secrets.isEmpty());
    ComparisonView view(m_document.get());
    view.setComparison(m_comparison);
    view.show();
    QStringList texts;
    for (const QAbstractItemModel *model :
         {static_cast<const QAbstractItemModel *>(view.findingsModel()),
          static_cast<const QAbstractItemModel *>(view.threatsModel())})
        for (int row = 0; row < model->rowCount(); ++row)
            for (int column = 0; column < model->columnCount(); ++column)
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                    texts << model->index(row, column).data(role).toString();
    for (const QLabel *label : view.findChildren<QLabel *>())
        texts << label->text();
    QVERIFY(texts.size() > 100);
    for (const QString &secret : secrets)
        for (const QString &text : std::as_const(texts))
            QVERIFY2(!text.contains(secret), qPrintable(text));
}

void TestComparisonView::countColoursFollowThePalette()
{
    using threatdock::views::ColorScheme;
    QWidget window; // in a window, as in the main window's tabs
    auto *view = new ComparisonView(m_document.get(), &window);
    view->setComparison(m_comparison);
    window.show();
    const auto colour = [view](const QString &name) {
        return view->findChild<QLabel *>(QStringLiteral("count-") + name)
            ->palette()
            .color(QPalette::WindowText);
    };
    // The application's palette reaches the widgets through posted events.
    threatdock::views::applyColorScheme(ColorScheme::Light);
    QTRY_COMPARE(colour(QStringLiteral("findings-fixed")),
                 threatdock::views::comparisontext::betterColor());
    const QColor fixedLight = colour(QStringLiteral("findings-fixed"));
    QCOMPARE(colour(QStringLiteral("findings-new")),
             threatdock::views::comparisontext::worseColor());
    QCOMPARE(colour(QStringLiteral("findings-remaining")),
             QApplication::palette().color(QPalette::WindowText));
    threatdock::views::applyColorScheme(ColorScheme::Dark);
    QTRY_COMPARE(colour(QStringLiteral("findings-fixed")),
                 threatdock::views::comparisontext::betterColor());
    QVERIFY(colour(QStringLiteral("findings-fixed")) != fixedLight);
    QCOMPARE(colour(QStringLiteral("findings-remaining")),
             QApplication::palette().color(QPalette::WindowText));
    threatdock::views::applyColorScheme(ColorScheme::Light);
}

void TestComparisonView::doubleClickActivatesOnlyFindingsOfTheOpenProject()
{
    ComparisonView view(m_document.get());
    view.setComparison(m_comparison);
    view.resize(1400, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy activated(m_document.get(), &threatdock::views::ReviewDocument::findingActivated);

    // A fixed finding is the open (vulnerable) project's.
    const QString fixedId = m_comparison.fixedFindings.constFirst().id;
    const int fixedRow = rowOf(*view.findingsFilter(), fixedId);
    QVERIFY(fixedRow >= 0);
    doubleClickRow(view.findingsTable(), fixedRow);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), fixedId);

    // A new finding is the hardened project's only: not in the open analysis.
    QVERIFY2(!m_comparison.newFindings.isEmpty(), "the hardened sample has a finding of its own");
    const QString newId = m_comparison.newFindings.constFirst().id;
    QVERIFY(!m_document->finding(newId));
    doubleClickRow(view.findingsTable(), rowOf(*view.findingsFilter(), newId));
    QCOMPARE(activated.size(), 1);
    QVERIFY2(view.hintText().contains(QStringLiteral("not in the open analysis"))
                 && view.hintText().contains(m_hardened.report.project.name),
             qPrintable(view.hintText()));

    // A remaining one is in both, the open project included.
    QVERIFY(!m_comparison.remainingFindings.isEmpty());
    const QString remainingId = m_comparison.remainingFindings.constFirst().current.id;
    doubleClickRow(view.findingsTable(), rowOf(*view.findingsFilter(), remainingId));
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.at(1).at(0).toString(), remainingId);

    // A remaining threat becomes the current threat.
    QTest::mouseClick(filterButton(view, QStringLiteral("remaining")), Qt::LeftButton);
    QVERIFY(view.threatsFilter()->rowCount() > 0);
    const QString threatId
        = view.threatsFilter()->index(0, 0).data(threatdock::views::ComparisonIdRole).toString();
    doubleClickRow(view.threatsTable(), 0);
    QCOMPARE(m_document->currentThreat(), threatId);
    // A new threat (the hardened project's only) leaves it alone.
    QVERIFY(!m_comparison.newThreats.isEmpty());
    QTest::mouseClick(filterButton(view, QStringLiteral("new")), Qt::LeftButton);
    doubleClickRow(view.threatsTable(),
                   rowOf(*view.threatsFilter(), m_comparison.newThreats.constFirst().id));
    QCOMPARE(m_document->currentThreat(), threatId);
    QVERIFY(view.hintText().contains(QStringLiteral("not in the open analysis")));
}

void TestComparisonView::compareWithFromTheReviewMenu()
{
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *action = window.findChild<QAction *>(QStringLiteral("compareAction"));
    QVERIFY(action);
    QVERIFY(!action->isEnabled()); // nothing open to compare
    QVERIFY(window.openProject(sampleProject()));
    QVERIFY(window.waitForAnalysis(60000));
    QVERIFY(action->isEnabled());

    QTest::keySequence(&window, action->shortcut());
    QVERIFY(acceptFileDialog(window, QStringLiteral("compareProjectDialog"),
                             sampleProject(QStringLiteral("hardened"))));
    QVERIFY(window.waitForAnalysis(60000));
    ComparisonView *view = nullptr;
    QTRY_VERIFY((view = compareTab(window)) != nullptr);
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("workTabs"));
    QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("Compare"));

    // The open project is "before"; the counts are the comparison of the two analyses.
    const AnalysisComparison expected
        = AnalysisComparison::compare(window.document()->report(), m_hardened.report);
    QCOMPARE(view->comparison().baseline.project.workingDir, window.document()->projectDirectory());
    QCOMPARE(QDir(view->comparison().current.project.workingDir).canonicalPath(),
             QDir(sampleProject(QStringLiteral("hardened"))).canonicalPath());
    QCOMPARE(shownCount(*view, QStringLiteral("findings-fixed")), expected.fixedFindings.size());
    QCOMPARE(shownCount(*view, QStringLiteral("findings-new")), expected.newFindings.size());
    QCOMPARE(shownCount(*view, QStringLiteral("threats-fixed")), expected.fixedThreats.size());
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Compared")));
    // The open project is still the vulnerable one.
    QCOMPARE(window.document()->report().project.name, m_document->report().project.name);
    // Double-click on a fixed finding shows it in the Findings tab.
    const QString fixedId = expected.fixedFindings.constFirst().id;
    doubleClickRow(view->findingsTable(), rowOf(*view->findingsFilter(), fixedId));
    auto *findings = window.findChild<threatdock::views::FindingsView *>();
    QCOMPARE(tabs->currentWidget(), findings);
    QCOMPARE(
        findings->table()->currentIndex().data(threatdock::views::FindingsModel::FindingIdRole),
        QVariant(fixedId));
    tabs->setCurrentWidget(view);

    // A second comparison replaces the first in the same tab; Close removes it, Alt+7
    // finds it again after the next one.
    const int tabCount = tabs->count();
    QVERIFY(window.compareWith(sampleProject()));
    QVERIFY(window.waitForAnalysis(60000));
    QTRY_COMPARE(shownCount(*view, QStringLiteral("findings-fixed")), 0);
    QCOMPARE(tabs->count(), tabCount);
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("comparisonCloseButton")),
                      Qt::LeftButton);
    QCOMPARE(tabs->count(), tabCount - 1);
    QVERIFY(window.compareWith(sampleProject(QStringLiteral("hardened"))));
    QVERIFY(window.waitForAnalysis(60000));
    QTRY_COMPARE(tabs->count(), tabCount);
    tabs->setCurrentIndex(0);
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keySequence(&window, QKeySequence(Qt::ALT | Qt::Key_7));
    QCOMPARE(tabs->currentWidget(), view);
}

void TestComparisonView::brokenOtherProjectKeepsTheAnalysis()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(sampleProject()));
    QVERIFY(window.waitForAnalysis(60000));
    const QString name = window.document()->report().project.name;
    const qsizetype findings = window.document()->report().findings.size();

    const QString broken = threatdock::testing::testDataPath(QStringLiteral("gui/broken"));
    QVERIFY(window.compareWith(broken));
    QVERIFY(window.waitForAnalysis(60000));
    auto *banner = window.findChild<LoadErrorBanner *>();
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("compose.yaml:7")), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(QStringLiteral("Still showing ") + name),
             qPrintable(banner->text()));
    QVERIFY(!window.findChild<ComparisonView *>());
    QCOMPARE(window.document()->report().project.name, name);
    QCOMPARE(window.document()->report().findings.size(), findings);

    // A path that does not exist is refused at once.
    QVERIFY(!window.compareWith(m_home.filePath(QStringLiteral("no-such-project"))));
    QVERIFY(banner->text().contains(QStringLiteral("no such file or folder")));
    QCOMPARE(window.document()->report().project.name, name);
}

void TestComparisonView::hardeningShowsComparisonAfterApply()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("project"));
    QVERIFY(threatdock::testing::copyTree(sampleProject(), project));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(project));
    QVERIFY(window.waitForAnalysis(60000));
    const AnalysisReport before = window.document()->report();

    auto *hardening = window.findChild<HardeningView *>(QStringLiteral("hardeningView"));
    QVERIFY(hardening);
    hardening->setConfirmation([](const QString &) { return true; });
    const QStringList planned = hardening->plan().fixedFindings();
    QVERIFY(!planned.isEmpty());
    auto *show = hardening->findChild<QPushButton *>(QStringLiteral("showComparisonButton"));
    QVERIFY(show);
    window.findChild<QAction *>(QStringLiteral("hardenAction"))->trigger();
    QVERIFY(!show->isVisible()); // nothing applied yet
    QTest::mouseClick(hardening->findChild<QPushButton *>(QStringLiteral("applyHardeningButton")),
                      Qt::LeftButton);
    QVERIFY(window.waitForAnalysis(60000));
    QTRY_VERIFY(show->isVisible());
    QTest::mouseClick(show, Qt::LeftButton);

    ComparisonView *view = compareTab(window);
    QVERIFY(view);
    const AnalysisComparison &c = view->comparison();
    QCOMPARE(c.baseline.findings.size(), before.findings.size());
    QCOMPARE(c.current.findings.size(), window.document()->report().findings.size());
    QVERIFY(c.current.findings.size() < c.baseline.findings.size());
    // Every finding the plan fixes is listed as fixed, and shown so.
    const QSet<QString> fixed = ids(c.fixedFindings);
    for (const QString &id : planned)
        QVERIFY2(fixed.contains(id), qPrintable(id));
    QCOMPARE(shownCount(*view, QStringLiteral("findings-fixed")), c.fixedFindings.size());
    // Same folder on both sides: the after side names the overlay it merges.
    const QString afterText = view->findChild<QLabel *>(QStringLiteral("comparisonAfter"))->text();
    QVERIFY2(afterText.contains(QStringLiteral("compose.hardening.yaml")), qPrintable(afterText));
}

namespace {

/// Inserts line after the first line equal to after in file; false when it cannot.
bool insertLine(const QString &file, const QString &after, const QString &line)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
    f.close();
    const qsizetype at = lines.indexOf(after);
    if (at < 0 || !f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    lines.insert(at + 1, line);
    return f.write(lines.join(u'\n').toUtf8()) > 0;
}

} // namespace

void TestComparisonView::comparesWithTheReviewsPreviousRun()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("project"));
    QVERIFY(threatdock::testing::copyTree(sampleProject(), project));
    const QString compose = project + QStringLiteral("/compose.yaml");
    AnalysisReport first;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openProject(project));
        QVERIFY(window.waitForAnalysis(60000));
        first = window.document()->report();
        auto *action = window.findChild<QAction *>(QStringLiteral("comparePreviousAction"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled()); // a new review: no earlier run
        QVERIFY(!window.compareWithPreviousAnalysis());
        // The same analysis again is no "previous run" to compare with.
        window.reanalyze();
        QVERIFY(window.waitForAnalysis(60000));
        QVERIFY(!action->isEnabled());
    }
    // Between two sessions the api gets a read-only root filesystem.
    QVERIFY(insertLine(compose, QStringLiteral("  api:"), QStringLiteral("    read_only: true")));

    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openProject(project));
    QVERIFY(window.waitForAnalysis(60000));
    auto *action = window.findChild<QAction *>(QStringLiteral("comparePreviousAction"));
    QVERIFY(action->isEnabled());
    QTest::keySequence(&window, action->shortcut());
    ComparisonView *view = nullptr;
    QTRY_VERIFY((view = compareTab(window)) != nullptr);

    // Before: the run of the first session, as the review kept it; after: the current one.
    const AnalysisComparison expected
        = AnalysisComparison::compare(first, window.document()->report());
    const AnalysisComparison &shown = view->comparison();
    QCOMPARE(ids(shown.baseline.findings), ids(first.findings));
    QCOMPARE(ids(shown.current.findings), ids(window.document()->report().findings));
    QCOMPARE(ids(shown.fixedFindings), ids(expected.fixedFindings));
    QVERIFY(!shown.fixedFindings.isEmpty());
    bool readOnlyFixed = false;
    for (const auto &f : shown.fixedFindings)
        readOnlyFixed = readOnlyFixed || (f.ruleId == u"CMP-FS-001" && f.service == u"api");
    QVERIFY(readOnlyFixed);
    QVERIFY(shown.newFindings.isEmpty());
    QCOMPARE(shownCount(*view, QStringLiteral("findings-fixed")), shown.fixedFindings.size());
    const QString beforeText
        = view->findChild<QLabel *>(QStringLiteral("comparisonBefore"))->text();
    QVERIFY2(beforeText.contains(QStringLiteral("as analysed")), qPrintable(beforeText));
}

QTEST_MAIN(TestComparisonView)
#include "tst_comparisonview.moc"
