#include "compose/dotenv.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace threatdock::compose;
using namespace Qt::StringLiterals;

class TestDotEnv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syntax_data();
    void syntax();
    void errors_data();
    void errors();
    void linesAndOrigins();
    void laterDefinitionReplacesEarlier();
    void expansionPrefersLookupOverFile();
    void bareKeyInheritsOnlyWhenSet();
    void unsetVariableWarns();
    void processEnvironmentWins();
    void readFile();
    void readFileMissing();
    void readFilesLaterOverridesEarlier();
    void readFilesStopsAtError();
};

void TestDotEnv::syntax_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Environment>("expected");

    const auto env = [](std::initializer_list<std::pair<QString, QString>> pairs) {
        Environment e;
        for (const auto &[k, v] : pairs)
            e.insert(k, v);
        return e;
    };

    QTest::newRow("KEY=value") << "A=1\nB=two words\n"_ba
                               << env({{u"A"_s, u"1"_s}, {u"B"_s, u"two words"_s}});
    QTest::newRow("KEY: value") << "A: 1\nB:x=y"_ba << env({{u"A"_s, u"1"_s}, {u"B"_s, u"x=y"_s}});
    QTest::newRow("export") << "export A=1\n\texport  B=2\nexportC=3"_ba
                            << env({{u"A"_s, u"1"_s}, {u"B"_s, u"2"_s}, {u"exportC"_s, u"3"_s}});
    QTest::newRow("spaces around =")
        << "  A = 1  \nB= 2"_ba << env({{u"A"_s, u"1"_s}, {u"B"_s, u"2"_s}});
    QTest::newRow("empty values") << "A=\nB= \nC=''\nD=\"\""_ba
                                  << env({{u"A"_s, QString()},
                                          {u"B"_s, QString()},
                                          {u"C"_s, QString()},
                                          {u"D"_s, QString()}});
    QTest::newRow("key characters")
        << "a.b=1\nc-d=2\ne[0]=3\nÄö_9=4"_ba
        << env({{u"a.b"_s, u"1"_s}, {u"c-d"_s, u"2"_s}, {u"e[0]"_s, u"3"_s}, {u"Äö_9"_s, u"4"_s}});
    QTest::newRow("full-line comments")
        << "# one\n  # two\nA=1\n#B=2"_ba << env({{u"A"_s, u"1"_s}});
    QTest::newRow("inline comment unquoted")
        << "A=x # note\nB=x#not\nC=x #"_ba
        << env({{u"A"_s, u"x"_s}, {u"B"_s, u"x#not"_s}, {u"C"_s, u"x"_s}});
    QTest::newRow("comment after quotes")
        << "A=\"x # y\" # note\nB='#'#"_ba << env({{u"A"_s, u"x # y"_s}, {u"B"_s, u"#"_s}});
    QTest::newRow("single quotes are literal")
        << R"(A='$HOME \n \\ "x"')"_ba << env({{u"A"_s, uR"($HOME \n \\ "x")"_s}});
    QTest::newRow("escaped single quote") << R"(A='it\'s')"_ba << env({{u"A"_s, u"it's"_s}});
    QTest::newRow("double-quote escapes")
        << R"(A="1\n2\t3\r\"q\" back\\slash \a\b\f\v")"_ba
        << env({{u"A"_s, u"1\n2\t3\r\"q\" back\\slash \a\b\f\v"_s}});
    QTest::newRow("double-quote octal")
        << R"(A="\0101\0102 \012 \0400")"_ba << env({{u"A"_s, uR"(AB \012 \0400)"_s}});
    QTest::newRow("unknown escapes stay")
        << R"(A="\x41 \u0041 \c \ ")"_ba << env({{u"A"_s, uR"(\x41 \u0041 \c \ )"_s}});
    QTest::newRow("escaped dollar")
        << R"(A="\$HOME" B=$$HOME)"_ba << env({{u"A"_s, u"$HOME"_s}, {u"B"_s, u"$HOME"_s}});
    QTest::newRow("unquoted backslash literal")
        << R"(A=a\tb\n)"_ba << env({{u"A"_s, uR"(a\tb\n)"_s}});
    QTest::newRow("multi-line double quoted")
        << "A=\"one\ntwo\"\nB=3"_ba << env({{u"A"_s, u"one\ntwo"_s}, {u"B"_s, u"3"_s}});
    QTest::newRow("multi-line single quoted")
        << "A='one\n$two'\n"_ba << env({{u"A"_s, u"one\n$two"_s}});
    QTest::newRow("UTF-8 BOM") << "\xEF\xBB\xBF"
                                  "A=1"_ba
                               << env({{u"A"_s, u"1"_s}});
    QTest::newRow("CRLF") << "A=1\r\nB=\"2\"\r\n"_ba << env({{u"A"_s, u"1"_s}, {u"B"_s, u"2"_s}});
    QTest::newRow("UTF-8 value") << "A=café ☕"_ba << env({{u"A"_s, u"café ☕"_s}});
    QTest::newRow("expansion of earlier keys")
        << "H=db\nURL=postgres://$H:${PORT:-5432}/x\nQ=\"$H\"\nS='$H'"_ba
        << env({{u"H"_s, u"db"_s},
                {u"URL"_s, u"postgres://db:5432/x"_s},
                {u"Q"_s, u"db"_s},
                {u"S"_s, u"$H"_s}});
    QTest::newRow("expansion of later key is blank")
        << "A=$B\nB=1"_ba << env({{u"A"_s, QString()}, {u"B"_s, u"1"_s}});
    QTest::newRow("empty key") << "=\"value\""_ba << env({{QString(), u"value"_s}});
    QTest::newRow("blank and comment only") << "\n \t\n# c\n"_ba << Environment();
}

