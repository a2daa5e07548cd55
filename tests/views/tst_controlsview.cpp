// The Controls view (NIST SP 800-53 and ATT&CK coverage) with the analysed sample, the
// real catalog, a real review file and real clicks.

#include "testsupport.h"
#include "views/documentfixture.h"

#include "controls/controlsview.h"
#include "controls/coveragemodel.h"
#include "controls/openonlyfilter.h"

#include "catalog/catalog.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLabel>
#include <QSet>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeView>
#include <QUndoStack>

using namespace threatdock;
using review::DecisionStatus;
using views::CoverageModel;
using views::CoverageState;

namespace {

using Kind = CoverageModel::RowKind;

Kind kindOf(const QModelIndex &index)
{
    return Kind(index.data(CoverageModel::KindRole).toInt());
}

CoverageState stateOf(const QModelIndex &index)
{
    return CoverageState(index.data(CoverageModel::StateRole).toInt());
}

/// The ids of the threat rows under an entry.
QStringList threatsUnder(const QModelIndex &entry)
{
    QStringList ids;
    const QAbstractItemModel *model = entry.model();
    for (int row = 0; row < model->rowCount(entry); ++row)
        ids << model->index(row, 0, entry).data(CoverageModel::ThreatIdRole).toString();
    return ids;
}

/// Every index of a model of the given kind, depth first.
QModelIndexList rowsOfKind(const QAbstractItemModel *model, Kind kind,
                           const QModelIndex &parent = {})
{
    QModelIndexList found;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (kindOf(index) == kind)
            found << index;
        found << rowsOfKind(model, kind, index);
    }
    return found;
}

catalog::Catalog loadCatalog()
{
    auto loaded = catalog::Catalog::load();
    if (!loaded.ok())
        qFatal("catalog: %s", qPrintable(loaded.error->toString()));
    return *loaded.catalog;
}

struct Controls
{
    QTemporaryDir dir;
    catalog::Catalog catalog = loadCatalog();
    std::unique_ptr<views::ReviewDocument> document;
    std::unique_ptr<views::ControlsView> view;

    bool start()
    {
        document = testing::makeDocument(dir);
        if (!document)
            return false;
        view = std::make_unique<views::ControlsView>(document.get(), catalog);
        view->resize(1200, 800);
        view->show();
        return QTest::qWaitForWindowExposed(view.get());
    }
    /// The open threats of the analysis, as the view counts them.
    bool isOpen(const QString &threatId) const
    {
        const threats::Threat *t = document->threat(threatId);
        return document->decision(threatId).status == DecisionStatus::Open
            && !t->mitigatedByConfiguration();
    }
};

} // namespace

class TestControlsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelTesters();
    void everyCitedControlIsListedWithItsThreats();
    void mitigatingMovesAControlFromOpenToCovered();
    void clickingAThreatRowMakesItCurrent();
    void attackListsTheContainersMatrix();
    void openOnlyKeepsOpenThreats();
};

void TestControlsView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestControlsView::modelTesters()
{
    Controls controls;
    QVERIFY(controls.start());
    using Tester = QAbstractItemModelTester;
    Tester nist(controls.view->nistModel(), Tester::FailureReportingMode::QtTest);
    Tester attack(controls.view->attackModel(), Tester::FailureReportingMode::QtTest);
    Tester nistFilter(controls.view->nistFilter(), Tester::FailureReportingMode::QtTest);
    Tester attackFilter(controls.view->attackFilter(), Tester::FailureReportingMode::QtTest);
    QVERIFY(controls.view->nistModel()->rowCount() > 0);
    QVERIFY(controls.view->attackModel()->rowCount() > 0);

    // Decisions, the filter, the current threat and a new analysis, under the testers.
    const QStringList order = controls.document->walkthroughOrder();
    QVERIFY(order.size() > 3);
    controls.document->setStatus(order.at(0), DecisionStatus::Mitigated);
    controls.document->setStatus(order.at(1), DecisionStatus::Accepted);
    QTest::mouseClick(controls.view->openOnlyBox(), Qt::LeftButton);
    QVERIFY(controls.view->nistFilter()->openOnly());
    controls.document->setStatus(order.at(2), DecisionStatus::Transferred);
    controls.document->setCurrentThreat(order.at(3));
    controls.document->undoStack()->undo();
    controls.document->setAnalysis(testing::analyzeForTest(testing::sampleProject()));
    QTest::mouseClick(controls.view->openOnlyBox(), Qt::LeftButton);
    QVERIFY(!controls.view->nistFilter()->openOnly());
    controls.document->setAnalysis(
        testing::analyzeForTest(testing::sampleProject(QStringLiteral("hardened"))));
    QVERIFY(controls.view->nistModel()->rowCount() > 0);
}

