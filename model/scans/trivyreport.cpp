#include "trivyreport.h"

#include "findingtext.h"
#include "rules/secretdetector.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace threatdock::scans {

namespace {

using rules::Finding;
using rules::Severity;

/// Where the findings of one Trivy result (one target) go.
struct TargetPlace
{
    QString file;    ///< absolute when the target is a file of the project, else ""
    QString scope;   ///< "file:api/requirements.txt", "image:python:3.12-alpine"
    QString service; ///< the service built from or running it, "" when none
};

Severity severityOf(const QString &trivySeverity)
{
    return rules::severityFromName(trivySeverity).value_or(Severity::Info);
}

/// "CVSS 7.5 (nvd, v3)": the source Trivy took the severity from, then NVD, then any;
/// v4 before v3 before v2.
QString cvssOf(const QJsonObject &vuln)
{
    const QJsonObject cvss = vuln.value(QStringLiteral("CVSS")).toObject();
    QStringList sources{vuln.value(QStringLiteral("SeveritySource")).toString(),
                        QStringLiteral("nvd")};
    sources << cvss.keys();
    for (const QString &source : std::as_const(sources)) {
        const QJsonObject s = cvss.value(source).toObject();
        for (const auto &[key, version] : {std::pair{"V40Score", "v4"}, std::pair{"V3Score", "v3"},
                                           std::pair{"V2Score", "v2"}}) {
            const QJsonValue score = s.value(QLatin1StringView(key));
            if (score.isDouble())
                return QStringLiteral("CVSS %1 (%2, %3)")
                    .arg(QString::number(score.toDouble()), source, QLatin1StringView(version));
        }
    }
    return QString();
}

QString cwesOf(const QJsonObject &vuln)
{
    QStringList cwes;
    for (const QJsonValue &v : vuln.value(QStringLiteral("CweIDs")).toArray())
        cwes << v.toString();
    return cwes.join(u", ");
}

Finding vulnerabilityFinding(const QJsonObject &v, const TargetPlace &place)
{
    Finding f;
    f.source = QStringLiteral("trivy");
    f.ruleId = v.value(QStringLiteral("VulnerabilityID")).toString();
    const QString pkg = v.value(QStringLiteral("PkgName")).toString();
    const QString installed = v.value(QStringLiteral("InstalledVersion")).toString();
    const QString fixed = v.value(QStringLiteral("FixedVersion")).toString();
    f.id = f.ruleId + u'@' + place.scope + QStringLiteral("/pkg:") + pkg;
    f.title = v.value(QStringLiteral("Title")).toString();
    if (f.title.isEmpty())
        f.title = f.ruleId + QStringLiteral(" in ") + pkg;
    f.severity = severityOf(v.value(QStringLiteral("Severity")).toString());
    f.service = place.service;
    f.file = place.file;
    f.evidence = pkg + u' ' + installed
        + (fixed.isEmpty() ? QStringLiteral(" (no fixed version yet)")
                           : QStringLiteral(" (fixed in ") + fixed + u')');
    QStringList facts{QStringLiteral("Trivy: %1 in %2 %3").arg(f.ruleId, pkg, installed)};
    facts << QStringLiteral("severity ") + v.value(QStringLiteral("Severity")).toString();
    if (const QString cvss = cvssOf(v); !cvss.isEmpty())
        facts << cvss;
    if (const QString cwes = cwesOf(v); !cwes.isEmpty())
        facts << cwes;
    facts << (fixed.isEmpty() ? QStringLiteral("no fixed version yet")
                              : QStringLiteral("fixed in ") + fixed);
    f.why = facts.join(QStringLiteral("; "));
    if (const QString url = v.value(QStringLiteral("PrimaryURL")).toString(); !url.isEmpty())
        f.why += QStringLiteral(". See ") + url;
    // Vulnerability monitoring and flaw remediation answer a known-vulnerable component.
    f.nist = {QStringLiteral("RA-5"), QStringLiteral("SI-2")};
    return f;
}

/// The first line Trivy marks as the cause, else the message.
QString misconfigEvidence(const QJsonObject &cause, const QString &message)
{
    const QJsonArray lines
        = cause.value(QStringLiteral("Code")).toObject().value(QStringLiteral("Lines")).toArray();
    for (const QJsonValue &l : lines) {
        const QJsonObject line = l.toObject();
        if (line.value(QStringLiteral("IsCause")).toBool())
            return line.value(QStringLiteral("Content")).toString().trimmed();
    }
    return message;
}

Finding misconfigurationFinding(const QJsonObject &m, const TargetPlace &place)
{
    Finding f;
    f.source = QStringLiteral("trivy");
    f.ruleId = TrivyReport::canonicalCheckId(m.value(QStringLiteral("ID")).toString(),
                                             m.value(QStringLiteral("AVDID")).toString());
    const QJsonObject cause = m.value(QStringLiteral("CauseMetadata")).toObject();
    const QString resource = cause.value(QStringLiteral("Resource")).toString();
    f.id = f.ruleId + u'@' + place.scope + (resource.isEmpty() ? QString() : u'/' + resource);
    f.title = m.value(QStringLiteral("Title")).toString();
    f.severity = severityOf(m.value(QStringLiteral("Severity")).toString());
    f.service = place.service;
    f.file = place.file;
    f.line = cause.value(QStringLiteral("StartLine")).toInt();
    const QString message = m.value(QStringLiteral("Message")).toString();
    f.evidence = rules::SecretDetector::redact(misconfigEvidence(cause, message));
    QStringList why{QStringLiteral("Trivy %1: %2").arg(f.ruleId, message)};
    if (const QString r = m.value(QStringLiteral("Resolution")).toString(); !r.isEmpty())
        why << QStringLiteral("Resolution: ") + r;
    if (const QString url = m.value(QStringLiteral("PrimaryURL")).toString(); !url.isEmpty())
        why << QStringLiteral("See ") + url;
    f.why = rules::SecretDetector::redact(why.join(QStringLiteral(". ")));
    f.nist = {QStringLiteral("CM-6")}; // configuration settings
    return f;
}

Finding secretFinding(const QJsonObject &s, const TargetPlace &place)
{
    Finding f;
    f.source = QStringLiteral("trivy");
    f.ruleId = s.value(QStringLiteral("RuleID")).toString();
    f.id = f.ruleId + u'@' + place.scope;
    f.title = s.value(QStringLiteral("Title")).toString();
    f.severity = severityOf(s.value(QStringLiteral("Severity")).toString());
    f.service = place.service;
    f.file = place.file;
    f.line = s.value(QStringLiteral("StartLine")).toInt();
    // Trivy masks the secret in Match already; mask once more whatever it left.
    f.evidence = FindingText::maskQuotedLiterals(
        rules::SecretDetector::redact(s.value(QStringLiteral("Match")).toString().trimmed()));
    f.why = QStringLiteral("Trivy secret scan: %1 (%2)")
                .arg(f.title, s.value(QStringLiteral("Category")).toString());
    f.stride = QStringLiteral("I");
    f.attack = {QStringLiteral("T1552.001")}; // credentials in files
    f.nist = {QStringLiteral("IA-5(7)")};     // no embedded unencrypted static authenticators
    return f;
}

TargetPlace placeOf(const QJsonObject &result, const QJsonObject &root, const ScanTarget &target,
                    const QString &base)
{
    TargetPlace place;
    const QString name = result.value(QStringLiteral("Target")).toString();
    const QString cls = result.value(QStringLiteral("Class")).toString();
    const QString artifactType = root.value(QStringLiteral("ArtifactType")).toString();
    const QString artifact = root.value(QStringLiteral("ArtifactName")).toString();
    const bool image = artifactType == u"container_image" || cls == u"os-pkgs";
    if (!image && !name.isEmpty()) {
        const QString resolved = target.resolve(name, base);
        if (QFileInfo(resolved).isAbsolute() && QFileInfo(resolved).isFile()) {
            place.file = resolved;
            place.scope = QStringLiteral("file:") + target.relative(resolved);
            place.service = target.serviceForFile(resolved);
            return place;
        }
        place.scope = QStringLiteral("file:") + name;
        return place;
    }
    place.scope = QStringLiteral("image:") + (artifact.isEmpty() ? name : artifact);
    place.service = target.serviceForImage(artifact);
    return place;
}

} // namespace

