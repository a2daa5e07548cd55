// Real projects: every awesome-compose project yields a consistent system model.
#include "compose/composeloader.h"
#include "system/systemmodelbuilder.h"
#include "testsupport.h"

#include <QDir>
#include <QSet>
#include <QTest>

using namespace threatdock;
using namespace threatdock::system;
using namespace threatdock::testing;

class TestSystemModelRealWorld : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void awesomeCompose_data()
    {
        QTest::addColumn<QString>("directory");
        QCOMPARE(addAwesomeComposeRows(), 39);
    }

    void awesomeCompose()
    {
        QFETCH(QString, directory);
        compose::ComposeLoader::Options o;
        o.path = directory;
        o.processEnvironment = compose::Environment{};
        o.lenient = true;
        const compose::ComposeLoader::Result r = compose::ComposeLoader::load(o);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error->toString()));
        const compose::ComposeProject &project = *r.project;
        const SystemModel model = SystemModelBuilder::build(project);

        QCOMPARE(model.projectName, project.name);
        // Processes are exactly the active services.
        QSet<QString> processes;
        for (const Element &e : model.elements)
            if (e.kind == ElementKind::Process) {
                QCOMPARE(e.id, QStringLiteral("service:") + e.service);
                processes.insert(e.service);
            }
        const QStringList services = project.serviceNames();
        QCOMPARE(processes, QSet<QString>(services.cbegin(), services.cend()));

        // Ids are unique, flows join existing elements, boundaries exist.
        QSet<QString> ids;
        for (const Element &e : model.elements) {
            QVERIFY2(!ids.contains(e.id), qPrintable(e.id));
            ids.insert(e.id);
            QVERIFY2(e.boundary.isEmpty() || model.boundary(e.boundary),
                     qPrintable(e.id + QStringLiteral(" in ") + e.boundary));
        }
        QVERIFY(model.boundary(QStringLiteral("boundary:host")));
        for (const TrustBoundary &b : model.boundaries)
            QVERIFY2(b.parent.isEmpty() || model.boundary(b.parent), qPrintable(b.id));
        QSet<QString> flowIds;
        for (const DataFlow &f : model.flows) {
            QVERIFY2(!flowIds.contains(f.id), qPrintable(f.id));
            flowIds.insert(f.id);
            QVERIFY2(model.element(f.from), qPrintable(f.id));
            QVERIFY2(model.element(f.to), qPrintable(f.id));
            QVERIFY2(!f.reason.isEmpty() && !f.exposure.isEmpty(), qPrintable(f.id));
        }

        // Every published port arrives from the Internet or from this host, on its port.
        for (const compose::Service &s : project.services)
            for (const compose::PortMapping &p : s.ports) {
                bool found = false;
                for (const DataFlow *f : model.flowsTo(QStringLiteral("service:") + s.name))
                    found = found
                        || (f->reason == u"published-port"
                            && (f->from == u"external:internet" || f->from == u"external:localhost")
                            && f->label.contains(QStringLiteral("→") + QString::number(p.target)
                                                 + u'/' + p.protocol));
                QVERIFY2(found, qPrintable(s.name + u' ' + QString::number(p.target)));
            }

        // A second build of the same project gives the same model.
        const SystemModel again = SystemModelBuilder::build(project);
        QCOMPARE(again.elements.size(), model.elements.size());
        for (qsizetype i = 0; i < model.elements.size(); ++i)
            QCOMPARE(again.elements.at(i).id, model.elements.at(i).id);
        for (qsizetype i = 0; i < model.flows.size(); ++i)
            QCOMPARE(again.flows.at(i).id, model.flows.at(i).id);
    }

    void knownProjects()
    {
        // A few projects whose architecture is known, checked element by element.
        const QDir root(conformancePath(QStringLiteral("real-world/awesome-compose")));
        auto load = [&](const QString &name) {
            compose::ComposeLoader::Options o;
            o.path = root.filePath(name);
            o.processEnvironment = compose::Environment{};
            o.lenient = true;
            const auto r = compose::ComposeLoader::load(o);
            return r.ok() ? SystemModelBuilder::build(*r.project) : SystemModel{};
        };
        const SystemModel pg = load(QStringLiteral("nginx-golang-postgres"));
        QCOMPARE(pg.element(QStringLiteral("service:proxy"))->role, u"proxy");
        QCOMPARE(pg.element(QStringLiteral("service:db"))->role, u"database");
        QVERIFY(pg.element(QStringLiteral("datastore:db")));
        QVERIFY(pg.element(QStringLiteral("volume:db-data")));
        QVERIFY(pg.element(QStringLiteral("secret:db-password")));
        QVERIFY(pg.element(QStringLiteral("bind:./proxy/nginx.conf")));
        QVERIFY(pg.element(QStringLiteral("external:internet")));
        QVERIFY(!pg.element(QStringLiteral("external:localhost")));

        const SystemModel plex = load(QStringLiteral("plex"));
        const Element *server = plex.element(QStringLiteral("service:plex"));
        QVERIFY(server);
        QCOMPARE(server->boundary, u"boundary:host");
        QVERIFY(server->facts.contains(u"host network"));

        const SystemModel wireguard = load(QStringLiteral("wireguard"));
        QVERIFY(wireguard.element(QStringLiteral("external:docker-host")));
        QVERIFY(wireguard.element(QStringLiteral("service:wireguard"))
                    ->facts.contains(u"cap_add: NET_ADMIN"));
    }
};

THREATDOCK_CONFORMANCE_MAIN(TestSystemModelRealWorld)
#include "tst_systemmodelrealworld.moc"
