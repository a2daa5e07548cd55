// The .env parser against compose-go's dotenv fixtures and cases
// (../shared/conformance/compose-spec/dotenv/).

#include "compose/composeloader.h"
#include "compose/dotenv.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace threatdock::compose;

namespace {

QString dotenvDir()
{
    return threatdock::testing::conformancePath(QStringLiteral("compose-spec/dotenv"));
}

Environment environmentFrom(const QJsonValue &value)
{
    Environment env;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        env.insert(it.key(), it.value().toString());
    return env;
}

/// Checks an expected error: compose-go's "line N: message" is our origin line N and the
/// message; error_contains "" means any error.
void verifyError(const DotEnv::Result &result, const QString &errorContains,
                 const QString &fileName)
{
    QVERIFY2(!result.ok(), "expected an error");
    QCOMPARE(result.error->severity, Diagnostic::Severity::Error);
    QCOMPARE(result.error->origin.file, fileName);
    QVERIFY(result.error->origin.line >= 1);
    static const QRegularExpression linePrefix(QStringLiteral("^line (\\d+): "));
    const QRegularExpressionMatch match = linePrefix.match(errorContains);
    if (match.hasMatch())
        QCOMPARE(result.error->origin.line, match.captured(1).toInt());
    const QString message = errorContains.mid(match.capturedLength());
    QVERIFY2(result.error->message.contains(message),
             qPrintable(result.error->message + QStringLiteral(" lacks ") + message));
}

/// What compose-go's Read()/ReadWithLookup() return: the parsed map without the keys
/// that start with a digit (its startsWithDigitRegex); Load() and the project's
/// GetEnvFromFile keep them.
Environment throughApi(const DotEnv::Result &result, const QString &api)
{
    Environment env = result.toEnvironment();
    if (api.startsWith(u"Read(") || api.startsWith(u"ReadWithLookup(")) {
        static const QRegularExpression startsWithDigit(QStringLiteral("^\\s*\\d"));
        env.removeIf([](const auto &it) { return startsWithDigit.match(it.key()).hasMatch(); });
    }
    return env;
}

void compareVariables(const Environment &actual, const Environment &expected, bool exact)
{
    if (exact) {
        QCOMPARE(actual, expected);
        return;
    }
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
        QVERIFY2(actual.contains(it.key()), qPrintable(it.key()));
        QCOMPARE(actual.value(it.key()), it.value());
    }
}

QString withUnixLineBreaks(QString text)
{
    return text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
}

} // namespace

class TestDotEnvConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtureFiles_data();
    void fixtureFiles();
    void parseCases_data();
    void parseCases();
    void multipleFiles_data();
    void multipleFiles();
    void projectEnvironment_data();
    void projectEnvironment();
};

void TestDotEnvConformance::fixtureFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QJsonObject>("variant");

    const QStringList expectations
        = QDir(dotenvDir()).entryList({QStringLiteral("*.expected.json")}, QDir::Files, QDir::Name);
    QVERIFY(!expectations.isEmpty());
    for (const QString &name : expectations) {
        const QString file = name.chopped(int(qstrlen(".expected.json")));
        const QJsonObject expectation
            = threatdock::testing::readJson(dotenvDir() + u'/' + name).object();
        QJsonArray variants = expectation.value(u"variants").toArray();
        if (variants.isEmpty())
            variants.append(expectation);
        for (qsizetype i = 0; i < variants.size(); ++i) {
            QTest::addRow("%s %s #%d", qPrintable(file),
                          qPrintable(expectation.value(u"test").toString()), int(i))
                << file << variants.at(i).toObject();
        }
    }
}

