#include "runtimereport.h"

#include "report/analysisreport.h"
#include "report/findingsjson.h"
#include "rules/ruleset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace threatdock::scans {

namespace {

using Status = RuntimeCheck::Status;

QJsonObject checkToJson(const RuntimeCheck &c)
{
    return QJsonObject{
        {QStringLiteral("check"), c.id},
        {QStringLiteral("title"), c.title},
        {QStringLiteral("status"), runtimeStatusName(c.status)},
        {QStringLiteral("observed"), c.observed},
        {QStringLiteral("expected"), c.expected},
        {QStringLiteral("rules"), QJsonArray::fromStringList(c.rules)},
    };
}

QJsonArray evidenceToJson(const QList<RuntimeEvidenceItem> &items)
{
    QJsonArray array;
    for (const RuntimeEvidenceItem &item : items) {
        QJsonObject json = checkToJson(item.check);
        json.remove(QStringLiteral("rules"));
        json.insert(QStringLiteral("service"), item.service);
        json.insert(QStringLiteral("container"), item.container);
        json.insert(QStringLiteral("evidence"), item.text());
        array.append(json);
    }
    return array;
}

/// Adds "runtime" to the entries of array (findings or threats) that have evidence.
QJsonArray withEvidence(const QJsonArray &array,
                        const std::function<QList<RuntimeEvidenceItem>(const QString &)> &lookup)
{
    QJsonArray result;
    for (const QJsonValue &value : array) {
        QJsonObject entry = value.toObject();
        const QList<RuntimeEvidenceItem> items
            = lookup(entry.value(QStringLiteral("id")).toString());
        if (!items.isEmpty())
            entry.insert(QStringLiteral("runtime"), evidenceToJson(items));
        result.append(entry);
    }
    return result;
}

QJsonObject verificationToJson(const RuntimeVerification &v)
{
    QJsonArray containers;
    for (const ContainerVerification &c : v.containers) {
        QJsonArray checks;
        for (const RuntimeCheck &check : c.checks)
            checks.append(checkToJson(check));
        containers.append(QJsonObject{
            {QStringLiteral("id"), c.id},
            {QStringLiteral("name"), c.name},
            {QStringLiteral("service"), c.service},
            {QStringLiteral("image"), c.image},
            {QStringLiteral("state"), c.state},
            {QStringLiteral("health"), c.health},
            {QStringLiteral("checks"), checks},
        });
    }
    return QJsonObject{
        {QStringLiteral("project"), v.project},
        {QStringLiteral("engine"), v.engine},
        {QStringLiteral("started_at"), v.startedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("finished_at"), v.finishedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("passed"), v.count(Status::Passed)},
        {QStringLiteral("failed"), v.count(Status::Failed)},
        {QStringLiteral("not_applicable"), v.count(Status::NotApplicable)},
        {QStringLiteral("containers"), containers},
    };
}

QString statusWord(Status status)
{
    switch (status) {
    case Status::Passed:
        return QStringLiteral("PASS");
    case Status::Failed:
        return QStringLiteral("FAIL");
    case Status::NotApplicable:
        return QStringLiteral("N/A");
    }
    return QString();
}

/// "passed: user, capabilities; failed: memory-limit" over items.
QString tally(const QList<RuntimeEvidenceItem> &items)
{
    QStringList parts;
    for (Status s : {Status::Passed, Status::Failed, Status::NotApplicable}) {
        QStringList checks;
        for (const RuntimeEvidenceItem &i : items)
            if (i.check.status == s)
                checks << i.check.id;
        if (!checks.isEmpty())
            parts << runtimeStatusName(s) + QStringLiteral(": ")
                    + checks.join(QStringLiteral(", "));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

QJsonObject RuntimeReport::toJson(const report::AnalysisReport &report,
                                  const RuntimeVerification &verification,
                                  const RuntimeEvidence &evidence)
{
    QJsonObject json = report::FindingsJson::toJson(report);
    json.insert(QStringLiteral("findings"),
                withEvidence(json.value(QStringLiteral("findings")).toArray(),
                             [&evidence](const QString &id) { return evidence.forFinding(id); }));
    json.insert(QStringLiteral("threats"),
                withEvidence(json.value(QStringLiteral("threats")).toArray(),
                             [&evidence](const QString &id) { return evidence.forThreat(id); }));
    json.insert(QStringLiteral("runtime"), verificationToJson(verification));
    return json;
}

QByteArray RuntimeReport::json(const report::AnalysisReport &report,
                               const RuntimeVerification &verification,
                               const RuntimeEvidence &evidence)
{
    return QJsonDocument(toJson(report, verification, evidence)).toJson(QJsonDocument::Indented);
}

QByteArray RuntimeReport::text(const report::AnalysisReport &report,
                               const RuntimeVerification &verification,
                               const RuntimeEvidence &evidence)
{
    QString text;
    QTextStream out(&text);
    for (const ContainerVerification &c : verification.containers) {
        out << c.service << "  " << c.name << "  (" << c.image << ", " << c.state
            << (c.health.isEmpty() ? QString() : QStringLiteral(", ") + c.health) << ")\n";
        for (const RuntimeCheck &check : c.checks)
            out << "  " << statusWord(check.status).leftJustified(5) << check.title << ": "
                << check.observed << '\n';
    }
    for (const threats::Threat &t : report.threats)
        if (const auto items = evidence.forThreat(t.id); !items.isEmpty())
            out << "threat  " << t.id << ": " << tally(items) << '\n';
    for (const rules::Finding &f : report.findings)
        if (const auto items = evidence.forFinding(f.id); !items.isEmpty())
            out << "finding " << f.id << ": " << tally(items) << '\n';
    out << verification.project << ": " << verification.containers.size() << " container"
        << (verification.containers.size() == 1 ? "" : "s") << ", "
        << verification.count(Status::Passed) << " passed, " << verification.count(Status::Failed)
        << " failed, " << verification.count(Status::NotApplicable) << " not applicable\n";
    out.flush();
    return text.toUtf8();
}

QList<rules::Finding> RuntimeReport::findings(const report::AnalysisReport &report,
                                              const RuntimeVerification &verification)
{
    QHash<QString, compose::Origin> origins;
    QHash<QString, int> replicas;
    for (const system::Element &e : report.systemModel.elements)
        if (e.kind == system::ElementKind::Process && !e.service.isEmpty())
            origins.insert(e.service, e.origin);
    for (const ContainerVerification &c : verification.containers)
        ++replicas[c.service];
    QList<rules::Finding> findings;
    for (const ContainerVerification &c : verification.containers) {
        for (const RuntimeCheck &check : c.checks) {
            rules::Finding f;
            f.ruleId = QStringLiteral("RUNTIME-") + check.id.toUpper();
            f.id = f.ruleId + QStringLiteral("@service:") + c.service
                + (replicas.value(c.service) > 1 ? QStringLiteral("/container:") + c.name
                                                 : QString());
            f.title = check.title + u' ' + runtimeStatusName(check.status);
            f.service = c.service;
            f.file = origins.value(c.service).file;
            f.line = origins.value(c.service).line;
            f.evidence = RuntimeEvidenceItem{c.service, c.name, check}.text();
            f.why = QStringLiteral("docker inspect %1: expected %2, observed %3")
                        .arg(c.name, check.expected, check.observed);
            f.source = QStringLiteral("docker");
            f.severity = rules::Severity::Info;
            const rules::Rule *rule = check.rules.isEmpty()
                ? nullptr
                : rules::RuleSet::builtIn().find(check.rules.first());
            if (rule && check.status == Status::Failed) {
                f.severity = rule->severity;
                f.stride = rule->stride;
                f.attack = rule->attack;
                f.nist = rule->nist;
            }
            findings << f;
        }
    }
    return findings;
}

review::ScanRun RuntimeReport::scanRun(const report::AnalysisReport &report,
                                       const RuntimeVerification &verification,
                                       const QString &dockerVersion)
{
    review::ScanRun run;
    run.tool = QStringLiteral("docker");
    run.toolVersion = dockerVersion;
    run.target = verification.project;
    run.startedAt = verification.startedAt;
    run.finishedAt = verification.finishedAt;
    run.exitStatus = verification.count(Status::Failed) > 0 ? 1 : 0;
    run.findings = findings(report, verification);
    return run;
}

} // namespace threatdock::scans
