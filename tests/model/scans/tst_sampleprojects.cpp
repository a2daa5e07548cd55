#include "cli/commandline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

QString sample(const QString &name)
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/") + name;
}

/// `threatdock-cli analyze SAMPLE --format json`, as a user runs it; the findings array.
QJsonArray analyze(const QString &name)
{
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    const int code
        = threatdock::cli::runCommandLine({QStringLiteral("analyze"), sample(name),
                                           QStringLiteral("--format"), QStringLiteral("json")},
                                          outStream, errStream);
    outStream.flush();
    errStream.flush();
    if (code != 0)
        qFatal("analyze %s failed (%d): %s", qPrintable(name), code, qPrintable(err));
    return QJsonDocument::fromJson(out.toUtf8())
        .object()
        .value(QStringLiteral("findings"))
        .toArray();
}

/// "RULE service file" of each finding, for readable failure messages.
QStringList describe(const QJsonArray &findings)
{
    QStringList lines;
    for (const QJsonValue &v : findings) {
        const QJsonObject f = v.toObject();
        lines << QStringLiteral("%1 %2 %3 [%4]")
                     .arg(f.value(QStringLiteral("rule")).toString(),
                          f.value(QStringLiteral("service")).toString(),
                          f.value(QStringLiteral("file")).toString(),
                          f.value(QStringLiteral("severity")).toString());
    }
    return lines;
}

bool has(const QJsonArray &findings, const QString &rule, const QString &service,
         const QString &file = QString())
{
    for (const QJsonValue &v : findings) {
        const QJsonObject f = v.toObject();
        if (f.value(QStringLiteral("rule")).toString() == rule
            && (service.isEmpty() || f.value(QStringLiteral("service")).toString() == service)
            && (file.isEmpty() || f.value(QStringLiteral("file")).toString() == file))
            return true;
    }
    return false;
}

} // namespace

/// The bundled sample: ThreatDock's own analysis finds every issue planted in
/// resources/sample/vulnerable/ and nothing high or critical in resources/sample/hardened/.
/// (The code flaws, shell=True and eval(), are Bandit's: see tst_banditintegration.)
class TestSampleProjects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void vulnerableHasEveryPlantedIssue_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("file");
        const QString api = QStringLiteral("api");
        const QString redis = QStringLiteral("redis");
        const QString dockerfile = QStringLiteral("api/Dockerfile");
        // The Flask API: hard-coded password in the source.
        QTest::newRow("password in app.py")
            << QStringLiteral("SEC-SRC-001") << api << QStringLiteral("api/app.py");
        // The Dockerfile: root, full unpinned base image, no HEALTHCHECK.
        QTest::newRow("runs as root") << QStringLiteral("DKF-USR-001") << QString() << dockerfile;
        QTest::newRow("unpinned base") << QStringLiteral("DKF-SUP-007") << QString() << dockerfile;
        QTest::newRow("no HEALTHCHECK") << QStringLiteral("DKF-HLT-001") << QString() << dockerfile;
        // The compose file: secrets in environment, ports on all interfaces, no limits,
        // no security options, writable root file system.
        QTest::newRow("secret in environment") << QStringLiteral("CMP-SEC-001") << api << QString();
        QTest::newRow("api on all interfaces") << QStringLiteral("CMP-NET-001") << api << QString();
        QTest::newRow("redis on all interfaces")
            << QStringLiteral("CMP-NET-001") << redis << QString();
        QTest::newRow("datastore port published")
            << QStringLiteral("CMP-NET-003") << redis << QString();
        for (const QString &service : {api, redis}) {
            const QByteArray s = service.toUtf8();
            QTest::newRow(s + " memory") << QStringLiteral("CMP-RES-001") << service << QString();
            QTest::newRow(s + " cpu") << QStringLiteral("CMP-RES-002") << service << QString();
            QTest::newRow(s + " pids") << QStringLiteral("CMP-RES-003") << service << QString();
            QTest::newRow(s + " capabilities")
                << QStringLiteral("CMP-PRIV-003") << service << QString();
            QTest::newRow(s + " no-new-privileges")
                << QStringLiteral("CMP-PRIV-004") << service << QString();
            QTest::newRow(s + " writable rootfs")
                << QStringLiteral("CMP-FS-001") << service << QString();
            QTest::newRow(s + " runs as root")
                << QStringLiteral("CMP-PRIV-007") << service << QString();
            QTest::newRow(s + " healthcheck")
                << QStringLiteral("CMP-RES-006") << service << QString();
        }
        QTest::newRow("redis untagged") << QStringLiteral("CMP-IMG-001") << redis << QString();
    }

    void vulnerableHasEveryPlantedIssue()
    {
        QFETCH(QString, rule);
        QFETCH(QString, service);
        QFETCH(QString, file);
        static const QJsonArray findings = analyze(QStringLiteral("vulnerable"));
        QVERIFY2(has(findings, rule, service, file), qPrintable(describe(findings).join(u'\n')));
    }

    void vulnerableSecretsAreRedacted()
    {
        const QJsonArray findings = analyze(QStringLiteral("vulnerable"));
        const QString text = QString::fromUtf8(QJsonDocument(findings).toJson());
        QVERIFY(!text.contains(QStringLiteral("Tr0ub4dor")));
        QVERIFY(!text.contains(QStringLiteral("redis-Pa55w0rd")));
    }

    void hardenedHasNothingHighOrCritical()
    {
        const QJsonArray findings = analyze(QStringLiteral("hardened"));
        QStringList severe;
        for (const QJsonValue &v : findings) {
            const QString severity = v.toObject().value(QStringLiteral("severity")).toString();
            if (severity == u"high" || severity == u"critical")
                severe << describe(QJsonArray{v}).first();
        }
        QVERIFY2(severe.isEmpty(), qPrintable(severe.join(u'\n')));
    }

    void hardenedFixesThePlantedIssues_data() { vulnerableHasEveryPlantedIssue_data(); }

    void hardenedFixesThePlantedIssues()
    {
        QFETCH(QString, rule);
        QFETCH(QString, service);
        static const QJsonArray findings = analyze(QStringLiteral("hardened"));
        QVERIFY2(!has(findings, rule, service), qPrintable(describe(findings).join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestSampleProjects)
#include "tst_sampleprojects.moc"
