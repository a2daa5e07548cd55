#include "reviewjson.h"

#include <QJsonArray>

namespace threatdock::review {

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

rules::Severity severityOf(const QJsonValue &value)
{
    return rules::severityFromName(value.toString()).value_or(rules::Severity::Medium);
}

} // namespace

QString ReviewJson::relativePath(const QDir &base, const QString &absolute)
{
    if (absolute.isEmpty())
        return {};
    return base.relativeFilePath(absolute);
}

QString ReviewJson::absolutePath(const QDir &base, const QString &relative)
{
    if (relative.isEmpty())
        return {};
    return QDir::cleanPath(base.absoluteFilePath(relative));
}

QJsonObject ReviewJson::threatToJson(const threats::Threat &threat)
{
    QJsonArray mitigations;
    for (const threats::Mitigation &m : threat.mitigations) {
        mitigations.append(QJsonObject{{QStringLiteral("text"), m.text},
                                       {QStringLiteral("in_place"), m.inPlace},
                                       {QStringLiteral("evidence"), m.evidence}});
    }
    return QJsonObject{
        {QStringLiteral("id"), threat.id},
        {QStringLiteral("template"), threat.templateId},
        {QStringLiteral("title"), threat.title},
        {QStringLiteral("description"), threat.description},
        {QStringLiteral("stride"), threat.stride},
        {QStringLiteral("element"), threat.elementId},
        {QStringLiteral("severity"), rules::severityName(threat.severity)},
        {QStringLiteral("likelihood"), threat.likelihood},
        {QStringLiteral("impact"), threat.impact},
        {QStringLiteral("attack"), toArray(threat.attack)},
        {QStringLiteral("nist"), toArray(threat.nist)},
        {QStringLiteral("sp800_190"), threat.sp800190},
        {QStringLiteral("mitigations"), mitigations},
        {QStringLiteral("findings"), toArray(threat.findings)},
        {QStringLiteral("why"), threat.why},
    };
}

threats::Threat ReviewJson::threatFromJson(const QJsonObject &o)
{
    threats::Threat t;
    t.id = o.value(QStringLiteral("id")).toString();
    t.templateId = o.value(QStringLiteral("template")).toString();
    t.title = o.value(QStringLiteral("title")).toString();
    t.description = o.value(QStringLiteral("description")).toString();
    t.stride = o.value(QStringLiteral("stride")).toString();
    t.elementId = o.value(QStringLiteral("element")).toString();
    t.severity = severityOf(o.value(QStringLiteral("severity")));
    t.likelihood = o.value(QStringLiteral("likelihood")).toInt(2);
    t.impact = o.value(QStringLiteral("impact")).toInt(2);
    t.attack = toStringList(o.value(QStringLiteral("attack")));
    t.nist = toStringList(o.value(QStringLiteral("nist")));
    t.sp800190 = o.value(QStringLiteral("sp800_190")).toString();
    const QJsonArray mitigations = o.value(QStringLiteral("mitigations")).toArray();
    for (const QJsonValue &v : mitigations) {
        const QJsonObject m = v.toObject();
        t.mitigations.append({m.value(QStringLiteral("text")).toString(),
                              m.value(QStringLiteral("in_place")).toBool(),
                              m.value(QStringLiteral("evidence")).toString()});
    }
    t.findings = toStringList(o.value(QStringLiteral("findings")));
    t.why = o.value(QStringLiteral("why")).toString();
    return t;
}

QJsonObject ReviewJson::findingToJson(const rules::Finding &f, const QDir &base)
{
    return QJsonObject{
        {QStringLiteral("id"), f.id},
        {QStringLiteral("rule"), f.ruleId},
        {QStringLiteral("title"), f.title},
        {QStringLiteral("severity"), rules::severityName(f.severity)},
        {QStringLiteral("service"), f.service},
        {QStringLiteral("file"), relativePath(base, f.file)},
        {QStringLiteral("line"), f.line},
        {QStringLiteral("column"), f.column},
        {QStringLiteral("evidence"), f.evidence},
        {QStringLiteral("why"), f.why},
        {QStringLiteral("stride"), f.stride},
        {QStringLiteral("attack"), toArray(f.attack)},
        {QStringLiteral("nist"), toArray(f.nist)},
        {QStringLiteral("source"), f.source},
    };
}

rules::Finding ReviewJson::findingFromJson(const QJsonObject &o, const QDir &base)
{
    rules::Finding f;
    f.id = o.value(QStringLiteral("id")).toString();
    f.ruleId = o.value(QStringLiteral("rule")).toString();
    f.title = o.value(QStringLiteral("title")).toString();
    f.severity = severityOf(o.value(QStringLiteral("severity")));
    f.service = o.value(QStringLiteral("service")).toString();
    f.file = absolutePath(base, o.value(QStringLiteral("file")).toString());
    f.line = o.value(QStringLiteral("line")).toInt();
    f.column = o.value(QStringLiteral("column")).toInt();
    f.evidence = o.value(QStringLiteral("evidence")).toString();
    f.why = o.value(QStringLiteral("why")).toString();
    f.stride = o.value(QStringLiteral("stride")).toString();
    f.attack = toStringList(o.value(QStringLiteral("attack")));
    f.nist = toStringList(o.value(QStringLiteral("nist")));
    f.source = o.value(QStringLiteral("source")).toString(QStringLiteral("threatdock"));
    return f;
}

} // namespace threatdock::review
