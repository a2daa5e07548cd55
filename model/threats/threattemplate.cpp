#include "threattemplate.h"

#include "compose/nodefields.h"
#include "compose/yamlreader.h"

#include <QHash>
#include <QSet>

namespace threatdock::threats {

using compose::ComposeError;
using compose::MapEntry;
using compose::Node;
using Op = ThreatCondition::Op;

namespace {

QString scalar(const Node &parent, const QString &key, bool required)
{
    return compose::scalarField(parent, key, QStringLiteral("template"), required);
}

QStringList stringList(const Node &n, const QString &what)
{
    return compose::stringListField(n, what);
}

int level(const Node &parent, const QString &key)
{
    const Node &n = parent.value(key);
    const auto v = n.toInt();
    if (!v || *v < 1 || *v > 4)
        throw ComposeError(n.isNull() ? parent.origin() : n.origin(),
                           QStringLiteral("\"%1\" must be 1, 2, 3 or 4").arg(key));
    return int(*v);
}

ThreatCondition conditionFrom(const Node &n);

ThreatCondition allOf(const Node &list)
{
    ThreatCondition all;
    all.op = Op::All;
    all.origin = list.origin();
    if (!list.isSequence())
        throw ComposeError(list.origin(), QStringLiteral("conditions must be a list"));
    for (const Node &item : list.items())
        all.children << conditionFrom(item);
    return all;
}

ThreatCondition conditionFrom(const Node &n)
{
    static const QHash<QString, Op> listOps{
        {QStringLiteral("fact"), Op::Fact},          {QStringLiteral("role"), Op::Role},
        {QStringLiteral("from_role"), Op::FromRole}, {QStringLiteral("to_role"), Op::ToRole},
        {QStringLiteral("from_kind"), Op::FromKind}, {QStringLiteral("to_kind"), Op::ToKind},
        {QStringLiteral("exposure"), Op::Exposure},  {QStringLiteral("reason"), Op::Reason},
        {QStringLiteral("protocol"), Op::Protocol},  {QStringLiteral("port"), Op::Port},
        {QStringLiteral("finding"), Op::Finding}};
    static const QHash<QString, Op> boolOps{
        {QStringLiteral("crosses_boundary"), Op::CrossesBoundary},
        {QStringLiteral("read_only"), Op::ReadOnly},
        {QStringLiteral("internal_network"), Op::InternalNetwork}};
    if (!n.isMapping() || n.entries().size() != 1)
        throw ComposeError(n.origin(),
                           QStringLiteral("a condition is a mapping with exactly one key"));
    const MapEntry &e = n.entries().front();
    ThreatCondition c;
    c.origin = e.keyOrigin;
    if (const auto it = listOps.constFind(e.key); it != listOps.cend()) {
        c.op = *it;
        c.values = stringList(e.value, e.key);
        if (c.values.isEmpty())
            throw ComposeError(e.keyOrigin, QStringLiteral("\"%1\" needs values").arg(e.key));
        if (c.op == Op::Port) {
            for (const QString &v : std::as_const(c.values)) {
                bool ok = false;
                v.toInt(&ok);
                if (!ok)
                    throw ComposeError(e.value.origin(), QStringLiteral("ports are numbers"));
            }
        }
    } else if (const auto b = boolOps.constFind(e.key); b != boolOps.cend()) {
        c.op = *b;
        const auto v = e.value.toBool();
        if (!v)
            throw ComposeError(e.value.origin(),
                               QStringLiteral("\"%1\" must be true or false").arg(e.key));
        c.flag = *v;
    } else if (e.key == u"id" || e.key == u"text") {
        c.op = e.key == u"id" ? Op::Id : Op::Text;
        if (!e.value.isScalar())
            throw ComposeError(e.value.origin(), QStringLiteral("a pattern must be a string"));
        c.pattern = QRegularExpression(e.value.text(),
                                       c.op == Op::Text ? QRegularExpression::CaseInsensitiveOption
                                                        : QRegularExpression::NoPatternOption);
        if (!c.pattern.isValid())
            throw ComposeError(e.value.origin(),
                               QStringLiteral("bad pattern: %1").arg(c.pattern.errorString()));
    } else if (e.key == u"property") {
        c.op = Op::Property;
        if (!e.value.isMapping() || e.value.entries().empty())
            throw ComposeError(e.value.origin(),
                               QStringLiteral("\"property\" maps property names to patterns"));
        for (const MapEntry &p : e.value.entries()) {
            const QRegularExpression re(p.value.isScalar() ? p.value.text() : QString(),
                                        QRegularExpression::CaseInsensitiveOption);
            if (!p.value.isScalar() || !re.isValid())
                throw ComposeError(p.value.origin(), QStringLiteral("bad property pattern"));
            c.properties.append({p.key, re});
        }
    } else if (e.key == u"any") {
        c = allOf(e.value);
        c.op = Op::Any;
    } else if (e.key == u"not") {
        c.op = Op::Not;
        c.origin = e.keyOrigin;
        c.children << conditionFrom(e.value);
    } else {
        throw ComposeError(e.keyOrigin, QStringLiteral("unknown condition \"%1\"").arg(e.key));
    }
    return c;
}

void checkAppliesTo(ThreatTemplate &t, const Node &n)
{
    static const QStringList kinds{QStringLiteral("process"), QStringLiteral("data-store"),
                                   QStringLiteral("data-flow"), QStringLiteral("external-entity")};
    const Node &applies = n.value(QStringLiteral("applies_to"));
    if (!applies.isMapping())
        throw ComposeError(n.origin(), QStringLiteral("template needs \"applies_to\""));
    t.kinds = stringList(applies.value(QStringLiteral("kinds")), QStringLiteral("kinds"));
    t.roles = stringList(applies.value(QStringLiteral("roles")), QStringLiteral("roles"));
    if (t.kinds.isEmpty())
        throw ComposeError(applies.origin(), QStringLiteral("\"applies_to\" needs kinds"));
    for (const QString &k : std::as_const(t.kinds))
        if (!kinds.contains(k))
            throw ComposeError(applies.origin(),
                               QStringLiteral("unknown element kind \"%1\"").arg(k));
}

TemplateMitigation mitigationFrom(const Node &n)
{
    if (!n.isMapping())
        throw ComposeError(n.origin(), QStringLiteral("a mitigation must be a mapping"));
    TemplateMitigation m;
    m.text = scalar(n, QStringLiteral("text"), true);
    if (const Node *when = n.find(QStringLiteral("when")); when && !when->isNull())
        m.condition = allOf(*when);
    return m;
}

ThreatTemplate templateFrom(const Node &n)
{
    static const QSet<QString> known{QStringLiteral("id"),         QStringLiteral("stride"),
                                     QStringLiteral("title"),      QStringLiteral("description"),
                                     QStringLiteral("applies_to"), QStringLiteral("when"),
                                     QStringLiteral("attack"),     QStringLiteral("nist"),
                                     QStringLiteral("sp800190"),   QStringLiteral("likelihood"),
                                     QStringLiteral("impact"),     QStringLiteral("mitigations"),
                                     QStringLiteral("evidence"),   QStringLiteral("evidence_from")};
    if (!n.isMapping())
        throw ComposeError(n.origin(), QStringLiteral("a template must be a mapping"));
    for (const MapEntry &e : n.entries())
        if (!known.contains(e.key))
            throw ComposeError(e.keyOrigin,
                               QStringLiteral("unknown template key \"%1\"").arg(e.key));
    ThreatTemplate t;
    t.origin = n.origin();
    t.id = scalar(n, QStringLiteral("id"), true);
    t.stride = scalar(n, QStringLiteral("stride"), true);
    static const QRegularExpression idPattern(QStringLiteral("^STRIDE-([STRIDE])-[a-z0-9-]+$"));
    const auto match = idPattern.match(t.id);
    if (!match.hasMatch())
        throw ComposeError(
            n.value(QStringLiteral("id")).origin(),
            QStringLiteral("template id \"%1\" must look like STRIDE-E-escape").arg(t.id));
    if (t.stride != match.captured(1))
        throw ComposeError(
            n.value(QStringLiteral("stride")).origin(),
            QStringLiteral("stride %1 does not match the id %2").arg(t.stride, t.id));
    t.title = scalar(n, QStringLiteral("title"), true);
    t.description = scalar(n, QStringLiteral("description"), true);
    checkAppliesTo(t, n);
    if (const Node *when = n.find(QStringLiteral("when")); when && !when->isNull())
        t.when = allOf(*when);
    t.attack = stringList(n.value(QStringLiteral("attack")), QStringLiteral("attack"));
    t.nist = stringList(n.value(QStringLiteral("nist")), QStringLiteral("nist"));
    t.sp800190 = scalar(n, QStringLiteral("sp800190"), true);
    t.likelihood = level(n, QStringLiteral("likelihood"));
    t.impact = level(n, QStringLiteral("impact"));
    const Node &mitigations = n.value(QStringLiteral("mitigations"));
    if (!mitigations.isNull() && !mitigations.isSequence())
        throw ComposeError(mitigations.origin(), QStringLiteral("mitigations must be a list"));
    for (const Node &m : mitigations.items())
        t.mitigations << mitigationFrom(m);
    t.evidence = stringList(n.value(QStringLiteral("evidence")), QStringLiteral("evidence"));
    t.evidenceFrom
        = stringList(n.value(QStringLiteral("evidence_from")), QStringLiteral("evidence_from"));
    for (const QString &end : std::as_const(t.evidenceFrom))
        if (end != u"source" && end != u"target")
            throw ComposeError(n.value(QStringLiteral("evidence_from")).origin(),
                               QStringLiteral("evidence_from takes source and/or target"));
    return t;
}

} // namespace

QString elementKindName(system::ElementKind kind)
{
    switch (kind) {
    case system::ElementKind::Process:
        return QStringLiteral("process");
    case system::ElementKind::DataStore:
        return QStringLiteral("data-store");
    case system::ElementKind::ExternalEntity:
        break;
    }
    return QStringLiteral("external-entity");
}

ThreatTemplateReader::Result ThreatTemplateReader::readFile(const QString &path)
{
    Result result;
    const auto yaml = compose::YamlReader::readFile(path);
    if (!yaml.ok()) {
        result.error = yaml.error;
        return result;
    }
    try {
        const Node doc = yaml.documents.empty() ? Node() : yaml.documents.front();
        const Node &list = doc.value(QStringLiteral("templates"));
        if (!doc.isMapping() || !list.isSequence())
            throw ComposeError(compose::Origin{path, 1, 1},
                               QStringLiteral("a threat template file needs a top-level "
                                              "\"templates:\" list"));
        QSet<QString> ids;
        for (const Node &n : list.items()) {
            ThreatTemplate t = templateFrom(n);
            if (ids.contains(t.id))
                throw ComposeError(n.origin(),
                                   QStringLiteral("template %1 is defined twice").arg(t.id));
            ids.insert(t.id);
            result.templates << t;
        }
    } catch (const ComposeError &e) {
        result.error = e.diagnostic();
        result.templates.clear();
    }
    return result;
}

const QList<ThreatTemplate> &ThreatTemplateReader::builtIn()
{
    static const QList<ThreatTemplate> templates = [] {
        const Result r = readFile(builtInPath());
        if (!r.ok())
            qFatal("built-in threat templates: %s", qPrintable(r.error->toString()));
        return r.templates;
    }();
    return templates;
}

} // namespace threatdock::threats
