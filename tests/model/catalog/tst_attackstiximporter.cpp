#include "catalog/attackstiximporter.h"
#include "catalog/catalogoverridewriter.h"

#include "testsupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace threatdock::catalog;
using Type = CatalogChange::Type;

/// AttackStixImporter on the real ATT&CK STIX bundles of ../shared/conformance/attack.
class TestAttackStixImporter : public QObject
{
    Q_OBJECT

private:
    Catalog m_catalog;

    static QString bundle20()
    {
        return threatdock::testing::conformancePath(
            QStringLiteral("attack/attack-containers-bundle.json"));
    }
    static QString bundle21()
    {
        return threatdock::testing::conformancePath(
            QStringLiteral("attack/attack-containers-bundle-stix21.json"));
    }

    static void writeJson(const QString &path, const QJsonObject &o)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(o).toJson());
    }

    static QString externalId(const QJsonObject &o)
    {
        for (const QJsonValue &r : o.value(QStringLiteral("external_references")).toArray()) {
            if (r[QStringLiteral("source_name")] == QStringLiteral("mitre-attack"))
                return r[QStringLiteral("external_id")].toString();
        }
        return QString();
    }

    /// The real STIX 2.1 bundle with a few edits, as a later ATT&CK release might make.
    static QJsonObject editedBundle()
    {
        QJsonObject root = threatdock::testing::readJson(bundle21()).object();
        QJsonArray objects;
        QJsonObject newTechnique;
        QString t1612StixId;
        for (const QJsonValue &v : root.value(QStringLiteral("objects")).toArray()) {
            QJsonObject o = v.toObject();
            const QString id = externalId(o);
            if (id == u"T1613")
                continue; // dropped from the release
            if (id == u"T1611")
                o[QStringLiteral("name")] = QStringLiteral("Escape to Host Kernel");
            if (id == u"T1610")
                o[QStringLiteral("revoked")] = true;
            if (id == u"T1612") {
                t1612StixId = o[QStringLiteral("id")].toString();
                newTechnique = o;
                newTechnique[QStringLiteral("id")]
                    = QStringLiteral("attack-pattern--00000000-0000-4000-8000-000000000001");
                newTechnique[QStringLiteral("name")] = QStringLiteral("Container Image Poisoning");
                newTechnique[QStringLiteral("external_references")] = QJsonArray{
                    QJsonObject{{QStringLiteral("source_name"), QStringLiteral("mitre-attack")},
                                {QStringLiteral("external_id"), QStringLiteral("T1699")},
                                {QStringLiteral("url"),
                                 QStringLiteral("https://attack.mitre.org/techniques/T1699")}}};
            }
            objects.append(o);
        }
        objects.append(newTechnique);
        // The new technique has the mitigations of the one it was copied from.
        const QJsonArray all = objects;
        int n = 0;
        for (const QJsonValue &v : all) {
            QJsonObject r = v.toObject();
            if (r[QStringLiteral("type")] != QStringLiteral("relationship")
                || r[QStringLiteral("relationship_type")] != QStringLiteral("mitigates")
                || r[QStringLiteral("target_ref")] != QJsonValue(t1612StixId))
                continue;
            r[QStringLiteral("id")] = QStringLiteral("relationship--00000000-0000-4000-8000-%1")
                                          .arg(++n, 12, 10, QChar(u'0'));
            r[QStringLiteral("target_ref")] = newTechnique[QStringLiteral("id")];
            objects.append(r);
        }
        objects.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("x-mitre-collection")},
            {QStringLiteral("spec_version"), QStringLiteral("2.1")},
            {QStringLiteral("id"),
             QStringLiteral("x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019")},
            {QStringLiteral("name"), QStringLiteral("Enterprise ATT&CK")},
            {QStringLiteral("x_mitre_version"), QStringLiteral("99.0")}});
        root[QStringLiteral("objects")] = objects;
        return root;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const Catalog::LoadResult r = Catalog::load(QString());
        QVERIFY(r.ok());
        m_catalog = *r.catalog;
    }

    void realBundlesMatchTheCatalog_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::newRow("STIX 2.0") << bundle20() << "STIX 2.0 bundle";
        QTest::newRow("STIX 2.1, no collection") << bundle21() << "STIX 2.1 bundle";
    }

    void realBundlesMatchTheCatalog()
    {
        QFETCH(QString, path);
        QFETCH(QString, format);
        const AttackStixImporter::Result r = AttackStixImporter::import(path, m_catalog);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const ChangeReport &report = r.report;
        QCOMPARE(report.format, format);
        QCOMPARE(report.overrideFile, QStringLiteral("attack.yaml"));
        // Neither real bundle has an x-mitre-collection object: no version, and a note.
        QVERIFY(report.version.isEmpty());
        QCOMPARE(report.notes.size(), 1);
        QVERIFY(report.notes[0].contains(QStringLiteral("x-mitre-collection")));
        QVERIFY2(!report.hasChanges(), qPrintable(report.toText()));
        int techniques = 0;
        for (const CatalogChange &c : report.changes)
            techniques += c.kind == u"technique" ? 1 : 0;
        QCOMPARE(techniques, 48);
        QCOMPARE(report.count(Type::Unchanged), 48 + 32);
        QCOMPARE(report.count(Type::Absent), 0);
        QCOMPARE(report.ignored,
                 1); // T1059, the parent of T1059.013, is not a Containers technique
        QVERIFY(report.overrideUpdate.value(QStringLiteral("techniques")).isNull());
    }

    void changesAreReportedAndWritten()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("edited.json"));
        writeJson(path, editedBundle());
        const AttackStixImporter::Result r = AttackStixImporter::import(path, m_catalog);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const ChangeReport &report = r.report;
        QCOMPARE(report.version, QStringLiteral("99.0"));
        QVERIFY(report.notes.isEmpty());
        QCOMPARE(report.count(Type::Renamed), 1);
        QCOMPARE(report.count(Type::Removed), 1);
        QCOMPARE(report.count(Type::Added), 1);
        QCOMPARE(report.count(Type::Absent), 1);
        QCOMPARE(report.count(Type::Modified), 0);
        const QString text = report.toText();
        QVERIFY2(text.contains(QStringLiteral("renamed   technique T1611: \"Escape to Host\" -> "
                                              "\"Escape to Host Kernel\"")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("note: 1 catalog entries are not in the file")),
                 qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("T1613")));
        const QJsonObject json = report.toJson();
        QCOMPARE(json[QStringLiteral("counts")][QStringLiteral("added")].toInt(), 1);
        QCOMPARE(json[QStringLiteral("changes")].toArray().size(), 4);

        QTemporaryDir overrideDir;
        QString error;
        QVERIFY2(CatalogOverrideWriter::write(report, overrideDir.path(), &error),
                 qPrintable(error));
        const Catalog::LoadResult updated = Catalog::load(overrideDir.path());
        QVERIFY2(updated.ok(), qPrintable(updated.error ? updated.error->toString() : QString()));
        const Catalog &c = *updated.catalog;
        QCOMPARE(c.attackVersion(), QStringLiteral("99.0"));
        QCOMPARE(c.technique(QStringLiteral("T1611"))->name,
                 QStringLiteral("Escape to Host Kernel"));
        QVERIFY(c.technique(QStringLiteral("T1610"))->revoked);
        const Technique *added = c.technique(QStringLiteral("T1699"));
        QVERIFY(added);
        QCOMPARE(added->name, QStringLiteral("Container Image Poisoning"));
        QCOMPARE(added->tactics, m_catalog.technique(QStringLiteral("T1612"))->tactics);
        QCOMPARE(added->mitigations, m_catalog.technique(QStringLiteral("T1612"))->mitigations);
        QVERIFY(c.technique(QStringLiteral("T1613"))); // absent is reported, never deleted
        QCOMPARE(c.technique(QStringLiteral("T1036"))->name, QStringLiteral("Masquerading"));
        QVERIFY2(c.consistencyProblems().isEmpty(),
                 qPrintable(c.consistencyProblems().join(u'\n')));

        // Importing the same file again changes nothing.
        const AttackStixImporter::Result again = AttackStixImporter::import(path, c);
        QVERIFY(again.ok());
        QVERIFY2(!again.report.hasChanges(), qPrintable(again.report.toText()));
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("corrupt") << threatdock::testing::testDataPath(
            QStringLiteral("catalog/corrupt.json"))
                                 << "not valid JSON";
        QTest::newRow("foreign") << threatdock::testing::testDataPath(
            QStringLiteral("catalog/foreign.json"))
                                 << "not a STIX bundle";
        QTest::newRow("oscal") << threatdock::testing::conformancePath(
            QStringLiteral("nist/oscal/NIST_SP-800-53_rev5_LOW-baseline_profile.json"))
                               << "not a STIX bundle";
        QTest::newRow("no techniques")
            << threatdock::testing::testDataPath(QStringLiteral("catalog/empty-bundle.json"))
            << "no ATT&CK techniques";
        QTest::newRow("missing") << threatdock::testing::testDataPath(
            QStringLiteral("catalog/missing.json"))
                                 << "no such file";
    }

    void badFiles()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        const AttackStixImporter::Result r = AttackStixImporter::import(path, m_catalog);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(path + QStringLiteral(": ")), qPrintable(r.error));
        QVERIFY2(r.error.contains(message), qPrintable(r.error));
        QVERIFY(!r.error.contains(u'\n'));
    }
};

THREATDOCK_CONFORMANCE_MAIN(TestAttackStixImporter)
#include "tst_attackstiximporter.moc"
