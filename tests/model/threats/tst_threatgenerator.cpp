// ThreatGenerator: templates, applicability, mitigations, findings, risk and stable ids,
// on system models built by hand (the builder has its own tests).
#include "catalog/catalog.h"
#include "rules/ruleset.h"
#include "testsupport.h"
#include "threats/riskscale.h"
#include "threats/threatgenerator.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace threatdock;
using rules::Finding;
using rules::Severity;
using system::DataFlow;
using system::Element;
using system::ElementKind;
using system::SystemModel;
using threats::RiskScale;
using threats::Threat;
using threats::ThreatGenerator;
using threats::ThreatTemplate;
using threats::ThreatTemplateReader;

namespace {

const QString composeFile = QStringLiteral("/project/compose.yaml");

Element element(const QString &id, ElementKind kind, const QString &role, const QString &service,
                const QString &boundary, int line, const QStringList &facts = {})
{
    Element e;
    e.id = id;
    e.kind = kind;
    e.name = id.section(u':', 1);
    e.role = role;
    e.service = service;
    e.boundary = boundary;
    e.origin = {composeFile, line, 3};
    e.facts = facts;
    return e;
}

Element process(const QString &name, const QString &role, int line, const QStringList &facts = {},
                const QString &boundary = QStringLiteral("network:back"))
{
    Element e = element(QStringLiteral("service:") + name, ElementKind::Process, role, name,
                        boundary, line, facts);
    e.properties.insert(QStringLiteral("user"),
                        facts.contains(QStringLiteral("runs as root"))
                            ? QStringLiteral("(image default)")
                            : QStringLiteral("1000"));
    return e;
}

DataFlow flow(const QString &from, const QString &to, const QString &reason,
              const QString &exposure, int port = 0, bool crosses = false, bool readOnly = false)
{
    DataFlow f;
    f.from = from;
    f.to = to;
    f.id = QStringLiteral("flow:") + from + QStringLiteral("->") + to
        + (port ? u':' + QString::number(port) : QString());
    f.reason = reason;
    f.exposure = exposure;
    f.port = port;
    f.protocol = port ? QStringLiteral("tcp") : QString();
    f.crossesBoundary = crosses;
    f.readOnly = readOnly;
    f.label = reason;
    f.origin = {composeFile, 40, 5};
    return f;
}

/// A small shop: an Internet-facing web front (root, nothing hardened), an api that is
/// fully hardened, a postgres database on an internal network with its data, a worker
/// with the Docker socket in the host network, volumes (one for logs), a host bind, a
/// secret file.
SystemModel shop()
{
    SystemModel m;
    m.projectName = QStringLiteral("shop");
    system::TrustBoundary host;
    host.id = QStringLiteral("boundary:host");
    host.kind = QStringLiteral("host");
    system::TrustBoundary front;
    front.id = QStringLiteral("network:front");
    front.name = QStringLiteral("front");
    front.kind = QStringLiteral("network");
    front.parent = host.id;
    system::TrustBoundary back = front;
    back.id = QStringLiteral("network:back");
    back.name = QStringLiteral("back");
    back.internal = true;
    back.origin = {composeFile, 60, 3};
    m.boundaries = {host, front, back};

    Element web = process(QStringLiteral("web"), QStringLiteral("web"), 2,
                          {QStringLiteral("runs as root")}, front.id);
    web.properties.insert(QStringLiteral("build"), QStringLiteral("./web"));
    m.elements << web;
    Element api
        = process(QStringLiteral("api"), QStringLiteral("api"), 10,
                  {QStringLiteral("read-only root filesystem"), QStringLiteral("no-new-privileges"),
                   QStringLiteral("cap_drop ALL"), QStringLiteral("memory limit"),
                   QStringLiteral("pids limit"), QStringLiteral("healthcheck")},
                  back.id);
    api.properties.insert(QStringLiteral("cpus"), QStringLiteral("0.5"));
    api.properties.insert(QStringLiteral("restart"), QStringLiteral("on-failure:5"));
    m.elements << api;
    m.elements << process(QStringLiteral("db"), QStringLiteral("database"), 20,
                          {QStringLiteral("runs as root"), QStringLiteral("internal network only"),
                           QStringLiteral("secret in environment: POSTGRES_PASSWORD")},
                          back.id);
    m.elements << process(QStringLiteral("worker"), QStringLiteral("worker"), 30,
                          {QStringLiteral("runs as root"), QStringLiteral("docker socket mounted"),
                           QStringLiteral("host network"), QStringLiteral("host pid"),
                           QStringLiteral("privileged")},
                          host.id);
    m.elements << element(QStringLiteral("datastore:db"), ElementKind::DataStore,
                          QStringLiteral("database"), QStringLiteral("db"), back.id, 20);
    m.elements << element(QStringLiteral("volume:static"), ElementKind::DataStore,
                          QStringLiteral("volume"), QString(), host.id, 50);
    m.elements << element(QStringLiteral("volume:logs"), ElementKind::DataStore,
                          QStringLiteral("volume"), QString(), host.id, 51);
    m.elements << element(QStringLiteral("bind:/etc/ssl"), ElementKind::DataStore,
                          QStringLiteral("bind-mount"), QString(), host.id, 52);
    m.elements << element(QStringLiteral("bind:./config"), ElementKind::DataStore,
                          QStringLiteral("bind-mount"), QString(), host.id, 53);
    m.elements << element(QStringLiteral("secret:db_password"), ElementKind::DataStore,
                          QStringLiteral("secret"), QString(), host.id, 54);
    m.elements << element(QStringLiteral("external:internet"), ElementKind::ExternalEntity,
                          QStringLiteral("internet"), QString(), QString(), 0);
    m.elements << element(QStringLiteral("external:localhost"), ElementKind::ExternalEntity,
                          QStringLiteral("localhost"), QString(), host.id, 0);
    m.elements << element(QStringLiteral("external:docker-host"), ElementKind::ExternalEntity,
                          QStringLiteral("docker-host"), QString(), host.id, 0);

    m.flows << flow(QStringLiteral("external:internet"), QStringLiteral("service:web"),
                    QStringLiteral("published-port"), QStringLiteral("internet"), 80, true);
    m.flows << flow(QStringLiteral("external:localhost"), QStringLiteral("service:db"),
                    QStringLiteral("published-port"), QStringLiteral("host"), 5432, true);
    DataFlow webApi = flow(QStringLiteral("service:web"), QStringLiteral("service:api"),
                           QStringLiteral("env-reference"), QStringLiteral("internal"), 8443, true);
    webApi.protocol = QStringLiteral("https");
    m.flows << webApi;
    m.flows << flow(QStringLiteral("service:api"), QStringLiteral("service:db"),
                    QStringLiteral("env-reference"), QStringLiteral("internal"), 5432, false);
    m.flows << flow(QStringLiteral("service:web"), QStringLiteral("service:worker"),
                    QStringLiteral("depends_on"), QStringLiteral("internal"), 0, true);
    m.flows << flow(QStringLiteral("service:db"), QStringLiteral("datastore:db"),
                    QStringLiteral("datastore"), QStringLiteral("internal"));
    m.flows << flow(QStringLiteral("volume:static"), QStringLiteral("service:web"),
                    QStringLiteral("volume"), QStringLiteral("internal"), 0, true, true);
    DataFlow logs = flow(QStringLiteral("service:web"), QStringLiteral("volume:logs"),
                         QStringLiteral("volume"), QStringLiteral("internal"), 0, true, false);
    logs.label = QStringLiteral("rw /var/log/nginx");
    m.flows << logs;
    m.flows << flow(QStringLiteral("service:worker"), QStringLiteral("bind:/etc/ssl"),
                    QStringLiteral("volume"), QStringLiteral("internal"), 0, true, false);
    m.flows << flow(QStringLiteral("bind:./config"), QStringLiteral("service:api"),
                    QStringLiteral("volume"), QStringLiteral("internal"), 0, true, true);
    m.flows << flow(QStringLiteral("secret:db_password"), QStringLiteral("service:db"),
                    QStringLiteral("secret"), QStringLiteral("internal"), 0, true, true);
    m.flows << flow(QStringLiteral("service:worker"), QStringLiteral("external:docker-host"),
                    QStringLiteral("host-access"), QStringLiteral("internal"));
    return m;
}

Finding finding(const QString &rule, const QString &service, Severity severity)
{
    Finding f;
    f.ruleId = rule;
    f.id = rule + QStringLiteral("@service:") + service;
    f.service = service;
    f.severity = severity;
    f.file = composeFile;
    f.line = 7;
    return f;
}

const Threat *find(const QList<Threat> &threats, const QString &id)
{
    for (const Threat &t : threats)
        if (t.id == id)
            return &t;
    return nullptr;
}

const ThreatTemplate *templateById(const QString &id)
{
    for (const ThreatTemplate &t : ThreatTemplateReader::builtIn())
        if (t.id == id)
            return &t;
    return nullptr;
}

} // namespace

class TestThreatGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void templatesAreStridePerElement();
    void catalogReferencesExist();
    void evidenceRulesExist();
    void riskScale_data();
    void riskScale();
    void likelihoodRules();
    void applicability_data();
    void applicability();
    void everyConditionDiscriminates();
    void mitigationRecognition();
    void mitigatedByConfiguration();
    void findingsAttachAndRaiseLikelihood();
    void findingsOfOtherServicesOrRulesDoNotAttach();
    void whyExplains();
    void secretsNeverInOutput();
    void idsAreStable();
    void badTemplateFilesAreRefused_data();
    void badTemplateFilesAreRefused();
};

void TestThreatGenerator::templatesAreStridePerElement()
{
    const QList<ThreatTemplate> &templates = ThreatTemplateReader::builtIn();
    QVERIFY2(templates.size() >= 30 && templates.size() <= 45,
             qPrintable(QString::number(templates.size())));
    const QHash<QString, QString> allowed{
        {QStringLiteral("process"), QStringLiteral("STRIDE")},
        {QStringLiteral("data-store"), QStringLiteral("TIDR")},
        {QStringLiteral("data-flow"), QStringLiteral("TID")},
        {QStringLiteral("external-entity"), QStringLiteral("SR")}};
    QHash<QString, QString> covered;
    for (const ThreatTemplate &t : templates) {
        QVERIFY2(!t.title.isEmpty() && !t.description.isEmpty(), qPrintable(t.id));
        QVERIFY2(!t.attack.isEmpty() && !t.nist.isEmpty() && !t.sp800190.isEmpty(),
                 qPrintable(t.id));
        QVERIFY2(!t.mitigations.isEmpty(), qPrintable(t.id));
        for (const QString &kind : t.kinds) {
            QVERIFY2(allowed.value(kind).contains(t.stride), qPrintable(t.id + u' ' + kind));
            if (!covered[kind].contains(t.stride))
                covered[kind] += t.stride;
        }
    }
    for (auto it = allowed.cbegin(); it != allowed.cend(); ++it)
        for (QChar letter : it.value())
            QVERIFY2(covered.value(it.key()).contains(letter),
                     qPrintable(it.key() + QStringLiteral(" lacks ") + letter));
}