bool TrivyReport::recognizes(const QJsonObject &root)
{
    return root.contains(QStringLiteral("SchemaVersion"))
        && (root.contains(QStringLiteral("Results"))
            || root.contains(QStringLiteral("ArtifactName")));
}

QString TrivyReport::canonicalCheckId(const QString &id, const QString &avdId)
{
    if (avdId.startsWith(QStringLiteral("AVD-")))
        return avdId.mid(4);
    static const QRegularExpression shortId(QStringLiteral("^([A-Z]+)-?(\\d+)$"));
    const QRegularExpressionMatch m = shortId.match(id);
    if (!m.hasMatch())
        return id;
    return m.captured(1) + u'-' + m.captured(2).rightJustified(4, u'0');
}

ScanResult TrivyReport::parse(const QByteArray &json, const ScanTarget &target, const QString &base)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        ScanResult result;
        result.tool = QStringLiteral("trivy");
        result.error
            = QStringLiteral("Trivy's output is not JSON (%1 at offset %2)")
                  .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                               : QStringLiteral("not an object"))
                  .arg(error.offset);
        return result;
    }
    return fromJson(doc.object(), target, base);
}

ScanResult TrivyReport::fromJson(const QJsonObject &root, const ScanTarget &target,
                                 const QString &base)
{
    ScanResult result;
    result.tool = QStringLiteral("trivy");
    result.toolVersion = root.value(QStringLiteral("Trivy"))
                             .toObject()
                             .value(QStringLiteral("Version"))
                             .toString();
    result.input = root.value(QStringLiteral("ArtifactName")).toString();
    if (!recognizes(root)) {
        result.error = QStringLiteral("not a Trivy JSON report (no SchemaVersion)");
        return result;
    }
    const int schema = root.value(QStringLiteral("SchemaVersion")).toInt();
    if (schema != 2) {
        result.error = QStringLiteral("Trivy JSON schema version %1 is not supported (2 is: "
                                      "Trivy 0.20 and later)")
                           .arg(schema);
        return result;
    }
    for (const QJsonValue &rv : root.value(QStringLiteral("Results")).toArray()) {
        const QJsonObject r = rv.toObject();
        const TargetPlace place = placeOf(r, root, target, base);
        for (const QJsonValue &v : r.value(QStringLiteral("Vulnerabilities")).toArray())
            result.findings << vulnerabilityFinding(v.toObject(), place);
        for (const QJsonValue &v : r.value(QStringLiteral("Misconfigurations")).toArray()) {
            const QJsonObject m = v.toObject();
            const QString status = m.value(QStringLiteral("Status")).toString();
            if (status.isEmpty() || status == u"FAIL")
                result.findings << misconfigurationFinding(m, place);
        }
        for (const QJsonValue &v : r.value(QStringLiteral("Secrets")).toArray())
            result.findings << secretFinding(v.toObject(), place);
    }
    FindingText::disambiguateIds(result.findings);
    return result;
}

} // namespace threatdock::scans
