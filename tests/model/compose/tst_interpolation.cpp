#include "compose/interpolation.h"

#include <QTest>

using namespace threatdock::compose;
using namespace Qt::StringLiterals;

namespace {

Environment sampleEnvironment()
{
    return Environment{{QStringLiteral("TAG"), QStringLiteral("1.25")},
                       {QStringLiteral("EMPTY"), QString()},
                       {QStringLiteral("_under_score9"), QStringLiteral("u")},
                       {QStringLiteral("tag"), QStringLiteral("lower")},
                       {QStringLiteral("NAME"), QStringLiteral("web")}};
}

} // namespace

class TestInterpolation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void substitute_data();
    void substitute();
    void errors_data();
    void errors();
    void unsetVariables_data();
    void unsetVariables();
    void noLookupMeansNothingIsSet();
    void interpolateTreeSubstitutesValuesOnly();
    void interpolateReportsOriginAndPath_data();
    void interpolateReportsOriginAndPath();
    void interpolateStopsAtFirstError();
    void interpolateCollectsWarnings();
};

void TestInterpolation::substitute_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("no variable") << u"nginx:latest"_s << u"nginx:latest"_s;
    QTest::newRow("unbraced") << u"nginx:$TAG"_s << u"nginx:1.25"_s;
    QTest::newRow("unbraced stops at non-name char") << u"$TAG-alpine"_s << u"1.25-alpine"_s;
    QTest::newRow("braced") << u"nginx:${TAG}"_s << u"nginx:1.25"_s;
    QTest::newRow("braced then name chars") << u"${NAME}_1"_s << u"web_1"_s;
    QTest::newRow("names are case sensitive") << u"$tag/$TAG"_s << u"lower/1.25"_s;
    QTest::newRow("underscore and digits") << u"${_under_score9}"_s << u"u"_s;
    QTest::newRow("unset is blank") << u"a${MISSING}b"_s << u"ab"_s;
    QTest::newRow("empty is blank") << u"a${EMPTY}b"_s << u"ab"_s;
    QTest::newRow(":- unset") << u"${MISSING:-dflt}"_s << u"dflt"_s;
    QTest::newRow(":- empty") << u"${EMPTY:-dflt}"_s << u"dflt"_s;
    QTest::newRow(":- set") << u"${TAG:-dflt}"_s << u"1.25"_s;
    QTest::newRow("- unset") << u"${MISSING-dflt}"_s << u"dflt"_s;
    QTest::newRow("- empty") << u"${EMPTY-dflt}"_s << QString();
    QTest::newRow(":+ set") << u"${TAG:+alt}"_s << u"alt"_s;
    QTest::newRow(":+ empty") << u"${EMPTY:+alt}"_s << QString();
    QTest::newRow("+ empty") << u"${EMPTY+alt}"_s << u"alt"_s;
    QTest::newRow("+ unset") << u"${MISSING+alt}"_s << QString();
    QTest::newRow(":? set") << u"${TAG:?needed}"_s << u"1.25"_s;
    QTest::newRow("? empty") << u"${EMPTY?needed}"_s << QString();
    QTest::newRow("nested default") << u"${MISSING:-${NAME}-${TAG}}"_s << u"web-1.25"_s;
    QTest::newRow("deeply nested") << u"${A:-${B:-${C:-deep}}}"_s << u"deep"_s;
    QTest::newRow("nested alternate") << u"${TAG:+v$TAG}"_s << u"v1.25"_s;
    QTest::newRow("unused default not evaluated") << u"${TAG:-${MISSING:?never}}"_s << u"1.25"_s;
    QTest::newRow("braces in default")
        << u"${MISSING:-{\"a\":{\"b\":1}}}"_s << u"{\"a\":{\"b\":1}}"_s;
    QTest::newRow("operators in default") << u"${MISSING:-a:-b?c+d}"_s << u"a:-b?c+d"_s;
    QTest::newRow("escaped dollar") << u"$$TAG and $${TAG}"_s << u"$TAG and ${TAG}"_s;
    QTest::newRow("lone dollar") << u"cost: 5 $"_s << u"cost: 5 $"_s;
    QTest::newRow("dollar before digit") << u"$1 $}"_s << u"$1 $}"_s;
    QTest::newRow("text around several") << u"$NAME:${TAG} ($$)"_s << u"web:1.25 ($)"_s;
    QTest::newRow("non-ASCII text") << u"café ${NAME} ☕"_s << u"café web ☕"_s;
    QTest::newRow("multi-line default") << u"${MISSING:-a\nb}"_s << u"a\nb"_s;
}