void TestThreatGenerator::catalogReferencesExist()
{
    const catalog::Catalog::LoadResult r = catalog::Catalog::load(QString());
    QVERIFY(r.ok());
    for (const ThreatTemplate &t : ThreatTemplateReader::builtIn()) {
        for (const QString &a : t.attack) {
            const catalog::Technique *tech = r.catalog->technique(a);
            QVERIFY2(tech && !tech->revoked, qPrintable(t.id + u' ' + a));
        }
        for (const QString &n : t.nist)
            QVERIFY2(r.catalog->control(n), qPrintable(t.id + u' ' + n));
        const catalog::Sp800190Section *section = r.catalog->sp800190Section(t.sp800190);
        QVERIFY2(section && section->kind == catalog::Sp800190Section::Kind::Risk,
                 qPrintable(t.id + u' ' + t.sp800190));
    }
}

void TestThreatGenerator::evidenceRulesExist()
{
    const catalog::Catalog::LoadResult r = catalog::Catalog::load(QString());
    QVERIFY(r.ok());
    const rules::RuleSet &ruleSet = rules::RuleSet::builtIn();
    for (const ThreatTemplate &t : ThreatTemplateReader::builtIn())
        for (const QString &id : t.evidence)
            QVERIFY2(ruleSet.find(id) || r.catalog->banditTest(id), qPrintable(t.id + u' ' + id));
}

void TestThreatGenerator::riskScale_data()
{
    QTest::addColumn<int>("likelihood");
    QTest::addColumn<int>("impact");
    QTest::addColumn<int>("risk");
    QTest::addColumn<Severity>("level");
    // The whole documented table.
    const int risks[4][4] = {{1, 2, 3, 4}, {2, 4, 6, 8}, {3, 6, 9, 12}, {4, 8, 12, 16}};
    for (int l = 1; l <= 4; ++l) {
        for (int i = 1; i <= 4; ++i) {
            const int risk = risks[l - 1][i - 1];
            const Severity level = risk <= 3 ? Severity::Low
                : risk <= 6                  ? Severity::Medium
                : risk <= 9                  ? Severity::High
                                             : Severity::Critical;
            QTest::addRow("L%dxI%d", l, i) << l << i << risk << level;
        }
    }
}

