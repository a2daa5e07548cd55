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
    return QJsonObject{{QStringLiteral("project"), project},
                       {QStringLiteral("findings"), findings},
                       {QStringLiteral("threats"), QJsonArray()}};
}

QByteArray FindingsJson::write(const AnalysisReport &report)
{
    return QJsonDocument(toJson(report)).toJson(QJsonDocument::Indented);
}

} // namespace threatdock::report
