// The Inspector dock with the analysed samples, a real review file and real clicks.

#include "testsupport.h"
#include "views/documentfixture.h"

#include "inspector/inspectorview.h"

#include "compose/composeproject.h"

#include <QFileInfo>
#include <QLabel>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QUndoStack>

using namespace threatdock;
using review::DecisionStatus;
using views::InspectorView;

namespace {

/// A document on a sample and an inspector showing it, on screen.
struct Inspector
{
    QTemporaryDir dir;
    std::unique_ptr<views::ReviewDocument> document;
    std::unique_ptr<InspectorView> view;

    bool start(const QString &sample = QStringLiteral("vulnerable"))
    {
        document = testing::makeDocument(dir, testing::sampleProject(sample));
        if (!document)
            return false;
        view = std::make_unique<InspectorView>(document.get());
        view->resize(420, 900);
        view->show();
        return QTest::qWaitForWindowExposed(view.get());
    }
    const compose::Service *service(const QString &name) const
    {
        return document->analysis().project.service(name);
    }
    int rowOf(QTreeWidget *list, const QString &id) const
    {
        for (int row = 0; row < list->topLevelItemCount(); ++row)
            if (list->topLevelItem(row)->data(0, InspectorView::IdRole).toString() == id)
                return row;
        return -1;
    }
    QPoint centreOf(QTreeWidget *list, int row) const
    {
        QTreeWidgetItem *item = list->topLevelItem(row);
        list->scrollToItem(item);
        return list->visualItemRect(item).center();
    }
};

/// Every text and tooltip the inspector shows.
QStringList shownTexts(const InspectorView &view)
{
    QStringList texts;
    for (const QLabel *label : view.findChildren<QLabel *>())
        texts << label->text();
    for (const QTreeWidget *tree : view.findChildren<QTreeWidget *>()) {
        QList<const QTreeWidgetItem *> pending;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            pending << tree->topLevelItem(i);
        while (!pending.isEmpty()) {
            const QTreeWidgetItem *item = pending.takeFirst();
            for (int c = 0; c < tree->columnCount(); ++c)
                texts << item->text(c) << item->toolTip(c);
            for (int i = 0; i < item->childCount(); ++i)
                pending << item->child(i);
        }
    }
    return texts;
}

} // namespace

class TestInspectorView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyStateUntilSomethingIsSelected();
    void serviceShowsImageUserAndSecurityOptions();
    void serviceLeftToItsImageSaysSo();
    void listsTheElementsThreatsAndFindings();
    void clickingAThreatMakesItCurrent();
    void followsTheCurrentThreatAndDecisions();
    void doubleClickingAFindingActivatesIt();
    void secretsNeverShown();
    void showsADataFlow();
};

void TestInspectorView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestInspectorView::emptyStateUntilSomethingIsSelected()
{
    Inspector inspector;
    QVERIFY(inspector.start());
    QVERIFY(inspector.view->isEmptyState());
    const auto *empty = inspector.view->findChild<QLabel *>(QStringLiteral("inspectorEmpty"));
    QVERIFY(empty && empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("Select an element in the diagram or the project tree"));

    inspector.document->selectElement(QStringLiteral("service:redis"));
    QVERIFY(!inspector.view->isEmptyState());
    QCOMPARE(inspector.view->elementId(), QStringLiteral("service:redis"));
    QVERIFY(!empty->isVisible());

    inspector.document->selectElement(QString());
    QVERIFY(inspector.view->isEmptyState());
    inspector.document->selectElement(QStringLiteral("service:no-such-service"));
    QVERIFY(inspector.view->isEmptyState());
}