void TestThreatGenerator::riskScale()
{
    QFETCH(int, likelihood);
    QFETCH(int, impact);
    QFETCH(int, risk);
    QFETCH(Severity, level);
    QCOMPARE(RiskScale::risk(likelihood, impact), risk);
    QCOMPARE(RiskScale::severity(likelihood, impact), level);
}

void TestThreatGenerator::likelihoodRules()
{
    QCOMPARE(RiskScale::likelihoodRaise(Severity::Info), 0);
    QCOMPARE(RiskScale::likelihoodRaise(Severity::Low), 0);
    QCOMPARE(RiskScale::likelihoodRaise(Severity::Medium), 1);
    QCOMPARE(RiskScale::likelihoodRaise(Severity::High), 2);
    QCOMPARE(RiskScale::likelihoodRaise(Severity::Critical), 3);
    QCOMPARE(RiskScale::likelihood(2, 0, 0, false), 2);
    QCOMPARE(RiskScale::likelihood(2, 3, 0, false), 4); // capped
    QCOMPARE(RiskScale::likelihood(2, 3, 1, false), 3); // cap, then mitigation
    QCOMPARE(RiskScale::likelihood(1, 0, 2, false), 1); // never below 1
    QCOMPARE(RiskScale::likelihood(3, 2, 2, true), 1);  // mitigated by configuration
    QCOMPARE(RiskScale::risk(7, 0), 4);                 // clamped to the scale
}

void TestThreatGenerator::applicability_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("raised");
    const auto row
        = [](const char *id, bool raised) { QTest::newRow(id) << QString::fromUtf8(id) << raised; };
    // Processes get all six letters, data stores and entities never process threats.
    row("STRIDE-E-escape@service:web", true);
    row("STRIDE-E-escape@datastore:db", false);
    row("STRIDE-E-escape@external:internet", false);
    row("STRIDE-T-container-filesystem@service:api", true);
    row("STRIDE-R-no-audit-trail@service:worker", true);
    row("STRIDE-D-resource-exhaustion@volume:static", false);
    // Facts: the socket, host network, host namespaces, secrets.
    row("STRIDE-E-docker-socket@service:worker", true);
    row("STRIDE-E-docker-socket@service:web", false);
    row("STRIDE-R-docker-api-unaudited@service:worker", true);
    row("STRIDE-I-host-network-view@service:worker", true);
    row("STRIDE-I-host-network-view@service:api", false);
    row("STRIDE-I-host-process-view@service:worker", true);
    row("STRIDE-I-host-process-view@service:web", false);
    row("STRIDE-I-secrets-exposed@service:db", true);
    row("STRIDE-I-secrets-exposed@service:web", false);
    // Roles: database threats only for databases.
    row("STRIDE-S-default-credentials@service:db", true);
    row("STRIDE-S-default-credentials@service:web", false);
    row("STRIDE-T-database-tampering@datastore:db", true);
    row("STRIDE-T-database-tampering@volume:static", false);
    row("STRIDE-D-data-destruction@datastore:db", true);
    row("STRIDE-D-data-destruction@volume:logs", false);
    row("STRIDE-I-secret-file@secret:db_password", true);
    // Exposure: Internet-facing only.
    row("STRIDE-E-public-app-exploit@service:web", true);
    row("STRIDE-E-public-app-exploit@service:api", false);
    row("STRIDE-I-exposed-surface@service:web", true);
    row("STRIDE-I-exposed-surface@service:db", false); // loopback only
    row("STRIDE-S-unauthenticated-service@service:db", true);
    row("STRIDE-D-resource-hijacking@service:web", true);
    row("STRIDE-D-resource-hijacking@service:worker", false);
    // Peers and networks.
    row("STRIDE-S-peer-impersonation@service:api", true);
    row("STRIDE-S-peer-impersonation@service:web", false);
    row("STRIDE-E-lateral-movement@service:api", false); // internal network
    row("STRIDE-E-lateral-movement@service:worker", true);
    // Stores: writable, read-only, logs, host paths.
    row("STRIDE-T-shared-volume@volume:logs", true);
    row("STRIDE-T-shared-volume@volume:static", false);
    row("STRIDE-R-log-tampering@volume:logs", true);
    row("STRIDE-R-log-tampering@volume:static", false);
    row("STRIDE-T-host-files@bind:/etc/ssl", true);
    row("STRIDE-T-host-files@bind:./config", false);
    row("STRIDE-I-host-files-disclosure@bind:/etc/ssl", true);
    row("STRIDE-I-host-files-disclosure@bind:./config", false);
    row("STRIDE-D-storage-exhaustion@datastore:db", true);
    row("STRIDE-D-storage-exhaustion@volume:static", false);
    // Flows: sniffing and tampering only across a boundary or from the Internet.
    row("STRIDE-I-flow-sniffing@flow:external:internet->service:web:80", true);
    row("STRIDE-I-flow-sniffing@flow:service:web->service:api:8443", true);
    row("STRIDE-I-flow-sniffing@flow:service:api->service:db:5432", false);
    row("STRIDE-T-flow-tampering@flow:service:api->service:db:5432", false);
    row("STRIDE-I-flow-sniffing@flow:volume:static->service:web", false);
    row("STRIDE-D-flow-flooding@flow:external:internet->service:web:80", true);
    row("STRIDE-D-flow-flooding@flow:external:localhost->service:db:5432", false);
    row("STRIDE-I-datastore-port-published@flow:external:localhost->service:db:5432", true);
    row("STRIDE-I-datastore-port-published@flow:external:internet->service:web:80", false);
    row("STRIDE-D-dependency-outage@flow:service:api->service:db:5432", true);
    row("STRIDE-T-volume-write@flow:service:web->volume:logs", true);
    row("STRIDE-T-volume-write@flow:volume:static->service:web", false);
    row("STRIDE-I-credentials-in-url@flow:service:api->service:db:5432", false); // no finding
    // External entities: S and R by role.
    row("STRIDE-S-internet-client@external:internet", true);
    row("STRIDE-R-internet-client@external:internet", true);
    row("STRIDE-S-internet-client@external:localhost", false);
    row("STRIDE-S-local-client@external:localhost", true);
    row("STRIDE-S-docker-host@external:docker-host", true);
}

