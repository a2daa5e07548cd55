#include "scans/reportimporter.h"
#include "scans/trivyreport.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace threatdock::scans;
using threatdock::rules::Finding;
using threatdock::rules::Severity;
using threatdock::testing::conformancePath;
using threatdock::testing::readJson;

namespace {

const QString trivyDir = QStringLiteral("scanners/trivy/");

const Finding *byId(const QList<Finding> &findings, const QString &id)
{
    for (const Finding &f : findings)
        if (f.id == id)
            return &f;
    return nullptr;
}

/// What the golden file holds, counted straight from its JSON: vulnerabilities, failed
/// misconfigurations and secrets (schema 2), affected components (CycloneDX) or results
/// (SARIF).
qsizetype expectedCount(const QJsonObject &root)
{
    qsizetype n = 0;
    for (const QJsonValue &run : root.value(QStringLiteral("runs")).toArray())
        n += run.toObject().value(QStringLiteral("results")).toArray().size();
    for (const QJsonValue &v : root.value(QStringLiteral("vulnerabilities")).toArray())
        n += v.toObject().value(QStringLiteral("affects")).toArray().size();
    for (const QJsonValue &r : root.value(QStringLiteral("Results")).toArray()) {
        const QJsonObject result = r.toObject();
        n += result.value(QStringLiteral("Vulnerabilities")).toArray().size();
        n += result.value(QStringLiteral("Secrets")).toArray().size();
        for (const QJsonValue &m : result.value(QStringLiteral("Misconfigurations")).toArray())
            if (m.toObject().value(QStringLiteral("Status")).toString() == u"FAIL")
                ++n;
    }
    return n;
}

} // namespace

/// Trivy's JSON (schema 2), SARIF and CycloneDX outputs: every golden file of
/// ../shared/conformance/scanners/trivy/.
class TestTrivyReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_project;
    ScanTarget m_target;

