#include "conditionevaluator.h"

#include "rules/secretdetector.h"

namespace threatdock::threats {

using Op = ThreatCondition::Op;
using system::DataFlow;
using system::Element;

namespace {

QString where(const compose::Origin &origin)
{
    return origin.isKnown() ? origin.toString() + QStringLiteral(": ") : QString();
}

QString flowEvidence(const DataFlow &f)
{
    return where(f.origin) + (f.label.isEmpty() ? f.id : rules::SecretDetector::redact(f.label));
}

bool containsCi(const QStringList &values, const QString &value)
{
    return values.contains(value, Qt::CaseInsensitive);
}

/// The flows a condition looks at for an element: those into it (incoming) or all that
/// touch it; for a flow, the flow itself.
QList<const DataFlow *> flowsOf(const ThreatSubject &s, bool incomingOnly)
{
    if (s.flow)
        return {s.flow};
    QList<const DataFlow *> out = s.model->flowsTo(s.element->id);
    if (!incomingOnly)
        for (const DataFlow *f : s.model->flowsFrom(s.element->id))
            if (!out.contains(f))
                out << f;
    return out;
}

/// A flow condition: holds when a looked-at flow satisfies test.
template<typename Test>
ConditionResult anyFlow(const ThreatSubject &s, bool incomingOnly, Test test)
{
    ConditionResult r;
    for (const DataFlow *f : flowsOf(s, incomingOnly)) {
        if (test(*f)) {
            r.holds = true;
            r.evidence << flowEvidence(*f);
        }
    }
    return r;
}

ConditionResult facts(const ThreatCondition &c, const ThreatSubject &s)
{
    ConditionResult r;
    const Element *e = s.target();
    if (!e)
        return r;
    for (const QString &fact : e->facts) {
        for (const QString &wanted : c.values) {
            if (ConditionEvaluator::factMatches(fact, wanted)) {
                r.holds = true;
                r.facts << fact;
                r.evidence << where(e->origin) + rules::SecretDetector::redact(fact);
                break;
            }
        }
    }
    return r;
}

/// from_role, to_role, from_kind, to_kind.
ConditionResult endpoint(const ThreatCondition &c, const ThreatSubject &s)
{
    const bool from = c.op == Op::FromRole || c.op == Op::FromKind;
    const bool byRole = c.op == Op::FromRole || c.op == Op::ToRole;
    const auto matches = [&](const QString &elementId) {
        const Element *e = s.model->element(elementId);
        if (!e)
            return false;
        return byRole ? containsCi(c.values, e->role)
                      : containsCi(c.values, elementKindName(e->kind));
    };
    if (s.flow) {
        ConditionResult r;
        r.holds = matches(from ? s.flow->from : s.flow->to);
        if (r.holds)
            r.evidence << flowEvidence(*s.flow);
        return r;
    }
    ConditionResult r;
    const auto flows = from ? s.model->flowsTo(s.element->id) : s.model->flowsFrom(s.element->id);
    for (const DataFlow *f : flows) {
        if (matches(from ? f->from : f->to)) {
            r.holds = true;
            r.evidence << flowEvidence(*f);
        }
    }
    return r;
}

ConditionResult readOnly(const ThreatCondition &c, const ThreatSubject &s)
{
    QList<const DataFlow *> mounts;
    for (const DataFlow *f : flowsOf(s, false))
        if (f->reason == u"volume")
            mounts << f;
    ConditionResult r;
    if (mounts.isEmpty())
        return r;
    const bool allReadOnly = std::all_of(mounts.cbegin(), mounts.cend(),
                                         [](const DataFlow *f) { return f->readOnly; });
    r.holds = c.flag ? allReadOnly : !allReadOnly;
    for (const DataFlow *f : std::as_const(mounts))
        if (f->readOnly == c.flag)
            r.evidence << flowEvidence(*f);
    return r;
}

/// The element a condition reads, and the process of the same service (a database's
/// data store lives where its process does).
QList<const Element *> withServiceProcess(const ThreatSubject &s)
{
    QList<const Element *> out;
    const Element *e = s.target();
    if (!e)
        return out;
    out << e;
    if (e->kind != system::ElementKind::Process && !e->service.isEmpty())
        for (const Element &other : s.model->elements)
            if (other.kind == system::ElementKind::Process && other.service == e->service)
                out << &other;
    return out;
}

ConditionResult internalNetwork(const ThreatCondition &c, const ThreatSubject &s)
{
    ConditionResult r;
    QString evidence;
    for (const Element *e : withServiceProcess(s)) {
        for (const QString &fact : e->facts) {
            if (ConditionEvaluator::factMatches(fact, QStringLiteral("internal network only"))) {
                evidence = where(e->origin) + fact;
                r.facts << fact;
            }
        }
        const system::TrustBoundary *b = s.model->boundary(e->boundary);
        if (evidence.isEmpty() && b && b->kind == u"network" && b->internal)
            evidence = where(b->origin) + QStringLiteral("network %1 is internal").arg(b->name);
    }
    const bool internal = !evidence.isEmpty();
    r.holds = internal == c.flag;
    if (r.holds && internal)
        r.evidence << evidence;
    else
        r.facts.clear();
    return r;
}

ConditionResult property(const ThreatCondition &c, const ThreatSubject &s)
{
    ConditionResult r;
    const Element *e = s.target();
    if (!e)
        return r;
    for (const auto &[key, pattern] : c.properties) {
        const auto it = e->properties.constFind(key);
        if (it == e->properties.cend() || !pattern.match(*it).hasMatch())
            return ConditionResult{};
        r.evidence << where(e->origin) + key + QStringLiteral(": ")
                + rules::SecretDetector::redact(*it);
    }
    r.holds = true;
    return r;
}

ConditionResult text(const ThreatCondition &c, const ThreatSubject &s)
{
    QStringList haystack;
    if (s.flow) {
        haystack << s.flow->id << s.flow->label << s.flow->from << s.flow->to;
    } else {
        haystack << s.element->id << s.element->name << s.element->role
                 << s.element->properties.values();
        for (const DataFlow *f : flowsOf(s, false))
            haystack << f->label;
    }
    ConditionResult r;
    for (const QString &h : std::as_const(haystack)) {
        if (c.pattern.match(h).hasMatch()) {
            r.holds = true;
            const bool isId = h == s.id() || (s.flow && (h == s.flow->from || h == s.flow->to));
            r.evidence << QStringLiteral("\"%1\" matches %2")
                              .arg(isId ? h : rules::SecretDetector::redact(h),
                                   c.pattern.pattern());
            break;
        }
    }
    return r;
}

ConditionResult findings(const ThreatCondition &c, const ThreatSubject &s)
{
    ConditionResult r;
    for (const rules::Finding *f : s.findings) {
        if (c.values.contains(f->ruleId)) {
            r.holds = true;
            r.evidence << f->id;
        }
    }
    return r;
}

ConditionResult combine(const ThreatCondition &c, const ThreatSubject &s)
{
    ConditionResult r;
    if (c.op == Op::Not) {
        const ConditionResult inner = ConditionEvaluator::evaluate(c.children.front(), s);
        r.holds = !inner.holds;
        if (r.holds)
            r.evidence << QStringLiteral("not %1").arg(
                ConditionEvaluator::describe(c.children.front()));
        return r;
    }
    r.holds = c.op == Op::All;
    for (const ThreatCondition &child : c.children) {
        const ConditionResult cr = ConditionEvaluator::evaluate(child, s);
        if (c.op == Op::All && !cr.holds)
            return ConditionResult{};
        if (cr.holds) {
            r.evidence << cr.evidence;
            r.facts << cr.facts;
            if (c.op == Op::Any)
                r.holds = true;
        }
    }
    return r;
}

} // namespace

const Element *ThreatSubject::target() const
{
    if (element)
        return element;
    return flow && model ? model->element(flow->to) : nullptr;
}

QStringList ThreatSubject::services() const
{
    QStringList out;
    const auto add = [&out](const Element *e) {
        if (e && !e->service.isEmpty() && !out.contains(e->service))
            out << e->service;
    };
    if (flow) {
        add(model->element(flow->from));
        add(model->element(flow->to));
        return out;
    }
    if (!element->service.isEmpty())
        return {element->service};
    for (const DataFlow *f : flowsOf(*this, false)) {
        const Element *other = model->element(f->from == element->id ? f->to : f->from);
        if (other && other->kind == system::ElementKind::Process)
            add(other);
    }
    return out;
}

bool ConditionEvaluator::factMatches(const QString &elementFact, const QString &templateFact)
{
    if (!elementFact.startsWith(templateFact, Qt::CaseInsensitive))
        return false;
    if (elementFact.size() == templateFact.size())
        return true;
    const QChar next = elementFact.at(templateFact.size());
    return next == u':' || next == u' ' || next == u'(' || next == u'=';
}

ConditionResult ConditionEvaluator::evaluate(const ThreatCondition &c, const ThreatSubject &s)
{
    switch (c.op) {
    case Op::All:
    case Op::Any:
    case Op::Not:
        return combine(c, s);
    case Op::Fact:
        return facts(c, s);
    case Op::Role: {
        ConditionResult r;
        const Element *e = s.target();
        r.holds = e && containsCi(c.values, e->role);
        return r;
    }
    case Op::FromRole:
    case Op::ToRole:
    case Op::FromKind:
    case Op::ToKind:
        return endpoint(c, s);
    case Op::Exposure:
        return anyFlow(s, true,
                       [&c](const DataFlow &f) { return containsCi(c.values, f.exposure); });
    case Op::Reason:
        return anyFlow(s, false,
                       [&c](const DataFlow &f) { return containsCi(c.values, f.reason); });
    case Op::Protocol:
        return anyFlow(s, true,
                       [&c](const DataFlow &f) { return containsCi(c.values, f.protocol); });
    case Op::Port:
        return anyFlow(s, true, [&c](const DataFlow &f) {
            return f.port > 0 && c.values.contains(QString::number(f.port));
        });
    case Op::CrossesBoundary: {
        ConditionResult r = anyFlow(s, false, [](const DataFlow &f) { return f.crossesBoundary; });
        if (!c.flag) {
            r.holds = !r.holds;
            r.evidence.clear();
        }
        return r;
    }
    case Op::ReadOnly:
        return readOnly(c, s);
    case Op::InternalNetwork:
        return internalNetwork(c, s);
    case Op::Property:
        return property(c, s);
    case Op::Id: {
        ConditionResult r;
        r.holds = c.pattern.match(s.id()).hasMatch();
        return r;
    }
    case Op::Text:
        return text(c, s);
    case Op::Finding:
        return findings(c, s);
    }
    return {};
}

QString ConditionEvaluator::describe(const ThreatCondition &c)
{
    const QString values = c.values.join(QStringLiteral(" or "));
    switch (c.op) {
    case Op::All:
    case Op::Any: {
        QStringList parts;
        for (const ThreatCondition &child : c.children)
            parts << describe(child);
        return u'(' + parts.join(c.op == Op::All ? QStringLiteral(" and ") : QStringLiteral(" or "))
            + u')';
    }
    case Op::Not:
        return QStringLiteral("not ") + describe(c.children.front());
    case Op::Fact:
        return QStringLiteral("fact ") + values;
    case Op::Role:
        return QStringLiteral("role ") + values;
    case Op::FromRole:
        return QStringLiteral("flow from a ") + values;
    case Op::ToRole:
        return QStringLiteral("flow to a ") + values;
    case Op::FromKind:
        return QStringLiteral("flow from a ") + values;
    case Op::ToKind:
        return QStringLiteral("flow to a ") + values;
    case Op::Exposure:
        return QStringLiteral("exposure ") + values;
    case Op::Reason:
        return QStringLiteral("flow by ") + values;
    case Op::Protocol:
        return QStringLiteral("protocol ") + values;
    case Op::Port:
        return QStringLiteral("port ") + values;
    case Op::CrossesBoundary:
        return c.flag ? QStringLiteral("crosses a trust boundary")
                      : QStringLiteral("stays inside its trust boundary");
    case Op::ReadOnly:
        return c.flag ? QStringLiteral("mounted read-only") : QStringLiteral("mounted writable");
    case Op::InternalNetwork:
        return c.flag ? QStringLiteral("on an internal network")
                      : QStringLiteral("on a network that is not internal");
    case Op::Property: {
        QStringList parts;
        for (const auto &[key, pattern] : c.properties)
            parts << key + QStringLiteral(" matching ") + pattern.pattern();
        return QStringLiteral("property ") + parts.join(QStringLiteral(", "));
    }
    case Op::Id:
        return QStringLiteral("id matches ") + c.pattern.pattern();
    case Op::Text:
        return QStringLiteral("text matches ") + c.pattern.pattern();
    case Op::Finding:
        return QStringLiteral("finding ") + values;
    }
    return QString();
}

} // namespace threatdock::threats
