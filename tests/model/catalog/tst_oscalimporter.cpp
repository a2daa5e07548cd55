#include "catalog/catalogoverridewriter.h"
#include "catalog/oscalimporter.h"

#include "testsupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace threatdock::catalog;
using Type = CatalogChange::Type;

/// OscalImporter on the real NIST OSCAL files of ../shared/conformance/nist/oscal.
class TestOscalImporter : public QObject
{
    Q_OBJECT

private:
    Catalog m_catalog;

    static QString oscal(const QString &name)
    {
        return threatdock::testing::conformancePath(QStringLiteral("nist/oscal/") + name);
    }
    static QString excerpt()
    {
        return oscal(
            QStringLiteral("EXCERPT_NIST_SP-800-53_rev5_HIGH-resolved_ac-6_sc-7_si-4.json"));
    }

    static void writeJson(const QString &path, const QJsonObject &o)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(o).toJson());
    }

    /// The catalog's controls in the AC-6, SC-7 and SI-4 families of controls.
    int citedInExcerpt() const
    {
        int n = 0;
        for (const Control &c : m_catalog.controls()) {
            const QString base = c.isEnhancement() ? c.parentId() : c.id;
            n += (base == u"AC-6" || base == u"SC-7" || base == u"SI-4") ? 1 : 0;
        }
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const Catalog::LoadResult r = Catalog::load(QString());
        QVERIFY(r.ok());
        m_catalog = *r.catalog;
    }

    void excerptCatalog()
    {
        const OscalImporter::Result r = OscalImporter::import(excerpt(), m_catalog);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const ChangeReport &report = r.report;
        QCOMPARE(report.format, QStringLiteral("OSCAL catalog"));
        QCOMPARE(report.version, QStringLiteral("5.1.1+u4"));
        QCOMPARE(report.overrideFile, QStringLiteral("nist-800-53.yaml"));
        QVERIFY2(!report.hasChanges(), qPrintable(report.toText()));
        QCOMPARE(report.count(Type::Unchanged), citedInExcerpt());
        QCOMPARE(report.count(Type::Absent), int(m_catalog.controls().size()) - citedInExcerpt());
        QVERIFY(report.ignored > 0); // enhancements of the excerpt that no rule cites
    }

    void resolvedLowCatalog()
    {
        const OscalImporter::Result r = OscalImporter::import(
            oscal(QStringLiteral(
                "NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json")),
            m_catalog);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY2(!r.report.hasChanges(), qPrintable(r.report.toText()));
        int low = 0;
        for (const Control &c : m_catalog.controls())
            low += c.baselines.contains(QStringLiteral("L")) ? 1 : 0;
        QCOMPARE(r.report.count(Type::Unchanged), low);
        QVERIFY(r.report.notes.join(u' ').contains(QStringLiteral("LOW IMPACT BASELINE")));
    }

    void baselineProfiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("letter");
        QTest::newRow("low") << "NIST_SP-800-53_rev5_LOW-baseline_profile.json"
                             << "L";
        QTest::newRow("moderate") << "NIST_SP-800-53_rev5_MODERATE-baseline_profile.json"
                                  << "M";
        QTest::newRow("high") << "NIST_SP-800-53_rev5_HIGH-baseline_profile.json"
                              << "H";
    }

    void baselineProfiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, letter);
        const OscalImporter::Result r = OscalImporter::import(oscal(file), m_catalog);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.report.format, QStringLiteral("OSCAL profile"));
        QVERIFY(r.report.notes.value(0).startsWith(QStringLiteral("baseline ") + letter));
        QVERIFY2(!r.report.hasChanges(), qPrintable(r.report.toText()));
        QCOMPARE(r.report.count(Type::Unchanged), int(m_catalog.controls().size()));
        QVERIFY(r.report.ignored > 0);
    }

    void editedCatalogIsWritten()
    {
        QJsonObject root = threatdock::testing::readJson(excerpt()).object();
        QJsonObject catalog = root[QStringLiteral("catalog")].toObject();
        QJsonArray groups = catalog[QStringLiteral("groups")].toArray();
        QJsonObject ac = groups[0].toObject();
        QJsonArray acControls = ac[QStringLiteral("controls")].toArray();
        QJsonObject ac6 = acControls[0].toObject();
        QCOMPARE(ac6[QStringLiteral("id")].toString(), QStringLiteral("ac-6"));
        QJsonArray enhancements = ac6[QStringLiteral("controls")].toArray();
        for (qsizetype i = 0; i < enhancements.size(); ++i) {
            QJsonObject e = enhancements[i].toObject();
            if (e[QStringLiteral("id")] == QStringLiteral("ac-6.1"))
                e[QStringLiteral("title")]
                    = QStringLiteral("Authorize Access to Security Functions and Information");
            if (e[QStringLiteral("id")] == QStringLiteral("ac-6.9")) {
                QJsonArray props = e[QStringLiteral("props")].toArray();
                props.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("status")},
                                         {QStringLiteral("value"), QStringLiteral("withdrawn")}});
                e[QStringLiteral("props")] = props;
            }
            enhancements[i] = e;
        }
        ac6[QStringLiteral("controls")] = enhancements;
        acControls[0] = ac6;
        ac[QStringLiteral("controls")] = acControls;
        groups[0] = ac;
        catalog[QStringLiteral("groups")] = groups;
        root[QStringLiteral("catalog")] = catalog;
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("edited-catalog.json"));
        writeJson(path, root);

        const OscalImporter::Result r = OscalImporter::import(path, m_catalog);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.report.count(Type::Renamed), 1);
        QCOMPARE(r.report.count(Type::Removed), 1);
        QCOMPARE(r.report.count(Type::Unchanged), citedInExcerpt() - 2);
        const QString text = r.report.toText();
        QVERIFY2(text.contains(QStringLiteral("renamed   control AC-6(1)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("removed   control AC-6(9)")), qPrintable(text));

        QTemporaryDir overrideDir;
        QString error;
        QVERIFY2(CatalogOverrideWriter::write(r.report, overrideDir.path(), &error),
                 qPrintable(error));
        const Catalog::LoadResult updated = Catalog::load(overrideDir.path());
        QVERIFY2(updated.ok(), qPrintable(updated.error ? updated.error->toString() : QString()));
        QCOMPARE(updated.catalog->control(QStringLiteral("ac-6.1"))->title,
                 QStringLiteral("Authorize Access to Security Functions and Information"));
        QVERIFY(updated.catalog->control(QStringLiteral("AC-6(9)"))->withdrawn);
        QCOMPARE(updated.catalog->control(QStringLiteral("AC-6(10)"))->title,
                 m_catalog.control(QStringLiteral("AC-6(10)"))->title);
        const OscalImporter::Result again = OscalImporter::import(path, *updated.catalog);
        QVERIFY2(!again.report.hasChanges(), qPrintable(again.report.toText()));
    }

    void editedProfileChangesBaselines()
    {
        QJsonObject root
            = threatdock::testing::readJson(
                  oscal(QStringLiteral("NIST_SP-800-53_rev5_LOW-baseline_profile.json")))
                  .object();
        QJsonObject profile = root[QStringLiteral("profile")].toObject();
        QJsonArray imports = profile[QStringLiteral("imports")].toArray();
        QJsonObject import = imports[0].toObject();
        QJsonArray include = import[QStringLiteral("include-controls")].toArray();
        QJsonObject selection = include[0].toObject();
        QJsonArray ids = selection[QStringLiteral("with-ids")].toArray();
        QJsonArray kept;
        for (const QJsonValue &id : std::as_const(ids)) {
            if (id.toString() != u"ac-3")
                kept.append(id);
        }
        kept.append(QStringLiteral("ac-6.1"));
        selection[QStringLiteral("with-ids")] = kept;
        include[0] = selection;
        import[QStringLiteral("include-controls")] = include;
        imports[0] = import;
        profile[QStringLiteral("imports")] = imports;
        root[QStringLiteral("profile")] = profile;
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("edited-profile.json"));
        writeJson(path, root);

        const OscalImporter::Result r = OscalImporter::import(path, m_catalog);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.report.count(Type::Modified), 2);
        QTemporaryDir overrideDir;
        QString error;
        QVERIFY2(CatalogOverrideWriter::write(r.report, overrideDir.path(), &error),
                 qPrintable(error));
        const Catalog::LoadResult updated = Catalog::load(overrideDir.path());
        QVERIFY2(updated.ok(), qPrintable(updated.error ? updated.error->toString() : QString()));
        QCOMPARE(updated.catalog->control(QStringLiteral("AC-3"))->baselines,
                 (QStringList{QStringLiteral("M"), QStringLiteral("H")}));
        QCOMPARE(updated.catalog->control(QStringLiteral("AC-6(1)"))->baselines,
                 (QStringList{QStringLiteral("L"), QStringLiteral("M"), QStringLiteral("H")}));
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
                                 << "not an OSCAL catalog or profile";
        QTest::newRow("stix") << threatdock::testing::conformancePath(
            QStringLiteral("attack/attack-containers-bundle.json"))
                              << "not an OSCAL catalog or profile";
        QTest::newRow("profile without baseline")
            << threatdock::testing::testDataPath(QStringLiteral("catalog/unnamed-profile.json"))
            << "names no LOW, MODERATE or HIGH baseline";
    }

    void badFiles()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        const OscalImporter::Result r = OscalImporter::import(path, m_catalog);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(path + QStringLiteral(": ")), qPrintable(r.error));
        QVERIFY2(r.error.contains(message), qPrintable(r.error));
        QVERIFY(!r.error.contains(u'\n'));
    }
};

THREATDOCK_CONFORMANCE_MAIN(TestOscalImporter)
#include "tst_oscalimporter.moc"
