#include "compose/yamlreader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace threatdock::compose;

class TestYamlReader : public QObject
{
    Q_OBJECT

private:
    static Node readOne(const char *yaml)
    {
        auto r = YamlReader::readText(QByteArray(yaml), QStringLiteral("t.yaml"));
        if (!r.ok())
            qFatal("unexpected error: %s", qPrintable(r.error->toString()));
        return r.documents.front();
    }
    static Diagnostic readError(const QByteArray &yaml)
    {
        auto r = YamlReader::readText(yaml, QStringLiteral("bad.yaml"));
        if (r.ok())
            qFatal("expected an error");
        return *r.error;
    }

private Q_SLOTS:
    void scalarsKeepOriginAndStyle()
    {
        const Node doc
            = readOne("services:\n  web:\n    image: \"nginx\"\n    ports:\n      - 80\n");
        const Node *image = doc.find(QStringLiteral("services"))
                                ->find(QStringLiteral("web"))
                                ->find(QStringLiteral("image"));
        QVERIFY(image);
        QCOMPARE(image->text(), QStringLiteral("nginx"));
        QVERIFY(image->isQuoted());
        QCOMPARE(image->origin().line, 3);
        QCOMPARE(image->origin().column, 12);
        QCOMPARE(image->origin().file, QStringLiteral("t.yaml"));
        const Node port = doc.value(QStringLiteral("services"))
                              .value(QStringLiteral("web"))
                              .value(QStringLiteral("ports"))
                              .items()
                              .front();
        QVERIFY(!port.isQuoted());
        QCOMPARE(port.toInt().value(), 80);
        QCOMPARE(port.origin().line, 5);
    }

    void nullsAndBooleans()
    {
        const Node doc = readOne("a: ~\nb: null\nc:\nd: 'null'\ne: true\nf: 'true'\ng: yes\n");
        QVERIFY(doc.value(QStringLiteral("a")).isNull());
        QVERIFY(doc.value(QStringLiteral("b")).isNull());
        QVERIFY(doc.value(QStringLiteral("c")).isNull());
        QVERIFY(doc.value(QStringLiteral("d")).isScalar());
        QCOMPARE(doc.value(QStringLiteral("e")).toBool(), std::optional<bool>(true));
        QCOMPARE(doc.value(QStringLiteral("f")).toBool(), std::nullopt);
        // YAML 1.2 core schema, as Compose reads it: "yes" is a string.
        QCOMPARE(doc.value(QStringLiteral("g")).toBool(), std::nullopt);
        QCOMPARE(doc.value(QStringLiteral("g")).text(), QStringLiteral("yes"));
    }

    void keyOrderIsKept()
    {
        const Node doc = readOne("z: 1\na: 2\nm: 3\n");
        QCOMPARE(doc.keys(),
                 (QStringList{QStringLiteral("z"), QStringLiteral("a"), QStringLiteral("m")}));
    }

    void tagsAreKept()
    {
        const Node doc = readOne("ports: !reset []\nimage: !override nginx\n");
        QCOMPARE(doc.value(QStringLiteral("ports")).tag(), QStringLiteral("!reset"));
        QVERIFY(doc.value(QStringLiteral("ports")).isSequence());
        QCOMPARE(doc.value(QStringLiteral("image")).tag(), QStringLiteral("!override"));
    }

    void anchorsAliasesAndMergeKeys()
    {
        const Node doc = readOne("x-base: &base\n  image: busybox\n  restart: always\n"
                                 "services:\n  a:\n    <<: *base\n    restart: 'no'\n"
                                 "  b:\n    <<: [*base]\n    command: *base\n");
        const Node a = doc.value(QStringLiteral("services")).value(QStringLiteral("a"));
        QCOMPARE(a.value(QStringLiteral("image")).text(), QStringLiteral("busybox"));
        QCOMPARE(a.value(QStringLiteral("restart")).text(), QStringLiteral("no"));
        QVERIFY(!a.contains(QStringLiteral("<<")));
        const Node b = doc.value(QStringLiteral("services")).value(QStringLiteral("b"));
        QCOMPARE(b.value(QStringLiteral("restart")).text(), QStringLiteral("always"));
        QVERIFY(b.value(QStringLiteral("command")).isMapping());
        // A merged value keeps the origin of the anchored text.
        QCOMPARE(b.value(QStringLiteral("image")).origin().line, 2);
    }