void TestInspectorView::serviceShowsImageUserAndSecurityOptions()
{
    // The hardened sample sets image, user, options and limits in the compose file.
    Inspector inspector;
    QVERIFY(inspector.start(QStringLiteral("hardened")));
    const compose::Service *api = inspector.service(QStringLiteral("api"));
    QVERIFY(api);
    QVERIFY(!api->image.isEmpty());
    QVERIFY(!api->user.isEmpty());
    QVERIFY(!api->securityOpt.isEmpty());

    inspector.document->selectElement(QStringLiteral("service:api"));
    const InspectorView &view = *inspector.view;
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("inspectorTitle"))->text(), api->name);
    QCOMPARE(view.propertyText(QStringLiteral("image")), api->image);
    QCOMPARE(view.propertyText(QStringLiteral("user")), api->user);
    QCOMPARE(view.propertyText(QStringLiteral("security_opt")),
             api->securityOpt.join(QStringLiteral(", ")));
    QCOMPARE(view.propertyText(QStringLiteral("cap_drop")),
             api->capDrop.join(QStringLiteral(", ")));
    QCOMPARE(view.propertyText(QStringLiteral("networks")),
             api->networks.join(QStringLiteral(", ")));
    QCOMPARE(view.propertyText(QStringLiteral("tmpfs")), api->tmpfs.join(u'\n'));
    QCOMPARE(view.propertyText(QStringLiteral("pids limit")), QString::number(*api->pidsLimit));
    QVERIFY(!view.propertyText(QStringLiteral("memory limit")).isEmpty());
    QVERIFY(view.propertyText(QStringLiteral("ports")).contains(api->ports.value(0).hostIp));
    QCOMPARE(view.propertyText(QStringLiteral("kind")), QStringLiteral("process"));
    QCOMPARE(view.propertyText(QStringLiteral("service")), api->name);

    // Every fact of the element is listed.
    const system::Element *element = inspector.document->element(QStringLiteral("service:api"));
    QVERIFY(!element->facts.isEmpty());
    const QStringList texts = shownTexts(view);
    for (const QString &fact : element->facts)
        QVERIFY2(texts.contains(fact), qPrintable(fact));

    // Another selection replaces it all.
    const compose::Service *redis = inspector.service(QStringLiteral("redis"));
    inspector.document->selectElement(QStringLiteral("service:redis"));
    QCOMPARE(view.propertyText(QStringLiteral("image")), redis->image);
    QCOMPARE(view.propertyText(QStringLiteral("user")), redis->user);
    QVERIFY(redis->user != api->user);
}

void TestInspectorView::serviceLeftToItsImageSaysSo()
{
    // The vulnerable sample builds its api and sets no user: the image decides.
    Inspector inspector;
    QVERIFY(inspector.start());
    const compose::Service *api = inspector.service(QStringLiteral("api"));
    QVERIFY(api->image.isEmpty() && api->build && api->user.isEmpty());
    inspector.document->selectElement(QStringLiteral("service:api"));
    const QString image = inspector.view->propertyText(QStringLiteral("image"));
    QVERIFY2(image.startsWith(QStringLiteral("not set: built from ")), qPrintable(image));
    QVERIFY(image.endsWith(QFileInfo(api->build->context).fileName()));
    QCOMPARE(inspector.view->propertyText(QStringLiteral("user")),
             QStringLiteral("not set: the image's default user"));
    QVERIFY(inspector.document->element(QStringLiteral("service:api"))
                ->facts.contains(QStringLiteral("runs as root")));
    QVERIFY(shownTexts(*inspector.view).contains(QStringLiteral("runs as root")));
}

