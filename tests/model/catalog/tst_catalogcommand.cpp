#include "catalog/catalog.h"
#include "cli/commandline.h"

#include "testsupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace threatdock;

/// `threatdock-cli catalog`, run in-process, against the real ATT&CK and OSCAL files. The
/// override directory is Qt's test-mode AppDataLocation, emptied before and after.
class TestCatalogCommand : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int code = 0;
        QString out;
        QString err;
    };

    static Run run(const QStringList &args)
    {
        Run r;
        QTextStream out(&r.out);
        QTextStream err(&r.err);
        r.code = cli::runCommandLine(args, out, err);
        out.flush();
        err.flush();
        return r;
    }

    static QString overrideDir() { return catalog::Catalog::defaultOverrideDirectory(); }

    static void clearOverrides()
    {
        QVERIFY(!overrideDir().isEmpty());
        QVERIFY(overrideDir().contains(QStringLiteral(".qttest")));
        QDir(overrideDir()).removeRecursively();
    }

    static QString stix21()
    {
        return testing::conformancePath(
            QStringLiteral("attack/attack-containers-bundle-stix21.json"));
    }

private Q_SLOTS:
    void initTestCase() { clearOverrides(); }
    void cleanupTestCase() { clearOverrides(); }

    void importAttackDryRunJson()
    {
        const Run r = run({QStringLiteral("catalog"), QStringLiteral("import-attack"), stix21(),
                           QStringLiteral("--dry-run"), QStringLiteral("--format"),
                           QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o[QStringLiteral("format")].toString(), QStringLiteral("STIX 2.1 bundle"));
        QCOMPARE(o[QStringLiteral("counts")][QStringLiteral("unchanged")].toInt(), 80);
        QCOMPARE(o[QStringLiteral("counts")][QStringLiteral("renamed")].toInt(), 0);
        QCOMPARE(o[QStringLiteral("dryRun")].toBool(), true);
        QCOMPARE(o[QStringLiteral("written")].toString(), QString());
        QVERIFY(!QFile::exists(overrideDir() + QStringLiteral("/attack.yaml")));
    }

    void importOscalWritesOverride()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("catalog.json"));
        QJsonObject root
            = testing::readJson(
                  testing::conformancePath(QStringLiteral(
                      "nist/oscal/EXCERPT_NIST_SP-800-53_rev5_HIGH-resolved_ac-6_sc-7_si-4.json")))
                  .object();
        QByteArray text = QJsonDocument(root).toJson();
        text.replace("\"title\": \"Boundary Protection\"", "\"title\": \"Boundary Defence\"");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();

        const Run dry = run({QStringLiteral("catalog"), QStringLiteral("import-oscal"), path,
                             QStringLiteral("--dry-run")});
        QCOMPARE(dry.code, 0);
        QVERIFY2(dry.out.contains(QStringLiteral("1 renamed")), qPrintable(dry.out));
        QVERIFY(dry.out.contains(QStringLiteral("dry run: nothing written")));
        QVERIFY(!QFile::exists(overrideDir() + QStringLiteral("/nist-800-53.yaml")));

        const Run r = run({QStringLiteral("catalog"), QStringLiteral("import-oscal"), path});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("renamed   control SC-7: \"Boundary Protection\" -> "
                                               "\"Boundary Defence\"")),
                 qPrintable(r.out));
        QVERIFY(QFile::exists(overrideDir() + QStringLiteral("/nist-800-53.yaml")));

        const Run show
            = run({QStringLiteral("catalog"), QStringLiteral("show"), QStringLiteral("control"),
                   QStringLiteral("sc-7"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(show.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(show.out.toUtf8()).object();
        const QJsonObject control = o[QStringLiteral("controls")].toArray().first().toObject();
        QCOMPARE(control[QStringLiteral("id")].toString(), QStringLiteral("SC-7"));
        QCOMPARE(control[QStringLiteral("title")].toString(), QStringLiteral("Boundary Defence"));
        QVERIFY(control[QStringLiteral("techniques")].toArray().contains(QStringLiteral("T1611")));

        const Run again = run({QStringLiteral("catalog"), QStringLiteral("import-oscal"), path});
        QCOMPARE(again.code, 0);
        QVERIFY2(again.out.contains(QStringLiteral("up to date")), qPrintable(again.out));
    }

    void showTechnique()
    {
        const Run r = run({QStringLiteral("catalog"), QStringLiteral("show"),
                           QStringLiteral("technique"), QStringLiteral("t1611")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("T1611\tEscape to Host\tprivilege-escalation\t")),
                 qPrintable(r.out));
        const Run missing = run({QStringLiteral("catalog"), QStringLiteral("show"),
                                 QStringLiteral("technique"), QStringLiteral("T9999")});
        QCOMPARE(missing.code, 1);
        QVERIFY(missing.err.contains(QStringLiteral("T9999")));
    }

    void badFileExitsOne_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("path");
        QTest::newRow("attack corrupt")
            << "import-attack" << testing::testDataPath(QStringLiteral("catalog/corrupt.json"));
        QTest::newRow("attack foreign")
            << "import-attack" << testing::testDataPath(QStringLiteral("catalog/foreign.json"));
        QTest::newRow("oscal given stix") << "import-oscal" << stix21();
        QTest::newRow("oscal missing")
            << "import-oscal" << testing::testDataPath(QStringLiteral("catalog/none.json"));
    }

    void badFileExitsOne()
    {
        QFETCH(QString, action);
        QFETCH(QString, path);
        const Run r = run({QStringLiteral("catalog"), action, path});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(path), qPrintable(r.err));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no action") << QStringList{QStringLiteral("catalog")};
        QTest::newRow("unknown action")
            << QStringList{QStringLiteral("catalog"), QStringLiteral("frobnicate")};
        QTest::newRow("no file") << QStringList{QStringLiteral("catalog"),
                                                QStringLiteral("import-attack")};
        QTest::newRow("two files")
            << QStringList{QStringLiteral("catalog"), QStringLiteral("import-oscal"),
                           QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("bad format")
            << QStringList{QStringLiteral("catalog"), QStringLiteral("import-attack"), stix21(),
                           QStringLiteral("--format"), QStringLiteral("xml")};
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("catalog"), QStringLiteral("--frob")};
        QTest::newRow("show kind") << QStringList{QStringLiteral("catalog"), QStringLiteral("show"),
                                                  QStringLiteral("weakness"), QStringLiteral("1")};
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, args);
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err.count(u'\n'), 1);
    }
};

THREATDOCK_CONFORMANCE_MAIN(TestCatalogCommand)
#include "tst_catalogcommand.moc"