void TestThreatGenerator::applicability()
{
    QFETCH(QString, id);
    QFETCH(bool, raised);
    QVERIFY(templateById(id.section(u'@', 0, 0)));
    const QList<Threat> threats = ThreatGenerator::generate(shop(), {});
    QCOMPARE(find(threats, id) != nullptr, raised);
}

void TestThreatGenerator::everyConditionDiscriminates()
{
    // A template with roles or a condition must be raised on some element of its kind and
    // withheld from another, in a model that has both (shop plus a credentials finding).
    QList<Finding> findings{
        finding(QStringLiteral("SEC-URL-001"), QStringLiteral("api"), Severity::High)};
    const QList<Threat> threats = ThreatGenerator::generate(shop(), findings);
    QSet<QString> raised;
    for (const Threat &t : threats)
        raised.insert(t.templateId);
    const QStringList alwaysEverywhere{QStringLiteral("STRIDE-T-container-filesystem"),
                                       QStringLiteral("STRIDE-T-vulnerable-components"),
                                       QStringLiteral("STRIDE-R-no-audit-trail"),
                                       QStringLiteral("STRIDE-D-resource-exhaustion"),
                                       QStringLiteral("STRIDE-D-no-recovery"),
                                       QStringLiteral("STRIDE-E-escape"),
                                       QStringLiteral("STRIDE-E-in-container-escalation")};
    for (const ThreatTemplate &t : ThreatTemplateReader::builtIn()) {
        const bool external = t.roles.contains(QStringLiteral("external-network"));
        if (!external)
            QVERIFY2(raised.contains(t.id), qPrintable(t.id));
        if (!t.when && t.roles.isEmpty())
            QVERIFY2(alwaysEverywhere.contains(t.id),
                     qPrintable(t.id + QStringLiteral(" has no applicability condition")));
    }
}