void TestInspectorView::listsTheElementsThreatsAndFindings()
{
    Inspector inspector;
    QVERIFY(inspector.start());
    const QString api = QStringLiteral("service:api");
    inspector.document->selectElement(api);
    const auto threats = inspector.document->threatsOf(api);
    const auto findings = inspector.document->findingsOf(api);
    QVERIFY(threats.size() > 1);
    QVERIFY(!findings.isEmpty());
    QTreeWidget *threatList = inspector.view->threatList();
    QCOMPARE(threatList->topLevelItemCount(), threats.size());
    for (int row = 0; row < threats.size(); ++row) {
        const QTreeWidgetItem *item = threatList->topLevelItem(row);
        QCOMPARE(item->data(0, InspectorView::IdRole).toString(), threats.at(row)->id);
        QCOMPARE(item->text(InspectorView::ThreatTitleColumn), threats.at(row)->title);
        QCOMPARE(item->text(InspectorView::ThreatStrideColumn), threats.at(row)->stride);
        QCOMPARE(item->text(InspectorView::ThreatStatusColumn), QStringLiteral("open"));
    }
    QTreeWidget *findingList = inspector.view->findingList();
    QCOMPARE(findingList->topLevelItemCount(), findings.size());
    for (int row = 0; row < findings.size(); ++row) {
        const QTreeWidgetItem *item = findingList->topLevelItem(row);
        QCOMPARE(item->data(0, InspectorView::IdRole).toString(), findings.at(row)->id);
        QCOMPARE(item->text(InspectorView::FindingRuleColumn), findings.at(row)->ruleId);
        if (findings.at(row)->line > 0)
            QVERIFY(item->text(InspectorView::FindingWhereColumn)
                        .endsWith(u':' + QString::number(findings.at(row)->line)));
    }

    // Redis has threats of its own, and none of the api's.
    inspector.document->selectElement(QStringLiteral("service:redis"));
    const auto redisThreats = inspector.document->threatsOf(QStringLiteral("service:redis"));
    QCOMPARE(threatList->topLevelItemCount(), redisThreats.size());
    QCOMPARE(inspector.rowOf(threatList, threats.first()->id), -1);
}

void TestInspectorView::clickingAThreatMakesItCurrent()
{
    Inspector inspector;
    QVERIFY(inspector.start());
    inspector.document->selectElement(QStringLiteral("service:api"));
    QTreeWidget *list = inspector.view->threatList();
    QVERIFY(list->topLevelItemCount() > 2);
    // The element's worst threat is current after the selection; click the last one.
    const QString first = list->topLevelItem(0)->data(0, InspectorView::IdRole).toString();
    QCOMPARE(inspector.document->currentThreat(), first);
    const int last = list->topLevelItemCount() - 1;
    const QString target = list->topLevelItem(last)->data(0, InspectorView::IdRole).toString();
    QSignalSpy current(inspector.document.get(), &views::ReviewDocument::currentThreatChanged);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, inspector.centreOf(list, last));
    QCOMPARE(inspector.document->currentThreat(), target);
    QCOMPARE(current.count(), 1);
    QCOMPARE(list->currentItem(), list->topLevelItem(last));
    QVERIFY(list->topLevelItem(last)->font(InspectorView::ThreatTitleColumn).bold());
    QVERIFY(!list->topLevelItem(0)->font(InspectorView::ThreatTitleColumn).bold());
    // The selection stays on the element.
    QCOMPARE(inspector.document->selectedElement(), QStringLiteral("service:api"));

    // The keyboard moves along the list, and the current threat with it.
    QTest::keyClick(list, Qt::Key_Up);
    QCOMPARE(inspector.document->currentThreat(),
             list->topLevelItem(last - 1)->data(0, InspectorView::IdRole).toString());
}

void TestInspectorView::followsTheCurrentThreatAndDecisions()
{
    Inspector inspector;
    QVERIFY(inspector.start());
    // Making a threat of redis current elsewhere shows redis with that threat marked.
    const auto redisThreats = inspector.document->threatsOf(QStringLiteral("service:redis"));
    QVERIFY(redisThreats.size() > 1);
    const QString threatId = redisThreats.last()->id;
    inspector.document->setCurrentThreat(threatId);
    QCOMPARE(inspector.view->elementId(), QStringLiteral("service:redis"));
    QTreeWidget *list = inspector.view->threatList();
    const int row = inspector.rowOf(list, threatId);
    QVERIFY(row >= 0);
    QCOMPARE(list->currentItem(), list->topLevelItem(row));

    // A decision changes the row and the heading's open count; undo restores both.
    const auto headingText = [&] {
        for (const QLabel *label : inspector.view->findChildren<QLabel *>())
            if (label->text().startsWith(QStringLiteral("Threats (")))
                return label->text();
        return QString();
    };
    const QString before = headingText();
    QVERIFY2(before.contains(QStringLiteral("%1 open").arg(redisThreats.size())),
             qPrintable(before));
    inspector.document->setStatus(threatId, DecisionStatus::NotApplicable);
    QCOMPARE(list->topLevelItem(row)->text(InspectorView::ThreatStatusColumn),
             QStringLiteral("not applicable"));
    QVERIFY2(headingText().contains(QStringLiteral("%1 open").arg(redisThreats.size() - 1)),
             qPrintable(headingText()));
    inspector.document->undoStack()->undo();
    QCOMPARE(list->topLevelItem(row)->text(InspectorView::ThreatStatusColumn),
             QStringLiteral("open"));
    QCOMPARE(headingText(), before);
}

