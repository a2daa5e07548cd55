#include "catalog/catalogids.h"
#include "catalog/catalogoverlay.h"
#include "compose/yamlreader.h"

#include <QtTest>

using namespace threatdock::catalog;
using threatdock::compose::Node;
using threatdock::compose::YamlReader;

/// CatalogOverlay merges override files over catalog files; CatalogIds reads id spellings.
class TestCatalogOverlay : public QObject
{
    Q_OBJECT

private:
    static Node parse(const QByteArray &text, const QString &name)
    {
        const YamlReader::Result r = YamlReader::readText(text, name);
        if (!r.ok() || r.documents.empty())
            qFatal("bad fixture %s", qPrintable(name));
        return r.documents.front();
    }

private Q_SLOTS:
    void mergesEntriesById()
    {
        Node base = parse("attack:\n  version: \"1\"\n  domain: d\n"
                          "techniques:\n"
                          "  - id: T1611\n    name: A\n    tactics: [x]\n"
                          "  - id: T1610\n    name: B\n",
                          QStringLiteral("base.yaml"));
        const Node overlay = parse("attack:\n  version: \"2\"\n"
                                   "techniques:\n"
                                   "  - id: t1611\n    name: A2\n"
                                   "  - id: T1700\n    name: C\n",
                                   QStringLiteral("over.yaml"));
        CatalogOverlay::merge(base, overlay);
        QCOMPARE(base.value(QStringLiteral("attack")).value(QStringLiteral("version")).text(),
                 QStringLiteral("2"));
        QCOMPARE(base.value(QStringLiteral("attack")).value(QStringLiteral("domain")).text(),
                 QStringLiteral("d"));
        const Node techniques = base.value(QStringLiteral("techniques"));
        const std::vector<Node> &items = techniques.items();
        QCOMPARE(items.size(), std::size_t(3));
        QCOMPARE(items[0].value(QStringLiteral("id")).text(), QStringLiteral("T1611"));
        QCOMPARE(items[0].value(QStringLiteral("name")).text(), QStringLiteral("A2"));
        QCOMPARE(items[0].value(QStringLiteral("name")).origin().file, QStringLiteral("over.yaml"));
        QCOMPARE(items[0].value(QStringLiteral("tactics")).items().size(), std::size_t(1));
        QCOMPARE(items[0].origin().file, QStringLiteral("base.yaml"));
        QCOMPARE(items[1].value(QStringLiteral("name")).text(), QStringLiteral("B"));
        QCOMPARE(items[2].value(QStringLiteral("id")).text(), QStringLiteral("T1700"));
    }

    void controlIdsMatchAcrossSpellings()
    {
        Node base = parse("controls:\n  - id: AC-6(1)\n    title: T\n", QStringLiteral("b"));
        CatalogOverlay::merge(
            base, parse("controls:\n  - id: ac-6.1\n    title: U\n", QStringLiteral("o")));
        const Node controls = base.value(QStringLiteral("controls"));
        const std::vector<Node> &items = controls.items();
        QCOMPARE(items.size(), std::size_t(1));
        QCOMPARE(items[0].value(QStringLiteral("id")).text(), QStringLiteral("AC-6(1)"));
        QCOMPARE(items[0].value(QStringLiteral("title")).text(), QStringLiteral("U"));
    }

    void mappingsByTechnique()
    {
        Node base
            = parse("mappings:\n  - technique: T1611\n    controls: [AC-6]\n", QStringLiteral("b"));
        CatalogOverlay::merge(
            base,
            parse("mappings:\n  - technique: T1611\n    controls: [SC-39]\n", QStringLiteral("o")));
        const Node controls
            = base.value(QStringLiteral("mappings")).items()[0].value(QStringLiteral("controls"));
        QCOMPARE(controls.items().size(), std::size_t(1));
        QCOMPARE(controls.items()[0].text(), QStringLiteral("SC-39"));
    }

    void ids_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("control") << "control"
                                 << "si-4.4"
                                 << "SI-4(4)";
        QTest::newRow("control padded") << "control"
                                        << "SI-04(04)"
                                        << "SI-4(4)";
        QTest::newRow("control bad") << "control"
                                     << "SI4"
                                     << "";
        QTest::newRow("oscal") << "oscal"
                               << "AC-6(10)"
                               << "ac-6.10";
        QTest::newRow("oscal base") << "oscal"
                                    << "SC-7"
                                    << "sc-7";
        QTest::newRow("technique") << "technique"
                                   << "t1552.001"
                                   << "T1552.001";
        QTest::newRow("technique slash") << "technique"
                                         << "T1552/001"
                                         << "T1552.001";
        QTest::newRow("technique bad") << "technique"
                                       << "T15"
                                       << "";
        QTest::newRow("cwe") << "cwe"
                             << "CWE-798"
                             << "798";
        QTest::newRow("cwe bare") << "cwe"
                                  << "250"
                                  << "250";
        QTest::newRow("cwe bad") << "cwe"
                                 << "CVE-2024-1"
                                 << "0";
        QTest::newRow("bandit") << "bandit"
                                << "b602"
                                << "B602";
        QTest::newRow("cis") << "cis"
                             << "CIS 5.10"
                             << "5.10";
        QTest::newRow("sp800-190") << "sp800190"
                                   << "SP 800-190 4.1.1"
                                   << "4.1.1";
    }

    void ids()
    {
        QFETCH(QString, kind);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QString actual;
        if (kind == u"control")
            actual = CatalogIds::control(text);
        else if (kind == u"oscal")
            actual = CatalogIds::oscalControl(text);
        else if (kind == u"technique")
            actual = CatalogIds::technique(text);
        else if (kind == u"cwe")
            actual = QString::number(CatalogIds::weakness(text));
        else if (kind == u"bandit")
            actual = CatalogIds::banditTest(text);
        else if (kind == u"cis")
            actual = CatalogIds::cisItem(text);
        else
            actual = CatalogIds::sp800190Section(text);
        QCOMPARE(actual, expected);
    }
};

QTEST_GUILESS_MAIN(TestCatalogOverlay)
#include "tst_catalogoverlay.moc"
