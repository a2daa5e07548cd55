// SystemModelBuilder: each derivation rule on a small project written for it.
#include "compose/composeloader.h"
#include "projectfixture.h"
#include "system/systemmodelbuilder.h"

#include <QStandardPaths>
#include <QTest>

#include <utility>

using namespace threatdock;
using namespace threatdock::system;
using namespace threatdock::testing;

namespace {

struct Built
{
    SystemModel model;
    QString error;
};

Built build(std::initializer_list<std::pair<const char *, const char *>> files,
            const QStringList &composeFiles = {})
{
    ProjectFixture fixture(files);
    compose::ComposeLoader::Options options;
    options.path = fixture.path();
    for (const QString &f : composeFiles)
        options.files << fixture.path(f);
    options.processEnvironment = compose::Environment{};
    options.lenient = true;
    const auto loaded = compose::ComposeLoader::load(options);
    if (!loaded.ok())
        return {{}, loaded.error->toString()};
    return {SystemModelBuilder::build(*loaded.project), {}};
}

Built build(const char *compose)
{
    return build({{"compose.yaml", compose}});
}

QStringList elementIds(const SystemModel &m)
{
    QStringList ids;
    for (const Element &e : m.elements)
        ids << e.id;
    return ids;
}

QStringList flowIds(const SystemModel &m)
{
    QStringList ids;
    for (const DataFlow &f : m.flows)
        ids << f.id;
    return ids;
}

const DataFlow *flow(const SystemModel &m, const QString &from, const QString &to)
{
    for (const DataFlow &f : m.flows)
        if (f.from == from && f.to == to)
            return &f;
    return nullptr;
}

/// The model's invariants: every flow's ends exist, every boundary named exists, ids unique.
void checkConsistent(const SystemModel &m)
{
    QVERIFY(m.boundary(QStringLiteral("boundary:host")));
    const QStringList elements = elementIds(m);
    const QStringList flows = flowIds(m);
    QCOMPARE(QSet<QString>(elements.cbegin(), elements.cend()).size(), m.elements.size());
    QCOMPARE(QSet<QString>(flows.cbegin(), flows.cend()).size(), m.flows.size());
    for (const DataFlow &f : m.flows) {
        QVERIFY2(m.element(f.from), qPrintable(f.id));
        QVERIFY2(m.element(f.to), qPrintable(f.id));
        QCOMPARE(f.crossesBoundary, m.element(f.from)->boundary != m.element(f.to)->boundary);
    }
    for (const Element &e : m.elements)
        QVERIFY2(e.boundary.isEmpty() || m.boundary(e.boundary), qPrintable(e.id));
    for (const TrustBoundary &b : m.boundaries)
        QVERIFY2(b.parent.isEmpty() || m.boundary(b.parent), qPrintable(b.id));
}

/// One project written in two orders: the keys, the services and their settings reversed.
/// (No quoted "...//..." in multi-line raw strings: moc 6.4 loses the class after one.)
const char *const forwardOrder = R"(services:
  web:
    image: nginx
    ports: ["80:80"]
    depends_on: [api]
  api:
    build: .
    environment:
      DB: postgres://db/app
    volumes: ["./data:/data"]
  db:
    image: postgres
    volumes: ["pg:/var/lib/postgresql/data"]
volumes:
  pg: {}
)";
const char *const reversedOrder = R"(volumes:
  pg: {}
services:
  db:
    volumes: ["pg:/var/lib/postgresql/data"]
    image: postgres
  api:
    volumes: ["./data:/data"]
    environment:
      DB: postgres://db/app
    build: .
  web:
    depends_on: [api]
    ports: ["80:80"]
    image: nginx
)";

} // namespace

class TestSystemModelBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void processesAndRoles_data()
    {
        QTest::addColumn<QByteArray>("service");
        QTest::addColumn<QString>("role");
        QTest::newRow("nginx") << QByteArray("image: nginx:1.25") << "proxy";
        QTest::newRow("traefik registry")
            << QByteArray("image: docker.io/library/traefik:2.6") << "proxy";
        QTest::newRow("postgres") << QByteArray("image: postgres:16-alpine") << "database";
        QTest::newRow("bitnami postgresql")
            << QByteArray("image: bitnami/postgresql") << "database";
        QTest::newRow("mssql") << QByteArray("image: mcr.microsoft.com/mssql/server:2022-latest")
                               << "database";
        QTest::newRow("elasticsearch") << QByteArray("image: elasticsearch:7.16.1") << "database";
        QTest::newRow("redis") << QByteArray("image: redis:alpine") << "cache";
        QTest::newRow("rabbitmq") << QByteArray("image: rabbitmq:3-management") << "queue";
        QTest::newRow("wordpress") << QByteArray("image: wordpress:latest") << "web";
        QTest::newRow("pgadmin is not postgres") << QByteArray("image: dpage/pgadmin4") << "web";
        QTest::newRow("celery worker")
            << QByteArray("image: python:3.12\n    command: celery -A app worker") << "worker";
        QTest::newRow("build with http port")
            << QByteArray("build: .\n    ports: [\"8000:8000\"]") << "api";
        QTest::newRow("build without port") << QByteArray("build: .") << "service";
        QTest::newRow("unknown image") << QByteArray("image: linuxserver/wireguard") << "service";
    }

    void processesAndRoles()
    {
        QFETCH(QByteArray, service);
        QFETCH(QString, role);
        const QByteArray compose = "services:\n  thing:\n    " + service + '\n';
        const Built b = build(compose.constData());
        QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
        const Element *e = b.model.element(QStringLiteral("service:thing"));
        QVERIFY(e);
        QCOMPARE(e->kind, ElementKind::Process);
        QCOMPARE(e->role, role);
        QCOMPARE(e->service, QStringLiteral("thing"));
        QVERIFY(e->origin.line > 0);
        checkConsistent(b.model);
    }

    void rolesFromServiceNames()
    {
        const Built b = build(R"(services:
  worker:
    build: ./jobs
  frontend:
    build: ./frontend
  db:
    build: ./db
)");
        QCOMPARE(b.model.element(QStringLiteral("service:worker"))->role, u"worker");
        QCOMPARE(b.model.element(QStringLiteral("service:frontend"))->role, u"web");
        QCOMPARE(b.model.element(QStringLiteral("service:db"))->role, u"database");
        QVERIFY(b.model.element(QStringLiteral("datastore:db")));
    }

    void publishedPortByHostIp_data()
    {
        QTest::addColumn<QString>("port");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("exposure");
        QTest::addColumn<QString>("label");
        QTest::newRow("no host ip") << "8080:80"
                                    << "external:internet"
                                    << "internet"
                                    << "8080→80/tcp";
        QTest::newRow("0.0.0.0") << "0.0.0.0:8080:80"
                                 << "external:internet"
                                 << "internet"
                                 << "8080→80/tcp";
        QTest::newRow("ipv6 any") << "[::]:8080:80"
                                  << "external:internet"
                                  << "internet"
                                  << "8080→80/tcp";
        QTest::newRow("loopback") << "127.0.0.1:8080:80"
                                  << "external:localhost"
                                  << "host"
                                  << "127.0.0.1:8080→80/tcp";
        QTest::newRow("ipv6 loopback") << "[::1]:8080:80"
                                       << "external:localhost"
                                       << "host"
                                       << "::1:8080→80/tcp";
        QTest::newRow("udp") << "53:53/udp"
                             << "external:internet"
                             << "internet"
                             << "53→53/udp";
        QTest::newRow("ephemeral") << "80"
                                   << "external:internet"
                                   << "internet"
                                   << "ephemeral→80/tcp";
    }

    void publishedPortByHostIp()
    {
        QFETCH(QString, port);
        QFETCH(QString, from);
        QFETCH(QString, exposure);
        QFETCH(QString, label);
        const QByteArray compose
            = "services:\n  web:\n    image: nginx\n    ports: [\"" + port.toUtf8() + "\"]\n";
        const Built b = build(compose.constData());
        QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
        checkConsistent(b.model);
        const DataFlow *f = flow(b.model, from, QStringLiteral("service:web"));
        QVERIFY(f);
        QCOMPARE(f->reason, u"published-port");
        QCOMPARE(f->exposure, exposure);
        QCOMPARE(f->label, label);
        QVERIFY(f->crossesBoundary);
        QVERIFY(f->origin.line > 0);
        const QString other = from == u"external:internet" ? QStringLiteral("external:localhost")
                                                           : QStringLiteral("external:internet");
        QVERIFY(!b.model.element(other));
        const Element *entity = b.model.element(from);
        QCOMPARE(entity->kind, ElementKind::ExternalEntity);
    }

    void portFlowIdAndPort()
    {
        const Built b = build(R"(services:
  web:
    image: nginx
    ports: ["8080:80", "8443:443", "127.0.0.1:9000:9000"]
)");
        checkConsistent(b.model);
        const DataFlow *f = nullptr;
        for (const DataFlow &d : b.model.flows)
            if (d.id == u"flow:external:internet->service:web:8443")
                f = &d;
        QVERIFY(f);
        QCOMPARE(f->port, 8443);
        QCOMPARE(f->protocol, u"tcp");
        QVERIFY(flowIds(b.model).contains(u"flow:external:localhost->service:web:9000"));
    }

    void environmentReferences()
    {
        const Built b = build(R"(services:
  api:
    image: python:3.12
    environment:
      DATABASE_URL: postgres://app:s3cr3tPassw0rd@db:5432/app
      CACHE: redis:6379
      SEARCH_HOST: dbhost
      NOTE: use the db wisely
      JDBC: jdbc:mysql://legacy:3306/x
      PEERS: "kafka:9092,zookeeper:2181"
  db:
    image: postgres
  redis:
    image: redis
  dbhost:
    image: nginx
    environment:
      UPSTREAM: http://api:8080/health
      SUBSTRING: http://apiserver:8080
  legacy:
    image: mysql
  kafka:
    image: bitnami/kafka
  zookeeper:
    image: zookeeper
)");
        QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
        checkConsistent(b.model);
        const DataFlow *db
            = flow(b.model, QStringLiteral("service:api"), QStringLiteral("service:db"));
        QVERIFY(db);
        QCOMPARE(db->reason, u"env-reference");
        QCOMPARE(db->port, 5432);
        QCOMPARE(db->protocol, u"postgres");
        QCOMPARE(db->label, u"postgres://db:5432");
        QVERIFY(!db->label.contains(u"s3cr3t"));
        QCOMPARE(db->id, u"flow:service:api->service:db");
        QVERIFY(flow(b.model, QStringLiteral("service:api"), QStringLiteral("service:redis")));
        QCOMPARE(
            flow(b.model, QStringLiteral("service:api"), QStringLiteral("service:redis"))->label,
            u"CACHE=redis:6379");
        QVERIFY(flow(b.model, QStringLiteral("service:api"), QStringLiteral("service:dbhost")));
        QVERIFY(flow(b.model, QStringLiteral("service:api"), QStringLiteral("service:legacy")));
        QCOMPARE(flow(b.model, QStringLiteral("service:api"), QStringLiteral("service:legacy"))
                     ->protocol,
                 u"mysql");
        QVERIFY(flow(b.model, QStringLiteral("service:api"), QStringLiteral("service:kafka")));
        QVERIFY(flow(b.model, QStringLiteral("service:api"), QStringLiteral("service:zookeeper")));
        QVERIFY(flow(b.model, QStringLiteral("service:dbhost"), QStringLiteral("service:api")));
        // Whole host tokens only: "dbhost" and "apiserver" name no other service, and a
        // sentence that mentions "db" is not a host.
        int fromApiToDb = 0;
        for (const DataFlow &f : b.model.flows)
            if (f.from == u"service:api" && f.to == u"service:db")
                ++fromApiToDb;
        QCOMPARE(fromApiToDb, 1);
        QCOMPARE(b.model.flowsFrom(QStringLiteral("service:dbhost")).size(), 1);
        QVERIFY(!flow(b.model, QStringLiteral("service:db"), QStringLiteral("service:api")));
    }

    void noReferenceFromUserOrDatabaseNames()
    {
        const Built b = build(R"(services:
  app:
    image: node
    environment:
      POSTGRES_USER: postgres
      POSTGRES_DB: postgres
      DB_PASSWORD: postgres
  postgres:
    image: postgres
)");
        QVERIFY(!flow(b.model, QStringLiteral("service:app"), QStringLiteral("service:postgres")));
        const Element *app = b.model.element(QStringLiteral("service:app"));
        QVERIFY(app->facts.contains(u"secret in environment: DB_PASSWORD"));
        QVERIFY(app->properties.value(QStringLiteral("environment")).contains(u"DB_PASSWORD=****"));
    }

    void aliasesAndContainerNames()
    {
        const Built b = build(R"(services:
  app:
    image: node
    environment:
      DB: mysql://database:3306
      Q: amqp://broker
  db:
    image: mysql
    networks:
      default:
        aliases: [database]
  rabbit:
    image: rabbitmq
    container_name: broker
)");
        checkConsistent(b.model);
        QVERIFY(flow(b.model, QStringLiteral("service:app"), QStringLiteral("service:db")));
        QVERIFY(flow(b.model, QStringLiteral("service:app"), QStringLiteral("service:rabbit")));
    }

    void dependsOnAndLinks()
    {
        const Built b = build(R"(services:
  web:
    image: nginx
    depends_on: [api]
    links: ["cache:kv"]
  api:
    build: .
    depends_on:
      db: {condition: service_healthy}
    environment:
      DB_HOST: db
  db:
    image: postgres
  cache:
    image: redis
)");
        checkConsistent(b.model);
        const DataFlow *dep
            = flow(b.model, QStringLiteral("service:web"), QStringLiteral("service:api"));
        QVERIFY(dep);
        QCOMPARE(dep->reason, u"depends_on");
        QCOMPARE(dep->exposure, u"internal");
        QVERIFY(!dep->crossesBoundary);
        const DataFlow *link
            = flow(b.model, QStringLiteral("service:web"), QStringLiteral("service:cache"));
        QVERIFY(link);
        QCOMPARE(link->reason, u"link");
        // depends_on and an environment reference to the same service are one flow.
        const DataFlow *db
            = flow(b.model, QStringLiteral("service:api"), QStringLiteral("service:db"));
        QVERIFY(db);
        QCOMPARE(db->reason, u"env-reference");
        QCOMPARE(db->label, u"DB_HOST=db, depends_on");
        QCOMPARE(b.model.flowsFrom(QStringLiteral("service:api")).size(), 1);
    }

    void volumesReadOnlyAndReadWrite()
    {
        const Built b = build(R"(services:
  db:
    image: postgres
    volumes:
      - db-data:/var/lib/postgresql/data
      - ./init:/docker-entrypoint-initdb.d:ro
      - /srv/backups:/backups
      - /var/lib/postgresql/tmp
      - type: tmpfs
        target: /run
volumes:
  db-data: {}
)");
        QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
        checkConsistent(b.model);
        const Element *volume = b.model.element(QStringLiteral("volume:db-data"));
        QVERIFY(volume);
        QCOMPARE(volume->kind, ElementKind::DataStore);
        QCOMPARE(volume->role, u"volume");
        QCOMPARE(volume->boundary, u"boundary:host");
        const DataFlow *rw
            = flow(b.model, QStringLiteral("service:db"), QStringLiteral("volume:db-data"));
        QVERIFY(rw);
        QVERIFY(!rw->readOnly);
        QCOMPARE(rw->reason, u"volume");
        QCOMPARE(rw->label, u"rw /var/lib/postgresql/data");
        QCOMPARE(rw->id, u"flow:service:db->volume:db-data:/var/lib/postgresql/data");
        QVERIFY(b.model.element(QStringLiteral("bind:./init")));
        QCOMPARE(b.model.element(QStringLiteral("bind:./init"))->role, u"bind-mount");
        const DataFlow *ro
            = flow(b.model, QStringLiteral("bind:./init"), QStringLiteral("service:db"));
        QVERIFY(ro);
        QVERIFY(ro->readOnly);
        QVERIFY(!flow(b.model, QStringLiteral("service:db"), QStringLiteral("bind:./init")));
        QVERIFY(flow(b.model, QStringLiteral("service:db"), QStringLiteral("bind:/srv/backups")));
        QVERIFY(b.model.element(QStringLiteral("volume:db:/var/lib/postgresql/tmp")));
        QVERIFY(!b.model.element(QStringLiteral("external:docker-host")));
        // The database keeps data of its own, written by its process.
        const Element *store = b.model.element(QStringLiteral("datastore:db"));
        QVERIFY(store);
        QCOMPARE(store->role, u"database");
        QCOMPARE(store->service, u"db");
        QVERIFY(flow(b.model, QStringLiteral("service:db"), QStringLiteral("datastore:db")));
    }

    void externalVolume()
    {
        const Built b = build(R"(services:
  app:
    image: nginx
    volumes: ["shared:/shared:ro"]
volumes:
  shared: {external: true, name: team-shared}
)");
        checkConsistent(b.model);
        const Element *e = b.model.element(QStringLiteral("external-volume:shared"));
        QVERIFY(e);
        QCOMPARE(e->kind, ElementKind::ExternalEntity);
        QCOMPARE(e->name, u"team-shared");
        QVERIFY(flow(b.model, e->id, QStringLiteral("service:app")));
    }

    void networksAndInternal()
    {
        const Built b = build(R"(services:
  proxy:
    image: nginx
    networks: [front, back]
    ports: ["80:80"]
  api:
    build: .
    networks: [back]
    environment:
      UPSTREAM: http://proxy:80
  db:
    image: postgres
    networks: [back]
  lone:
    image: busybox
networks:
  front: {}
  back: {internal: true}
)");
        QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
        checkConsistent(b.model);
        const TrustBoundary *front = b.model.boundary(QStringLiteral("network:front"));
        const TrustBoundary *back = b.model.boundary(QStringLiteral("network:back"));
        QVERIFY(front && back);
        QVERIFY(!front->internal);
        QVERIFY(back->internal);
        QCOMPARE(back->kind, u"network");
        QCOMPARE(back->name, u"back");
        QCOMPARE(back->parent, u"boundary:host");
        QVERIFY(back->origin.line > 0);
        QCOMPARE(b.model.element(QStringLiteral("service:proxy"))->boundary, u"network:front");
        QCOMPARE(b.model.element(QStringLiteral("service:api"))->boundary, u"network:back");
        QCOMPARE(b.model.element(QStringLiteral("service:lone"))->boundary, u"network:default");
        QVERIFY(b.model.element(QStringLiteral("service:db"))
                    ->facts.contains(u"internal network only"));
        QVERIFY(!b.model.element(QStringLiteral("service:proxy"))
                     ->facts.contains(u"internal network only"));
        QVERIFY(flow(b.model, QStringLiteral("service:api"), QStringLiteral("service:proxy"))
                    ->crossesBoundary);
        QVERIFY(!flow(b.model, QStringLiteral("service:db"), QStringLiteral("datastore:db"))
                     ->crossesBoundary);
    }

    void externalNetwork()
    {
        const Built b = build(R"(services:
  app:
    image: nginx
    networks: [edge]
networks:
  edge: {external: true, name: traefik-public}
)");
        checkConsistent(b.model);
        const TrustBoundary *edge = b.model.boundary(QStringLiteral("network:edge"));
        QVERIFY(edge);
        QCOMPARE(edge->kind, u"external-network");
        QCOMPARE(edge->name, u"edge (traefik-public)");
        const Element *others = b.model.element(QStringLiteral("external-network:edge"));
        QVERIFY(others);
        QCOMPARE(others->kind, ElementKind::ExternalEntity);
        QCOMPARE(others->role, u"external-network");
        QVERIFY(flow(b.model, others->id, QStringLiteral("service:app")));
    }

    void hostNamespacesCollapseIntoHost()
    {
        const Built b = build(R"(services:
  monitor:
    image: prom/node-exporter
    network_mode: host
    pid: host
  debug:
    image: busybox
    privileged: true
    ipc: host
    devices: ["/dev/snd:/dev/snd"]
  plain:
    image: busybox
)");
        checkConsistent(b.model);
        const Element *monitor = b.model.element(QStringLiteral("service:monitor"));
        QCOMPARE(monitor->boundary, u"boundary:host");
        QVERIFY(monitor->facts.contains(u"host network"));
        QVERIFY(monitor->facts.contains(u"host pid"));
        QVERIFY(monitor->facts.contains(u"container boundary collapsed into host"));
        const Element *debug = b.model.element(QStringLiteral("service:debug"));
        QCOMPARE(debug->boundary, u"boundary:host");
        QVERIFY(debug->facts.contains(u"privileged"));
        QVERIFY(debug->facts.contains(u"host ipc"));
        QVERIFY(debug->facts.contains(u"device mapped: /dev/snd"));
        const DataFlow *access = flow(b.model, QStringLiteral("service:debug"),
                                      QStringLiteral("external:docker-host"));
        QVERIFY(access);
        QCOMPARE(access->label, u"privileged, host ipc, device /dev/snd");
        QVERIFY(!access->crossesBoundary);
        QVERIFY(flow(b.model, QStringLiteral("service:monitor"),
                     QStringLiteral("external:docker-host")));
        QCOMPARE(b.model.element(QStringLiteral("service:plain"))->boundary, u"network:default");
        QVERIFY(!b.model.element(QStringLiteral("service:plain"))
                     ->facts.contains(u"container boundary collapsed into host"));
    }

    void dockerSocketAndHostPaths()
    {
        const Built b = build(R"(services:
  agent:
    image: portainer/agent
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - /etc:/host/etc:ro
      - /lib/modules:/lib/modules
)");
        checkConsistent(b.model);
        const Element *agent = b.model.element(QStringLiteral("service:agent"));
        QVERIFY(agent->facts.contains(u"docker socket mounted"));
        QVERIFY(agent->facts.contains(u"sensitive host path mounted: /etc"));
        QVERIFY(agent->facts.contains(u"sensitive host path mounted: /lib/modules"));
        const Element *host = b.model.element(QStringLiteral("external:docker-host"));
        QVERIFY(host);
        QCOMPARE(host->kind, ElementKind::ExternalEntity);
        // The socket is the Docker API: read_only does not make it one-way.
        const DataFlow *socket = flow(b.model, agent->id, host->id);
        QVERIFY(socket);
        QVERIFY(flowIds(b.model).contains(
            u"flow:service:agent->external:docker-host:/var/run/docker.sock"));
        QVERIFY(flowIds(b.model).contains(u"flow:external:docker-host->service:agent:/host/etc"));
        QVERIFY(
            flowIds(b.model).contains(u"flow:service:agent->external:docker-host:/lib/modules"));
        for (const Element &e : b.model.elements)
            QVERIFY2(!e.id.startsWith(u"bind:"), qPrintable(e.id));
    }

    void networkModeService()
    {
        const Built b = build(R"(services:
  vpn:
    image: linuxserver/wireguard
    networks: [tunnel]
  app:
    image: busybox
    network_mode: "service:vpn"
networks:
  tunnel: {}
)");
        checkConsistent(b.model);
        QCOMPARE(b.model.element(QStringLiteral("service:app"))->boundary, u"network:tunnel");
        const DataFlow *f
            = flow(b.model, QStringLiteral("service:app"), QStringLiteral("service:vpn"));
        QVERIFY(f);
        QCOMPARE(f->reason, u"network-mode");
    }

    void secretsAndFacts()
    {
        const Built b = build(R"(services:
  app:
    image: myorg/app
    user: "1000:1000"
    read_only: true
    cap_drop: [ALL]
    cap_add: [NET_BIND_SERVICE]
    security_opt: ["no-new-privileges:true"]
    mem_limit: 256m
    pids_limit: 100
    healthcheck: {test: ["CMD", "true"]}
    secrets: [db_password]
    environment:
      API_TOKEN: abcdefghijklmnop1234567890
  rooty:
    image: myorg/app
    user: root
  defaultuser:
    image: myorg/app
secrets:
  db_password: {file: ./secrets/db_password.txt}
)");
        QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
        checkConsistent(b.model);
        const Element *app = b.model.element(QStringLiteral("service:app"));
        for (const char *fact : {"read-only root filesystem", "no-new-privileges", "cap_drop ALL",
                                 "memory limit", "pids limit", "healthcheck",
                                 "cap_add: NET_BIND_SERVICE", "secret in environment: API_TOKEN"})
            QVERIFY2(app->facts.contains(QString::fromUtf8(fact)), fact);
        QVERIFY(!app->facts.contains(u"runs as root"));
        QVERIFY(b.model.element(QStringLiteral("service:rooty"))->facts.contains(u"runs as root"));
        const Element *defaultUser = b.model.element(QStringLiteral("service:defaultuser"));
        QVERIFY(defaultUser->facts.contains(u"runs as root"));
        QVERIFY(!defaultUser->properties.contains(QStringLiteral("user")));
        QVERIFY(!defaultUser->facts.contains(u"read-only root filesystem"));
        QCOMPARE(defaultUser->properties.value(QStringLiteral("read_only")), u"false");
        for (auto it = app->properties.cbegin(); it != app->properties.cend(); ++it)
            QVERIFY2(!it.value().contains(u"abcdefghijklmnop"), qPrintable(it.key()));
        for (const QString &fact : app->facts)
            QVERIFY(!fact.contains(u"abcdefghijklmnop"));
        QCOMPARE(app->properties.value(QStringLiteral("user")), u"1000:1000");
        QVERIFY(!app->properties.value(QStringLiteral("memory limit")).isEmpty());
        QCOMPARE(app->properties.value(QStringLiteral("read_only")), u"true");
        const Element *secret = b.model.element(QStringLiteral("secret:db_password"));
        QVERIFY(secret);
        QCOMPARE(secret->kind, ElementKind::DataStore);
        QCOMPARE(secret->role, u"secret");
        QCOMPARE(secret->properties.value(QStringLiteral("file")), u"./secrets/db_password.txt");
        const DataFlow *f = flow(b.model, secret->id, app->id);
        QVERIFY(f);
        QCOMPARE(f->reason, u"secret");
        QVERIFY(f->readOnly);
    }

    void stableAcrossReordering()
    {
        const Built a = build({{"compose.yaml", forwardOrder}});
        const Built b = build({{"compose.yaml", reversedOrder}});
        QCOMPARE(elementIds(a.model), elementIds(b.model));
        QCOMPARE(flowIds(a.model), flowIds(b.model));
        // Split across two files, merged in either order: the same ids.
        const char *one = "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n";
        const char *two = "services:\n  db:\n    image: postgres\n";
        const Built c = build({{"a.yaml", one}, {"b.yaml", two}},
                              {QStringLiteral("a.yaml"), QStringLiteral("b.yaml")});
        const Built d = build({{"a.yaml", one}, {"b.yaml", two}},
                              {QStringLiteral("b.yaml"), QStringLiteral("a.yaml")});
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        QCOMPARE(elementIds(c.model), elementIds(d.model));
        QCOMPARE(flowIds(c.model), flowIds(d.model));
        // Adding a service keeps every id that was there.
        const Built e = build(R"(services:
  web:
    image: nginx
    ports: ["80:80"]
    depends_on: [api]
  api:
    build: .
    environment:
      DB: postgres://db/app
    volumes: ["./data:/data"]
  db:
    image: postgres
    volumes: ["pg:/var/lib/postgresql/data"]
  worker:
    build: ./worker
    environment:
      DB: postgres://db/app
volumes:
  pg: {}
)");
        for (const QString &id : elementIds(a.model))
            QVERIFY2(elementIds(e.model).contains(id), qPrintable(id));
        for (const QString &id : flowIds(a.model))
            QVERIFY2(flowIds(e.model).contains(id), qPrintable(id));
    }
};

QTEST_GUILESS_MAIN(TestSystemModelBuilder)
#include "tst_systemmodelbuilder.moc"
