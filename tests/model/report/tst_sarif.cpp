// SARIF 2.1.0 output validated against the OASIS schema in ../shared/conformance/sarif
// (with python3-jsonschema, run without a shell) and checked for what GitHub code
// scanning reads: rules with security-severity, levels, relative locations, fingerprints.

#include "compose/composeloader.h"
#include "projectfixture.h"
#include "report/analysisreport.h"
#include "report/sarifwriter.h"
#include "rules/ruleengine.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>

using namespace threatdock;
using namespace threatdock::testing;

namespace {

const char *const validator = R"(import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
document = json.load(open(sys.argv[2], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
errors = sorted(cls(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
for e in errors[:20]:
    print("/".join(str(p) for p in e.absolute_path), e.message)
sys.exit(1 if errors else 0)
)";

const char *const userRules = R"(rules:
  - id: USR-NET-001
    title: Port published
    severity: medium
    stride: I
    cwe: [CWE-284]
    match:
      service: {path: ports, op: exists}
)";

} // namespace

class TestSarif : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void validatesAgainstSchema();
    void githubFields();

private:
    ProjectFixture m_project{
        {"compose.yaml",
         "services:\n  web app:\n    build: ./src dir\n    ports: [\"8080:80\"]\n"
         "    environment:\n      API_TOKEN: tok3nvalue99\n"},
        {"src dir/Dockerfile", "FROM alpine:3.19\nARG DB_PASSWORD=argpass123\n"},
        {"rules.yaml", userRules},
    };
    QJsonObject m_sarif;
    QByteArray m_bytes;
};

void TestSarif::initTestCase()
{
    const auto loaded = compose::ComposeLoader::load(m_project.path());
    QVERIFY2(loaded.ok(), qPrintable(loaded.error ? loaded.error->toString() : QString()));
    rules::RuleSet set = rules::RuleSet::builtIn();
    const auto user = rules::RuleSet::readFile(m_project.path(QStringLiteral("rules.yaml")));
    QVERIFY(user.ok());
    set.add(user.rules);
    const auto input = rules::AnalysisInput::fromProject(*loaded.project);
    const auto report = report::AnalysisReport::from(input, set, rules::RuleEngine(set).run(input));
    m_bytes = report::SarifWriter::write(report);
    m_sarif = QJsonDocument::fromJson(m_bytes).object();
    QVERIFY(!m_sarif.isEmpty());
}

void TestSarif::validatesAgainstSchema()
{
    const QString out = m_project.path(QStringLiteral("result.sarif"));
    QFile f(out);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(m_bytes);
    f.close();
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QString::fromUtf8(validator),
                  conformancePath(QStringLiteral("sarif/sarif-schema-2.1.0.json")), out});
    if (!python.waitForStarted())
        QFAIL("python3 is not installed (packaging/debian-packages.txt lists python3-jsonschema)");
    QVERIFY(python.waitForFinished(120000));
    const QString output = QString::fromUtf8(python.readAll());
    if (output.contains(QStringLiteral("No module named 'jsonschema'")))
        QFAIL("python3-jsonschema is not installed (see packaging/debian-packages.txt)");
    QVERIFY2(python.exitCode() == 0, qPrintable(output));
}

void TestSarif::githubFields()
{
    const QJsonObject run = m_sarif.value(QStringLiteral("runs")).toArray().first().toObject();
    const QJsonObject driver
        = run.value(QStringLiteral("tool")).toObject().value(QStringLiteral("driver")).toObject();
    QCOMPARE(driver.value(QStringLiteral("name")).toString(), QStringLiteral("ThreatDock"));
    QVERIFY(!driver.value(QStringLiteral("version")).toString().isEmpty());
    const QJsonArray rules = driver.value(QStringLiteral("rules")).toArray();
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &v : rules)
        byId.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject());
    const QJsonObject secretRule = byId.value(QStringLiteral("CMP-SEC-001"));
    const QJsonObject props = secretRule.value(QStringLiteral("properties")).toObject();
    QCOMPARE(props.value(QStringLiteral("security-severity")).toString(), QStringLiteral("8.0"));
    const QJsonArray tags = props.value(QStringLiteral("tags")).toArray();
    QVERIFY(tags.contains(QStringLiteral("STRIDE:I")));
    QVERIFY(tags.contains(QStringLiteral("ATT&CK:T1552.001")));
    QVERIFY(tags.contains(QStringLiteral("NIST:IA-5")));
    QVERIFY(tags.contains(QStringLiteral("external/cwe/cwe-798")));
    QVERIFY(!secretRule.value(QStringLiteral("help"))
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString()
                 .isEmpty());
    QVERIFY(byId.contains(QStringLiteral("USR-NET-001")));

    bool sawSecret = false;
    bool sawUser = false;
    for (const QJsonValue &v : run.value(QStringLiteral("results")).toArray()) {
        const QJsonObject r = v.toObject();
        const QString ruleId = r.value(QStringLiteral("ruleId")).toString();
        QCOMPARE(rules.at(r.value(QStringLiteral("ruleIndex")).toInt())
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
                 ruleId);
        const QJsonObject physical = r.value(QStringLiteral("locations"))
                                         .toArray()
                                         .first()
                                         .toObject()
                                         .value(QStringLiteral("physicalLocation"))
                                         .toObject();
        const QJsonObject artifact = physical.value(QStringLiteral("artifactLocation")).toObject();
        QCOMPARE(artifact.value(QStringLiteral("uriBaseId")).toString(),
                 QStringLiteral("PROJECTROOT"));
        QVERIFY(!artifact.value(QStringLiteral("uri")).toString().startsWith(u'/'));
        QVERIFY(!r.value(QStringLiteral("partialFingerprints")).toObject().isEmpty());
        if (ruleId == u"CMP-SEC-001") {
            sawSecret = true;
            QCOMPARE(r.value(QStringLiteral("level")).toString(), QStringLiteral("error"));
            QCOMPARE(artifact.value(QStringLiteral("uri")).toString(),
                     QStringLiteral("compose.yaml"));
            QCOMPARE(physical.value(QStringLiteral("region"))
                         .toObject()
                         .value(QStringLiteral("startLine"))
                         .toInt(),
                     6);
            QCOMPARE(r.value(QStringLiteral("partialFingerprints"))
                         .toObject()
                         .value(QStringLiteral("threatdockFindingId/v1"))
                         .toString(),
                     QStringLiteral("CMP-SEC-001@service:web app/env:API_TOKEN"));
        }
        if (ruleId == u"DKF-SEC-001")
            QCOMPARE(artifact.value(QStringLiteral("uri")).toString(),
                     QStringLiteral("src%20dir/Dockerfile"));
        if (ruleId == u"USR-NET-001") {
            sawUser = true;
            QCOMPARE(r.value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
        }
    }
    QVERIFY(sawSecret && sawUser);
    const QString base = run.value(QStringLiteral("originalUriBaseIds"))
                             .toObject()
                             .value(QStringLiteral("PROJECTROOT"))
                             .toObject()
                             .value(QStringLiteral("uri"))
                             .toString();
    QVERIFY(base.startsWith(QStringLiteral("file:///")) && base.endsWith(u'/'));
    QVERIFY(!m_bytes.contains("tok3nvalue99"));
    QVERIFY(!m_bytes.contains("argpass123"));
}

THREATDOCK_CONFORMANCE_MAIN(TestSarif)
#include "tst_sarif.moc"
