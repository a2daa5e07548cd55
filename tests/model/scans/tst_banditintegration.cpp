#include "catalog/catalog.h"
#include "compose/composeloader.h"
#include "scans/banditscan.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace threatdock::scans;
using threatdock::rules::Finding;
using threatdock::rules::Severity;

namespace {

QString samplePath(const QString &relative)
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/") + relative;
}

ScanTarget sampleTarget(const QString &name)
{
    threatdock::compose::ComposeLoader::Options options;
    options.path = samplePath(name);
    options.lenient = true;
    const auto loaded = threatdock::compose::ComposeLoader::load(options);
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error->toString()));
    return ScanTarget::fromProject(*loaded.project);
}

/// The 1-based line of the first line of file containing text.
int lineOf(const QString &file, const QString &text)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
    for (int i = 0; i < lines.size(); ++i)
        if (lines.at(i).contains(text))
            return i + 1;
    return 0;
}

const Finding *byRule(const QList<Finding> &findings, const QString &rule)
{
    for (const Finding &f : findings)
        if (f.ruleId == rule)
            return &f;
    return nullptr;
}

} // namespace

/// The real Bandit (Debian's bandit 1.6.2: apt-get install bandit) on the bundled sample,
/// through ScanRunner.
class TestBanditIntegration : public QObject
{
    Q_OBJECT

    ToolInfo m_bandit;
    std::optional<threatdock::catalog::Catalog> m_catalog;

private Q_SLOTS:
    void initTestCase()
    {
        m_bandit = ToolLocator::locate(ToolSpec::bandit());
        // The README's commands install bandit (packaging/debian-packages.txt): a missing
        // bandit is a broken set-up, reported as a failure, never as a pass.
        QVERIFY2(m_bandit.found(), qPrintable(m_bandit.error));
        QVERIFY(!m_bandit.version.isEmpty());
        auto loaded = threatdock::catalog::Catalog::load(QString());
        QVERIFY(loaded.ok());
        m_catalog = std::move(loaded.catalog);
    }

    void vulnerableSample()
    {
        const ScanTarget target = sampleTarget(QStringLiteral("vulnerable"));
        ScanRunner runner;
        QSignalSpy progress(&runner, &ScanRunner::standardErrorLine);
        const ScanResult r = BanditScan::run(runner, m_bandit, target, &*m_catalog, 120000);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(runner.result().exitCode, 1); // 1: issues found
        QVERIFY(progress.size() > 0);          // bandit's own log lines, streamed
        QCOMPARE(r.toolVersion, m_bandit.version);

        const QString app = samplePath(QStringLiteral("vulnerable/api/app.py"));
        const Finding *shell = byRule(r.findings, QStringLiteral("B602"));
        QVERIFY(shell);
        QCOMPARE(shell->id, QStringLiteral("B602@file:api/app.py/ping"));
        QCOMPARE(shell->line, lineOf(app, QStringLiteral("shell=True")));
        QCOMPARE(shell->severity, Severity::High);
        QCOMPARE(shell->service, QStringLiteral("api"));
        QCOMPARE(shell->source, QStringLiteral("bandit"));
        QVERIFY(shell->why.contains(QStringLiteral("CWE-78")));
        QVERIFY(!shell->attack.isEmpty());

        const Finding *eval = byRule(r.findings, QStringLiteral("B307"));
        QVERIFY(eval);
        QCOMPARE(eval->id, QStringLiteral("B307@file:api/app.py/calc"));
        QCOMPARE(eval->line, lineOf(app, QStringLiteral("eval(expr)")));
        QCOMPARE(eval->service, QStringLiteral("api"));

        const Finding *debug = byRule(r.findings, QStringLiteral("B201"));
        QVERIFY(debug);
        QCOMPARE(debug->line, lineOf(app, QStringLiteral("debug=True")));
    }

    void hardenedSample()
    {
        const ScanTarget target = sampleTarget(QStringLiteral("hardened"));
        ScanRunner runner;
        const ScanResult r = BanditScan::run(runner, m_bandit, target, &*m_catalog, 120000);
        QVERIFY2(r.ok(), qPrintable(r.error));
        for (const Finding &f : r.findings) {
            QVERIFY2(f.severity < Severity::Medium, qPrintable(f.id + u' ' + f.title));
            QVERIFY(f.ruleId != u"B602" && f.ruleId != u"B307" && f.ruleId != u"B201");
        }
    }
};

QTEST_GUILESS_MAIN(TestBanditIntegration)
#include "tst_banditintegration.moc"