void TestDotEnvConformance::fixtureFiles()
{
    QFETCH(QString, file);
    QFETCH(QJsonObject, variant);

    const QString path = dotenvDir() + u'/' + file;
    const QString api = variant.value(u"api").toString();
    const Environment osEnv = environmentFrom(variant.value(u"os_env"));
    // Only the *WithLookup APIs pass the process environment to the parser.
    const VariableLookup lookup = api.contains(u"WithLookup") ? lookupIn(osEnv) : VariableLookup();
    const DotEnv::Result result = DotEnv::readFile(path, lookup);

    if (variant.value(u"error").toBool()) {
        verifyError(result, variant.value(u"error_contains").toString(), path);
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.variables.size(), result.lines.size());
    QCOMPARE(result.variables.size(), result.origins.size());

    Environment actual = throughApi(result, api);
    if (api.startsWith(u"Load(")) // Load() sets only what the process does not have
        actual = result.toEnvironment(osEnv);
    for (QString &value : actual)
        value = withUnixLineBreaks(value);
    compareVariables(actual, environmentFrom(variant.value(u"expected")),
                     variant.value(u"exact").toBool());
    const QJsonArray absent = variant.value(u"absent_keys").toArray();
    for (const QJsonValue &key : absent)
        QVERIFY2(!actual.contains(key.toString()), qPrintable(key.toString()));
}

void TestDotEnvConformance::parseCases_data()
{
    QTest::addColumn<QJsonObject>("parseCase");

    const QJsonArray cases
        = threatdock::testing::readJson(dotenvDir() + QStringLiteral("/parse-cases.json")).array();
    QVERIFY(!cases.isEmpty());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QJsonObject c = cases.at(i).toObject();
        if (c.contains(u"files"))
            continue; // several files: multipleFiles()
        QTest::addRow("%s #%d", qPrintable(c.value(u"test").toString()), int(i)) << c;
    }
}

void TestDotEnvConformance::parseCases()
{
    QFETCH(QJsonObject, parseCase);

    const QString fileName = QStringLiteral(".env");
    const Environment outside = environmentFrom(parseCase.value(u"lookup"));
    const DotEnv::Result result
        = DotEnv::parse(parseCase.value(u"input").toString().toUtf8(), fileName, lookupIn(outside));
    if (parseCase.value(u"error").toBool()) {
        verifyError(result, parseCase.value(u"error_contains").toString(), fileName);
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    // Every case is one statement or a few: the whole result must be what is expected.
    compareVariables(result.toEnvironment(), environmentFrom(parseCase.value(u"expected")), true);
}

void TestDotEnvConformance::multipleFiles_data()
{
    QTest::addColumn<QString>("api");
    QTest::addColumn<QJsonObject>("files");
    QTest::addColumn<QJsonValue>("currentEnv");
    QTest::addColumn<QJsonObject>("expected");

    const QJsonArray cases
        = threatdock::testing::readJson(dotenvDir() + QStringLiteral("/parse-cases.json")).array();
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QJsonObject c = cases.at(i).toObject();
        if (!c.contains(u"files"))
            continue;
        const QJsonArray variants = c.value(u"variants").toArray();
        for (qsizetype v = 0; v < variants.size(); ++v) {
            const QJsonObject variant = variants.at(v).toObject();
            QTest::addRow("%s #%d.%d", qPrintable(c.value(u"test").toString()), int(i), int(v))
                << c.value(u"api").toString() << c.value(u"files").toObject()
                << variant.value(u"currentEnv") << variant.value(u"expected").toObject();
        }
    }
}

void TestDotEnvConformance::multipleFiles()
{
    QFETCH(QString, api);
    QFETCH(QJsonObject, files);
    QFETCH(QJsonValue, currentEnv);
    QFETCH(QJsonObject, expected);

    // The api names the files in the order they are read: "GetEnvFromFile(currentEnv,
    // [base, override])" reads base.env, then override.env.
    static const QRegularExpression fileList(QStringLiteral("\\[([^\\]]*)\\]"));
    const QRegularExpressionMatch listed = fileList.match(api);
    QVERIFY2(listed.hasMatch(), qPrintable(api));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList paths;
    const QStringList names = listed.captured(1).split(u',', Qt::SkipEmptyParts);
    for (const QString &listedName : names) {
        const QString name = listedName.trimmed() + QStringLiteral(".env");
        QVERIFY2(files.contains(name), qPrintable(name));
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(files.value(name).toString().toUtf8());
        paths.append(file.fileName());
    }
    QCOMPARE(paths.size(), files.size());

    const Environment processEnv = environmentFrom(currentEnv);
    const DotEnv::Result result = DotEnv::readFiles(paths, lookupIn(processEnv));
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    compareVariables(result.toEnvironment(), environmentFrom(expected), true);
    for (const Origin &origin : result.origins)
        QVERIFY(paths.contains(origin.file));
}

