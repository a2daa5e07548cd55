// The Threats tab with the analysed sample, a real review file, real clicks and keys.

#include "testsupport.h"
#include "views/documentfixture.h"
#include "views/reviewfileprobe.h"

#include "inspector/threatlabels.h"
#include "threats/statusdelegate.h"
#include "threats/threatfilterproxy.h"
#include "threats/threatsview.h"
#include "threats/threattablemodel.h"
#include "threats/threattext.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTableView>
#include <QUndoStack>

using namespace threatdock;
using review::DecisionStatus;
using views::ThreatsView;
using views::ThreatTableModel;

namespace {

struct ThreatsTab
{
    QTemporaryDir dir;
    std::unique_ptr<views::ReviewDocument> document;
    std::unique_ptr<ThreatsView> view;

    bool start()
    {
        document = testing::makeDocument(dir);
        if (!document)
            return false;
        view = std::make_unique<ThreatsView>(document.get());
        view->resize(1400, 800);
        return testing::showAndActivate(*view);
    }
    QTableView *table() const { return view->table(); }
    QAbstractItemModel *shown() const { return view->table()->model(); }
    QString idAt(int row) const
    {
        return shown()->index(row, 0).data(ThreatTableModel::ThreatIdRole).toString();
    }
    void click(int row, int column)
    {
        const QModelIndex index = shown()->index(row, column);
        table()->scrollTo(index);
        QTest::mouseClick(table()->viewport(), Qt::LeftButton, {},
                          table()->visualRect(index).center());
    }
    QStringList shownIds() const
    {
        QStringList ids;
        for (int row = 0; row < shown()->rowCount(); ++row)
            ids << idAt(row);
        return ids;
    }
};

/// Chooses an entry of a filter combo box with the keyboard, as a user tabbing to it.
void chooseWithKeys(QComboBox *box, int index)
{
    box->setFocus(Qt::TabFocusReason);
    QTest::keyClick(box, Qt::Key_Home);
    for (int i = 0; i < index; ++i)
        QTest::keyClick(box, Qt::Key_Down);
}

} // namespace

class TestThreatsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void modelsPassTheTester();
    void rowsAreTheReportsThreats();
    void sortsByRiskAndBySeverity();
    void searchFilters();
    void strideAndSeverityFiltersAreTheDocuments();
    void statusFilterFollowsDecisions();
    void selectingARowMakesItCurrent();
    void followsTheCurrentThreat();
    void editingStatusInTheTableWritesTheFile();
    void editingOwnerInTheTableWritesTheFile();
    void decisionsMadeElsewhereShow();
    void readOnlyWithoutAReview();
};

