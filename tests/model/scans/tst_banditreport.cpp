#include "catalog/catalog.h"
#include "scans/banditreport.h"
#include "scans/reportimporter.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace threatdock::scans;
using threatdock::rules::Finding;
using threatdock::rules::Severity;
using threatdock::testing::conformancePath;
using threatdock::testing::testDataPath;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

const Finding *byRule(const QList<Finding> &findings, const QString &rule)
{
    for (const Finding &f : findings)
        if (f.ruleId == rule)
            return &f;
    return nullptr;
}

/// Every text of a finding, to look for secrets that must not be there.
QString allText(const Finding &f)
{
    return QStringList{f.id, f.title, f.evidence, f.why}.join(u'\n');
}

} // namespace

/// Bandit's JSON on the real outputs of Debian's bandit 1.6.2 in
/// ../shared/conformance/scanners/bandit/ (and one newer-format report).
class TestBanditReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_project;
    ScanTarget m_target;
    std::optional<threatdock::catalog::Catalog> m_catalog;

private Q_SLOTS:
    void initTestCase()
    {
        // The scanned app laid out as a project: service "api" built from app/.
        QVERIFY(QDir(m_project.path()).mkpath(QStringLiteral("app")));
        QVERIFY(QFile::copy(conformancePath(QStringLiteral("scanners/bandit/vulnerable_app.py")),
                            m_project.filePath(QStringLiteral("app/app.py"))));
        m_target = ScanTarget::fromDirectory(m_project.path());
        m_target.buildContexts << BuildContext{
            QStringLiteral("api"), QDir(m_project.filePath(QStringLiteral("app"))).canonicalPath()};
        auto loaded = threatdock::catalog::Catalog::load(QString());
        QVERIFY(loaded.ok());
        m_catalog = std::move(loaded.catalog);
    }

    void readsBandit162Json()
    {
        const QByteArray json
            = readFile(conformancePath(QStringLiteral("scanners/bandit/bandit-sample.json")));
        QCOMPARE(ReportImporter::detect(json), ReportImporter::Format::BanditJson);
        const ScanResult r = BanditReport::parse(json, m_target, &*m_catalog);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.tool, QStringLiteral("bandit"));
        QCOMPARE(r.findings.size(), 11);
        QVERIFY(r.toolErrors.isEmpty());
        for (const Finding &f : r.findings) {
            QCOMPARE(f.source, QStringLiteral("bandit"));
            QCOMPARE(f.service, QStringLiteral("api")); // "/src/app/app.py" found here by its tail
            QCOMPARE(f.file,
                     QDir(m_project.path()).canonicalPath() + QStringLiteral("/app/app.py"));
            QVERIFY2(!f.id.contains(QString::number(f.line) + u'/'), qPrintable(f.id));
        }

        const Finding *shell = byRule(r.findings, QStringLiteral("B602"));
        QVERIFY(shell);
        QCOMPARE(shell->id, QStringLiteral("B602@file:app/app.py/ping"));
        QCOMPARE(shell->line, 22);
        QCOMPARE(shell->severity, Severity::High);
        QCOMPARE(
            shell->evidence,
            QStringLiteral("out = subprocess.check_output(\"ping -c 1 \" + host, shell=True)"));
        QVERIFY(shell->why.contains(QStringLiteral("CWE-78")));
        QVERIFY(shell->why.contains(QStringLiteral("confidence HIGH")));
        const auto *b602 = m_catalog->banditTest(QStringLiteral("B602"));
        QVERIFY(b602);
        QCOMPARE(shell->stride, b602->stride);
        QCOMPARE(shell->attack, b602->techniques);
        QCOMPARE(shell->nist, b602->controls);
        QVERIFY(!shell->nist.isEmpty());

        const Finding *eval = byRule(r.findings, QStringLiteral("B307"));
        QVERIFY(eval);
        QCOMPARE(eval->id, QStringLiteral("B307@file:app/app.py/calc"));
        QCOMPARE(eval->line, 29);
        QCOMPARE(eval->severity, Severity::Medium);
        QVERIFY2(eval->why.contains(QStringLiteral("B307 eval")), qPrintable(eval->why));

        const Finding *debug = byRule(r.findings, QStringLiteral("B201"));
        QVERIFY(debug);
        QCOMPARE(debug->id, QStringLiteral("B201@file:app/app.py/module"));
        QCOMPARE(byRule(r.findings, QStringLiteral("B101"))->id,
                 QStringLiteral("B101@file:app/app.py/check"));
        // Declared on its own line: the function itself is the scope.
        QCOMPARE(byRule(r.findings, QStringLiteral("B107"))->id,
                 QStringLiteral("B107@file:app/app.py/connect"));
        QCOMPARE(byRule(r.findings, QStringLiteral("B303"))->id,
                 QStringLiteral("B303@file:app/app.py/hash_it"));
    }

    void redactsHardcodedPasswords()
    {
        const ScanResult r = BanditReport::parse(
            readFile(conformancePath(QStringLiteral("scanners/bandit/bandit-sample.json"))),
            m_target, &*m_catalog);
        const Finding *password = byRule(r.findings, QStringLiteral("B107"));
        QVERIFY(password);
        QCOMPARE(password->title, QStringLiteral("Possible hardcoded password: '****'"));
        for (const Finding &f : r.findings)
            QVERIFY2(!allText(f).contains(QStringLiteral("changeme")), qPrintable(allText(f)));
    }

    void readsRelativePathsAndTheErrorsArray()
    {
        const QByteArray json = readFile(conformancePath(
            QStringLiteral("scanners/bandit/bandit-sample-relpath-with-error.json")));
        // Bandit ran inside app/: "./app.py" is app/app.py of the project.
        const ScanResult r = BanditReport::parse(json, m_target, &*m_catalog,
                                                 m_project.filePath(QStringLiteral("app")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.findings.size(), 11);
        QCOMPARE(byRule(r.findings, QStringLiteral("B602"))->id,
                 QStringLiteral("B602@file:app/app.py/ping"));
        QCOMPARE(
            r.toolErrors,
            QStringList{QStringLiteral("./broken.py: syntax error while parsing AST from file")});
    }

    void readsTheNewerFormatWithIssueCwe()
    {
        // Bandit 1.7 and later add issue_cwe, col_offset and end_col_offset.
        const ScanResult r = BanditReport::parse(
            readFile(testDataPath(QStringLiteral("scans/bandit-1.7-format.json"))), m_target,
            &*m_catalog);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.findings.size(), 3);
        const Finding *md5 = byRule(r.findings, QStringLiteral("B324"));
        QVERIFY(md5);
        QVERIFY2(md5->why.contains(QStringLiteral("CWE-327")),
                 qPrintable(md5->why)); // issue_cwe wins
        QCOMPARE(md5->column, 12);      // col_offset is 0-based
        const Finding *password = byRule(r.findings, QStringLiteral("B105"));
        QVERIFY(password);
        QVERIFY(!allText(*password).contains(QStringLiteral("hunter2")));
        QCOMPARE(password->id, QStringLiteral("B105@file:app/app.py/module"));
        // Two hits of one test in one function stay apart without line numbers.
        QStringList ids;
        for (const Finding &f : r.findings)
            ids << f.id;
        ids.removeDuplicates();
        QCOMPARE(ids.size(), r.findings.size());
    }

    void worksWithoutCatalog()
    {
        const ScanResult r = BanditReport::parse(
            readFile(conformancePath(QStringLiteral("scanners/bandit/bandit-sample.json"))),
            m_target, nullptr);
        QCOMPARE(r.findings.size(), 11);
        QVERIFY(byRule(r.findings, QStringLiteral("B602"))->nist.isEmpty());
        QVERIFY(byRule(r.findings, QStringLiteral("B602"))->why.contains(QStringLiteral("B602")));
    }

    void refusesOtherBanditFormats_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("what");
        QTest::newRow("csv") << QStringLiteral("bandit-sample.csv") << QStringLiteral("CSV");
        QTest::newRow("xml") << QStringLiteral("bandit-sample.xml") << QStringLiteral("XML");
        QTest::newRow("yaml") << QStringLiteral("bandit-sample.yaml") << QStringLiteral("YAML");
    }

    void refusesOtherBanditFormats()
    {
        QFETCH(QString, file);
        QFETCH(QString, what);
        const QString path = conformancePath(QStringLiteral("scanners/bandit/") + file);
        const ScanResult r = ReportImporter::importFile(path, m_target, &*m_catalog);
        QVERIFY(!r.ok());
        QVERIFY(r.findings.isEmpty());
        QVERIFY2(r.error.contains(what), qPrintable(r.error));
        QVERIFY2(r.error.contains(QStringLiteral("bandit -f json")), qPrintable(r.error));
    }

    void importsBanditJsonByContent()
    {
        const ScanResult r = ReportImporter::importFile(
            conformancePath(QStringLiteral("scanners/bandit/bandit-sample.json")), m_target,
            &*m_catalog);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.findings.size(), 11);
    }

    void brokenJsonIsAnError()
    {
        const ScanResult r = BanditReport::parse("{\"results\": [", m_target, &*m_catalog);
        QVERIFY(!r.ok());
        QVERIFY(r.error.contains(QStringLiteral("not JSON")));
        const ScanResult other = BanditReport::parse("{\"foo\": 1}", m_target, &*m_catalog);
        QVERIFY(!other.ok());
    }
};

THREATDOCK_CONFORMANCE_MAIN(TestBanditReport)
#include "tst_banditreport.moc"
