// compose-go's own merge cases (../shared/conformance/compose-spec/compose-go-merge-cases.json):
// for each case, EnforceUnicity(Merge(base, override)) must equal expected.
//
// How trees are compared: origins and the quoted flag are ignored and scalars compare by
// their text; null equals only null (an empty string, `[]` or `{}` is not null);
// sequences compare in order (compose-go keeps order, and sorts only the entries it makes
// from a mapping, which the merger reproduces); mappings compare as sets of keys, as Go's
// map[string]any does; tags must match, so a `!reset` or `!override` left in the result
// is a failure.

#include "testsupport.h"

#include "compose/composemerger.h"
#include "compose/diagnostic.h"
#include "compose/yamlreader.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace threatdock::compose;

namespace {

QString dump(const Node &n, int indent = 0)
{
    const QString pad(indent, u' ');
    const QString tag = n.tag().isEmpty() ? QString() : n.tag() + u' ';
    switch (n.kind()) {
    case Node::Kind::Null:
        return tag + QStringLiteral("null");
    case Node::Kind::Scalar:
        return tag + u'"' + n.text() + u'"';
    case Node::Kind::Sequence: {
        QString s = tag + u'[';
        for (const Node &i : n.items())
            s += u'\n' + pad + QStringLiteral("  - ") + dump(i, indent + 4);
        return s + u']';
    }
    case Node::Kind::Mapping: {
        QString s = tag + u'{';
        for (const MapEntry &e : n.entries())
            s += u'\n' + pad + QStringLiteral("  ") + e.key + QStringLiteral(": ")
                + dump(e.value, indent + 4);
        return s + u'}';
    }
    }
    return QString();
}

/// Where actual differs from expected ("" when they are equal).
QString difference(const Node &actual, const Node &expected, const QString &path)
{
    const QString at = path.isEmpty() ? QStringLiteral("<root>") : path;
    if (actual.kind() != expected.kind())
        return QStringLiteral("%1: got a %2, expected a %3")
            .arg(at, actual.kindName(), expected.kindName());
    if (actual.tag() != expected.tag())
        return QStringLiteral("%1: tag \"%2\", expected \"%3\"")
            .arg(at, actual.tag(), expected.tag());
    switch (actual.kind()) {
    case Node::Kind::Null:
        return QString();
    case Node::Kind::Scalar:
        return actual.text() == expected.text()
            ? QString()
            : QStringLiteral("%1: \"%2\", expected \"%3\"").arg(at, actual.text(), expected.text());
    case Node::Kind::Sequence: {
        const auto &a = actual.items();
        const auto &e = expected.items();
        for (std::size_t i = 0; i < std::min(a.size(), e.size()); ++i) {
            const QString d = difference(a[i], e[i], path + u'[' + QString::number(i) + u']');
            if (!d.isEmpty())
                return d;
        }
        if (a.size() != e.size())
            return QStringLiteral("%1: %2 entries, expected %3")
                .arg(at)
                .arg(a.size())
                .arg(e.size());
        return QString();
    }
    case Node::Kind::Mapping: {
        for (const MapEntry &e : expected.entries()) {
            const Node *a = actual.find(e.key);
            if (!a)
                return QStringLiteral("%1: key \"%2\" missing").arg(at, e.key);
            const QString d = difference(*a, e.value, path + u'.' + e.key);
            if (!d.isEmpty())
                return d;
        }
        for (const MapEntry &a : actual.entries()) {
            if (!expected.contains(a.key))
                return QStringLiteral("%1: unexpected key \"%2\"").arg(at, a.key);
        }
        return QString();
    }
    }
    return QString();
}

Node parse(const QString &yaml, const QString &fileName)
{
    const YamlReader::Result r = YamlReader::readText(yaml.toUtf8(), fileName);
    if (!r.ok())
        qFatal("%s does not parse: %s", qPrintable(fileName), qPrintable(r.error->toString()));
    return r.documents.empty() ? Node() : r.documents.front();
}

} // namespace

class TestMergeConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergeCases_data();
    void mergeCases();
};

void TestMergeConformance::mergeCases_data()
{
    QTest::addColumn<QString>("baseYaml");
    QTest::addColumn<QString>("overrideYaml");
    QTest::addColumn<QString>("expectedYaml");

    const QJsonObject doc
        = threatdock::testing::readJson(
              threatdock::testing::conformancePath(QStringLiteral("compose-spec/"
                                                                  "compose-go-merge-cases.json")))
              .object();
    const QJsonArray cases = doc.value(QStringLiteral("cases")).toArray();
    QCOMPARE(cases.size(), doc.value(QStringLiteral("count")).toInt());
    QVERIFY(!cases.isEmpty());
    for (const QJsonValue &v : cases) {
        const QJsonObject c = v.toObject();
        QTest::newRow(c.value(QStringLiteral("test")).toString().toUtf8().constData())
            << c.value(QStringLiteral("base_yaml")).toString()
            << c.value(QStringLiteral("override_yaml")).toString()
            << c.value(QStringLiteral("expected_yaml")).toString();
    }
}

void TestMergeConformance::mergeCases()
{
    QFETCH(QString, baseYaml);
    QFETCH(QString, overrideYaml);
    QFETCH(QString, expectedYaml);

    const Node base = parse(baseYaml, QStringLiteral("base.yaml"));
    const Node override = parse(overrideYaml, QStringLiteral("override.yaml"));
    const Node expected = parse(expectedYaml, QStringLiteral("expected.yaml"));

    Node merged;
    try {
        merged = ComposeMerger::merge(base, override);
        ComposeMerger::enforceUnicity(merged);
    } catch (const ComposeError &e) {
        QFAIL(qPrintable(QStringLiteral("merge failed: ") + e.diagnostic().toString()));
    }
    const QString d = difference(merged, expected, QString());
    QVERIFY2(d.isEmpty(),
             qPrintable(d + QStringLiteral("\nmerged: ") + dump(merged)
                        + QStringLiteral("\nexpected: ") + dump(expected)));
}

THREATDOCK_CONFORMANCE_MAIN(TestMergeConformance)

#include "tst_mergeconformance.moc"