void TestThreatGenerator::mitigationRecognition()
{
    const QList<Threat> threats = ThreatGenerator::generate(shop(), {});
    const Threat *fs = find(threats, QStringLiteral("STRIDE-T-container-filesystem@service:api"));
    QVERIFY(fs);
    QCOMPARE(fs->mitigations.size(), 2);
    QVERIFY(fs->mitigations.at(0).inPlace);
    QCOMPARE(fs->mitigations.at(0).evidence,
             QStringLiteral("/project/compose.yaml:10: read-only root filesystem"));
    QVERIFY(fs->mitigations.at(1).inPlace); // user 1000, not root
    QVERIFY(fs->mitigations.at(1).evidence.contains(QStringLiteral("user: 1000")));

    const Threat *webFs
        = find(threats, QStringLiteral("STRIDE-T-container-filesystem@service:web"));
    QVERIFY(webFs);
    QVERIFY(!webFs->mitigations.at(0).inPlace);
    QVERIFY(!webFs->mitigations.at(1).inPlace);
    QVERIFY(webFs->mitigations.at(0).evidence.isEmpty());
    QCOMPARE(webFs->likelihood, 2);

    // Internal network recognised from the fact and from the boundary.
    const Threat *db = find(threats, QStringLiteral("STRIDE-T-database-tampering@datastore:db"));
    QVERIFY(db);
    QVERIFY(db->mitigations.at(0).inPlace);
    QVERIFY(db->mitigations.at(0).evidence.contains(QStringLiteral("internal network only")));
    // TLS recognised on a flow from its protocol.
    const Threat *tls = find(
        threats, QStringLiteral("STRIDE-I-flow-sniffing@flow:service:web->service:api:8443"));
    QVERIFY(tls);
    QVERIFY(tls->mitigations.at(0).inPlace);
    // Loopback-only publication recognised.
    const Threat *local
        = find(threats,
               QStringLiteral(
                   "STRIDE-I-datastore-port-published@flow:external:localhost->service:db:5432"));
    QVERIFY(local);
    QVERIFY(local->mitigations.at(0).inPlace);
    // Escape: privileged defeats the "capabilities dropped" mitigation.
    const Threat *worker = find(threats, QStringLiteral("STRIDE-E-escape@service:worker"));
    QVERIFY(worker);
    for (const threats::Mitigation &m : worker->mitigations)
        QVERIFY2(!m.inPlace, qPrintable(m.text));
}

void TestThreatGenerator::mitigatedByConfiguration()
{
    const QList<Threat> threats = ThreatGenerator::generate(shop(), {});
    for (const char *id :
         {"STRIDE-T-container-filesystem@service:api", "STRIDE-D-resource-exhaustion@service:api",
          "STRIDE-D-no-recovery@service:api", "STRIDE-E-escape@service:api",
          "STRIDE-E-in-container-escalation@service:api"}) {
        const Threat *t = find(threats, QString::fromUtf8(id));
        QVERIFY2(t, id);
        QVERIFY2(t->mitigatedByConfiguration(), id);
        QCOMPARE(t->likelihood, 1);
        QVERIFY(t->why.contains(QStringLiteral("Mitigated by configuration")));
        for (const threats::Mitigation &m : t->mitigations)
            QVERIFY2(m.inPlace && !m.evidence.isEmpty(), qPrintable(m.text));
    }
    const Threat *escape = find(threats, QStringLiteral("STRIDE-E-escape@service:api"));
    QCOMPARE(escape->severity, Severity::Medium); // 1 x 4: still shown, residual risk
    const Threat *web = find(threats, QStringLiteral("STRIDE-E-escape@service:web"));
    QVERIFY(!web->mitigatedByConfiguration());
    QCOMPARE(web->likelihood, 1); // base 1, nothing raised, nothing in place
}

