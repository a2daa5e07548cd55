// The Scans panel with the real Bandit (Debian's bandit) on the bundled sample, and a
// real scanner report imported: the run lands in the review file and its findings join
// the next analysis. Its Docker row against stand-ins for docker and docker compose that
// record their calls (tests/model/scans/fakedocker.h; the real engine is driven by
// tst_dockerintegration): what is asked before running, what runs, cancel, and the
// runtime checks of a real `docker inspect` output recorded in the review.

#include "testsupport.h"
#include "views/documentfixture.h"

#include "model/scans/fakedocker.h"
#include "scans/scanconsole.h"

#include "review/reviewstore.h"
#include "scans/toollocator.h"

#include <QAction>
#include <QElapsedTimer>
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

/// Puts the fake docker first on PATH for the lifetime of the object.
class FakeOnPath
{
public:
    explicit FakeOnPath(const threatdock::testing::FakeDocker &fake)
        : m_saved(qgetenv("PATH"))
    {
        qputenv("PATH", fake.dir().toUtf8() + ':' + m_saved);
    }
    ~FakeOnPath() { qputenv("PATH", m_saved); }
    FakeOnPath(const FakeOnPath &) = delete;
    FakeOnPath &operator=(const FakeOnPath &) = delete;

private:
    QByteArray m_saved;
};

/// The calls of the fake whose arguments contain word.
QList<QStringList> callsWith(const threatdock::testing::FakeDocker &fake, const QString &word)
{
    QList<QStringList> found;
    for (const QStringList &call : fake.calls())
        if (call.contains(word))
            found << call;
    return found;
}

/// The fake docker first on PATH, a review of a bundled sample and its Scans panel.
struct DockerFixture
{
    explicit DockerFixture(const QString &project = threatdock::testing::sampleProject())
        : document(threatdock::testing::makeDocument(dir, project))
    {
        if (document) {
            console = std::make_unique<ScanConsole>(document.get());
            console->show();
        }
    }
    bool ok() const { return console != nullptr; }
    QToolButton *button(const QString &action) const { return buttonFor(*console, action); }

    threatdock::testing::FakeDocker fake{threatdock::testing::FakeDocker::Plugin};
    FakeOnPath path{fake};
    QTemporaryDir dir;
    std::unique_ptr<ReviewDocument> document;
    std::unique_ptr<ScanConsole> console;
};

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
    void dockerBuildAsksFirstAndRunsNothingWhenDeclined();
    void dockerBuildRunsWithTheBuildArguments();
    void dockerStepCanBeCancelled();
    void dockerVerifyRecordsTheRuntimeChecks();
    void dockerMissingSaysHowToInstallIt();
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

void TestScanConsole::dockerBuildAsksFirstAndRunsNothingWhenDeclined()
{
    DockerFixture f;
    QVERIFY(f.ok());
    ScanConsole &console = *f.console;
    const auto &fake = f.fake;
    QStringList asked;
    console.setConfirmation([&asked](const QString &title, const QString &command) {
        asked << title << command;
        return false;
    });
    auto *args = console.findChild<QLineEdit *>(QStringLiteral("dockerBuildArgsEdit"));
    QVERIFY(args);
    args->setText(QStringLiteral("BASE_IMAGE=local/python:1 OFFLINE=1"));
    QSignalSpy running(&console, &ScanConsole::runningChanged);
    QTest::mouseClick(buttonFor(console, QStringLiteral("dockerBuildAction")), Qt::LeftButton);

    // The question names the exact command: the fake's docker, compose, the sample's
    // file, build and the arguments typed.
    QCOMPARE(asked.size(), 2);
    QVERIFY2(asked.at(0).contains(QStringLiteral("threatdock-sample-vulnerable")),
             qPrintable(asked.at(0)));
    const QString command = asked.at(1);
    QVERIFY2(
        command.startsWith(fake.program(QStringLiteral("docker")) + QStringLiteral(" compose")),
        qPrintable(command));
    QVERIFY2(command.contains(QStringLiteral("compose.yaml")), qPrintable(command));
    QVERIFY2(command.contains(QStringLiteral(" build ")), qPrintable(command));
    QVERIFY2(command.contains(QStringLiteral("--build-arg BASE_IMAGE=local/python:1")),
             qPrintable(command));
    QVERIFY2(command.contains(QStringLiteral("--build-arg OFFLINE=1")), qPrintable(command));
    // Declined: nothing ran, and the panel says so.
    QVERIFY(callsWith(fake, QStringLiteral("build")).isEmpty());
    QVERIFY(!console.isRunning());
    QCOMPARE(running.size(), 0);
    QVERIFY2(console.stateText().contains(QStringLiteral("declined")),
             qPrintable(console.stateText()));
}

