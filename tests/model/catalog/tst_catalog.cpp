#include "catalog/catalog.h"

#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace threatdock::catalog;

/// The built-in catalog: it loads, holds what the rules and threats cite, resolves ids in
/// their usual spellings, is consistent, and takes user overrides; bad files are refused
/// with file:line.
class TestCatalog : public QObject
{
    Q_OBJECT

private:
    Catalog m_catalog;

    static void write(const QString &path, const QByteArray &text)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }

    /// A writable copy of the built-in files, for tests that break one of them.
    static void copyBuiltIn(const QString &dir)
    {
        for (const QString &name : Catalog::fileNames())
            QVERIFY(QFile::copy(Catalog::builtInDirectory() + u'/' + name, dir + u'/' + name));
        for (const QString &name : Catalog::fileNames())
            QFile(dir + u'/' + name).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const Catalog::LoadResult r = Catalog::load(QString());
        QVERIFY2(r.ok(), qPrintable(r.error ? r.error->toString() : QString()));
        m_catalog = *r.catalog;
    }

    void counts()
    {
        QCOMPARE(m_catalog.attackVersion(), QStringLiteral("18.1"));
        QCOMPARE(m_catalog.containersTechniques().size(), std::size_t(48));
        QCOMPARE(m_catalog.techniques().size(), std::size_t(60));
        QCOMPARE(m_catalog.tactics().size(), std::size_t(14));
        QCOMPARE(m_catalog.mitigations().size(), std::size_t(32));
        QCOMPARE(m_catalog.controlFamilies().size(), std::size_t(12));
        QCOMPARE(m_catalog.cisItems().size(), std::size_t(44));
        QCOMPARE(m_catalog.banditTests().size(), std::size_t(75));
        QCOMPARE(m_catalog.mappings().size(), std::size_t(60));
        QVERIFY(m_catalog.controls().size() >= 100);
    }

    void techniques()
    {
        const Technique *t = m_catalog.technique(QStringLiteral("T1611"));
        QVERIFY(t);
        QCOMPARE(t->name, QStringLiteral("Escape to Host"));
        QCOMPARE(t->tactics, QStringList{QStringLiteral("privilege-escalation")});
        QVERIFY(t->containers);
        QVERIFY(!t->revoked);
        QCOMPARE(t->url, QStringLiteral("https://attack.mitre.org/techniques/T1611"));

        const Technique *sub = m_catalog.technique(QStringLiteral("t1552/001"));
        QVERIFY(sub);
        QCOMPARE(sub->id, QStringLiteral("T1552.001"));
        QCOMPARE(sub->parent, QStringLiteral("T1552"));
        QVERIFY(sub->isSubtechnique());
        for (const QString &m : sub->mitigations)
            QVERIFY2(m_catalog.mitigation(m), qPrintable(m));

        const Technique *shell = m_catalog.technique(QStringLiteral("T1059.004"));
        QVERIFY(shell);
        QCOMPARE(shell->name, QStringLiteral("Unix Shell"));
        QVERIFY(!shell->containers);

        QVERIFY(!m_catalog.technique(QStringLiteral("T9999")));
        QVERIFY(!m_catalog.technique(QStringLiteral("escape")));
        QCOMPARE(m_catalog.tactic(QStringLiteral("TA0004"))->shortName,
                 QStringLiteral("privilege-escalation"));
        QCOMPARE(m_catalog.tactic(QStringLiteral("privilege-escalation"))->name,
                 QStringLiteral("Privilege Escalation"));
    }

    void controlSpellings_data()
    {
        QTest::addColumn<QString>("spelling");
        QTest::addColumn<QString>("id");
        QTest::newRow("canonical") << "AC-6(1)"
                                   << "AC-6(1)";
        QTest::newRow("oscal") << "ac-6.1"
                               << "AC-6(1)";
        QTest::newRow("zero-padded") << "AC-06(01)"
                                     << "AC-6(1)";
        QTest::newRow("spaced") << " ac-6 (1) "
                                << "AC-6(1)";
        QTest::newRow("base oscal") << "sc-7"
                                    << "SC-7";
        QTest::newRow("ten") << "ac-6.10"
                             << "AC-6(10)";
    }

    void controlSpellings()
    {
        QFETCH(QString, spelling);
        QFETCH(QString, id);
        const Control *c = m_catalog.control(spelling);
        QVERIFY(c);
        QCOMPARE(c->id, id);
    }

    void controls()
    {
        const Control *c = m_catalog.control(QStringLiteral("ac-6.1"));
        QVERIFY(c);
        QCOMPARE(c->title, QStringLiteral("Authorize Access to Security Functions"));
        QCOMPARE(c->family, QStringLiteral("AC"));
        QCOMPARE(m_catalog.controlFamily(c->family)->name, QStringLiteral("Access Control"));
        QCOMPARE(c->baselines, (QStringList{QStringLiteral("M"), QStringLiteral("H")}));
        QCOMPARE(c->parentId(), QStringLiteral("AC-6"));
        QCOMPARE(m_catalog.controlFullTitle(QStringLiteral("AC-6(1)")),
                 QStringLiteral("Least Privilege | Authorize Access to Security Functions"));
        QCOMPARE(m_catalog.control(QStringLiteral("SC-7"))->title,
                 QStringLiteral("Boundary Protection"));
        QVERIFY(!m_catalog.control(QStringLiteral("AC-6(99)")));
        QVERIFY(!m_catalog.control(QStringLiteral("AC6")));

        // What the brief and the canonical checks cite must be there.
        const QStringList cited
            = QStringLiteral("AC-3 AC-6 AC-6(1) AC-6(9) AC-6(10) AC-17 AU-2 AU-6 AU-12 CM-2 CM-5 "
                             "CM-6 CM-7 CM-7(1) "
                             "CM-8 CP-9 IA-2 IA-5 IA-5(1) IA-5(7) RA-5 SA-11 SC-2 SC-4 SC-5 SC-6 "
                             "SC-7 SC-8 SC-12 "
                             "SC-13 SC-28 SC-39 SI-2 SI-3 SI-4 SI-7 SI-10 SI-16 SR-3 SR-11")
                  .split(u' ');
        for (const QString &id : cited)
            QVERIFY2(m_catalog.control(id), qPrintable(id));
    }

    void mappings()
    {
        const QStringList controls = m_catalog.controlsForTechnique(QStringLiteral("t1611"));
        QVERIFY(controls.contains(QStringLiteral("SC-39")));
        QVERIFY(controls.contains(QStringLiteral("AC-6")));
        QVERIFY(m_catalog.techniquesForControl(QStringLiteral("ac-6.1"))
                    .contains(QStringLiteral("T1611")));
        QVERIFY(m_catalog.controlsForTechnique(QStringLiteral("T1496")).isEmpty());
        for (const Technique &t : m_catalog.containersTechniques()) {
            const auto it
                = std::find_if(m_catalog.mappings().cbegin(), m_catalog.mappings().cend(),
                               [&](const TechniqueMapping &m) { return m.technique == t.id; });
            QVERIFY2(it != m_catalog.mappings().cend(), qPrintable(t.id));
            QVERIFY2(!it->controls.isEmpty() || !it->status.isEmpty(), qPrintable(t.id));
        }
    }

    void otherReferences()
    {
        QCOMPARE(m_catalog.weakness(QStringLiteral("CWE-250"))->name,
                 QStringLiteral("Execution with Unnecessary Privileges"));
        QCOMPARE(m_catalog.weakness(798)->label(), QStringLiteral("CWE-798"));
        QVERIFY(!m_catalog.weakness(QStringLiteral("CWE-999999")));
        QCOMPARE(m_catalog.cisItem(QStringLiteral("CIS 5.4"))->title,
                 QStringLiteral("Ensure that Linux kernel capabilities are restricted within "
                                "containers"));
        QCOMPARE(m_catalog.cisItem(QStringLiteral("4.1"))->assessment, QStringLiteral("automated"));
        const Sp800190Section *risk = m_catalog.sp800190Section(QStringLiteral("3.1.1"));
        QVERIFY(risk);
        QCOMPARE(risk->kind, Sp800190Section::Kind::Risk);
        QCOMPARE(risk->counterpart, QStringLiteral("4.1.1"));
        QCOMPARE(m_catalog.sp800190Section(risk->counterpart)->kind,
                 Sp800190Section::Kind::Countermeasure);
    }

    void bandit()
    {
        for (const QString &id : {QStringLiteral("B303"), QStringLiteral("b324")}) {
            const BanditTest *b = m_catalog.banditTest(id);
            QVERIFY2(b, qPrintable(id));
            QCOMPARE(b->cwes.value(0), 327);
            QVERIFY(b->controls.contains(QStringLiteral("SC-13")));
        }
        QVERIFY(m_catalog.banditTest(QStringLiteral("B303"))->blacklist);
        const BanditTest *shell = m_catalog.banditTest(QStringLiteral("B602"));
        QCOMPARE(shell->name, QStringLiteral("subprocess_popen_with_shell_equals_true"));
        QCOMPARE(shell->cwes, QList<int>{78});
        QVERIFY(shell->stride.contains(u'T'));
        QVERIFY(shell->techniques.contains(QStringLiteral("T1059.004")));
        QCOMPARE(m_catalog.banditTest(QStringLiteral("B307"))->name, QStringLiteral("eval"));
        QVERIFY(m_catalog.banditTest(QStringLiteral("B105"))->cwes.contains(259));
    }

    void consistent()
    {
        const QStringList problems = m_catalog.consistencyProblems();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void overrides()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("attack.yaml")),
              "techniques:\n"
              "  - id: t1611\n"
              "    name: Escape to Host (renamed)\n"
              "  - id: T1666\n"
              "    name: Invented Technique\n"
              "    tactics: [execution]\n"
              "  - id: T1610\n"
              "    revoked: true\n");
        write(dir.filePath(QStringLiteral("nist-800-53.yaml")),
              "controls:\n"
              "  - id: ac-6.1\n"
              "    title: Authorize Access to Security Functions (local)\n");
        const Catalog::LoadResult r = Catalog::load(dir.path());
        QVERIFY2(r.ok(), qPrintable(r.error ? r.error->toString() : QString()));
        const Catalog &c = *r.catalog;
        QCOMPARE(c.technique(QStringLiteral("T1611"))->name,
                 QStringLiteral("Escape to Host (renamed)"));
        QCOMPARE(c.technique(QStringLiteral("T1611"))->tactics,
                 QStringList{QStringLiteral("privilege-escalation")});
        QCOMPARE(c.technique(QStringLiteral("T1666"))->name, QStringLiteral("Invented Technique"));
        QVERIFY(c.technique(QStringLiteral("T1610"))->revoked);
        QCOMPARE(c.control(QStringLiteral("AC-6(1)"))->title,
                 QStringLiteral("Authorize Access to Security Functions (local)"));
        QCOMPARE(c.control(QStringLiteral("AC-6(1)"))->baselines,
                 (QStringList{QStringLiteral("M"), QStringLiteral("H")}));
        QCOMPARE(c.containersTechniques().size(), std::size_t(49));
    }

    void badOverrideNamesFileAndLine()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("attack.yaml")),
              "techniques:\n"
              "  - id: T1611\n"
              "    nmae: typo\n");
        const Catalog::LoadResult r = Catalog::load(dir.path());
        QVERIFY(!r.ok());
        QCOMPARE(r.error->origin.file, dir.filePath(QStringLiteral("attack.yaml")));
        QCOMPARE(r.error->origin.line, 3);
        QVERIFY2(r.error->message.contains(QStringLiteral("nmae")), qPrintable(r.error->message));
    }

    void badBuiltInFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("yaml syntax")
            << "cwe.yaml" << QByteArray("weaknesses:\n  - id: [1\n") << 3 << "";
        QTest::newRow("not a mapping")
            << "cwe.yaml" << QByteArray("- 1\n- 2\n") << 1 << "one YAML mapping";
        QTest::newRow("bad id") << "bandit.yaml"
                                << QByteArray("tests:\n  - id: X602\n    name: shell\n") << 2
                                << "not a valid Bandit test id";
        QTest::newRow("duplicate") << "cis-docker.yaml"
                                   << QByteArray("items:\n  - id: \"4.1\"\n    title: a\n"
                                                 "  - id: \"4.1\"\n    title: b\n")
                                   << 4 << "duplicate CIS item 4.1";
        QTest::newRow("missing name")
            << "cwe.yaml" << QByteArray("weaknesses:\n  - id: 20\n") << 2 << "has no \"name\"";
        QTest::newRow("bad stride") << "bandit.yaml"
                                    << QByteArray("tests:\n  - id: B101\n    name: a\n"
                                                  "    stride: [X]\n")
                                    << 2 << "not a STRIDE letter";
    }

    void badBuiltInFiles()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, message);
        QTemporaryDir dir;
        copyBuiltIn(dir.path());
        QFile::remove(dir.filePath(file));
        write(dir.filePath(file), text);
        const Catalog::LoadResult r = Catalog::load(QString(), dir.path());
        QVERIFY(!r.ok());
        QCOMPARE(r.error->origin.file, dir.filePath(file));
        if (line > 0 && message.isEmpty())
            QVERIFY(r.error->origin.line >= 2);
        else
            QCOMPARE(r.error->origin.line, line);
        QVERIFY2(r.error->message.contains(message), qPrintable(r.error->toString()));
    }

    void inconsistencyIsReported()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("bandit.yaml")),
              "tests:\n"
              "  - id: B101\n"
              "    attack: [T1999]\n"
              "    nist: [ZZ-1]\n");
        const Catalog::LoadResult r = Catalog::load(dir.path());
        QVERIFY2(r.ok(), qPrintable(r.error ? r.error->toString() : QString()));
        const QString problems = r.catalog->consistencyProblems().join(u'\n');
        QVERIFY2(problems.contains(
                     QStringLiteral("Bandit test B101 cites unknown ATT&CK technique T1999")),
                 qPrintable(problems));
        QVERIFY2(problems.contains(QStringLiteral("unknown NIST control ZZ-1")),
                 qPrintable(problems));
        QVERIFY2(problems.contains(QStringLiteral("bandit.yaml:")), qPrintable(problems));
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