void TestThreatGenerator::findingsAttachAndRaiseLikelihood()
{
    const QList<Finding> findings{
        finding(QStringLiteral("CMP-PRIV-001"), QStringLiteral("worker"), Severity::Critical),
        finding(QStringLiteral("CMP-MNT-001"), QStringLiteral("worker"), Severity::Critical),
        finding(QStringLiteral("CMP-PRIV-004"), QStringLiteral("web"), Severity::Medium),
        finding(QStringLiteral("CMP-NET-003"), QStringLiteral("db"), Severity::High),
    };
    const QList<Threat> threats = ThreatGenerator::generate(shop(), findings);
    const Threat *escape = find(threats, QStringLiteral("STRIDE-E-escape@service:worker"));
    QVERIFY(escape);
    QCOMPARE(escape->findings, QStringList{QStringLiteral("CMP-PRIV-001@service:worker")});
    QCOMPARE(escape->likelihood, 4); // base 1 + 3 (critical)
    QCOMPARE(escape->severity, Severity::Critical);

    const Threat *socket = find(threats, QStringLiteral("STRIDE-E-docker-socket@service:worker"));
    QCOMPARE(socket->findings, QStringList{QStringLiteral("CMP-MNT-001@service:worker")});
    QCOMPARE(socket->likelihood, 4); // base 3 + 3, capped

    const Threat *escalation
        = find(threats, QStringLiteral("STRIDE-E-in-container-escalation@service:web"));
    QCOMPARE(escalation->findings, QStringList{QStringLiteral("CMP-PRIV-004@service:web")});
    QCOMPARE(escalation->likelihood, 3); // base 2 + 1 (medium)
    QCOMPARE(escalation->severity, Severity::High);

    // One finding evidences several threats, on processes, stores and flows of its service.
    const Threat *published
        = find(threats,
               QStringLiteral(
                   "STRIDE-I-datastore-port-published@flow:external:localhost->service:db:5432"));
    QVERIFY(published->findings.contains(QStringLiteral("CMP-NET-003@service:db")));
    QCOMPARE(published->likelihood, 3); // 3 + 2 capped at 4, loopback only in place
    QVERIFY(!published->mitigatedByConfiguration());
    const Threat *store
        = find(threats, QStringLiteral("STRIDE-I-database-disclosure@datastore:db"));
    QVERIFY(store->findings.contains(QStringLiteral("CMP-NET-003@service:db")));
}

void TestThreatGenerator::findingsOfOtherServicesOrRulesDoNotAttach()
{
    const QList<Finding> findings{
        finding(QStringLiteral("CMP-PRIV-001"), QStringLiteral("worker"), Severity::Critical),
        finding(QStringLiteral("CMP-IMG-001"), QStringLiteral("db"), Severity::Medium)};
    const QList<Threat> threats = ThreatGenerator::generate(shop(), findings);
    QVERIFY(find(threats, QStringLiteral("STRIDE-E-escape@service:web"))->findings.isEmpty());
    QVERIFY(find(threats, QStringLiteral("STRIDE-E-escape@service:worker"))
                ->findings.contains(QStringLiteral("CMP-PRIV-001@service:worker")));
    QVERIFY(find(threats, QStringLiteral("STRIDE-D-no-recovery@service:web"))->findings.isEmpty());
    QCOMPARE(find(threats, QStringLiteral("STRIDE-T-untrusted-image@service:db"))->findings,
             QStringList{QStringLiteral("CMP-IMG-001@service:db")});
    // An image built from the project is a build supply-chain threat, not an image one.
    QVERIFY(!find(threats, QStringLiteral("STRIDE-T-untrusted-image@service:web")));
    QVERIFY(find(threats, QStringLiteral("STRIDE-T-build-supply-chain@service:web")));
    // Every attached finding exists and is in its template's evidence list.
    for (const Threat &t : threats)
        for (const QString &id : t.findings)
            QVERIFY(templateById(t.templateId)->evidence.contains(id.section(u'@', 0, 0)));
}

void TestThreatGenerator::whyExplains()
{
    const QList<Finding> findings{
        finding(QStringLiteral("CMP-PRIV-001"), QStringLiteral("worker"), Severity::Critical)};
    const QList<Threat> threats = ThreatGenerator::generate(shop(), findings);
    const Threat *t = find(threats, QStringLiteral("STRIDE-E-docker-socket@service:worker"));
    QVERIFY(t->why.contains(QStringLiteral("STRIDE-E-docker-socket")));
    QVERIFY(t->why.contains(QStringLiteral("service:worker")));
    QVERIFY(t->why.contains(QStringLiteral("docker socket mounted")));
    const Threat *e = find(threats, QStringLiteral("STRIDE-E-escape@service:worker"));
    QVERIFY(e->why.contains(QStringLiteral("CMP-PRIV-001@service:worker (critical)")));
    QVERIFY(e->why.contains(QStringLiteral("likelihood 4")));
    for (const Threat &th : threats) {
        QVERIFY(!th.why.isEmpty());
        QCOMPARE(th.id, th.templateId + u'@' + th.elementId);
    }
}

