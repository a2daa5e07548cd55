#include "reportjson.h"

#include "findingsjson.h"
#include "rules/secretdetector.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace threatdock::report {

namespace {

QString time(const QDateTime &t)
{
    return t.isNull() ? QString() : t.toUTC().toString(Qt::ISODate);
}

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject threatState(const ReportContext &context, const threats::Threat &t)
{
    QJsonObject o{{QStringLiteral("id"), t.id},
                  {QStringLiteral("state"), threatStateName(context.state(t))}};
    if (const review::Decision *d = context.decision(t.id)) {
        QJsonArray mitigations;
        for (const review::PlannedMitigation &m : d->mitigations)
            mitigations.append(
                QJsonObject{{QStringLiteral("id"), m.id},
                            {QStringLiteral("text"), m.text},
                            {QStringLiteral("status"), review::mitigationStatusName(m.status)}});
        o.insert(QStringLiteral("owner"), d->owner);
        o.insert(QStringLiteral("notes"), d->notes);
        o.insert(QStringLiteral("mitigations"), mitigations);
        o.insert(QStringLiteral("updated"), time(d->updatedAt));
    }
    return o;
}

QJsonValue reviewJson(const ReportContext &context)
{
    if (!context.hasReview())
        return QJsonValue::Null;
    QJsonArray history;
    for (const threats::Threat &t : context.analysis().threats)
        for (const review::HistoryEntry &h : context.history(t.id))
            history.append(QJsonObject{{QStringLiteral("at"), time(h.at)},
                                       {QStringLiteral("who"), h.who},
                                       {QStringLiteral("threat"), h.threatId},
                                       {QStringLiteral("field"), h.field},
                                       {QStringLiteral("old"), h.oldValue},
                                       {QStringLiteral("new"), h.newValue}});
    QJsonArray resolved;
    for (const review::Decision &d : context.resolvedByChange())
        resolved.append(
            QJsonObject{{QStringLiteral("id"), d.threatId},
                        {QStringLiteral("status"), review::decisionStatusName(d.status)},
                        {QStringLiteral("owner"), d.owner},
                        {QStringLiteral("notes"), d.notes}});
    return QJsonObject{{QStringLiteral("file"), QFileInfo(context.reviewFile()).fileName()},
                       {QStringLiteral("history"), history},
                       {QStringLiteral("resolved_by_change"), resolved}};
}

QJsonArray scanRuns(const ReportContext &context)
{
    QJsonArray runs;
    for (const review::ScanRun &run : context.scanRuns()) {
        QJsonArray findings;
        for (const rules::Finding &f : run.findings)
            findings.append(FindingsJson::findingToJson(context.analysis(), f));
        runs.append(QJsonObject{{QStringLiteral("tool"), run.tool},
                                {QStringLiteral("version"), run.toolVersion},
                                {QStringLiteral("target"), run.target},
                                {QStringLiteral("started"), time(run.startedAt)},
                                {QStringLiteral("finished"), time(run.finishedAt)},
                                {QStringLiteral("exit_status"), run.exitStatus},
                                {QStringLiteral("findings"), findings}});
    }
    return runs;
}

QJsonValue hardeningJson(const ReportContext &context)
{
    const auto &record = context.input().hardening;
    if (!record)
        return QJsonValue::Null;
    QJsonArray steps;
    for (const HardeningStep &s : record->steps)
        steps.append(QJsonObject{{QStringLiteral("service"), s.service},
                                 {QStringLiteral("target"), s.target},
                                 {QStringLiteral("title"), rules::SecretDetector::redact(s.title)},
                                 {QStringLiteral("rules"), strings(s.rules)},
                                 {QStringLiteral("applied"), s.applied}});
    return QJsonObject{{QStringLiteral("steps"), steps},
                       {QStringLiteral("findings_before"), record->findingsBefore},
                       {QStringLiteral("findings_after"), record->findingsAfter},
                       {QStringLiteral("open_threats_before"), record->openThreatsBefore},
                       {QStringLiteral("open_threats_after"), record->openThreatsAfter}};
}

QJsonValue verificationJson(const ReportContext &context)
{
    const auto &result = context.input().verification;
    if (!result)
        return QJsonValue::Null;
    QJsonArray checks;
    for (const RuntimeCheck &c : result->checks)
        checks.append(
            QJsonObject{{QStringLiteral("service"), c.service},
                        {QStringLiteral("check"), c.check},
                        {QStringLiteral("expected"), rules::SecretDetector::redact(c.expected)},
                        {QStringLiteral("observed"), rules::SecretDetector::redact(c.observed)},
                        {QStringLiteral("passed"), c.passed}});
    return QJsonObject{{QStringLiteral("verified"), time(result->verifiedAt)},
                       {QStringLiteral("engine"), result->engine},
                       {QStringLiteral("checks"), checks}};
}

} // namespace

QJsonObject ReportJson::toJson(const ReportContext &context)
{
    QJsonArray states;
    for (const threats::Threat &t : context.analysis().threats)
        states.append(threatState(context, t));
    QJsonArray inputs;
    for (const InputFileHash &h : context.inputHashes())
        inputs.append(
            QJsonObject{{QStringLiteral("file"), h.file}, {QStringLiteral("sha256"), h.sha256}});
    QJsonArray tools;
    for (const ToolVersion &v : context.toolVersions())
        tools.append(
            QJsonObject{{QStringLiteral("name"), v.name}, {QStringLiteral("version"), v.version}});
    const QJsonObject report{
        {QStringLiteral("title"), context.title()},
        {QStringLiteral("generated"), time(context.generatedAt())},
        {QStringLiteral("participants"), strings(context.input().participants)},
        {QStringLiteral("threatdock_version"), QStringLiteral(THREATDOCK_VERSION)},
        {QStringLiteral("catalog"),
         QJsonObject{{QStringLiteral("attack"), context.catalog().attackVersion()},
                     {QStringLiteral("nist"), context.catalog().nistVersion()}}}};
    return QJsonObject{{QStringLiteral("report"), report},
                       {QStringLiteral("analysis"), FindingsJson::toJson(context.analysis())},
                       {QStringLiteral("threat_states"), states},
                       {QStringLiteral("review"), reviewJson(context)},
                       {QStringLiteral("scan_runs"), scanRuns(context)},
                       {QStringLiteral("hardening"), hardeningJson(context)},
                       {QStringLiteral("verification"), verificationJson(context)},
                       {QStringLiteral("inputs"), inputs},
                       {QStringLiteral("tools"), tools}};
}

QByteArray ReportJson::write(const ReportContext &context)
{
    return QJsonDocument(toJson(context)).toJson(QJsonDocument::Indented);
}

} // namespace threatdock::report
