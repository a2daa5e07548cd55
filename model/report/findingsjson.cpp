#include "findingsjson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace threatdock::report {

QJsonObject FindingsJson::findingToJson(const AnalysisReport &report, const rules::Finding &f)
{
    return QJsonObject{
        {QStringLiteral("id"), f.id},
        {QStringLiteral("rule"), f.ruleId},
        {QStringLiteral("title"), f.title},
        {QStringLiteral("severity"), rules::severityName(f.severity)},
        {QStringLiteral("service"), f.service},
        {QStringLiteral("file"), report.relativePath(f.file)},
        {QStringLiteral("line"), f.line},
        {QStringLiteral("evidence"), f.evidence},
        {QStringLiteral("stride"), f.stride},
        {QStringLiteral("attack"), QJsonArray::fromStringList(f.attack)},
        {QStringLiteral("nist"), QJsonArray::fromStringList(f.nist)},
        {QStringLiteral("why"), f.why},
        {QStringLiteral("source"), f.source},
    };
}

QJsonObject FindingsJson::threatToJson(const threats::Threat &t)
{
    QJsonArray mitigations;
    for (const threats::Mitigation &m : t.mitigations)
        mitigations.append(QJsonObject{{QStringLiteral("text"), m.text},
                                       {QStringLiteral("in_place"), m.inPlace},
                                       {QStringLiteral("evidence"), m.evidence}});
    return QJsonObject{
        {QStringLiteral("id"), t.id},
        {QStringLiteral("template"), t.templateId},
        {QStringLiteral("title"), t.title},
        {QStringLiteral("description"), t.description},
        {QStringLiteral("stride"), t.stride},
        {QStringLiteral("element"), t.elementId},
        {QStringLiteral("severity"), rules::severityName(t.severity)},
        {QStringLiteral("likelihood"), t.likelihood},
        {QStringLiteral("impact"), t.impact},
        {QStringLiteral("risk"), t.risk()},
        {QStringLiteral("attack"), QJsonArray::fromStringList(t.attack)},
        {QStringLiteral("nist"), QJsonArray::fromStringList(t.nist)},
        {QStringLiteral("sp800190"), t.sp800190},
        {QStringLiteral("mitigations"), mitigations},
        {QStringLiteral("mitigated_by_configuration"), t.mitigatedByConfiguration()},
        {QStringLiteral("findings"), QJsonArray::fromStringList(t.findings)},
        {QStringLiteral("why"), t.why},
    };
}

QJsonObject FindingsJson::systemToJson(const AnalysisReport &report)
{
    static const QStringList kinds{QStringLiteral("process"), QStringLiteral("data-store"),
                                   QStringLiteral("external-entity")};
    QJsonArray elements;
    for (const system::Element &e : report.systemModel.elements) {
        QJsonObject properties;
        for (auto it = e.properties.cbegin(); it != e.properties.cend(); ++it)
            properties.insert(it.key(), it.value());
        elements.append(QJsonObject{
            {QStringLiteral("id"), e.id},
            {QStringLiteral("kind"), kinds.value(int(e.kind))},
            {QStringLiteral("name"), e.name},
            {QStringLiteral("role"), e.role},
            {QStringLiteral("service"), e.service},
            {QStringLiteral("boundary"), e.boundary},
            {QStringLiteral("file"), report.relativePath(e.origin.file)},
            {QStringLiteral("line"), e.origin.line},
            {QStringLiteral("facts"), QJsonArray::fromStringList(e.facts)},
            {QStringLiteral("properties"), properties},
        });
    }
    QJsonArray flows;
    for (const system::DataFlow &f : report.systemModel.flows)
        flows.append(QJsonObject{
            {QStringLiteral("id"), f.id},
            {QStringLiteral("from"), f.from},
            {QStringLiteral("to"), f.to},
            {QStringLiteral("label"), f.label},
            {QStringLiteral("protocol"), f.protocol},
            {QStringLiteral("port"), f.port},
            {QStringLiteral("reason"), f.reason},
            {QStringLiteral("exposure"), f.exposure},
            {QStringLiteral("read_only"), f.readOnly},
            {QStringLiteral("crosses_boundary"), f.crossesBoundary},
            {QStringLiteral("file"), report.relativePath(f.origin.file)},
            {QStringLiteral("line"), f.origin.line},
        });
    QJsonArray boundaries;
    for (const system::TrustBoundary &b : report.systemModel.boundaries)
        boundaries.append(QJsonObject{
            {QStringLiteral("id"), b.id},
            {QStringLiteral("name"), b.name},
            {QStringLiteral("kind"), b.kind},
            {QStringLiteral("parent"), b.parent},
            {QStringLiteral("internal"), b.internal},
            {QStringLiteral("file"), report.relativePath(b.origin.file)},
            {QStringLiteral("line"), b.origin.line},
        });
    return QJsonObject{{QStringLiteral("elements"), elements},
                       {QStringLiteral("flows"), flows},
                       {QStringLiteral("boundaries"), boundaries}};
}

QJsonObject FindingsJson::toJson(const AnalysisReport &report)
{
    QJsonArray findings;
    for (const rules::Finding &f : report.findings)
        findings.append(findingToJson(report, f));
    const QJsonObject project{
        {QStringLiteral("name"), report.project.name},
        {QStringLiteral("working_dir"), report.project.workingDir},
        {QStringLiteral("files"), QJsonArray::fromStringList(report.project.files)},
        {QStringLiteral("services"), QJsonArray::fromStringList(report.project.services)},
    };
    QJsonArray threats;
    for (const threats::Threat &t : report.threats)
        threats.append(threatToJson(t));
    return QJsonObject{{QStringLiteral("project"), project},
                       {QStringLiteral("findings"), findings},
                       {QStringLiteral("threats"), threats},
                       {QStringLiteral("system"), systemToJson(report)}};
}

QByteArray FindingsJson::write(const AnalysisReport &report)
{
    return QJsonDocument(toJson(report)).toJson(QJsonDocument::Indented);
}

} // namespace threatdock::report