void TestInterpolation::substitute()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);

    const Environment env = sampleEnvironment();
    const Interpolator::Result result = Interpolator::substitute(text, lookupIn(env));
    QVERIFY2(result.ok(), qPrintable(result.error.value_or(QString())));
    QCOMPARE(result.value, expected);
}

void TestInterpolation::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("unclosed") << u"${TAG"_s << u"Invalid template: \"${TAG\""_s;
    QTest::newRow("unclosed nested") << u"${A:-${B}"_s << u"Invalid template: \"${A:-${B}\""_s;
    QTest::newRow("empty braces") << u"x ${}"_s << u"Invalid template: \"x ${}\""_s;
    QTest::newRow("space in braces") << u"${ TAG}"_s << u"Invalid template: \"${ TAG}\""_s;
    QTest::newRow("digit first") << u"${1A}"_s << u"Invalid template: \"${1A}\""_s;
    QTest::newRow("unknown operator") << u"${TAG:=x}"_s << u"Invalid template: \"${TAG:=x}\""_s;
    QTest::newRow("shell substitution") << u"${TAG/a/b}"_s << u"Invalid template: \"${TAG/a/b}\""_s;
    QTest::newRow("colon without operator") << u"${TAG:}"_s << u"Invalid template: \"${TAG:}\""_s;
    QTest::newRow("invalid in used default")
        << u"${MISSING:-${}}"_s << u"Invalid template: \"${}\""_s;
    QTest::newRow(":? unset")
        << u"${DB_PASSWORD:?set it in .env}"_s
        << u"required variable DB_PASSWORD is missing a value: set it in .env"_s;
    QTest::newRow(":? empty") << u"${EMPTY:?must not be empty}"_s
                              << u"required variable EMPTY is missing a value: must not be empty"_s;
    QTest::newRow("? unset without reason")
        << u"${MISSING?}"_s << u"required variable MISSING is missing a value"_s;
    QTest::newRow("reason is interpolated")
        << u"${MISSING:?see $NAME}"_s << u"required variable MISSING is missing a value: see web"_s;
    QTest::newRow("required in used default")
        << u"${A:-${B:?b too}}"_s << u"required variable B is missing a value: b too"_s;
}

void TestInterpolation::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    const Environment env = sampleEnvironment();
    const Interpolator::Result result = Interpolator::substitute(text, lookupIn(env));
    QVERIFY(!result.ok());
    QCOMPARE(*result.error, message);
    QCOMPARE(result.value, QString());
}

void TestInterpolation::unsetVariables_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("unset");

    QTest::newRow("none") << u"$TAG ${EMPTY}"_s << QStringList();
    QTest::newRow("unbraced and braced") << u"$A ${B}"_s << QStringList{u"A"_s, u"B"_s};
    QTest::newRow("once per name") << u"$A $A"_s << QStringList{u"A"_s};
    QTest::newRow("default covers it") << u"${A:-x} ${A-x} ${A:+x} ${A+x}"_s << QStringList();
    QTest::newRow("unused alternate is lazy") << u"${A:+${A},}B"_s << QStringList();
    QTest::newRow("used default warns") << u"${A:-${B}}"_s << QStringList{u"B"_s};
    QTest::newRow("unused reason is lazy") << u"${TAG?${B}}"_s << QStringList();
}

void TestInterpolation::unsetVariables()
{
    QFETCH(QString, text);
    QFETCH(QStringList, unset);

    const Environment env = sampleEnvironment();
    const Interpolator::Result result = Interpolator::substitute(text, lookupIn(env));
    QVERIFY(result.ok());
    QCOMPARE(result.unsetVariables, unset);
}

void TestInterpolation::noLookupMeansNothingIsSet()
{
    const Interpolator::Result result = Interpolator::substitute(u"${A:-a}$B"_s, {});
    QVERIFY(result.ok());
    QCOMPARE(result.value, u"a"_s);
    QCOMPARE(result.unsetVariables, QStringList{u"B"_s});
}

