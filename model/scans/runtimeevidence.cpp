#include "runtimeevidence.h"

#include "report/analysisreport.h"
#include "threats/threattemplate.h"

#include <QSet>

namespace threatdock::scans {

namespace {

/// The facts (lower case) and property names a condition tree cites.
void collect(const threats::ThreatCondition &condition, QSet<QString> &facts,
             QSet<QString> &properties)
{
    using Op = threats::ThreatCondition::Op;
    if (condition.op == Op::Fact)
        for (const QString &fact : condition.values)
            facts.insert(fact.toLower());
    if (condition.op == Op::Property)
        for (const auto &[name, pattern] : condition.properties)
            properties.insert(name.toLower());
    for (const threats::ThreatCondition &child : condition.children)
        collect(child, facts, properties);
}

struct Citations
{
    QSet<QString> facts;
    QSet<QString> properties;

    bool cites(const RuntimeCheck &check) const
    {
        for (const QString &fact : check.facts)
            if (facts.contains(fact.toLower()))
                return true;
        for (const QString &property : check.properties)
            if (properties.contains(property.toLower()))
                return true;
        return false;
    }
};

QHash<QString, Citations> citationsByTemplate(const QList<threats::ThreatTemplate> &templates)
{
    QHash<QString, Citations> byId;
    for (const threats::ThreatTemplate &t : templates) {
        Citations &c = byId[t.id];
        if (t.when)
            collect(*t.when, c.facts, c.properties);
        for (const threats::TemplateMitigation &m : t.mitigations)
            if (m.condition)
                collect(*m.condition, c.facts, c.properties);
    }
    return byId;
}

/// The compose service of each process element, by element id.
QHash<QString, QString> servicesByElement(const report::AnalysisReport &report)
{
    QHash<QString, QString> services;
    for (const system::Element &e : report.systemModel.elements)
        if (e.kind == system::ElementKind::Process && !e.service.isEmpty())
            services.insert(e.id, e.service);
    return services;
}

} // namespace

QString RuntimeEvidenceItem::text() const
{
    return QStringLiteral("verified at runtime: %1 (%2): %3 %4 (%5)")
        .arg(service, container, check.title,
             check.status == RuntimeCheck::Status::NotApplicable ? QStringLiteral("not applicable")
                                                                 : runtimeStatusName(check.status),
             check.observed);
}

RuntimeEvidence RuntimeEvidence::attach(const report::AnalysisReport &report,
                                        const RuntimeVerification &verification,
                                        const QList<threats::ThreatTemplate> &templates)
{
    RuntimeEvidence evidence;
    const QHash<QString, Citations> citations = citationsByTemplate(
        templates.isEmpty() ? threats::ThreatTemplateReader::builtIn() : templates);
    const QHash<QString, QString> services = servicesByElement(report);
    for (const ContainerVerification &container : verification.containers) {
        for (const RuntimeCheck &check : container.checks) {
            const RuntimeEvidenceItem item{container.service, container.name, check};
            for (const threats::Threat &t : report.threats) {
                if (services.value(t.elementId) != container.service)
                    continue;
                const auto cited = citations.constFind(t.templateId);
                if (cited != citations.cend() && cited->cites(check))
                    evidence.m_threats[t.id] << item;
            }
            for (const rules::Finding &f : report.findings)
                if (f.service == container.service && check.rules.contains(f.ruleId))
                    evidence.m_findings[f.id] << item;
        }
    }
    return evidence;
}

} // namespace threatdock::scans
