// KICS's own samples for its passwords-and-secrets rules and for the ENV secret query:
// every expected line is found, nothing is found on the negative samples.

#include "rules/secretdetector.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

using threatdock::rules::SecretDetector;
using namespace threatdock::testing;

class TestSecretConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kicsSamples_data();
    void kicsSamples();

private:
    static QList<SecretDetector::Match> scanFile(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(path));
        const auto kind = path.endsWith(QStringLiteral(".dockerfile"))
            ? SecretDetector::TextKind::Shell
            : SecretDetector::TextKind::Config;
        return SecretDetector::scan(QString::fromUtf8(f.readAll()), kind);
    }
};

void TestSecretConformance::kicsSamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<QStringList>("kinds");
    for (const char *folder :
         {"kics/passwords_and_secrets/test", "kics/dockerfile/env_instruction_has_secret"}) {
        const QDir dir(conformancePath(QString::fromUtf8(folder)));
        const QJsonArray expected
            = readJson(dir.filePath(QStringLiteral("positive_expected_result.json"))).array();
        const QStringList files = dir.entryList(
            {QStringLiteral("positive*"), QStringLiteral("negative*")}, QDir::Files, QDir::Name);
        for (const QString &file : files) {
            if (file.endsWith(QStringLiteral(".json")))
                continue;
            QList<int> lines;
            QStringList kinds;
            for (const QJsonValue &v : expected) {
                const QJsonObject o = v.toObject();
                if (o.value(QStringLiteral("fileName")).toString() != file)
                    continue;
                lines << o.value(QStringLiteral("line")).toInt();
                kinds << o.value(QStringLiteral("queryName"))
                             .toString()
                             .section(QStringLiteral(" - "), 1);
            }
            QTest::newRow(qPrintable(file)) << dir.filePath(file) << lines << kinds;
        }
    }
}

void TestSecretConformance::kicsSamples()
{
    QFETCH(QString, file);
    QFETCH(QList<int>, lines);
    QFETCH(QStringList, kinds);
    const auto matches = scanFile(file);
    QSet<int> found;
    for (const auto &m : matches)
        found.insert(m.line);
    const QSet<int> wanted(lines.cbegin(), lines.cend());
    QCOMPARE(found, wanted);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (kinds.at(i).startsWith(QStringLiteral("ENV Instruction")))
            continue; // the Beta query has one name for all its hits
        const bool kindFound = std::any_of(matches.cbegin(), matches.cend(), [&](const auto &m) {
            return m.line == lines.at(i) && m.kind == kinds.at(i);
        });
        QVERIFY2(kindFound,
                 qPrintable(QStringLiteral("line %1: no %2").arg(lines.at(i)).arg(kinds.at(i))));
    }
}

THREATDOCK_CONFORMANCE_MAIN(TestSecretConformance)
#include "tst_secretconformance.moc"
