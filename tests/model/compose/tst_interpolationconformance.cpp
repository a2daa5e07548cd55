// Interpolation against compose-go's own template and interpolation test cases
// (../shared/conformance/compose-spec/compose-go-interpolation-cases.json).

#include "compose/interpolation.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace threatdock::compose;

namespace {

Environment environmentFrom(const QJsonObject &object)
{
    Environment env;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        env.insert(it.key(), it.value().toString());
    return env;
}

/// A tree holding value at a dotted path (the map compose-go's test interpolated).
Node treeAt(const QStringList &path, const QString &value, const Origin &origin)
{
    Node leaf = Node::scalar(value, origin);
    for (auto it = path.crbegin(); it != path.crend(); ++it) {
        Node parent = Node::mapping();
        parent.insert(*it, leaf);
        leaf = parent;
    }
    return leaf;
}

} // namespace

class TestInterpolationConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void substitute_data();
    void substitute();
};

void TestInterpolationConformance::substitute_data()
{
    QTest::addColumn<QString>("templateText");
    QTest::addColumn<Environment>("env");
    QTest::addColumn<bool>("isError");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("errorContains");
    QTest::addColumn<QJsonValue>("returnedWithError");
    QTest::addColumn<QString>("source");

    const QJsonArray cases
        = threatdock::testing::readJson(threatdock::testing::conformancePath(QStringLiteral(
                                            "compose-spec/compose-go-interpolation-cases.json")))
              .array();
    QVERIFY(!cases.isEmpty());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QJsonObject c = cases.at(i).toObject();
        QTest::addRow("%s #%d", qPrintable(c.value(u"test").toString()), int(i))
            << c.value(u"template").toString() << environmentFrom(c.value(u"env").toObject())
            << c.value(u"error").toBool() << c.value(u"expected").toString()
            << c.value(u"error_contains").toString() << c.value(u"returned_value_with_error")
            << c.value(u"source").toString();
    }
}

void TestInterpolationConformance::substitute()
{
    QFETCH(QString, templateText);
    QFETCH(Environment, env);
    QFETCH(bool, isError);
    QFETCH(QString, expected);
    QFETCH(QString, errorContains);
    QFETCH(QJsonValue, returnedWithError);
    QFETCH(QString, source);

    // Some cases quote the error of compose-go's tree-level Interpolate, which names the
    // path of the value: substitute() gives the bare error, interpolate() the full one.
    static const QRegularExpression treeError(
        QStringLiteral("^(?:error while interpolating ([^:\\s]+): |invalid interpolation "
                       "format for ([^\\s]+)\\.\\n)"));
    const QRegularExpressionMatch treeMatch = treeError.match(errorContains);

    const Interpolator::Result result = Interpolator::substitute(templateText, lookupIn(env));
    if (!isError) {
        QVERIFY2(result.ok(), qPrintable(result.error.value_or(QString())));
        QCOMPARE(result.value, expected);
    } else {
        QVERIFY2(!result.ok(), qPrintable(result.value));
        const QString bareError = treeMatch.hasMatch() && treeMatch.capturedView(1).isEmpty()
            ? QString() // an invalid template: the tree-level message quotes the template
            : errorContains.mid(treeMatch.capturedLength());
        QVERIFY2(result.error->contains(bareError),
                 qPrintable(*result.error + QStringLiteral(" lacks ") + bareError));
        // The value returned with an error, where the case comes from the template package
        // that substitute() mirrors (dotenv's expandVariables returns its input instead).
        if (returnedWithError.isString() && source.endsWith(u"template/template_test.go"))
            QCOMPARE(result.value, returnedWithError.toString());
    }

    if (!treeMatch.hasMatch())
        return;
    const QString path
        = treeMatch.captured(1).isEmpty() ? treeMatch.captured(2) : treeMatch.captured(1);
    const Origin origin{QStringLiteral("compose.yaml"), 7, 9};
    Node tree = treeAt(path.split(u'.'), templateText, origin);
    const std::optional<Diagnostic> diagnostic = Interpolator::interpolate(tree, lookupIn(env));
    QVERIFY(diagnostic.has_value());
    QVERIFY2(diagnostic->message.contains(errorContains), qPrintable(diagnostic->message));
    QCOMPARE(diagnostic->origin, origin);
    QCOMPARE(diagnostic->severity, Diagnostic::Severity::Error);
}

THREATDOCK_CONFORMANCE_MAIN(TestInterpolationConformance)
#include "tst_interpolationconformance.moc"
