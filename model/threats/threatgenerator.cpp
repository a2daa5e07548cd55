#include "threatgenerator.h"

#include "conditionevaluator.h"
#include "riskscale.h"
#include "rules/secretdetector.h"
#include "threattemplate.h"

#include <algorithm>

namespace threatdock::threats {

using rules::Finding;
using rules::Severity;
using system::DataFlow;
using system::Element;

namespace {

/// The findings on the subject's services whose rule is in the template's evidence list,
/// by id.
QList<const Finding *> attachedFindings(const ThreatTemplate &t, const ThreatSubject &s)
{
    QList<const Finding *> out;
    for (const Finding *f : s.findings)
        if (t.evidence.contains(f->ruleId))
            out << f;
    std::sort(out.begin(), out.end(),
              [](const Finding *a, const Finding *b) { return a->id < b->id; });
    return out;
}

QString subjectDescription(const ThreatSubject &s)
{
    if (s.flow)
        return QStringLiteral("data flow %1 (%2 -> %3%4)")
            .arg(s.flow->id, s.flow->from, s.flow->to,
                 s.flow->exposure.isEmpty() ? QString()
                                            : QStringLiteral(", exposure ") + s.flow->exposure);
    return QStringLiteral("%1 %2 (role %3)")
        .arg(elementKindName(s.element->kind), s.element->id,
             s.element->role.isEmpty() ? QStringLiteral("none") : s.element->role);
}

QString explain(const ThreatTemplate &t, const ThreatSubject &s, const ConditionResult &applies,
                const QList<const Finding *> &attached, const Threat &threat, int raise)
{
    QStringList parts;
    parts << QStringLiteral("Template %1 (%2) applies to %3")
                 .arg(t.id, t.title, subjectDescription(s));
    if (t.when)
        parts.last() += QStringLiteral(" because %1").arg(ConditionEvaluator::describe(*t.when));
    QStringList facts = applies.facts;
    facts.removeDuplicates();
    for (QString &fact : facts)
        fact = rules::SecretDetector::redact(fact);
    if (!facts.isEmpty())
        parts << QStringLiteral("Facts: %1").arg(facts.join(QStringLiteral(", ")));
    if (!attached.isEmpty()) {
        QStringList ids;
        for (const Finding *f : attached)
            ids << QStringLiteral("%1 (%2)").arg(f->id, rules::severityName(f->severity));
        parts << QStringLiteral("Findings: %1").arg(ids.join(QStringLiteral(", ")));
    }
    QStringList inPlace;
    for (const Mitigation &m : threat.mitigations)
        if (m.inPlace)
            inPlace << m.text;
    if (threat.mitigatedByConfiguration())
        parts << QStringLiteral("Mitigated by configuration: %1")
                     .arg(inPlace.join(QStringLiteral("; ")));
    else if (!inPlace.isEmpty())
        parts << QStringLiteral("Mitigations in place: %1 of %2 (%3)")
                     .arg(inPlace.size())
                     .arg(threat.mitigations.size())
                     .arg(inPlace.join(QStringLiteral("; ")));
    parts << QStringLiteral("Risk: likelihood %1 %2 (base %3, +%4 from findings, -%5 for "
                            "mitigations) x impact %6 %7 = %8, %9")
                 .arg(threat.likelihood)
                 .arg(RiskScale::likelihoodName(threat.likelihood))
                 .arg(t.likelihood)
                 .arg(raise)
                 .arg(inPlace.size())
                 .arg(threat.impact)
                 .arg(RiskScale::impactName(threat.impact))
                 .arg(threat.risk())
                 .arg(rules::severityName(threat.severity));
    // Ids are kept as they are ("secret:db_password" names a secret, it is not one); every
    // text that comes from the project (facts, labels, evidence) was redacted on its own.
    return parts.join(QStringLiteral(". ")) + u'.';
}

Threat threatFor(const ThreatTemplate &t, const ThreatSubject &s, const ConditionResult &applies)
{
    Threat threat;
    threat.templateId = t.id;
    threat.elementId = s.id();
    threat.id = t.id + u'@' + threat.elementId;
    threat.title = t.title;
    threat.description = t.description;
    threat.stride = t.stride;
    threat.attack = t.attack;
    threat.nist = t.nist;
    threat.sp800190 = t.sp800190;
    threat.impact = t.impact;

    const QList<const Finding *> attached = attachedFindings(t, s);
    int raise = 0;
    for (const Finding *f : attached) {
        threat.findings << f->id;
        raise = std::max(raise, RiskScale::likelihoodRaise(f->severity));
    }
    threat.findings.removeDuplicates();

    int inPlace = 0;
    ConditionResult cited = applies;
    for (const TemplateMitigation &tm : t.mitigations) {
        Mitigation m;
        m.text = tm.text;
        if (tm.condition) {
            const ConditionResult r = ConditionEvaluator::evaluate(*tm.condition, s);
            m.inPlace = r.holds;
            if (r.holds) {
                QStringList evidence = r.evidence;
                evidence.removeDuplicates();
                m.evidence = evidence.join(QStringLiteral("; ")); // redacted piece by piece
                cited.facts << r.facts;
                ++inPlace;
            }
        }
        threat.mitigations << m;
    }
    threat.likelihood
        = RiskScale::likelihood(t.likelihood, raise, inPlace, threat.mitigatedByConfiguration());
    threat.severity = RiskScale::severity(threat.likelihood, threat.impact);
    threat.why = explain(t, s, cited, attached, threat, raise);
    return threat;
}

bool roleMatches(const ThreatTemplate &t, const Element *e)
{
    return t.roles.isEmpty() || (e && t.roles.contains(e->role, Qt::CaseInsensitive));
}

/// The findings on the subject's services; for a flow, on the ends the template names.
QList<const Finding *> findingsOn(const ThreatTemplate &t, const ThreatSubject &s,
                                  const QList<Finding> &findings)
{
    QStringList services = s.services();
    if (s.flow && t.evidenceFrom.size() == 1) {
        const Element *end
            = s.model->element(t.evidenceFrom.front() == u"source" ? s.flow->from : s.flow->to);
        services = end && !end->service.isEmpty() ? QStringList{end->service} : QStringList{};
    }
    QList<const Finding *> out;
    for (const Finding &f : findings)
        if (!f.service.isEmpty() && services.contains(f.service))
            out << &f;
    return out;
}

void apply(const ThreatTemplate &t, ThreatSubject s, const QList<Finding> &findings,
           QList<Threat> &out)
{
    if (!roleMatches(t, s.target()))
        return;
    s.findings = findingsOn(t, s, findings);
    ConditionResult applies;
    applies.holds = true;
    if (t.when)
        applies = ConditionEvaluator::evaluate(*t.when, s);
    if (applies.holds)
        out << threatFor(t, s, applies);
}

} // namespace

QList<Threat> ThreatGenerator::generate(const system::SystemModel &model,
                                        const QList<Finding> &findings)
{
    return generate(model, findings, ThreatTemplateReader::builtIn());
}

QList<Threat> ThreatGenerator::generate(const system::SystemModel &model,
                                        const QList<Finding> &findings,
                                        const QList<ThreatTemplate> &templates)
{
    QList<Threat> out;
    for (const ThreatTemplate &t : templates) {
        for (const Element &e : model.elements) {
            if (!t.kinds.contains(elementKindName(e.kind)))
                continue;
            ThreatSubject s;
            s.model = &model;
            s.element = &e;
            apply(t, s, findings, out);
        }
        if (!t.appliesToFlows())
            continue;
        for (const DataFlow &f : model.flows) {
            ThreatSubject s;
            s.model = &model;
            s.flow = &f;
            apply(t, s, findings, out);
        }
    }
    std::sort(out.begin(), out.end(), [](const Threat &a, const Threat &b) {
        return a.elementId != b.elementId ? a.elementId < b.elementId : a.id < b.id;
    });
    // Two elements or flows never share an id in a well-formed model; if one does, keep
    // the first threat so ids stay unique.
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Threat &a, const Threat &b) { return a.id == b.id; }),
              out.end());
    return out;
}

} // namespace threatdock::threats