void TestControlsView::everyCitedControlIsListedWithItsThreats()
{
    Controls controls;
    QVERIFY(controls.start());
    const CoverageModel *model = controls.view->nistModel();
    int cited = 0;
    for (const threats::Threat &t : controls.document->report().threats) {
        for (const QString &id : t.nist) {
            const catalog::Control *control = controls.catalog.control(id);
            QVERIFY2(control, qPrintable(id));
            const QModelIndex entry = model->entryIndex(control->id);
            QVERIFY2(entry.isValid(), qPrintable(control->id));
            QCOMPARE(entry.parent().data(CoverageModel::IdRole).toString(), control->family);
            QVERIFY(threatsUnder(entry).contains(t.id));
            QVERIFY(
                entry.data().toString().contains(controls.catalog.controlFullTitle(control->id)));
            ++cited;
        }
    }
    QVERIFY(cited > 0);
    // Nothing is listed that no threat cites, and each threat once per control.
    for (const QModelIndex &entry : rowsOfKind(model, Kind::Entry)) {
        const QStringList ids = threatsUnder(entry);
        QVERIFY(!ids.isEmpty());
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
        for (const QString &id : ids)
            QVERIFY(controls.document->threat(id)->nist.contains(
                entry.data(CoverageModel::IdRole).toString()));
    }
    // Nothing is decided yet: the families count open and covered controls.
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex family = model->index(row, 0);
        int open = 0;
        for (int e = 0; e < model->rowCount(family); ++e)
            open += stateOf(model->index(e, 0, family)) == CoverageState::Open ? 1 : 0;
        QCOMPARE(family.data(CoverageModel::OpenCountRole).toInt(), open);
        QCOMPARE(family.data(CoverageModel::OpenCountRole).toInt()
                     + family.data(CoverageModel::CoveredCountRole).toInt(),
                 model->rowCount(family));
    }
}

void TestControlsView::mitigatingMovesAControlFromOpenToCovered()
{
    Controls controls;
    QVERIFY(controls.start());
    const CoverageModel *model = controls.view->nistModel();
    // The open control with the fewest open threats.
    QModelIndex chosen;
    QStringList openThreats;
    for (const QModelIndex &entry : rowsOfKind(model, Kind::Entry)) {
        if (stateOf(entry) != CoverageState::Open)
            continue;
        QStringList open;
        for (const QString &id : threatsUnder(entry))
            if (controls.isOpen(id))
                open << id;
        if (!chosen.isValid() || open.size() < openThreats.size()) {
            chosen = entry;
            openThreats = open;
        }
    }
    QVERIFY(chosen.isValid());
    QVERIFY(!openThreats.isEmpty());
    const QPersistentModelIndex entry(chosen);
    const QPersistentModelIndex family(chosen.parent());
    const int familyOpen = family.data(CoverageModel::OpenCountRole).toInt();
    const int familyCovered = family.data(CoverageModel::CoveredCountRole).toInt();
    const QString familyStatus
        = model->index(family.row(), CoverageModel::StatusColumn).data().toString();
    const QString summary = controls.view->nistSummary();
    QCOMPARE(model->index(entry.row(), CoverageModel::StatusColumn, family).data().toString(),
             QStringLiteral("open"));

    for (const QString &id : std::as_const(openThreats))
        controls.document->setStatus(id, DecisionStatus::Mitigated);
    QCOMPARE(stateOf(entry), CoverageState::Covered);
    QCOMPARE(model->index(entry.row(), CoverageModel::StatusColumn, family).data().toString(),
             QStringLiteral("covered"));
    QCOMPARE(entry.data(CoverageModel::OpenCountRole).toInt(), 0);
    QCOMPARE(family.data(CoverageModel::OpenCountRole).toInt(), familyOpen - 1);
    QCOMPARE(family.data(CoverageModel::CoveredCountRole).toInt(), familyCovered + 1);
    QVERIFY(model->index(family.row(), CoverageModel::StatusColumn).data().toString()
            != familyStatus);
    QVERIFY(controls.view->nistSummary() != summary);
    const auto *label = controls.view->findChild<QLabel *>(QStringLiteral("nistSummary"));
    QCOMPARE(label->text(), controls.view->nistSummary());

    // Undoing one decision opens the control again.
    controls.document->undoStack()->undo();
    QCOMPARE(stateOf(entry), CoverageState::Open);
    QCOMPARE(family.data(CoverageModel::OpenCountRole).toInt(), familyOpen);
}