    void quotedMergeKeyIsAnOrdinaryKey()
    {
        const Node doc = readOne("a:\n  '<<': {x: 1}\n");
        QVERIFY(doc.value(QStringLiteral("a")).contains(QStringLiteral("<<")));
    }

    void duplicateKeysAreErrors()
    {
        const Diagnostic d = readError("services:\n  web:\n    image: a\n    image: b\n");
        QCOMPARE(d.origin.line, 4);
        QVERIFY2(d.message.contains(QStringLiteral("already defined at line 3")),
                 qPrintable(d.message));
    }

    void malformedYamlNamesFileAndLine()
    {
        const Diagnostic d = readError("services:\n  web:\n    image: [nginx\n  db: {\n");
        QCOMPARE(d.origin.file, QStringLiteral("bad.yaml"));
        QVERIFY(d.origin.line >= 3);
        QVERIFY(d.toString().startsWith(QStringLiteral("bad.yaml:")));
    }

    void tabIndentationIsAnError()
    {
        const Diagnostic d = readError("services:\n\tweb:\n\t\timage: nginx\n");
        QCOMPARE(d.origin.line, 2);
    }

    void aliasBombIsRefusedQuickly()
    {
        QByteArray yaml
            = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (char c = 'b'; c <= 'j'; ++c) {
            const char prev = char(c - 1);
            yaml += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [";
            for (int i = 0; i < 9; ++i)
                yaml += QByteArray(i ? ",*" : "*") + QByteArray(1, prev);
            yaml += "]\n";
        }
        // 9^10 strings if expanded: refused by the alias budget instead.
        const Diagnostic d = readError(yaml);
        QVERIFY2(d.message.contains(QStringLiteral("alias")), qPrintable(d.message));
        QVERIFY(d.origin.line > 1);
    }

    void deepNestingIsRefused()
    {
        for (const QByteArray &open : {QByteArray("["), QByteArray("{a: ")}) {
            QByteArray yaml = "x: " + open.repeated(10000);
            const Diagnostic d = readError(yaml);
            QVERIFY2(d.message.contains(QStringLiteral("nest"))
                         || d.message.contains(QStringLiteral("deep")),
                     qPrintable(d.message));
            QCOMPARE(d.origin.line, 1);
        }
        // Block-style nesting too.
        QByteArray block;
        for (int i = 0; i < 10000; ++i)
            block += QByteArray(i * 2 % 200, ' ') + "- \n";
        auto r = YamlReader::readText(block, QStringLiteral("deep.yaml"));
        Q_UNUSED(r); // must return (either way) without crashing
    }

    void oversizedFileIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("compose.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray line = "# " + QByteArray(1022, 'x') + "\n";
        for (int i = 0; i < 17 * 1024; ++i)
            f.write(line);
        f.close();
        auto r = YamlReader::readFile(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.contains(QStringLiteral("limit")), qPrintable(r.error->message));
        QCOMPARE(r.error->origin.file, path);
    }

    void missingFileIsAnError()
    {
        auto r = YamlReader::readFile(QStringLiteral("/nonexistent/compose.yaml"));
        QVERIFY(!r.ok());
        QVERIFY(r.error->toString().contains(QStringLiteral("/nonexistent/compose.yaml")));
    }

    void multipleDocuments()
    {
        auto r = YamlReader::readText("a: 1\n---\nb: 2\n", QStringLiteral("m.yaml"));
        QVERIFY(r.ok());
        QCOMPARE(r.documents.size(), size_t(2));
        QCOMPARE(r.documents[1].value(QStringLiteral("b")).origin().line, 3);
    }
};

QTEST_GUILESS_MAIN(TestYamlReader)
#include "tst_yamlreader.moc"