void TestDotEnvConformance::projectEnvironment_data()
{
    QTest::addColumn<QJsonObject>("projectCase");

    const QJsonArray cases
        = threatdock::testing::readJson(dotenvDir() + QStringLiteral("/project-env-cases.json"))
              .array();
    QVERIFY(!cases.isEmpty());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QJsonObject c = cases.at(i).toObject();
        QTest::addRow("%s #%d", qPrintable(c.value(u"test").toString()), int(i)) << c;
    }
}

/// A case about a whole project (--env-file order, COMPOSE_FILE from .env, service
/// env_file order): written to a temporary directory and loaded by ComposeLoader.
static void verifyWholeProject(const QJsonObject &projectCase)
{
    QTemporaryDir dir;
    auto write = [&dir](const QString &name, const QString &text) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
    };
    ComposeLoader::Options options;
    options.path = dir.path();
    options.processEnvironment = Environment{};
    const QJsonObject envFiles = projectCase.value(u"env_files_in_order").toObject();
    // QJsonObject sorts keys; the case's order is the file's order, kept by the raw text.
    const QStringList ordered = {QStringLiteral("testdata/env-file/.env"),
                                 QStringLiteral("testdata/env-file/override.env")};
    QCOMPARE(envFiles.keys().size(), ordered.size());
    for (const QString &key : ordered) {
        QVERIFY2(envFiles.contains(key), qPrintable(key));
        const QString name = QFileInfo(key).fileName();
        write(name, envFiles.value(key).toString());
        options.envFiles << dir.filePath(name);
    }
    const QString composeFile = QStringLiteral("compose-with-env-file.yaml");
    write(composeFile, projectCase.value(u"compose_yaml").toString());
    const QJsonObject serviceEnv = projectCase.value(u"service_env_files_in_order").toObject();
    for (auto it = serviceEnv.begin(); it != serviceEnv.end(); ++it)
        write(it.key(), it.value().toString());

    const ComposeLoader::Result r = ComposeLoader::load(options);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error->toString()));
    QCOMPARE(r.project->composeFiles, QStringList{QDir(dir.path()).filePath(composeFile)});
    QCOMPARE(r.project->name, QStringLiteral("my_project_from_dot_env"));
    const Service *simple = r.project->service(QStringLiteral("simple"));
    QVERIFY(simple);
    const QJsonObject expected = projectCase.value(u"expected").toObject();
    QCOMPARE(simple->ports.value(0).published,
             expected.value(u"services.simple.ports[0].published").toString());
    bool found = false;
    for (const EnvironmentVariable &v : simple->environment) {
        if (v.name == u"DEFAULT_PORT") {
            found = true;
            QCOMPARE(v.value.value_or(QString()),
                     expected.value(u"services.simple.environment.DEFAULT_PORT").toString());
        }
    }
    QVERIFY(found);
    QVERIFY(expected.contains(u"services.simple.env_file"));
    QVERIFY(!simple->node.contains(QStringLiteral("env_file")));
}

void TestDotEnvConformance::projectEnvironment()
{
    QFETCH(QJsonObject, projectCase);

    if (!projectCase.contains(u"dotenv")) {
        verifyWholeProject(projectCase);
        return;
    }

    const Environment processEnv = environmentFrom(projectCase.value(u"os_env"));
    const DotEnv::Result result = DotEnv::parse(projectCase.value(u"dotenv").toString().toUtf8(),
                                                QStringLiteral(".env"), lookupIn(processEnv));
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    compareVariables(result.toEnvironment(processEnv),
                     environmentFrom(projectCase.value(u"expected_project_env_subset")), false);
}

THREATDOCK_CONFORMANCE_MAIN(TestDotEnvConformance)
#include "tst_dotenvconformance.moc"