void TestInterpolation::interpolateTreeSubstitutesValuesOnly()
{
    const Origin imageOrigin{u"compose.yaml"_s, 3, 12};
    Node labels = Node::mapping();
    labels.insert(u"$TAG"_s, Node::scalar(u"${NAME}"_s, {}, true));
    Node ports = Node::sequence();
    ports.append(Node::scalar(u"${PORT:-8080}:80"_s));
    Node image = Node::scalar(u"nginx:${TAG}"_s, imageOrigin);
    image.setTag(u"!!str"_s);
    Node service = Node::mapping();
    service.insert(u"image"_s, image);
    service.insert(u"labels"_s, labels);
    service.insert(u"ports"_s, ports);
    service.insert(u"command"_s, Node::null());
    Node root = Node::mapping();
    root.insert(u"web"_s, service);

    const Environment env = sampleEnvironment();
    const std::optional<Diagnostic> error = Interpolator::interpolate(root, lookupIn(env));
    QVERIFY2(!error, qPrintable(error ? error->toString() : QString()));

    const Node *web = root.find(u"web"_s);
    QVERIFY(web);
    const Node *newImage = web->find(u"image"_s);
    QCOMPARE(newImage->text(), u"nginx:1.25"_s);
    QCOMPARE(newImage->origin(), imageOrigin);
    QCOMPARE(newImage->tag(), u"!!str"_s);
    QVERIFY(!newImage->isQuoted());
    const Node *newLabels = web->find(u"labels"_s);
    QCOMPARE(newLabels->keys(), QStringList{u"$TAG"_s}); // keys are never interpolated
    QCOMPARE(newLabels->find(u"$TAG"_s)->text(), u"web"_s);
    QVERIFY(newLabels->find(u"$TAG"_s)->isQuoted());
    QCOMPARE(web->find(u"ports"_s)->items().at(0).text(), u"8080:80"_s);
    QVERIFY(web->find(u"command"_s)->isNull());
}

void TestInterpolation::interpolateReportsOriginAndPath_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("required") << u"${DB_PASSWORD:?set it}"_s
                              << u"error while interpolating services.db.environment[1]: "
                                 "required variable DB_PASSWORD is missing a value: set it"_s;
    QTest::newRow("invalid") << u"pa$${ss ${"_s
                             << u"invalid interpolation format for services.db.environment[1].\n"
                                "You may need to escape any $ with another $.\npa$${ss ${"_s;
}

void TestInterpolation::interpolateReportsOriginAndPath()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    const Origin origin{u"/p/compose.yaml"_s, 14, 9};
    Node environment = Node::sequence();
    environment.append(Node::scalar(u"A=1"_s));
    environment.append(Node::scalar(text, origin));
    Node db = Node::mapping();
    db.insert(u"environment"_s, environment);
    Node services = Node::mapping();
    services.insert(u"db"_s, db);
    Node root = Node::mapping();
    root.insert(u"services"_s, services);

    const std::optional<Diagnostic> error = Interpolator::interpolate(root, {});
    QVERIFY(error.has_value());
    QCOMPARE(error->severity, Diagnostic::Severity::Error);
    QCOMPARE(error->origin, origin);
    QCOMPARE(error->message, message);
    QVERIFY(error->toString().startsWith(u"/p/compose.yaml:14: "_s));
}

void TestInterpolation::interpolateStopsAtFirstError()
{
    Node root = Node::mapping();
    root.insert(u"a"_s, Node::scalar(u"${X:?first}"_s, Origin{u"c.yaml"_s, 1, 4}));
    root.insert(u"b"_s, Node::scalar(u"${Y:?second}"_s, Origin{u"c.yaml"_s, 2, 4}));
    const std::optional<Diagnostic> error = Interpolator::interpolate(root, {});
    QVERIFY(error.has_value());
    QCOMPARE(error->origin.line, 1);
    QVERIFY(error->message.endsWith(u"first"_s));

    Node scalar = Node::scalar(u"${X:?alone}"_s, Origin{u"c.yaml"_s, 5, 1});
    const std::optional<Diagnostic> bare = Interpolator::interpolate(scalar, {});
    QVERIFY(bare.has_value());
    QCOMPARE(bare->message, u"required variable X is missing a value: alone"_s);
}

void TestInterpolation::interpolateCollectsWarnings()
{
    const Origin origin{u"compose.yaml"_s, 8, 5};
    Node root = Node::mapping();
    root.insert(u"image"_s, Node::scalar(u"$REGISTRY/app:${TAG}"_s, origin));
    Diagnostics warnings;
    const Environment env = sampleEnvironment();
    const std::optional<Diagnostic> error
        = Interpolator::interpolate(root, lookupIn(env), &warnings);
    QVERIFY2(!error, qPrintable(error ? error->toString() : QString()));
    QCOMPARE(root.find(u"image"_s)->text(), u"/app:1.25"_s);
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first().severity, Diagnostic::Severity::Warning);
    QCOMPARE(warnings.first().origin, origin);
    QCOMPARE(warnings.first().message,
             u"The \"REGISTRY\" variable is not set. Defaulting to a blank string."_s);
}

QTEST_GUILESS_MAIN(TestInterpolation)
#include "tst_interpolation.moc"
