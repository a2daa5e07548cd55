#include "cyclonedxreport.h"

#include "findingtext.h"

#include <QHash>
#include <QJsonArray>

namespace threatdock::scans {

namespace {

using rules::Finding;
using rules::Severity;

struct Component
{
    QString name;
    QString version;
};

/// The tool that wrote the document: metadata.tools.components (1.5) or tools (1.4).
std::pair<QString, QString> toolOf(const QJsonObject &metadata)
{
    const QJsonValue tools = metadata.value(QStringLiteral("tools"));
    const QJsonArray list = tools.isArray()
        ? tools.toArray()
        : tools.toObject().value(QStringLiteral("components")).toArray();
    const QJsonObject first = list.first().toObject();
    return {first.value(QStringLiteral("name")).toString().toLower(),
            first.value(QStringLiteral("version")).toString()};
}

/// The rating to trust and its description ("CVSS 6.1 (nvd, CVSSv31)").
std::pair<Severity, QString> ratingOf(const QJsonObject &vuln)
{
    const QString own
        = vuln.value(QStringLiteral("source")).toObject().value(QStringLiteral("name")).toString();
    const QJsonArray ratings = vuln.value(QStringLiteral("ratings")).toArray();
    std::optional<Severity> chosen;
    std::optional<Severity> nvd;
    Severity highest = Severity::Info;
    QString score;
    for (const QJsonValue &v : ratings) {
        const QJsonObject r = v.toObject();
        const auto severity
            = rules::severityFromName(r.value(QStringLiteral("severity")).toString());
        const QString source
            = r.value(QStringLiteral("source")).toObject().value(QStringLiteral("name")).toString();
        if (!severity)
            continue;
        highest = std::max(highest, *severity);
        if (source == own && !chosen)
            chosen = severity;
        if (source == u"nvd" && !nvd)
            nvd = severity;
        if (r.contains(QStringLiteral("score")) && (score.isEmpty() || source == u"nvd"))
            score = QStringLiteral("CVSS %1 (%2, %3)")
                        .arg(QString::number(r.value(QStringLiteral("score")).toDouble()), source,
                             r.value(QStringLiteral("method")).toString());
    }
    return {chosen.value_or(nvd.value_or(highest)), score};
}

} // namespace

bool CycloneDxReport::recognizes(const QJsonObject &root)
{
    return root.value(QStringLiteral("bomFormat")).toString() == u"CycloneDX";
}

ScanResult CycloneDxReport::fromJson(const QJsonObject &root)
{
    ScanResult result;
    const QJsonObject metadata = root.value(QStringLiteral("metadata")).toObject();
    const auto [tool, version] = toolOf(metadata);
    result.tool = tool.isEmpty() ? QStringLiteral("cyclonedx") : tool;
    result.toolVersion = version;
    const QString subject = metadata.value(QStringLiteral("component"))
                                .toObject()
                                .value(QStringLiteral("name"))
                                .toString();
    result.input = subject;
    if (!recognizes(root)) {
        result.error = QStringLiteral("not a CycloneDX document (no bomFormat)");
        return result;
    }
    QHash<QString, Component> components;
    for (const QJsonValue &v : root.value(QStringLiteral("components")).toArray()) {
        const QJsonObject c = v.toObject();
        components.insert(c.value(QStringLiteral("bom-ref")).toString(),
                          {c.value(QStringLiteral("name")).toString(),
                           c.value(QStringLiteral("version")).toString()});
    }
    for (const QJsonValue &v : root.value(QStringLiteral("vulnerabilities")).toArray()) {
        const QJsonObject vuln = v.toObject();
        const auto [severity, score] = ratingOf(vuln);
        QStringList cwes;
        for (const QJsonValue &c : vuln.value(QStringLiteral("cwes")).toArray())
            cwes << QStringLiteral("CWE-%1").arg(c.toInt());
        for (const QJsonValue &a : vuln.value(QStringLiteral("affects")).toArray()) {
            const QString ref = a.toObject().value(QStringLiteral("ref")).toString();
            const Component component = components.value(ref, Component{ref, QString()});
            Finding f;
            f.source = result.tool;
            f.ruleId = vuln.value(QStringLiteral("id")).toString();
            f.id = f.ruleId + QStringLiteral("@sbom:") + subject + QStringLiteral("/pkg:")
                + component.name;
            f.severity = severity;
            f.title = f.ruleId + QStringLiteral(" in ") + component.name;
            f.evidence = (component.name + u' ' + component.version).trimmed();
            QStringList facts{QStringLiteral("CycloneDX: %1 in %2").arg(f.ruleId, f.evidence)};
            if (!score.isEmpty())
                facts << score;
            if (!cwes.isEmpty())
                facts << cwes.join(QStringLiteral(", "));
            if (const QString fix = vuln.value(QStringLiteral("recommendation")).toString();
                !fix.isEmpty())
                facts << fix;
            f.why = facts.join(QStringLiteral("; "));
            f.nist = {QStringLiteral("RA-5"), QStringLiteral("SI-2")};
            result.findings << f;
        }
    }
    FindingText::disambiguateIds(result.findings);
    return result;
}

} // namespace threatdock::scans