private Q_SLOTS:
    void initTestCase()
    {
        // A project where the config scan's "Dockerfile" target exists.
        QFile dockerfile(m_project.filePath(QStringLiteral("Dockerfile")));
        QVERIFY(dockerfile.open(QIODevice::WriteOnly));
        dockerfile.write("FROM alpine:3.10\n");
        dockerfile.close();
        m_target = ScanTarget::fromDirectory(m_project.path());
        m_target.buildContexts << BuildContext{QStringLiteral("web"),
                                               QDir(m_project.path()).canonicalPath()};
        m_target.images << ServiceImage{
            QStringLiteral("alpine"),
            QStringLiteral("ghcr.io/aquasecurity/trivy-test-images:alpine-310")};
    }

    void everyGoldenFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("format");
        const QStringList files
            = QDir(conformancePath(trivyDir))
                  .entryList({QStringLiteral("*.golden")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 8);
        for (const QString &f : files) {
            const auto format = f.contains(QStringLiteral("sarif")) ? ReportImporter::Format::Sarif
                : f.contains(QStringLiteral("cyclonedx")) ? ReportImporter::Format::CycloneDx
                                                          : ReportImporter::Format::TrivyJson;
            QTest::newRow(qPrintable(f)) << f << int(format);
        }
    }

    void everyGoldenFile()
    {
        QFETCH(QString, file);
        QFETCH(int, format);
        const QString path = conformancePath(trivyDir + file);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(int(ReportImporter::detect(f.readAll())), format);
        const ScanResult r = ReportImporter::importFile(path, m_target, nullptr);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.tool, QStringLiteral("trivy"));
        QCOMPARE(r.findings.size(), expectedCount(readJson(path).object()));
        QVERIFY(!r.findings.isEmpty());
        QStringList ids;
        for (const Finding &finding : r.findings) {
            QCOMPARE(finding.source, QStringLiteral("trivy"));
            QVERIFY(!finding.ruleId.isEmpty());
            QVERIFY(!finding.title.isEmpty());
            QVERIFY(!finding.nist.isEmpty());
            if (finding.line > 0)
                QVERIFY2(!finding.id.contains(u':' + QString::number(finding.line) + u'/'),
                         qPrintable(finding.id));
            ids << finding.id;
        }
        ids.removeDuplicates();
        QCOMPARE(ids.size(), r.findings.size()); // ids are unique
    }

    void imageVulnerabilities_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("current") << QStringLiteral("alpine-310.json.golden");
        QTest::newRow("v0.67") << QStringLiteral("alpine-310.v0.67.json.golden");
    }

    void imageVulnerabilities()
    {
        QFETCH(QString, file);
        const ScanResult r
            = ReportImporter::importFile(conformancePath(trivyDir + file), m_target, nullptr);
        QCOMPARE(r.findings.size(), 4);
        QCOMPARE(r.input, QFileInfo(conformancePath(trivyDir + file)).absoluteFilePath());
        const QString scope = QStringLiteral("image:testdata/fixtures/images/alpine-310.tar.gz");
        const Finding *f
            = byId(r.findings,
                   QStringLiteral("CVE-2019-1549@") + scope + QStringLiteral("/pkg:libssl1.1"));
        QVERIFY(f);
        QCOMPARE(f->ruleId, QStringLiteral("CVE-2019-1549"));
        QCOMPARE(f->severity, Severity::Medium);
        QCOMPARE(f->title, QStringLiteral("openssl: information disclosure in fork()"));
        QCOMPARE(f->evidence, QStringLiteral("libssl1.1 1.1.1c-r0 (fixed in 1.1.1d-r0)"));
        QVERIFY2(f->why.contains(QStringLiteral("CVSS 5.3 (nvd, v3)")), qPrintable(f->why));
        QVERIFY(f->why.contains(QStringLiteral("CWE-330")));
        QVERIFY(f->why.contains(QStringLiteral("https://avd.aquasec.com/nvd/cve-2019-1549")));
        QCOMPARE(f->nist, QStringList({QStringLiteral("RA-5"), QStringLiteral("SI-2")}));
        QVERIFY(f->file.isEmpty());
        QVERIFY(
            byId(r.findings,
                 QStringLiteral("CVE-2019-1551@") + scope + QStringLiteral("/pkg:libcrypto1.1")));
    }

    void imageFindingsBelongToTheServiceRunningTheImage()
    {
        // The ArtifactName of the current golden file is the image reference.
        QJsonObject root
            = readJson(conformancePath(trivyDir + QStringLiteral("alpine-310.json.golden")))
                  .object();
        root.insert(QStringLiteral("ArtifactName"),
                    QStringLiteral("ghcr.io/aquasecurity/trivy-test-images:alpine-310"));
        const ScanResult r = TrivyReport::fromJson(root, m_target);
        QCOMPARE(r.findings.size(), 4);
        for (const Finding &f : r.findings)
            QCOMPARE(f.service, QStringLiteral("alpine"));
    }

    void languagePackages()
    {
        const ScanResult r = ReportImporter::importFile(
            conformancePath(trivyDir + QStringLiteral("pip.json.golden")), m_target, nullptr);
        QCOMPARE(r.findings.size(), 2);
        const Finding *high
            = byId(r.findings, QStringLiteral("CVE-2019-14806@file:requirements.txt/pkg:Werkzeug"));
        QVERIFY(high);
        QCOMPARE(high->severity, Severity::High);
        QCOMPARE(high->evidence, QStringLiteral("Werkzeug 0.11 (fixed in 0.15.3)"));
        // SeveritySource ghsa has no CVSS entry: NVD's score is given.
        QVERIFY2(high->why.contains(QStringLiteral("CVSS 7.5 (nvd, v3)")), qPrintable(high->why));
        QVERIFY(high->why.contains(QStringLiteral("CWE-331")));
    }

    void misconfigurationIdsOfBothStyles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("DS-0002 (0.69+)") << QStringLiteral("dockerfile.json.golden");
        QTest::newRow("DS002 + AVDID") << QStringLiteral("dockerfile.v0.68.json.golden");
    }

    void misconfigurationIdsOfBothStyles()
    {
        QFETCH(QString, file);
        const ScanResult r
            = ReportImporter::importFile(conformancePath(trivyDir + file), m_target, nullptr);
        QCOMPARE(r.findings.size(), 1);
        const Finding &f = r.findings.first();
        QCOMPARE(f.ruleId, QStringLiteral("DS-0002"));
        QCOMPARE(f.id, QStringLiteral("DS-0002@file:Dockerfile"));
        QCOMPARE(f.severity, Severity::High);
        QCOMPARE(f.title, QStringLiteral("Image user should not be 'root'"));
        QCOMPARE(f.file, QDir(m_project.path()).canonicalPath() + QStringLiteral("/Dockerfile"));
        QCOMPARE(f.service, QStringLiteral("web"));
        QVERIFY(f.why.contains(QStringLiteral("Specify at least 1 USER command")));
    }

    void canonicalCheckIds()
    {
        QCOMPARE(
            TrivyReport::canonicalCheckId(QStringLiteral("DS002"), QStringLiteral("AVD-DS-0002")),
            QStringLiteral("DS-0002"));
        QCOMPARE(TrivyReport::canonicalCheckId(QStringLiteral("DS002")), QStringLiteral("DS-0002"));
        QCOMPARE(TrivyReport::canonicalCheckId(QStringLiteral("DS-0002")),
                 QStringLiteral("DS-0002"));
        QCOMPARE(TrivyReport::canonicalCheckId(QStringLiteral("KSV118")),
                 QStringLiteral("KSV-0118"));
        QCOMPARE(TrivyReport::canonicalCheckId(QStringLiteral("CVE-2019-1549")),
                 QStringLiteral("CVE-2019-1549"));
    }

    void helmMisconfigurations()
    {
        const ScanResult r = ReportImporter::importFile(
            conformancePath(trivyDir + QStringLiteral("helm.json.golden")), m_target, nullptr);
        const Finding *privesc = nullptr;
        qsizetype ksv118 = 0;
        for (const Finding &f : r.findings) {
            if (f.ruleId == u"KSV-0001")
                privesc = &f;
            ksv118 += f.ruleId == u"KSV-0118";
        }
        QVERIFY(privesc);
        QCOMPARE(privesc->line, 19);
        QCOMPARE(privesc->evidence, QStringLiteral("- name: nginx"));
        QCOMPARE(privesc->severity, Severity::Medium);
        QCOMPARE(ksv118, 2); // two causes, two findings, told apart without lines
    }

    void sarif()
    {
        const ScanResult r = ReportImporter::importFile(
            conformancePath(trivyDir + QStringLiteral("alpine-310.sarif.golden")), m_target,
            nullptr);
        QCOMPARE(r.toolVersion, QStringLiteral("dev"));
        QCOMPARE(r.findings.size(), 4);
        const Finding *f = byId(r.findings,
                                QStringLiteral("CVE-2019-1549@file:testdata/fixtures/images/"
                                               "alpine-310.tar.gz/pkg:libcrypto1.1"));
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Medium); // from the rule's MEDIUM tag
        QCOMPARE(f->title, QStringLiteral("openssl: information disclosure in fork()"));
        QCOMPARE(
            f->evidence,
            QStringLiteral("testdata/fixtures/images/alpine-310.tar.gz: libcrypto1.1@1.1.1c-r0"));
    }

    void cycloneDx()
    {
        const ScanResult r = ReportImporter::importFile(
            conformancePath(trivyDir + QStringLiteral("npm-cyclonedx.json.golden")), m_target,
            nullptr);
        QCOMPARE(r.findings.size(), 1);
        const Finding &f = r.findings.first();
        QCOMPARE(f.ruleId, QStringLiteral("CVE-2019-11358"));
        QCOMPARE(f.severity, Severity::Medium); // the ghsa rating, the vulnerability's source
        QVERIFY2(
            f.id.startsWith(QStringLiteral("CVE-2019-11358@sbom:testdata/fixtures/repo/npm/pkg:")),
            qPrintable(f.id));
        QVERIFY(f.why.contains(QStringLiteral("CWE-79")));
    }

    void refusesOtherSchemaVersions()
    {
        QJsonObject root
            = readJson(conformancePath(trivyDir + QStringLiteral("pip.json.golden"))).object();
        root.insert(QStringLiteral("SchemaVersion"), 1);
        const ScanResult r = TrivyReport::fromJson(root, m_target);
        QVERIFY(!r.ok());
        QVERIFY(r.error.contains(QStringLiteral("schema version 1")));
    }
};

THREATDOCK_CONFORMANCE_MAIN(TestTrivyReport)
#include "tst_trivyreport.moc"
