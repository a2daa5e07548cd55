// Real projects: every awesome-compose project yields a threat model whose threats point at
// elements and flows of its system model, with findings that exist and stable, unique ids.
#include "compose/composeloader.h"
#include "rules/analysisinput.h"
#include "rules/ruleengine.h"
#include "system/systemmodelbuilder.h"
#include "testsupport.h"
#include "threats/threatgenerator.h"

#include <QSet>
#include <QTest>

using namespace threatdock;

class TestThreatsRealWorld : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void awesomeCompose_data()
    {
        QTest::addColumn<QString>("directory");
        QCOMPARE(testing::addAwesomeComposeRows(), 39);
    }

    void awesomeCompose()
    {
        QFETCH(QString, directory);
        compose::ComposeLoader::Options o;
        o.path = directory;
        o.processEnvironment = compose::Environment{};
        o.lenient = true;
        const compose::ComposeLoader::Result loaded = compose::ComposeLoader::load(o);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error->toString()));
        const rules::AnalysisInput input = rules::AnalysisInput::fromProject(*loaded.project);
        const QList<rules::Finding> findings = rules::RuleEngine().run(input);
        const system::SystemModel model = system::SystemModelBuilder::build(*loaded.project);
        const QList<threats::Threat> threats = threats::ThreatGenerator::generate(model, findings);
        QVERIFY(!threats.isEmpty());

        QSet<QString> subjects;
        for (const system::Element &e : model.elements)
            subjects.insert(e.id);
        for (const system::DataFlow &f : model.flows)
            subjects.insert(f.id);
        QSet<QString> findingIds;
        for (const rules::Finding &f : findings)
            findingIds.insert(f.id);

        QSet<QString> ids;
        QSet<QString> processesWithThreats;
        for (const threats::Threat &t : threats) {
            QVERIFY2(subjects.contains(t.elementId), qPrintable(t.id));
            QCOMPARE(t.id, t.templateId + u'@' + t.elementId);
            QVERIFY2(!ids.contains(t.id), qPrintable(t.id));
            ids.insert(t.id);
            QVERIFY(t.likelihood >= 1 && t.likelihood <= 4);
            QVERIFY(t.impact >= 1 && t.impact <= 4);
            QVERIFY(!t.why.isEmpty());
            for (const QString &f : t.findings)
                QVERIFY2(findingIds.contains(f), qPrintable(t.id + u' ' + f));
            if (const system::Element *e = model.element(t.elementId);
                e && e->kind == system::ElementKind::Process)
                processesWithThreats.insert(e->id);
        }
        // Every active service is a process and gets its STRIDE threats.
        for (const compose::Service &s : loaded.project->services)
            QVERIFY2(processesWithThreats.contains(QStringLiteral("service:") + s.name),
                     qPrintable(s.name));

        // Re-analysis gives the same threats.
        const QList<threats::Threat> again = threats::ThreatGenerator::generate(
            system::SystemModelBuilder::build(*loaded.project), findings);
        QCOMPARE(again.size(), threats.size());
        for (qsizetype i = 0; i < again.size(); ++i) {
            QCOMPARE(again.at(i).id, threats.at(i).id);
            QCOMPARE(again.at(i).severity, threats.at(i).severity);
        }
    }
};

THREATDOCK_CONFORMANCE_MAIN(TestThreatsRealWorld)
#include "tst_threatsrealworld.moc"