void TestControlsView::clickingAThreatRowMakesItCurrent()
{
    Controls controls;
    QVERIFY(controls.start());
    QTreeView *tree = controls.view->nistTree();
    QAbstractItemModel *shown = tree->model();
    // A threat under the first control that is not the current threat.
    const QModelIndex entry = shown->index(0, 0, shown->index(0, 0));
    QVERIFY(entry.isValid());
    QString target;
    QModelIndex threatRow;
    for (int row = 0; row < shown->rowCount(entry) && target.isEmpty(); ++row) {
        threatRow = shown->index(row, 0, entry);
        if (threatRow.data(CoverageModel::ThreatIdRole).toString()
            != controls.document->currentThreat())
            target = threatRow.data(CoverageModel::ThreatIdRole).toString();
    }
    QVERIFY(!target.isEmpty());
    QVERIFY(tree->isExpanded(entry.parent()));
    // Open the control with a click on its branch arrow.
    tree->scrollTo(entry);
    const QRect entryRect = tree->visualRect(entry);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                      QPoint(entryRect.left() - tree->indentation() / 2, entryRect.center().y()));
    QTRY_VERIFY(tree->isExpanded(entry));
    tree->scrollTo(threatRow);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(threatRow).center());
    QCOMPARE(controls.document->currentThreat(), target);
    QCOMPARE(controls.document->selectedElement(), controls.document->threat(target)->elementId);
    QVERIFY(threatRow.data(Qt::FontRole).value<QFont>().bold());

    // Clicking a control row makes no threat current.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(entry).center());
    QCOMPARE(controls.document->currentThreat(), target);
}

void TestControlsView::attackListsTheContainersMatrix()
{
    Controls controls;
    QVERIFY(controls.start());
    const CoverageModel *model = controls.view->attackModel();
    // The Containers techniques the sample's threats cite (T1610, T1611-like).
    QHash<QString, QStringList> citing;
    for (const threats::Threat &t : controls.document->report().threats)
        for (const QString &id : t.attack)
            if (const catalog::Technique *technique = controls.catalog.technique(id);
                technique && technique->containers)
                citing[technique->id] << t.id;
    QVERIFY(citing.size() >= 3);
    for (auto it = citing.cbegin(); it != citing.cend(); ++it) {
        const QModelIndex entry = model->entryIndex(it.key());
        QVERIFY2(entry.isValid(), qPrintable(it.key()));
        QVERIFY(stateOf(entry) != CoverageState::NotConsidered);
        QStringList listed = threatsUnder(entry);
        QStringList expected = it.value();
        listed.sort();
        expected.sort();
        expected.removeDuplicates();
        QCOMPARE(listed, expected);
        // Listed under each of its tactics.
        const catalog::Technique *technique = controls.catalog.technique(it.key());
        int tactics = 0;
        for (const QModelIndex &row : rowsOfKind(model, Kind::Entry))
            tactics += row.data(CoverageModel::IdRole).toString() == it.key() ? 1 : 0;
        QCOMPARE(tactics, technique->tactics.size());
    }

    // Every technique of the matrix is there; those no threat cites are "not considered".
    QSet<QString> listed;
    for (const QModelIndex &entry : rowsOfKind(model, Kind::Entry))
        listed.insert(entry.data(CoverageModel::IdRole).toString());
    int notConsidered = 0;
    for (const catalog::Technique &technique : controls.catalog.containersTechniques()) {
        if (technique.revoked)
            continue;
        QVERIFY2(listed.contains(technique.id), qPrintable(technique.id));
        const QModelIndex entry = model->entryIndex(technique.id);
        if (!citing.contains(technique.id)) {
            QCOMPARE(stateOf(entry), CoverageState::NotConsidered);
            QCOMPARE(model->rowCount(entry), 0);
            QCOMPARE(model->index(entry.row(), CoverageModel::StatusColumn, entry.parent())
                         .data()
                         .toString(),
                     QStringLiteral("not considered"));
            ++notConsidered;
        }
    }
    QVERIFY(notConsidered > 0);
    QVERIFY2(controls.view->attackSummary().contains(
                 QStringLiteral("%1 not considered").arg(notConsidered)),
             qPrintable(controls.view->attackSummary()));

    // Cited techniques outside the matrix go to their own group.
    for (const threats::Threat &t : controls.document->report().threats)
        for (const QString &id : t.attack) {
            const catalog::Technique *technique = controls.catalog.technique(id);
            if (technique && !technique->containers)
                QCOMPARE(model->entryIndex(technique->id)
                             .parent()
                             .data(CoverageModel::IdRole)
                             .toString(),
                         QStringLiteral("other"));
        }

    // The ATT&CK tab is a click away and selecting a technique's threat makes it current.
    QTabWidget *tabs = controls.view->tabs();
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
    QCOMPARE(tabs->currentIndex(), 1);
    QTreeView *tree = controls.view->attackTree();
    QVERIFY(tree->isVisible());
    const QString techniqueId = citing.cbegin().key();
    const QModelIndex entry
        = controls.view->attackFilter()->mapFromSource(model->entryIndex(techniqueId));
    tree->expand(entry);
    const QModelIndex threatRow
        = tree->model()->index(tree->model()->rowCount(entry) - 1, 0, entry);
    tree->scrollTo(threatRow);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(threatRow).center());
    QCOMPARE(controls.document->currentThreat(),
             threatRow.data(CoverageModel::ThreatIdRole).toString());
}