void TestInspectorView::doubleClickingAFindingActivatesIt()
{
    Inspector inspector;
    QVERIFY(inspector.start());
    inspector.document->selectElement(QStringLiteral("service:api"));
    QTreeWidget *list = inspector.view->findingList();
    QVERIFY(list->topLevelItemCount() > 1);
    const int row = list->topLevelItemCount() - 1;
    const QString findingId = list->topLevelItem(row)->data(0, InspectorView::IdRole).toString();
    QSignalSpy activated(inspector.document.get(), &views::ReviewDocument::findingActivated);
    // A single click selects the row but activates nothing.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, inspector.centreOf(list, row));
    QCOMPARE(activated.count(), 0);
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, inspector.centreOf(list, row));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toString(), findingId);
}

void TestInspectorView::secretsNeverShown()
{
    // The vulnerable sample writes passwords into the compose file; the inspector lists
    // the environment and the findings about it, never the values.
    Inspector inspector;
    QVERIFY(inspector.start());
    QStringList secrets;
    for (const compose::EnvironmentVariable &v :
         inspector.service(QStringLiteral("api"))->environment)
        if (v.name.contains(QStringLiteral("PASSWORD")) && v.value)
            secrets << *v.value;
    QVERIFY(secrets.size() >= 2);
    for (const QString &elementId :
         {QStringLiteral("service:api"), QStringLiteral("service:redis")}) {
        inspector.document->selectElement(elementId);
        const QString environment = inspector.view->propertyText(QStringLiteral("environment"));
        if (elementId == u"service:api")
            QVERIFY2(environment.contains(QStringLiteral("ADMIN_PASSWORD=")),
                     qPrintable(environment));
        const QStringList texts = shownTexts(*inspector.view);
        for (const QString &text : texts)
            for (const QString &secret : std::as_const(secrets))
                QVERIFY2(!text.contains(secret),
                         qPrintable(elementId + QStringLiteral(": ") + text));
    }
}

void TestInspectorView::showsADataFlow()
{
    // Threats on flows select the flow; the inspector then describes the flow.
    Inspector inspector;
    QVERIFY(inspector.start());
    const system::SystemModel &model = inspector.document->report().systemModel;
    const system::DataFlow *published = nullptr;
    for (const system::DataFlow &flow : model.flows)
        if (flow.reason == u"published-port" && flow.to == u"service:redis")
            published = &flow;
    QVERIFY(published);
    inspector.document->selectElement(published->id);
    QVERIFY(!inspector.view->isEmptyState());
    QCOMPARE(inspector.view->propertyText(QStringLiteral("from")),
             model.element(published->from)->name);
    QCOMPARE(inspector.view->propertyText(QStringLiteral("to")), QStringLiteral("redis"));
    QCOMPARE(inspector.view->propertyText(QStringLiteral("exposure")), published->exposure);
    QCOMPARE(inspector.view->propertyText(QStringLiteral("port")),
             QString::number(published->port));
    QCOMPARE(inspector.view->threatList()->topLevelItemCount(),
             inspector.document->threatsOf(published->id).size());
}

QTEST_MAIN(TestInspectorView)
#include "tst_inspectorview.moc"