void TestThreatsView::modelsPassTheTester()
{
    QTemporaryDir dir;
    auto document = testing::makeDocument(dir);
    QVERIFY(document);
    ThreatTableModel model(document.get());
    QAbstractItemModelTester modelTester(&model,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    views::ThreatFilterProxy proxy(document.get());
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(ThreatTableModel::RiskColumn, Qt::DescendingOrder);
    QVERIFY(model.rowCount() > 0);

    // Every kind of change the document makes.
    const QString id = model.threatIdAt(0);
    document->setStatus(id, DecisionStatus::Mitigated);
    proxy.setStatusFilter(DecisionStatus::Mitigated);
    QCOMPARE(proxy.rowCount(), 1);
    document->setOwner(id, QStringLiteral("ops"));
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setStatusFilter(std::nullopt);
    proxy.setSearchText(QStringLiteral("redis"));
    QVERIFY(proxy.rowCount() > 0);
    QVERIFY(proxy.rowCount() < model.rowCount());
    document->setStrideFilter(QStringLiteral("E"));
    document->setMinimumSeverity(rules::Severity::High);
    proxy.setSearchText(QString());
    document->setAnalysis(
        testing::analyzeForTest(testing::sampleProject(QStringLiteral("hardened"))));
    document->setStrideFilter(QString());
    document->setMinimumSeverity(rules::Severity::Info);
    QCOMPARE(model.rowCount(), document->threatCount());
    QCOMPARE(proxy.rowCount(), document->threatCount());
    QVERIFY(
        model.setData(model.index(0, ThreatTableModel::StatusColumn), QStringLiteral("accepted")));
    QCOMPARE(document->decision(model.threatIdAt(0)).status, DecisionStatus::Accepted);
    QVERIFY(!model.setData(model.index(0, ThreatTableModel::StatusColumn),
                           QStringLiteral("no-such-status")));
    QVERIFY(!model.setData(model.index(0, ThreatTableModel::TitleColumn), QStringLiteral("x")));
}

void TestThreatsView::rowsAreTheReportsThreats()
{
    ThreatsTab tab;
    QVERIFY(tab.start());
    const ThreatTableModel *model = tab.view->model();
    const auto &threats = tab.document->report().threats;
    QCOMPARE(model->rowCount(), int(threats.size()));
    for (int row = 0; row < model->rowCount(); ++row) {
        const threats::Threat &t = threats.at(row);
        const auto cell = [&](int column) { return model->index(row, column).data().toString(); };
        QCOMPARE(cell(ThreatTableModel::IdColumn), t.id);
        QCOMPARE(cell(ThreatTableModel::TitleColumn), t.title);
        QCOMPARE(cell(ThreatTableModel::ElementColumn),
                 views::threatlabels::elementName(*tab.document, t.elementId));
        QCOMPARE(cell(ThreatTableModel::StrideColumn), t.stride);
        QVERIFY(cell(ThreatTableModel::SeverityColumn)
                    .contains(views::threattext::severityLabel(t.severity)));
        QCOMPARE(model->index(row, ThreatTableModel::RiskColumn).data().toInt(), t.risk());
        QCOMPARE(cell(ThreatTableModel::StatusColumn), QStringLiteral("open"));
        QCOMPARE(model->index(row, ThreatTableModel::StrideColumn).data(Qt::ToolTipRole).toString(),
                 views::threatlabels::strideName(t.stride));
    }
    QCOMPARE(tab.view->countText(), QStringLiteral("%1 of %1 threats").arg(threats.size()));
}

void TestThreatsView::sortsByRiskAndBySeverity()
{
    ThreatsTab tab;
    QVERIFY(tab.start());
    QAbstractItemModel *shown = tab.shown();
    const auto risks = [&] {
        QList<int> list;
        for (int row = 0; row < shown->rowCount(); ++row)
            list << shown->index(row, ThreatTableModel::RiskColumn).data().toInt();
        return list;
    };
    QList<int> byRisk = risks(); // the tab opens worst first
    QVERIFY(std::is_sorted(byRisk.crbegin(), byRisk.crend()));
    QVERIFY(byRisk.constFirst() > byRisk.constLast());

    // Clicking the Risk header turns the order around.
    QHeaderView *header = tab.table()->horizontalHeader();
    const int x = header->sectionViewportPosition(ThreatTableModel::RiskColumn)
        + header->sectionSize(ThreatTableModel::RiskColumn) / 2;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    byRisk = risks();
    QVERIFY(std::is_sorted(byRisk.cbegin(), byRisk.cend()));

    // Severity sorts by level, not by the word.
    tab.table()->sortByColumn(ThreatTableModel::SeverityColumn, Qt::DescendingOrder);
    QList<rules::Severity> severities;
    for (const QString &id : tab.shownIds())
        severities << tab.document->threat(id)->severity;
    QVERIFY(std::is_sorted(severities.crbegin(), severities.crend()));
    QVERIFY(severities.constFirst() != severities.constLast());
}

void TestThreatsView::searchFilters()
{
    ThreatsTab tab;
    QVERIFY(tab.start());
    const int total = tab.document->threatCount();
    // A word of the element "redis": every row shown mentions it, none hidden does.
    QTest::keyClicks(tab.view->searchField(), QStringLiteral("REDIS"));
    const QStringList shown = tab.shownIds();
    QVERIFY(!shown.isEmpty());
    QVERIFY(shown.size() < total);
    int expected = 0;
    for (const threats::Threat &t : tab.document->report().threats) {
        const QString text = t.id + u' ' + t.title + u' '
            + views::threatlabels::elementName(*tab.document, t.elementId);
        if (text.contains(QStringLiteral("redis"), Qt::CaseInsensitive))
            ++expected;
    }
    QCOMPARE(shown.size(), expected);
    QCOMPARE(tab.view->countText(), QStringLiteral("%1 of %2 threats").arg(expected).arg(total));

    // Notes are searched too.
    tab.view->searchField()->clear();
    const QString noted = tab.document->report().threats.at(2).id;
    tab.document->setNotes(noted, QStringLiteral("discussed with the zebra team"));
    QTest::keyClicks(tab.view->searchField(), QStringLiteral("zebra team"));
    QCOMPARE(tab.shownIds(), QStringList{noted});
    tab.view->searchField()->clear();
    QCOMPARE(tab.shown()->rowCount(), total);
}

void TestThreatsView::strideAndSeverityFiltersAreTheDocuments()
{
    ThreatsTab tab;
    QVERIFY(tab.start());
    const auto &threats = tab.document->report().threats;
    const QStringList letters = views::threattext::strideLetters();
    // The first category, chosen with the keyboard.
    chooseWithKeys(tab.view->strideFilter(), 1);
    QCOMPARE(tab.document->strideFilter(), letters.at(0));
    const auto count = [&](const auto &predicate) {
        return int(std::count_if(threats.cbegin(), threats.cend(), predicate));
    };
    const int spoofing = count([&](const threats::Threat &t) { return t.stride == letters.at(0); });
    QVERIFY(spoofing > 0);
    QCOMPARE(tab.shown()->rowCount(), spoofing);

    // The diagram changes the shared filter: the combo box and the rows follow.
    tab.document->setStrideFilter(QStringLiteral("E"));
    QCOMPARE(tab.view->strideFilter()->currentData().toString(), QStringLiteral("E"));
    const int elevation = count([](const threats::Threat &t) { return t.stride == u"E"; });
    QCOMPARE(tab.shown()->rowCount(), elevation);
    tab.document->setStrideFilter(QStringLiteral("ST"));
    QCOMPARE(tab.view->strideFilter()->currentText(), QStringLiteral("ST"));
    QCOMPARE(tab.shown()->rowCount(),
             count([](const threats::Threat &t) { return t.stride == u"S" || t.stride == u"T"; }));
    tab.document->setStrideFilter(QString());

    // Severity: "High or worse".
    QComboBox *severity = tab.view->severityFilter();
    const int high = severity->findData(int(rules::Severity::High));
    QVERIFY(high > 0);
    chooseWithKeys(severity, high);
    QCOMPARE(tab.document->minimumSeverity(), rules::Severity::High);
    const int highOrWorse
        = count([](const threats::Threat &t) { return t.severity >= rules::Severity::High; });
    QVERIFY(highOrWorse > 0);
    QVERIFY(highOrWorse < int(threats.size()));
    QCOMPARE(tab.shown()->rowCount(), highOrWorse);
    tab.document->setMinimumSeverity(rules::Severity::Info);
    QCOMPARE(severity->currentIndex(), 0);
    QCOMPARE(tab.shown()->rowCount(), int(threats.size()));
}

void TestThreatsView::statusFilterFollowsDecisions()
{
    ThreatsTab tab;
    QVERIFY(tab.start());
    const auto &threats = tab.document->report().threats;
    QComboBox *status = tab.view->statusFilter();
    chooseWithKeys(status, status->findData(QStringLiteral("mitigated")));
    QCOMPARE(tab.shown()->rowCount(), 0);
    tab.document->setStatus(threats.at(1).id, DecisionStatus::Mitigated);
    QCOMPARE(tab.shownIds(), QStringList{threats.at(1).id});
    tab.document->setStatus(threats.at(3).id, DecisionStatus::Mitigated);
    QCOMPARE(tab.shown()->rowCount(), 2);
    tab.document->undoStack()->undo();
    QCOMPARE(tab.shownIds(), QStringList{threats.at(1).id});
    chooseWithKeys(status, status->findData(QStringLiteral("open")));
    QCOMPARE(tab.shown()->rowCount(), int(threats.size()) - 1);
    chooseWithKeys(status, 0);
    QCOMPARE(tab.shown()->rowCount(), int(threats.size()));
}

void TestThreatsView::selectingARowMakesItCurrent()
{
    ThreatsTab tab;
    QVERIFY(tab.start());
    tab.click(4, ThreatTableModel::TitleColumn);
    const QString id = tab.idAt(4);
    QCOMPARE(tab.document->currentThreat(), id);
    QCOMPARE(tab.document->selectedElement(), tab.document->threat(id)->elementId);
    // Arrow keys move the selection, and the current threat with it.
    QTest::keyClick(tab.table(), Qt::Key_Down);
    QCOMPARE(tab.document->currentThreat(), tab.idAt(5));
}

void TestThreatsView::followsTheCurrentThreat()
{
    ThreatsTab tab;
    QVERIFY(tab.start());
    const QString id = tab.document->walkthroughOrder().constLast();
    QSignalSpy currentChanges(tab.document.get(), &views::ReviewDocument::currentThreatChanged);
    tab.document->setCurrentThreat(id);
    const QModelIndex current = tab.table()->selectionModel()->currentIndex();
    QCOMPARE(current.data(ThreatTableModel::ThreatIdRole).toString(), id);
    QVERIFY(tab.table()->selectionModel()->isRowSelected(current.row()));
    QCOMPARE(currentChanges.count(), 1); // following did not make another threat current

    // Filtered out: nothing selected; filter removed: selected again.
    const QString other
        = tab.document->threat(id)->stride == u"S" ? QStringLiteral("T") : QStringLiteral("S");
    tab.document->setStrideFilter(other);
    QVERIFY(!tab.table()->selectionModel()->hasSelection());
    tab.document->setStrideFilter(QString());
    QCOMPARE(tab.table()
                 ->selectionModel()
                 ->currentIndex()
                 .data(ThreatTableModel::ThreatIdRole)
                 .toString(),
             id);
    QCOMPARE(tab.document->currentThreat(), id);
}

void TestThreatsView::editingStatusInTheTableWritesTheFile()
{
    ThreatsTab tab;
    QVERIFY(tab.start());
    tab.click(0, ThreatTableModel::StatusColumn);
    const QString id = tab.idAt(0);
    QTest::keyClick(tab.table(), Qt::Key_F2);
    QComboBox *editor = nullptr;
    QTRY_VERIFY((editor = tab.table()->findChild<QComboBox *>(QStringLiteral("statusEditor"))));
    QCOMPARE(editor->currentData().toString(), QStringLiteral("open"));
    QTRY_VERIFY(editor->view()->isVisible()); // the list opens with the editor
    QTest::keyClick(editor->view(), Qt::Key_Down);
    QTest::keyClick(editor->view(), Qt::Key_Return);
    QCOMPARE(testing::storedDecision(tab.document->reviewPath(), id).status,
             DecisionStatus::Mitigated);
    QCOMPARE(tab.document->undoStack()->count(), 1);
    const int row = tab.view->proxy()->mapToSource(tab.table()->currentIndex()).row();
    QCOMPARE(tab.view->model()->index(row, ThreatTableModel::StatusColumn).data().toString(),
             QStringLiteral("mitigated"));

    tab.document->undoStack()->undo();
    QCOMPARE(testing::storedDecision(tab.document->reviewPath(), id).status, DecisionStatus::Open);
    QCOMPARE(tab.view->model()->index(row, ThreatTableModel::StatusColumn).data().toString(),
             QStringLiteral("open"));
}

void TestThreatsView::editingOwnerInTheTableWritesTheFile()
{
    ThreatsTab tab;
    QVERIFY(tab.start());
    const QModelIndex owner = tab.shown()->index(2, ThreatTableModel::OwnerColumn);
    const QString id = tab.idAt(2);
    tab.table()->scrollTo(owner);
    const QPoint at = tab.table()->visualRect(owner).center();
    // A double-click is a press, a release, a press and a double-click event.
    QTest::mouseClick(tab.table()->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(tab.table()->viewport(), Qt::LeftButton, {}, at);
    QLineEdit *editor = nullptr;
    QTRY_VERIFY((editor = qobject_cast<QLineEdit *>(QApplication::focusWidget()))
                && editor->parentWidget() == tab.table()->viewport());
    QTest::keyClicks(editor, QStringLiteral("  security champions "));
    QTest::keyClick(editor, Qt::Key_Return); // the delegate commits from the event loop
    QTRY_COMPARE(testing::storedDecision(tab.document->reviewPath(), id).owner,
                 QStringLiteral("security champions"));
    QCOMPARE(owner.data().toString(), QStringLiteral("security champions"));
}

void TestThreatsView::decisionsMadeElsewhereShow()
{
    ThreatsTab tab;
    QVERIFY(tab.start());
    const ThreatTableModel *model = tab.view->model();
    const QString id = model->threatIdAt(3);
    QSignalSpy changes(model, &QAbstractItemModel::dataChanged);
    tab.document->setStatus(id, DecisionStatus::NotApplicable);
    QCOMPARE(changes.count(), 1);
    const QModelIndex topLeft = changes.at(0).at(0).toModelIndex();
    QCOMPARE(topLeft.row(), 3);
    QCOMPARE(model->index(3, ThreatTableModel::StatusColumn).data().toString(),
             QStringLiteral("not applicable"));
    QCOMPARE(model->index(3, ThreatTableModel::StatusColumn).data(Qt::EditRole).toString(),
             QStringLiteral("not-applicable"));
}

void TestThreatsView::readOnlyWithoutAReview()
{
    views::ReviewDocument document;
    document.setAnalysis(testing::analyzeForTest(testing::sampleProject()));
    ThreatTableModel model(&document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.rowCount() > 0);
    const QModelIndex status = model.index(0, ThreatTableModel::StatusColumn);
    QVERIFY(!(model.flags(status) & Qt::ItemIsEditable));
    QVERIFY(!model.setData(status, QStringLiteral("mitigated")));
    QCOMPARE(document.decision(model.threatIdAt(0)).status, DecisionStatus::Open);
}

QTEST_MAIN(TestThreatsView)
#include "tst_threatsview.moc"