void TestScanConsole::dockerBuildRunsWithTheBuildArguments()
{
    DockerFixture f;
    QVERIFY(f.ok());
    ScanConsole &console = *f.console;
    const auto &fake = f.fake;
    console.setConfirmation([](const QString &, const QString &) { return true; });
    console.findChild<QLineEdit *>(QStringLiteral("dockerBuildArgsEdit"))
        ->setText(QStringLiteral("OFFLINE=1 \"LABEL=two words\""));
    QSignalSpy running(&console, &ScanConsole::runningChanged);
    QTest::mouseClick(buttonFor(console, QStringLiteral("dockerBuildAction")), Qt::LeftButton);
    QVERIFY2(console.isRunning(), qPrintable(console.consoleText()));
    // While it runs, nothing else can start; Cancel can.
    QVERIFY(!console.buildAction()->isEnabled());
    QVERIFY(!console.banditAction()->isEnabled());
    QVERIFY(console.cancelAction()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
    QCOMPARE(running.size(), 2);

    const QList<QStringList> builds = callsWith(fake, QStringLiteral("build"));
    QCOMPARE(builds.size(), 1);
    // An argument list: the quoted value is one argument, never split by a shell.
    const QStringList call = builds.constFirst();
    QCOMPARE(call.first(), QStringLiteral("docker"));
    QVERIFY(call.contains(QStringLiteral("OFFLINE=1")));
    QVERIFY2(call.contains(QStringLiteral("LABEL=two words")), qPrintable(call.join(u'|')));
    // Compose's output streamed into the console, and the outcome in the state line.
    QVERIFY2(console.consoleText().contains(QStringLiteral("Step 1/2 : FROM base")),
             qPrintable(console.consoleText()));
    QVERIFY2(console.stateText().startsWith(QStringLiteral("docker build finished")),
             qPrintable(console.stateText()));
}

void TestScanConsole::dockerStepCanBeCancelled()
{
    DockerFixture f;
    QVERIFY(f.ok());
    f.fake.write(QStringLiteral("compose.sleep"), "60");
    ScanConsole &console = *f.console;
    console.setConfirmation([](const QString &, const QString &) { return true; });
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(buttonFor(console, QStringLiteral("dockerUpAction")), Qt::LeftButton);
    QVERIFY(console.isRunning());
    // Wait until compose itself runs (its first line is in the console), then cancel.
    QTRY_VERIFY_WITH_TIMEOUT(console.consoleText().contains(QStringLiteral("compose: ")), 15000);
    QTest::mouseClick(buttonFor(console, QStringLiteral("cancelScanAction")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 20000);
    QVERIFY2(clock.elapsed() < 45000, "cancel did not stop the 60 s compose step");
    QVERIFY2(console.stateText().contains(QStringLiteral("cancelled")),
             qPrintable(console.stateText()));
    QVERIFY(console.upAction()->isEnabled());
}

void TestScanConsole::dockerVerifyRecordsTheRuntimeChecks()
{
    // `docker inspect` of the hardened sample as it ran on Docker 20.10 (tests/data).
    DockerFixture f(threatdock::testing::sampleProject(QStringLiteral("hardened")));
    QVERIFY(f.ok());
    const auto &fake = f.fake;
    const auto data = [](const char *name) {
        QFile f(threatdock::testing::testDataPath(QStringLiteral("scans/docker/")
                                                  + QString::fromLatin1(name)));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    fake.write(QStringLiteral("ps.txt"), "c1\nc2\n");
    fake.write(QStringLiteral("inspect.json"), data("hardened-containers.json"));
    fake.write(QStringLiteral("images.json"), data("images.json"));
    ScanConsole &console = *f.console;
    const auto &document = f.document;
    bool asked = false;
    console.setConfirmation([&asked](const QString &, const QString &) {
        asked = true;
        return true;
    });
    QSignalSpy runs(document.get(), &ReviewDocument::scanRunsChanged);
    QTest::mouseClick(buttonFor(console, QStringLiteral("dockerVerifyAction")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
    QVERIFY(!asked); // inspecting runs nothing from the project
    QCOMPARE(runs.size(), 1);
    QVERIFY2(console.stateText().contains(QStringLiteral("2 container(s)"))
                 && console.stateText().contains(QStringLiteral(" 0 failed")),
             qPrintable(console.stateText()));
    QVERIFY2(console.consoleText().contains(QStringLiteral("PASS Runs as a non-root user")),
             qPrintable(console.consoleText()));

    auto store = threatdock::review::ReviewStore::open(document->reviewPath());
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    const auto saved = store.value->scanRuns();
    QVERIFY(saved.ok());
    QCOMPARE(saved.value.size(), 1);
    const auto &run = saved.value.constFirst();
    QCOMPARE(run.tool, QStringLiteral("docker"));
    QCOMPARE(run.exitStatus, 0);
    QVERIFY(!run.findings.isEmpty());
    for (const auto &f : run.findings) {
        QCOMPARE(f.source, QStringLiteral("docker"));
        QVERIFY2(f.ruleId.startsWith(QStringLiteral("RUNTIME-")), qPrintable(f.ruleId));
    }
}

void TestScanConsole::dockerMissingSaysHowToInstallIt()
{
    QTemporaryDir dir;
    auto document = threatdock::testing::makeDocument(dir);
    QVERIFY(document);
    // Nothing on PATH, and a configured docker that is not there.
    const QByteArray saved = qgetenv("PATH");
    qputenv("PATH", dir.path().toUtf8());
    QSettings().setValue(QStringLiteral("tools/docker"), dir.filePath(QStringLiteral("no-docker")));
    ScanConsole console(document.get());
    console.show();
    bool asked = false;
    console.setConfirmation([&asked](const QString &, const QString &) {
        asked = true;
        return true;
    });
    QTest::mouseClick(buttonFor(console, QStringLiteral("dockerUpAction")), Qt::LeftButton);
    qputenv("PATH", saved);
    QSettings().remove(QStringLiteral("tools/docker"));
    QVERIFY(!console.isRunning());
    QVERIFY(!asked);
    QVERIFY2(console.consoleText().contains(QStringLiteral("apt-get install docker.io")),
             qPrintable(console.consoleText()));
}

QTEST_MAIN(TestScanConsole)
#include "tst_scanconsole.moc"
