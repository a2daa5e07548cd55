#include "scans/banditscan.h"
#include "scans/scanrunner.h"
#include "scans/toollocator.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace threatdock::scans;

namespace {

ToolCommand command(const QString &program, const QStringList &arguments, int timeoutMs = 30000)
{
    ToolCommand c;
    c.program = program;
    c.arguments = arguments;
    c.timeoutMs = timeoutMs;
    return c;
}

/// Live (not zombie) processes whose process group is pgid, read from /proc.
QList<qint64> liveGroupMembers(qint64 pgid)
{
    QList<qint64> members;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QString line = QString::fromUtf8(stat.readAll());
        // "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after ')'.
        const QStringList fields = line.mid(line.lastIndexOf(u')') + 2).split(u' ');
        if (fields.size() > 2 && fields.at(2).toLongLong() == pgid && fields.at(0) != u"Z")
            members << pid;
    }
    return members;
}

/// Peak resident memory of this process in KiB (VmHWM).
qint64 peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression hwm(QStringLiteral("VmHWM:\\s+(\\d+) kB"));
    return hwm.match(QString::fromUtf8(status.readAll())).captured(1).toLongLong();
}

} // namespace

class TestScanRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamsLinesInOrder()
    {
        ScanRunner runner;
        QStringList lines;
        connect(&runner, &ScanRunner::standardOutputLine, this,
                [&lines](const QString &line) { lines << line; });
        QSignalSpy started(&runner, &ScanRunner::started);
        QSignalSpy finished(&runner, &ScanRunner::finished);
        const RunResult r = runner.run(
            command(QStringLiteral("/usr/bin/seq"), {QStringLiteral("1"), QStringLiteral("5")}));
        QCOMPARE(r.status, RunResult::Status::Finished);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lines,
                 QStringList({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                              QStringLiteral("4"), QStringLiteral("5")}));
        QCOMPARE(r.standardOutput, QByteArray("1\n2\n3\n4\n5\n"));
        QCOMPARE(started.size(), 1);
        QVERIFY(started.first().first().toLongLong() > 0);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!runner.isRunning());
    }

    void deliversTheLastLineWithoutNewline()
    {
        ScanRunner runner;
        QStringList lines;
        connect(&runner, &ScanRunner::standardOutputLine, this,
                [&lines](const QString &line) { lines << line; });
        runner.run(command(QStringLiteral("/usr/bin/printf"), {QStringLiteral("a\\r\\n\\nb")}));
        QCOMPARE(lines, QStringList({QStringLiteral("a"), QString(), QStringLiteral("b")}));
    }

    void usesWorkingDirectoryAndEnvironment()
    {
        QTemporaryDir dir;
        ToolCommand pwd = command(QStringLiteral("/usr/bin/pwd"), {});
        pwd.workingDirectory = dir.path();
        ScanRunner runner;
        QCOMPARE(QString::fromUtf8(runner.run(pwd).standardOutput).trimmed(),
                 QDir(dir.path()).canonicalPath());

        ToolCommand env = command(QStringLiteral("/usr/bin/env"), {});
        env.environment = QProcessEnvironment();
        env.environment.insert(QStringLiteral("THREATDOCK_PROBE"), QStringLiteral("a b;$(x)"));
        const QString out = QString::fromUtf8(runner.run(env).standardOutput);
        QCOMPARE(out, QStringLiteral("THREATDOCK_PROBE=a b;$(x)\n"));
    }

    void argumentsAreNeverInterpretedByAShell()
    {
        ScanRunner runner;
        const QString tricky = QStringLiteral("; touch /tmp/threatdock-pwned $(id) `id` | cat");
        const RunResult r = runner.run(
            command(QStringLiteral("/usr/bin/printf"), {QStringLiteral("%s"), tricky}));
        QCOMPARE(QString::fromUtf8(r.standardOutput), tricky);
    }

    void reportsNonZeroExitAndStderr()
    {
        ScanRunner runner;
        QStringList errLines;
        connect(&runner, &ScanRunner::standardErrorLine, this,
                [&errLines](const QString &line) { errLines << line; });
        const RunResult r = runner.run(
            command(QStringLiteral("/usr/bin/head"), {QStringLiteral("/nonexistent/threatdock")}));
        QCOMPARE(r.status, RunResult::Status::Finished);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(errLines.size(), 1);
        QVERIFY2(errLines.first().contains(QStringLiteral("/nonexistent/threatdock")),
                 qPrintable(errLines.first()));
        QCOMPARE(lastErrorLine(r), errLines.first());
        QCOMPARE(r.describe(), QStringLiteral("exited with code 1"));
    }

    void missingProgramFailsToStart()
    {
        ScanRunner runner;
        QSignalSpy finished(&runner, &ScanRunner::finished);
        const RunResult r = runner.run(command(QStringLiteral("/nonexistent/threatdock-tool"), {}));
        QCOMPARE(r.status, RunResult::Status::FailedToStart);
        QVERIFY(r.errorString.startsWith(QStringLiteral("/nonexistent/threatdock-tool: ")));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!runner.isRunning());
    }

    void missingToolGivesAnActionableMessage()
    {
        QTemporaryDir emptyPath;
        const ToolInfo bandit
            = ToolLocator::locate(ToolSpec::bandit(), QString(), {emptyPath.path()});
        QVERIFY(!bandit.found());
        QCOMPARE(bandit.error, QStringLiteral("bandit not found: apt-get install bandit"));
        const ToolInfo trivy
            = ToolLocator::locate(ToolSpec::trivy(), QString(), {emptyPath.path()});
        QVERIFY(trivy.error.startsWith(QStringLiteral("trivy not found: install Trivy")));
        const ToolInfo configured
            = ToolLocator::locate(ToolSpec::bandit(), QStringLiteral("/nonexistent/bandit"));
        QCOMPARE(configured.error,
                 QStringLiteral("bandit not found at /nonexistent/bandit: apt-get install bandit, "
                                "or correct the configured path"));
        const ToolInfo notExecutable = ToolLocator::locate(ToolSpec::bandit(), emptyPath.path());
        QVERIFY(notExecutable.error.contains(QStringLiteral("is not an executable file")));

        // The scan reports the locator's message instead of running anything.
        ScanRunner runner;
        QSignalSpy started(&runner, &ScanRunner::started);
        const ScanResult scan
            = BanditScan::run(runner, bandit, ScanTarget::fromDirectory(emptyPath.path()), nullptr);
        QCOMPARE(scan.error, QStringLiteral("bandit not found: apt-get install bandit"));
        QCOMPARE(started.size(), 0);
    }

    void detectsVersions()
    {
        QCOMPARE(ToolLocator::versionFrom(
                     QStringLiteral("bandit 1.6.2\n  python version = 3.11.2 (main, Mar 13 2023)")),
                 QStringLiteral("1.6.2"));
        QCOMPARE(ToolLocator::versionFrom(QStringLiteral("Version: 0.58.1\n")),
                 QStringLiteral("0.58.1"));
        QCOMPARE(ToolLocator::versionFrom(QStringLiteral("no number")), QString());
        // A real tool, found on PATH and asked with --version through the runner.
        const ToolInfo sleep = ToolLocator::locate(
            {QStringLiteral("sleep"), {QStringLiteral("--version")}, QString()});
        QVERIFY2(sleep.found(), qPrintable(sleep.error));
        QVERIFY(QFileInfo(sleep.path).isAbsolute());
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+")).match(sleep.version).hasMatch(),
                 qPrintable(sleep.version));
    }

    void timesOut()
    {
        ScanRunner runner;
        QElapsedTimer clock;
        clock.start();
        const RunResult r
            = runner.run(command(QStringLiteral("/bin/sleep"), {QStringLiteral("30")}, 300));
        QCOMPARE(r.status, RunResult::Status::TimedOut);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(r.describe().startsWith(QStringLiteral("timed out after")));
    }

    void cancelKillsTheWholeProcessGroup()
    {
        // xargs forks sleep as its child and dies on SIGTERM without passing it on: only a
        // signal to the whole group stops the grandchild.
        QTemporaryDir dir;
        QFile input(dir.filePath(QStringLiteral("args")));
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write("300\n");
        input.close();
        ScanRunner runner;
        QSignalSpy started(&runner, &ScanRunner::started);
        runner.start(
            command(QStringLiteral("/usr/bin/xargs"),
                    {QStringLiteral("-a"), input.fileName(), QStringLiteral("/bin/sleep")}));
        QVERIFY(runner.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 5000);
        const qint64 group = runner.processId();
        QCOMPARE(started.first().first().toLongLong(), group);
        QCOMPARE(::getpgid(pid_t(group)), pid_t(group)); // its own group (setsid)
        QCOMPARE(::getsid(pid_t(group)), pid_t(group));
        QTRY_COMPARE_WITH_TIMEOUT(liveGroupMembers(group).size(), 2, 5000);
        QSignalSpy finished(&runner, &ScanRunner::finished);
        runner.cancel();
        QVERIFY(runner.waitForFinished(10000));
        QCOMPARE(runner.result().status, RunResult::Status::Canceled);
        QCOMPARE(finished.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(liveGroupMembers(group).isEmpty(), 5000);
    }

    void cancelRightAfterStart()
    {
        // Canceled before the child has even started running: it is stopped all the same.
        ScanRunner runner;
        runner.start(command(QStringLiteral("/bin/sleep"), {QStringLiteral("30")}));
        runner.cancel();
        QVERIFY(runner.waitForFinished(10000));
        QCOMPARE(runner.result().status, RunResult::Status::Canceled);
        QVERIFY(runner.result().elapsedMs < 5000);
    }

    void killedBySomeoneElseIsACrash()
    {
        ScanRunner runner;
        QSignalSpy started(&runner, &ScanRunner::started);
        runner.start(command(QStringLiteral("/bin/sleep"), {QStringLiteral("30")}));
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 5000);
        ::kill(pid_t(runner.processId()), SIGKILL);
        QVERIFY(runner.waitForFinished(10000));
        QCOMPARE(runner.result().status, RunResult::Status::Crashed);
        QCOMPARE(runner.result().describe(), QStringLiteral("killed by signal 9"));
    }

    void garbageOutputIsKeptAsBytes()
    {
        ScanRunner runner;
        qsizetype lines = 0;
        connect(&runner, &ScanRunner::standardOutputLine, this, [&lines] { ++lines; });
        const RunResult r = runner.run(command(
            QStringLiteral("/usr/bin/head"),
            {QStringLiteral("-c"), QStringLiteral("262144"), QStringLiteral("/dev/urandom")}));
        QCOMPARE(r.status, RunResult::Status::Finished);
        QCOMPARE(r.standardOutput.size(), 262144);
        QVERIFY(lines > 0);
        // A scanner that writes garbage gives an error, not findings and not a crash.
        RunResult garbage = r;
        garbage.exitCode = 1;
        const ScanResult scan = BanditScan::interpret(
            garbage, ToolInfo(), ScanTarget::fromDirectory(QDir::tempPath()), nullptr);
        QVERIFY(!scan.ok());
        QVERIFY2(scan.error.contains(QStringLiteral("not JSON")), qPrintable(scan.error));
        QVERIFY(scan.findings.isEmpty());
    }

    void hugeOutputStaysBounded()
    {
        // ~20.9 MB of short lines: every line is delivered, memory stays near the capture
        // limit instead of growing with the output.
        ScanRunner runner;
        runner.setCaptureLimit(1024 * 1024);
        qsizetype lines = 0;
        QString last;
        connect(&runner, &ScanRunner::standardOutputLine, this, [&](const QString &line) {
            ++lines;
            last = line;
        });
        const qint64 peakBefore = peakRssKiB();
        const RunResult r
            = runner.run(command(QStringLiteral("/usr/bin/seq"),
                                 {QStringLiteral("1"), QStringLiteral("3000000")}, 120000));
        QCOMPARE(r.status, RunResult::Status::Finished);
        QCOMPARE(lines, qsizetype(3000000));
        QCOMPARE(last, QStringLiteral("3000000"));
        QVERIFY(r.outputTruncated);
        QCOMPARE(r.standardOutput.size(), 1024 * 1024);
        QVERIFY(r.standardOutput.startsWith("1\n2\n3\n"));
        const qint64 growthKiB = peakRssKiB() - peakBefore;
#ifdef __SANITIZE_ADDRESS__
        // AddressSanitizer keeps freed memory in its quarantine (256 MiB by default), so
        // the process's peak size says nothing about what the runner retains there; the
        // 16 MiB bound is checked by the normal build (and holds under ASan with
        // ASAN_OPTIONS=quarantine_size_mb=1).
        QVERIFY2(growthKiB < 512 * 1024, qPrintable(QString::number(growthKiB)));
#else
        QVERIFY2(growthKiB < 16 * 1024, qPrintable(QString::number(growthKiB)));
#endif
    }

    void hugeSingleLineComesInPieces()
    {
        ScanRunner runner;
        runner.setCaptureLimit(0);
        qsizetype bytes = 0;
        qsizetype pieces = 0;
        qsizetype longest = 0;
        connect(&runner, &ScanRunner::standardOutputLine, this, [&](const QString &line) {
            bytes += line.size();
            longest = qMax(longest, line.size());
            ++pieces;
        });
        const RunResult r = runner.run(
            command(QStringLiteral("/usr/bin/head"),
                    {QStringLiteral("-c"), QStringLiteral("20971520"), QStringLiteral("/dev/zero")},
                    120000));
        QCOMPARE(r.status, RunResult::Status::Finished);
        QVERIFY(r.outputTruncated);
        QVERIFY(r.standardOutput.isEmpty());
        QCOMPARE(bytes, qsizetype(20971520));
        QCOMPARE(longest, qsizetype(64 * 1024));
        QCOMPARE(pieces, qsizetype(20971520 / (64 * 1024)));
    }

    void displayStringQuotesArguments()
    {
        ToolCommand c
            = command(QStringLiteral("/usr/bin/bandit"),
                      {QStringLiteral("-r"), QStringLiteral("my app"), QStringLiteral("it's")});
        QCOMPARE(c.displayString(), QStringLiteral("/usr/bin/bandit -r 'my app' 'it'\\''s'"));
    }
};

QTEST_GUILESS_MAIN(TestScanRunner)
#include "tst_scanrunner.moc"
