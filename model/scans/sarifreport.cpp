#include "sarifreport.h"

#include "catalog/catalog.h"
#include "findingtext.h"
#include "pythonscope.h"
#include "rules/secretdetector.h"
#include "trivyreport.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace threatdock::scans {

namespace {

using rules::Finding;
using rules::Severity;

QString textOf(const QJsonValue &message)
{
    return message.toObject().value(QStringLiteral("text")).toString();
}

std::optional<Severity> severityFromTags(const QJsonObject &properties)
{
    for (const QJsonValue &tag : properties.value(QStringLiteral("tags")).toArray()) {
        const QString t = tag.toString();
        if (t == t.toUpper())
            if (const auto s = rules::severityFromName(t); s && t != u"INFO")
                return s;
    }
    return std::nullopt;
}

Severity severityOf(const QJsonObject &result, const QJsonObject &rule)
{
    const QJsonObject ruleProps = rule.value(QStringLiteral("properties")).toObject();
    if (const auto s = severityFromTags(ruleProps))
        return *s;
    const QJsonObject props = result.value(QStringLiteral("properties")).toObject();
    if (const auto s
        = rules::severityFromName(props.value(QStringLiteral("issue_severity")).toString()))
        return *s;
    bool ok = false;
    const double score
        = ruleProps.value(QStringLiteral("security-severity")).toVariant().toString().toDouble(&ok);
    if (ok)
        return score >= 9.0 ? Severity::Critical
            : score >= 7.0  ? Severity::High
            : score >= 4.0  ? Severity::Medium
            : score > 0.0   ? Severity::Low
                            : Severity::Info;
    QString level = result.value(QStringLiteral("level")).toString();
    if (level.isEmpty())
        level = rule.value(QStringLiteral("defaultConfiguration"))
                    .toObject()
                    .value(QStringLiteral("level"))
                    .toString();
    if (level == u"error")
        return Severity::High;
    if (level == u"note")
        return Severity::Low;
    if (level == u"none")
        return Severity::Info;
    return Severity::Medium; // "warning", SARIF's default
}

QString toolSource(const QString &driverName)
{
    const QString lower = driverName.toLower();
    if (lower.contains(QStringLiteral("trivy")))
        return QStringLiteral("trivy");
    if (lower.contains(QStringLiteral("bandit")))
        return QStringLiteral("bandit");
    return lower.isEmpty() ? QStringLiteral("sarif") : lower;
}

struct Location
{
    QString uri;
    int line = 0;
    int column = 0;
    QString snippet;
    QString message;
};

Location locationOf(const QJsonObject &result)
{
    Location where;
    const QJsonObject first
        = result.value(QStringLiteral("locations")).toArray().first().toObject();
    const QJsonObject physical = first.value(QStringLiteral("physicalLocation")).toObject();
    where.uri = physical.value(QStringLiteral("artifactLocation"))
                    .toObject()
                    .value(QStringLiteral("uri"))
                    .toString();
    if (where.uri.startsWith(QStringLiteral("file:")))
        where.uri = QUrl(where.uri).toLocalFile();
    const QJsonObject region = physical.value(QStringLiteral("region")).toObject();
    where.line = region.value(QStringLiteral("startLine")).toInt();
    where.column = region.value(QStringLiteral("startColumn")).toInt();
    where.snippet = textOf(region.value(QStringLiteral("snippet"))).trimmed();
    where.message = textOf(first.value(QStringLiteral("message")));
    return where;
}

/// "pkg:libssl1.1" from Trivy's "Package: libssl1.1\n..." message.
QString packageOf(const QString &message)
{
    static const QRegularExpression package(QStringLiteral("^Package: (\\S+)"),
                                            QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = package.match(message);
    return m.hasMatch() ? QStringLiteral("pkg:") + m.captured(1) : QString();
}

struct RunContext
{
    QString source;
    QHash<QString, QJsonObject> rules;
    QJsonArray ruleList;
    const ScanTarget &target;
    const catalog::Catalog *catalog;
    QString base;
};

Finding findingOf(const QJsonObject &r, const RunContext &run)
{
    Finding f;
    f.source = run.source;
    f.ruleId = r.value(QStringLiteral("ruleId")).toString();
    QJsonObject rule = run.rules.value(f.ruleId);
    if (f.ruleId.isEmpty() && r.contains(QStringLiteral("ruleIndex"))) {
        rule = run.ruleList.at(r.value(QStringLiteral("ruleIndex")).toInt()).toObject();
        f.ruleId = rule.value(QStringLiteral("id")).toString();
    }
    if (run.source == u"trivy")
        f.ruleId = TrivyReport::canonicalCheckId(f.ruleId);
    const Location where = locationOf(r);
    const QString message = textOf(r.value(QStringLiteral("message")));
    f.severity = severityOf(r, rule);
    const QString resolved = run.target.resolve(where.uri, run.base);
    const bool inProject = QFileInfo(resolved).isAbsolute() && QFileInfo(resolved).isFile();
    f.file = inProject ? resolved : QString();
    f.line = where.line;
    f.column = where.column;
    f.service = inProject ? run.target.serviceForFile(resolved) : QString();
    const catalog::BanditTest *test
        = run.source == u"bandit" && run.catalog ? run.catalog->banditTest(f.ruleId) : nullptr;
    const bool credential
        = test && !test->cwes.isEmpty() && FindingText::isCredentialWeakness(test->cwes.first());
    auto clean = [credential](const QString &text) {
        return rules::SecretDetector::redact(credential ? FindingText::maskQuotedLiterals(text)
                                                        : text);
    };
    f.title = textOf(rule.value(QStringLiteral("shortDescription")));
    if (f.title.isEmpty() || run.source == u"bandit")
        f.title = message.section(u'\n', 0, 0);
    f.title = clean(f.title);
    f.evidence = clean(!where.snippet.isEmpty()       ? where.snippet
                           : !where.message.isEmpty() ? where.message
                                                      : message.section(u'\n', 0, 0));
    f.why = clean(QStringLiteral("%1 %2: %3").arg(run.source, f.ruleId, message.simplified()));
    if (test) {
        f.stride = test->stride;
        f.attack = test->techniques;
        f.nist = test->controls;
    } else if (run.source == u"trivy") {
        f.nist = {packageOf(message).isEmpty() ? QStringLiteral("CM-6") : QStringLiteral("RA-5")};
    }
    QString subject = packageOf(message);
    if (subject.isEmpty() && inProject && resolved.endsWith(QStringLiteral(".py")))
        subject = PythonScope::enclosingInFile(resolved, where.line);
    const QString scope = inProject ? run.target.relative(resolved) : where.uri;
    f.id = f.ruleId + QStringLiteral("@file:") + scope
        + (subject.isEmpty() ? QString() : u'/' + subject);
    return f;
}

} // namespace

bool SarifReport::recognizes(const QJsonObject &root)
{
    return root.value(QStringLiteral("runs")).isArray()
        && (root.value(QStringLiteral("version")).toString().startsWith(QStringLiteral("2."))
            || root.value(QStringLiteral("$schema")).toString().contains(QStringLiteral("sarif")));
}

ScanResult SarifReport::fromJson(const QJsonObject &root, const ScanTarget &target,
                                 const catalog::Catalog *catalog, const QString &base)
{
    ScanResult result;
    if (!recognizes(root)) {
        result.tool = QStringLiteral("sarif");
        result.error = QStringLiteral("not a SARIF 2.1.0 log (no \"runs\" array)");
        return result;
    }
    for (const QJsonValue &runValue : root.value(QStringLiteral("runs")).toArray()) {
        const QJsonObject run = runValue.toObject();
        const QJsonObject driver = run.value(QStringLiteral("tool"))
                                       .toObject()
                                       .value(QStringLiteral("driver"))
                                       .toObject();
        RunContext context{toolSource(driver.value(QStringLiteral("name")).toString()),
                           {},
                           driver.value(QStringLiteral("rules")).toArray(),
                           target,
                           catalog,
                           base};
        for (const QJsonValue &rule : std::as_const(context.ruleList))
            context.rules.insert(rule.toObject().value(QStringLiteral("id")).toString(),
                                 rule.toObject());
        if (result.tool.isEmpty()) {
            result.tool = context.source;
            result.toolVersion = driver.value(QStringLiteral("version")).toString();
        }
        for (const QJsonValue &r : run.value(QStringLiteral("results")).toArray())
            result.findings << findingOf(r.toObject(), context);
    }
    if (result.tool.isEmpty())
        result.tool = QStringLiteral("sarif");
    FindingText::disambiguateIds(result.findings);
    return result;
}

} // namespace threatdock::scans