void TestThreatGenerator::secretsNeverInOutput()
{
    SystemModel m = shop();
    for (DataFlow &f : m.flows)
        if (f.reason == u"env-reference")
            f.label = QStringLiteral("postgres://app:Sup3rS3cretPw@db:5432/app");
    m.elements[2].properties.insert(QStringLiteral("environment"),
                                    QStringLiteral("POSTGRES_PASSWORD=Sup3rS3cretPw"));
    QList<Finding> findings{
        finding(QStringLiteral("SEC-URL-001"), QStringLiteral("api"), Severity::High)};
    const QList<Threat> threats = ThreatGenerator::generate(m, findings);
    QVERIFY(find(threats,
                 QStringLiteral("STRIDE-I-credentials-in-url@flow:service:api->service:"
                                "db:5432")));
    for (const Threat &t : threats) {
        QVERIFY2(!t.why.contains(QStringLiteral("Sup3rS3cretPw")), qPrintable(t.id));
        for (const threats::Mitigation &mi : t.mitigations)
            QVERIFY2(!mi.evidence.contains(QStringLiteral("Sup3rS3cretPw")), qPrintable(t.id));
    }
}

void TestThreatGenerator::idsAreStable()
{
    const SystemModel before = shop();
    const QList<Threat> first = ThreatGenerator::generate(before, {});
    QCOMPARE(ThreatGenerator::generate(before, {}).size(), first.size());

    // Add a service, and list everything in another order.
    SystemModel after = before;
    after.elements << process(QStringLiteral("cache"), QStringLiteral("cache"), 70);
    after.flows << flow(QStringLiteral("service:api"), QStringLiteral("service:cache"),
                        QStringLiteral("depends_on"), QStringLiteral("internal"));
    std::reverse(after.elements.begin(), after.elements.end());
    std::reverse(after.flows.begin(), after.flows.end());
    const QList<Threat> second = ThreatGenerator::generate(after, {});
    QVERIFY(second.size() > first.size());
    QSet<QString> ids;
    for (const Threat &t : second) {
        QVERIFY2(!ids.contains(t.id), qPrintable(t.id));
        ids.insert(t.id);
    }
    for (const Threat &t : first) {
        const Threat *same = find(second, t.id);
        QVERIFY2(same, qPrintable(t.id));
        QCOMPARE(same->templateId, t.templateId);
        QCOMPARE(same->elementId, t.elementId);
        QCOMPARE(same->title, t.title);
        QCOMPARE(same->stride, t.stride);
    }
    // Sorted by element, then id.
    for (qsizetype i = 1; i < second.size(); ++i) {
        const Threat &a = second.at(i - 1);
        const Threat &b = second.at(i);
        QVERIFY(a.elementId < b.elementId || (a.elementId == b.elementId && a.id < b.id));
    }
}

void TestThreatGenerator::badTemplateFilesAreRefused_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    const QByteArray head = "templates:\n  - id: STRIDE-E-x\n    stride: E\n    title: t\n"
                            "    description: d\n    sp800190: \"3.4.3\"\n";
    QTest::newRow("unknown condition") << head
            + "    likelihood: 1\n    impact: 1\n    applies_to: {kinds: [process]}\n"
              "    when:\n      - colour: [red]\n"
                                       << QStringLiteral("unknown condition \"colour\"") << 11;
    QTest::newRow("stride mismatch")
        << QByteArray("templates:\n  - id: STRIDE-E-x\n    stride: S\n")
        << QStringLiteral("does not match") << 3;
    QTest::newRow("likelihood out of scale")
        << head + "    likelihood: 5\n    impact: 1\n    applies_to: {kinds: [process]}\n"
        << QStringLiteral("\"likelihood\" must be 1, 2, 3 or 4") << 7;
    QTest::newRow("unknown kind") << head
            + "    likelihood: 1\n    impact: 1\n    applies_to: {kinds: [container]}\n"
                                  << QStringLiteral("unknown element kind") << 9;
    QTest::newRow("bad pattern") << head
            + "    likelihood: 1\n    impact: 1\n    applies_to: {kinds: [process]}\n"
              "    when: [{text: \"(\"}]\n"
                                 << QStringLiteral("bad pattern") << 10;
}

void TestThreatGenerator::badTemplateFilesAreRefused()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, message);
    QFETCH(int, line);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("threats.yaml"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(yaml);
    f.close();
    const ThreatTemplateReader::Result r = ThreatTemplateReader::readFile(path);
    QVERIFY(!r.ok());
    QVERIFY2(r.error->message.contains(message), qPrintable(r.error->toString()));
    QCOMPARE(r.error->origin.file, path);
    QCOMPARE(r.error->origin.line, line);
}

QTEST_GUILESS_MAIN(TestThreatGenerator)
#include "tst_threatgenerator.moc"