void TestControlsView::openOnlyKeepsOpenThreats()
{
    Controls controls;
    QVERIFY(controls.start());
    const QAbstractItemModel *shown = controls.view->nistTree()->model();
    const int allThreatRows = int(rowsOfKind(shown, Kind::Threat).size());
    // Settle some threats first.
    const QStringList order = controls.document->walkthroughOrder();
    for (int i = 0; i < order.size(); i += 3)
        controls.document->setStatus(order.at(i), DecisionStatus::Mitigated);
    QCOMPARE(rowsOfKind(shown, Kind::Threat).size(), allThreatRows);

    QTest::mouseClick(controls.view->openOnlyBox(), Qt::LeftButton);
    QVERIFY(controls.view->openOnlyBox()->isChecked());
    const QModelIndexList threatRows = rowsOfKind(shown, Kind::Threat);
    int expected = 0;
    for (const QModelIndex &entry : rowsOfKind(controls.view->nistModel(), Kind::Entry))
        for (const QString &id : threatsUnder(entry))
            expected += controls.isOpen(id) ? 1 : 0;
    QVERIFY(expected > 0);
    QVERIFY(expected < allThreatRows);
    QCOMPARE(threatRows.size(), expected);
    for (const QModelIndex &row : threatRows)
        QVERIFY(controls.isOpen(row.data(CoverageModel::ThreatIdRole).toString()));
    for (const QModelIndex &entry : rowsOfKind(shown, Kind::Entry))
        QCOMPARE(stateOf(entry), CoverageState::Open);
    // Not considered techniques are hidden too.
    for (const QModelIndex &entry : rowsOfKind(controls.view->attackTree()->model(), Kind::Entry))
        QCOMPARE(stateOf(entry), CoverageState::Open);

    // A decision made while filtering removes the threat from the list.
    const QString next = threatRows.first().data(CoverageModel::ThreatIdRole).toString();
    const auto rowsOf = [&](const QString &id) {
        int n = 0;
        for (const QModelIndex &row : rowsOfKind(shown, Kind::Threat))
            n += row.data(CoverageModel::ThreatIdRole).toString() == id ? 1 : 0;
        return n;
    };
    QVERIFY(rowsOf(next) > 0);
    controls.document->setStatus(next, DecisionStatus::Accepted);
    QCOMPARE(rowsOf(next), 0);

    QTest::mouseClick(controls.view->openOnlyBox(), Qt::LeftButton);
    QCOMPARE(rowsOfKind(shown, Kind::Threat).size(), allThreatRows);
}

QTEST_MAIN(TestControlsView)
#include "tst_controlsview.moc"
