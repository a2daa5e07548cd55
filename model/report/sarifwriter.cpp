#include "sarifwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace threatdock::report {

namespace {

QString ruleName(const rules::Rule &rule)
{
    QString name;
    for (const QString &word : rule.title.split(u' ', Qt::SkipEmptyParts)) {
        QString w;
        for (const QChar c : word)
            if (c.isLetterOrNumber())
                w += c;
        if (!w.isEmpty())
            name += w.front().toUpper() + w.mid(1);
    }
    return name.isEmpty() ? rule.id : name;
}

QJsonArray tags(const rules::Rule &rule)
{
    QJsonArray out{QStringLiteral("security")};
    if (!rule.stride.isEmpty())
        out.append(QStringLiteral("STRIDE:") + rule.stride);
    for (const QString &t : rule.attack)
        out.append(QStringLiteral("ATT&CK:") + t);
    for (const QString &c : rule.nist)
        out.append(QStringLiteral("NIST:") + c);
    for (const QString &c : rule.cwe) {
        const QString number = QString(c).remove(QStringLiteral("CWE-"), Qt::CaseInsensitive);
        out.append(QStringLiteral("external/cwe/cwe-") + number);
    }
    return out;
}

QJsonObject ruleToSarif(const rules::Rule &rule)
{
    const QString full = rule.rationale.isEmpty() ? rule.title : rule.rationale;
    const QString help = rule.remediation.isEmpty() ? rule.title : rule.remediation;
    return QJsonObject{
        {QStringLiteral("id"), rule.id},
        {QStringLiteral("name"), ruleName(rule)},
        {QStringLiteral("shortDescription"), QJsonObject{{QStringLiteral("text"), rule.title}}},
        {QStringLiteral("fullDescription"), QJsonObject{{QStringLiteral("text"), full}}},
        {QStringLiteral("help"),
         QJsonObject{{QStringLiteral("text"), help}, {QStringLiteral("markdown"), help}}},
        {QStringLiteral("defaultConfiguration"),
         QJsonObject{{QStringLiteral("level"), SarifWriter::level(rule.severity)}}},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("security-severity"),
                      QString::number(rules::securitySeverityScore(rule.severity), 'f', 1)},
                     {QStringLiteral("severity"), rules::severityName(rule.severity)},
                     {QStringLiteral("precision"), QStringLiteral("high")},
                     {QStringLiteral("tags"), tags(rule)}}},
    };
}

QJsonObject resultToSarif(const AnalysisReport &report, const rules::Finding &f, int ruleIndex)
{
    QJsonObject result{
        {QStringLiteral("ruleId"), f.ruleId},
        {QStringLiteral("level"), SarifWriter::level(f.severity)},
        {QStringLiteral("message"),
         QJsonObject{{QStringLiteral("text"),
                      f.why.isEmpty() ? f.title : f.title + QStringLiteral(": ") + f.why}}},
        {QStringLiteral("partialFingerprints"),
         QJsonObject{{QStringLiteral("threatdockFindingId/v1"), f.id}}},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("service"), f.service},
                     {QStringLiteral("severity"), rules::severityName(f.severity)},
                     {QStringLiteral("stride"), f.stride},
                     {QStringLiteral("source"), f.source}}},
    };
    if (ruleIndex >= 0)
        result.insert(QStringLiteral("ruleIndex"), ruleIndex);
    if (!f.file.isEmpty()) {
        const QString uri
            = QString::fromLatin1(QUrl::toPercentEncoding(report.relativePath(f.file), "/-._~"));
        QJsonObject physical{{QStringLiteral("artifactLocation"),
                              QJsonObject{{QStringLiteral("uri"), uri},
                                          {QStringLiteral("uriBaseId"), SarifWriter::baseId()}}}};
        if (f.line > 0) {
            QJsonObject region{{QStringLiteral("startLine"), f.line}};
            if (!f.evidence.isEmpty())
                region.insert(QStringLiteral("snippet"),
                              QJsonObject{{QStringLiteral("text"), f.evidence}});
            physical.insert(QStringLiteral("region"), region);
        }
        result.insert(QStringLiteral("locations"),
                      QJsonArray{QJsonObject{{QStringLiteral("physicalLocation"), physical}}});
    }
    return result;
}

} // namespace

QString SarifWriter::level(rules::Severity severity)
{
    switch (severity) {
    case rules::Severity::Critical:
    case rules::Severity::High:
        return QStringLiteral("error");
    case rules::Severity::Medium:
        return QStringLiteral("warning");
    case rules::Severity::Low:
    case rules::Severity::Info:
        return QStringLiteral("note");
    }
    return QStringLiteral("note");
}

QJsonObject SarifWriter::toJson(const AnalysisReport &report)
{
    QJsonArray rulesJson;
    QHash<QString, int> index;
    for (const rules::Rule &r : report.rules) {
        index.insert(r.id, int(rulesJson.size()));
        rulesJson.append(ruleToSarif(r));
    }
    QJsonArray results;
    for (const rules::Finding &f : report.findings)
        results.append(resultToSarif(report, f, index.value(f.ruleId, -1)));
    const QJsonObject driver{
        {QStringLiteral("name"), QStringLiteral("ThreatDock")},
        {QStringLiteral("version"), QStringLiteral(THREATDOCK_VERSION)},
        {QStringLiteral("semanticVersion"), QStringLiteral(THREATDOCK_VERSION)},
        {QStringLiteral("rules"), rulesJson}};
    QJsonObject run{{QStringLiteral("tool"), QJsonObject{{QStringLiteral("driver"), driver}}},
                    {QStringLiteral("results"), results},
                    {QStringLiteral("columnKind"), QStringLiteral("utf16CodeUnits")}};
    if (!report.project.workingDir.isEmpty()) {
        const QString root
            = QUrl::fromLocalFile(report.project.workingDir + u'/').toString(QUrl::FullyEncoded);
        run.insert(QStringLiteral("originalUriBaseIds"),
                   QJsonObject{{baseId(), QJsonObject{{QStringLiteral("uri"), root}}}});
    }
    return QJsonObject{{QStringLiteral("$schema"),
                        QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json")},
                       {QStringLiteral("version"), QStringLiteral("2.1.0")},
                       {QStringLiteral("runs"), QJsonArray{run}}};
}

QByteArray SarifWriter::write(const AnalysisReport &report)
{
    return QJsonDocument(toJson(report)).toJson(QJsonDocument::Indented);
}

} // namespace threatdock::report