void TestDotEnv::syntax()
{
    QFETCH(QByteArray, text);
    QFETCH(Environment, expected);

    const DotEnv::Result result = DotEnv::parse(text, u"test.env"_s);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.toEnvironment(), expected);
}

void TestDotEnv::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("space in key") << "A=1\n\nINVALID LINE\nB=2"_ba
                                  << u"x.env:3: key cannot contain a space"_s;
    QTest::newRow("space in key before =")
        << "# c\nMY KEY=1"_ba << u"x.env:2: key cannot contain a space"_s;
    QTest::newRow("bad character")
        << "A=1\nlol$wut"_ba
        << u"x.env:2: unexpected character \"$\" in variable name \"lol$wut\""_s;
    QTest::newRow("quoted key")
        << "\"A\"=1"_ba
        << u"x.env:1: unexpected character \"\\\"\" in variable name \"\\\"A\\\"=1\""_s;
    QTest::newRow("unterminated double")
        << "A=1\nB=\"abc\nC=2\n"_ba << u"x.env:2: unterminated quoted value \"abc"_s;
    QTest::newRow("unterminated single")
        << "A='abc\\'"_ba << u"x.env:1: unterminated quoted value 'abc\\'"_s;
    QTest::newRow("after multi-line value")
        << "A=\"1\n2\n3\"\nB C=1"_ba << u"x.env:4: key cannot contain a space"_s;
    QTest::newRow("invalid expansion")
        << "A=1\nB=${A"_ba << u"x.env:2: Invalid template: \"${A\""_s;
    QTest::newRow("required variable")
        << "\n\nB=\"${DB:?set DB}\""_ba
        << u"x.env:3: required variable DB is missing a value: set DB"_s;
}

void TestDotEnv::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);

    const DotEnv::Result result = DotEnv::parse(text, u"x.env"_s);
    QVERIFY(!result.ok());
    QCOMPARE(result.error->severity, Diagnostic::Severity::Error);
    QCOMPARE(result.error->toString(), expected);
}

void TestDotEnv::linesAndOrigins()
{
    const DotEnv::Result result
        = DotEnv::parse("# header\n\nA=1\nB='x\ny'\n  export C=3 # c\nD=\"\n\"\nE"_ba, u"p/.env"_s,
                        [](const QString &name) -> std::optional<QString> {
                            if (name == u"E")
                                return u"e"_s;
                            return std::nullopt;
                        });
    QVERIFY(result.ok());
    QCOMPARE(result.variables.size(), 5);
    QCOMPARE(result.lines, (QList<int>{3, 4, 6, 7, 9}));
    for (qsizetype i = 0; i < result.variables.size(); ++i) {
        QCOMPARE(result.origins.at(i).file, u"p/.env"_s);
        QCOMPARE(result.origins.at(i).line, result.lines.at(i));
    }
    QCOMPARE(result.variables.last(), std::pair(u"E"_s, u"e"_s));
}

void TestDotEnv::laterDefinitionReplacesEarlier()
{
    const DotEnv::Result result = DotEnv::parse("A=1\nB=2\nA=3\nC=$A"_ba, u".env"_s);
    QVERIFY(result.ok());
    QCOMPARE(result.variables.size(), 3);
    QCOMPARE(result.variables.at(0), std::pair(u"A"_s, u"3"_s));
    QCOMPARE(result.lines.at(0), 3);
    QCOMPARE(result.value(u"C"_s), u"3"_s);
    QCOMPARE(result.value(u"Z"_s), std::nullopt);
}

void TestDotEnv::expansionPrefersLookupOverFile()
{
    // compose-go: the process environment is consulted before the file's own keys, but
    // the file keeps its own value of a key.
    const Environment process{{u"A"_s, u"5"_s}};
    const DotEnv::Result result
        = DotEnv::parse("A=1\nB=${A}\nC=${A:-x}_$A"_ba, u".env"_s, lookupIn(process));
    QVERIFY(result.ok());
    QCOMPARE(result.value(u"A"_s), u"1"_s);
    QCOMPARE(result.value(u"B"_s), u"5"_s);
    QCOMPARE(result.value(u"C"_s), u"5_5"_s);
}

