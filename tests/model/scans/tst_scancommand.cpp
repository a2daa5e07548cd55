#include "cli/commandline.h"
#include "clirun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = threatdock::testing::CliRun;

Run cli(const QStringList &arguments)
{
    return threatdock::testing::runCli(arguments);
}

QString sample(const QString &name)
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/") + name;
}

QString fixture(const QString &name)
{
    return QStringLiteral(THREATDOCK_TEST_DATA_DIR "/scans/") + name;
}

QJsonObject findingById(const QJsonArray &findings, const QString &id)
{
    for (const QJsonValue &f : findings)
        if (f.toObject().value(QStringLiteral("id")).toString() == id)
            return f.toObject();
    return QJsonObject();
}

/// PATH set to an empty directory for the lifetime of the object.
class EmptyPath
{
public:
    EmptyPath()
        : m_saved(qgetenv("PATH"))
    {
        qputenv("PATH", m_dir.path().toLocal8Bit());
    }
    ~EmptyPath() { qputenv("PATH", m_saved); }

private:
    QTemporaryDir m_dir;
    QByteArray m_saved;
};

} // namespace

/// `threatdock-cli scan`: options, imports merged with the analysis, missing tools.
class TestScanCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void needsSomethingToScan()
    {
        const Run r = cli({QStringLiteral("scan"), sample(QStringLiteral("vulnerable"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("nothing to scan")));
        QCOMPARE(cli({QStringLiteral("scan"), QStringLiteral("--bandit"),
                      QStringLiteral("--format"), QStringLiteral("xml")})
                     .exitCode,
                 2);
        QCOMPARE(cli({QStringLiteral("scan"), QStringLiteral("--help")}).exitCode, 0);
    }

    void importMergesWithTheAnalysis()
    {
        const Run r = cli({QStringLiteral("scan"), sample(QStringLiteral("vulnerable")),
                           QStringLiteral("--import"),
                           fixture(QStringLiteral("bandit-sample-vulnerable.json")),
                           QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("(Bandit JSON)")));
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonArray findings = json.value(QStringLiteral("findings")).toArray();
        const QJsonObject shell
            = findingById(findings, QStringLiteral("B602@file:api/app.py/ping"));
        QCOMPARE(shell.value(QStringLiteral("source")).toString(), QStringLiteral("bandit"));
        QCOMPARE(shell.value(QStringLiteral("file")).toString(), QStringLiteral("api/app.py"));
        QCOMPARE(shell.value(QStringLiteral("service")).toString(), QStringLiteral("api"));
        QCOMPARE(shell.value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        QVERIFY(shell.value(QStringLiteral("line")).toInt() > 0);
        QVERIFY(!findingById(findings, QStringLiteral("B307@file:api/app.py/calc")).isEmpty());
        qsizetype own = 0;
        for (const QJsonValue &f : findings)
            own += f.toObject().value(QStringLiteral("source")).toString() == u"threatdock";
        QVERIFY(own > 0); // the analysis findings are there too
        const QJsonArray scans = json.value(QStringLiteral("scans")).toArray();
        QCOMPARE(scans.size(), 1);
        QCOMPARE(scans.first().toObject().value(QStringLiteral("tool")).toString(),
                 QStringLiteral("bandit"));
        QCOMPARE(scans.first().toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("ok"));
        QCOMPARE(scans.first().toObject().value(QStringLiteral("findings")).toInt(), 4);
        // The sample's passwords never reach the output.
        QVERIFY(!r.out.contains(QStringLiteral("Tr0ub4dor")));
        QVERIFY(!r.out.contains(QStringLiteral("redis-Pa55w0rd")));
    }

    void missingTrivyIsAnActionableError()
    {
        const EmptyPath path;
        const Run r
            = cli({QStringLiteral("scan"), sample(QStringLiteral("hardened")),
                   QStringLiteral("--trivy"), QStringLiteral("threatdock-sample/api:hardened"),
                   QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("error: trivy not found: install Trivy")),
                 qPrintable(r.err));
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject scan = json.value(QStringLiteral("scans")).toArray().first().toObject();
        QCOMPARE(scan.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        QVERIFY(scan.value(QStringLiteral("error"))
                    .toString()
                    .startsWith(QStringLiteral("trivy not found: ")));
    }

    void missingBanditIsAnActionableError()
    {
        const EmptyPath path;
        const Run r = cli({QStringLiteral("scan"), sample(QStringLiteral("vulnerable")),
                           QStringLiteral("--bandit")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("error: bandit not found: apt-get install bandit")),
                 qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("Scans:")));
    }

    void unreadableImportIsAnError()
    {
        QTemporaryDir dir;
        const QString garbage = dir.filePath(QStringLiteral("report.txt"));
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\x01\x02 not a report");
        f.close();
        const Run r = cli({QStringLiteral("scan"), sample(QStringLiteral("vulnerable")),
                           QStringLiteral("--import"), garbage});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not a JSON document")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestScanCommand)
#include "tst_scancommand.moc"
