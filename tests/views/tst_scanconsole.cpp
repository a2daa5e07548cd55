// The Scans panel with the real Bandit (Debian's bandit) on the bundled sample, and a
// real scanner report imported: the run lands in the review file and its findings join
// the next analysis.

#include "testsupport.h"
#include "views/documentfixture.h"

#include "scans/scanconsole.h"

#include "review/reviewstore.h"
#include "scans/toollocator.h"

#include <QAction>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>

using threatdock::views::ReviewDocument;
using threatdock::views::ScanConsole;

namespace {

QToolButton *buttonFor(const ScanConsole &console, const QString &actionName)
{
    for (QToolButton *b : console.findChildren<QToolButton *>())
        if (b->defaultAction() && b->defaultAction()->objectName() == actionName)
            return b;
    return nullptr;
}

bool banditInstalled()
{
    return threatdock::scans::ToolLocator::locate(threatdock::scans::ToolSpec::bandit())
        .error.isEmpty();
}

} // namespace

class TestScanConsole : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase() { threatdock::testing::isolateHome(m_home.path()); }
    void banditRunIsRecordedInTheReview();
    void missingToolSaysHowToInstallIt();
    void importedReportJoinsTheAnalysis();
    void unreadableReportIsRefused();
};

void TestScanConsole::banditRunIsRecordedInTheReview()
{
    if (!banditInstalled())
        QFAIL("bandit is not installed: apt-get install bandit (packaging/setup.sh installs it)");
    QTemporaryDir dir;
    auto document = threatdock::testing::makeDocument(dir);
    QVERIFY(document);
    ScanConsole console(document.get());
    console.resize(900, 500);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    QSignalSpy finished(&console, &ScanConsole::scanFinished);
    QSignalSpy runs(document.get(), &ReviewDocument::scanRunsChanged);

    QToolButton *run = buttonFor(console, QStringLiteral("runBanditAction"));
    QVERIFY(run && run->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(console.isRunning() || finished.size() == 1);
    QVERIFY(finished.wait(120000) || finished.size() == 1);
    QCOMPARE(runs.size(), 1);

    // The console showed the exact command, never through a shell.
    QVERIFY2(console.consoleText().contains(QStringLiteral("$ ")),
             qPrintable(console.consoleText()));
    QVERIFY(console.consoleText().contains(QStringLiteral("-f json")));

    // The sample's eval() and shell=True are found, with their lines, and saved at once.
    const QList<threatdock::rules::Finding> findings = document->scanFindings();
    QStringList rules;
    for (const auto &f : findings)
        rules << f.ruleId;
    QVERIFY2(rules.contains(QStringLiteral("B307"))
                 || rules.contains(QStringLiteral("bandit:B307")),
             qPrintable(rules.join(u',')));
    auto store = threatdock::review::ReviewStore::open(document->reviewPath());
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    const auto saved = store.value->scanRuns();
    QVERIFY(saved.ok());
    QCOMPARE(saved.value.size(), 1);
    QCOMPARE(saved.value.constFirst().tool, QStringLiteral("bandit"));
    QCOMPARE(saved.value.constFirst().findings.size(), findings.size());
    for (const auto &f : saved.value.constFirst().findings)
        QVERIFY(f.line > 0);
}

void TestScanConsole::missingToolSaysHowToInstallIt()
{
    QTemporaryDir dir;
    auto document = threatdock::testing::makeDocument(dir);
    QVERIFY(document);
    // A configured path that is not there: the message says what to do.
    QSettings().setValue(QStringLiteral("tools/trivy"), dir.filePath(QStringLiteral("no-trivy")));
    ScanConsole console(document.get());
    console.show();
    QSignalSpy runs(document.get(), &ReviewDocument::scanRunsChanged);
    console.findChild<QLineEdit *>(QStringLiteral("trivyImageEdit"))
        ->setText(QStringLiteral("x:1"));
    QTest::mouseClick(buttonFor(console, QStringLiteral("runTrivyAction")), Qt::LeftButton);
    QVERIFY(!console.isRunning());
    QVERIFY2(console.consoleText().contains(QStringLiteral("trivy")),
             qPrintable(console.consoleText()));
    QCOMPARE(runs.size(), 0);
    QSettings().remove(QStringLiteral("tools/trivy"));
}

void TestScanConsole::importedReportJoinsTheAnalysis()
{
    // A Bandit report of the sample made elsewhere (tests/data/scans).
    const QString report
        = threatdock::testing::testDataPath(QStringLiteral("scans/bandit-sample-vulnerable.json"));
    QTemporaryDir dir;
    auto document = threatdock::testing::makeDocument(dir);
    QVERIFY(document);
    ScanConsole console(document.get());
    QVERIFY(console.importReport(report));
    const auto findings = document->scanFindings();
    QVERIFY(!findings.isEmpty());
    for (const auto &f : findings)
        QCOMPARE(f.source, QStringLiteral("bandit"));

    // The next analysis carries them: the findings view and the threats see them.
    auto request = threatdock::analysis::AnalysisRequest();
    request.load.path = threatdock::testing::sampleProject();
    request.scanFindings = findings;
    auto result = threatdock::analysis::analyzeProject(request);
    QVERIFY(result.ok());
    const auto before = document->report().findings.size();
    document->setAnalysis(std::move(result));
    QCOMPARE(document->report().findings.size(), before + findings.size());
}

void TestScanConsole::unreadableReportIsRefused()
{
    QTemporaryDir dir;
    auto document = threatdock::testing::makeDocument(dir);
    QVERIFY(document);
    const QString garbage = dir.filePath(QStringLiteral("garbage.json"));
    {
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"not\": \"a report\"");
    }
    ScanConsole console(document.get());
    QSignalSpy runs(document.get(), &ReviewDocument::scanRunsChanged);
    QVERIFY(!console.importReport(garbage));
    QCOMPARE(runs.size(), 0);
    QVERIFY(document->scanFindings().isEmpty());
    QVERIFY2(console.consoleText().contains(QStringLiteral("garbage.json")),
             qPrintable(console.consoleText()));
}

QTEST_MAIN(TestScanConsole)
#include "tst_scanconsole.moc"