void TestDotEnv::bareKeyInheritsOnlyWhenSet()
{
    const Environment process{{u"SET"_s, u"v"_s}, {u"EMPTY"_s, QString()}};
    const DotEnv::Result result
        = DotEnv::parse("SET\nEMPTY\nUNSET\n  LAST"_ba, u".env"_s, lookupIn(process));
    QVERIFY(result.ok());
    QCOMPARE(result.toEnvironment(), (Environment{{u"SET"_s, u"v"_s}, {u"EMPTY"_s, QString()}}));
    QCOMPARE(result.lines, (QList<int>{1, 2}));
}

void TestDotEnv::unsetVariableWarns()
{
    const DotEnv::Result result = DotEnv::parse("A=1\nB=$A$NOPE\nC='$NOPE'"_ba, u"w.env"_s);
    QVERIFY(result.ok());
    QCOMPARE(result.value(u"B"_s), u"1"_s);
    QCOMPARE(result.warnings.size(), 1);
    QCOMPARE(result.warnings.first().severity, Diagnostic::Severity::Warning);
    QCOMPARE(result.warnings.first().toString(),
             u"w.env:2: The \"NOPE\" variable is not set. Defaulting to a blank string."_s);
}

void TestDotEnv::processEnvironmentWins()
{
    const Environment process{{u"FOO"_s, u"zot"_s}, {u"PATH"_s, u"/bin"_s}};
    const DotEnv::Result result
        = DotEnv::parse("FOO=foo\nBAR=${FOO}\nBAZ=baz"_ba, u".env"_s, lookupIn(process));
    QVERIFY(result.ok());
    QCOMPARE(result.toEnvironment(process),
             (Environment{{u"FOO"_s, u"zot"_s},
                          {u"BAR"_s, u"zot"_s},
                          {u"BAZ"_s, u"baz"_s},
                          {u"PATH"_s, u"/bin"_s}}));
}

void TestDotEnv::readFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(u".env"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\xEF\xBB\xBFTAG=1.25\nIMAGE=nginx:${TAG}\n");
    file.close();

    const DotEnv::Result result = DotEnv::readFile(file.fileName());
    QVERIFY(result.ok());
    QCOMPARE(result.value(u"IMAGE"_s), u"nginx:1.25"_s);
    QCOMPARE(result.origins.at(1), (Origin{file.fileName(), 2, 0}));
}

void TestDotEnv::readFileMissing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"absent.env"_s);
    const DotEnv::Result result = DotEnv::readFile(path);
    QVERIFY(!result.ok());
    QVERIFY2(result.error->message.contains(path), qPrintable(result.error->message));
    QVERIFY(result.variables.isEmpty());
}

void TestDotEnv::readFilesLaterOverridesEarlier()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&dir](const QString &name, const QByteArray &text) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return QString();
        file.write(text);
        return file.fileName();
    };
    const QString base = write(u"base.env"_s, "HOST=localhost\nPORT=80\nURL=http://${HOST}\n"_ba);
    const QString local
        = write(u"local.env"_s, "\nHOST=dev.example\nURL=http://${HOST}:$PORT\n"_ba);
    QVERIFY(!base.isEmpty() && !local.isEmpty());

    const DotEnv::Result result = DotEnv::readFiles({base, local});
    QVERIFY(result.ok());
    QCOMPARE(result.toEnvironment(),
             (Environment{{u"HOST"_s, u"dev.example"_s},
                          {u"PORT"_s, u"80"_s},
                          {u"URL"_s, u"http://dev.example:80"_s}}));
    QCOMPARE(result.origins.at(0), (Origin{local, 2, 0}));
    QCOMPARE(result.origins.at(1), (Origin{base, 2, 0}));

    const Environment process{{u"HOST"_s, u"host.local"_s}};
    const DotEnv::Result withProcess = DotEnv::readFiles({base, local}, lookupIn(process));
    QCOMPARE(withProcess.value(u"HOST"_s), u"dev.example"_s);
    QCOMPARE(withProcess.value(u"URL"_s), u"http://host.local:80"_s);
}

void TestDotEnv::readFilesStopsAtError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile good(dir.filePath(u"good.env"_s));
    QVERIFY(good.open(QIODevice::WriteOnly));
    good.write("A=1\n");
    good.close();
    QFile bad(dir.filePath(u"bad.env"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("B=2\nC D=3\n");
    bad.close();

    const DotEnv::Result result = DotEnv::readFiles({good.fileName(), bad.fileName()});
    QVERIFY(!result.ok());
    QCOMPARE(result.error->origin, (Origin{bad.fileName(), 2, 0}));
    QCOMPARE(result.value(u"A"_s), u"1"_s);
}

QTEST_GUILESS_MAIN(TestDotEnv)
#include "tst_dotenv.moc"
