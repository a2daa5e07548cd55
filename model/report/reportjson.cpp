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

QJsonValue recordJson(const ReportContext &context)
{
    const auto &record = context.input().hardening;
    if (!record)
        return QJsonValue::Null;
    QJsonArray steps;
    for (const HardeningStep &s : record->steps)
        steps.append(QJsonObject{{QStringLiteral("service"), s.service},
                                 {QStringLiteral("file"), s.target},
                                 {QStringLiteral("title"), rules::SecretDetector::redact(s.title)},
                                 {QStringLiteral("rules"), strings(s.rules)},
                                 {QStringLiteral("applied"), s.applied}});
    return QJsonObject{{QStringLiteral("steps"), steps},
                       {QStringLiteral("findings_before"), record->findingsBefore},
                       {QStringLiteral("findings_after"), record->findingsAfter},
                       {QStringLiteral("open_threats_before"), record->openThreatsBefore},
                       {QStringLiteral("open_threats_after"), record->openThreatsAfter}};
}

QJsonValue planJson(const ReportContext &context)
{
    const auto &plan = context.input().hardeningPlan;
    if (!plan)
        return QJsonValue::Null;
    QJsonArray changes;
    for (const hardening::HardeningChange &c : plan->changes)
        changes.append(QJsonObject{
            {QStringLiteral("id"), c.id},
            {QStringLiteral("service"), c.service},
            {QStringLiteral("file"),
             plan->relativePath(c.target == hardening::ChangeTarget::Compose ? plan->overlayPath
                                                                             : c.dockerfile)},
            {QStringLiteral("title"), rules::SecretDetector::redact(c.title)},
            {QStringLiteral("rules"), strings(c.rules)},
            {QStringLiteral("fixes"), strings(c.fixes)},
            {QStringLiteral("mitigates"), strings(c.mitigates)},
            {QStringLiteral("accepted"), c.accepted}});
    QJsonArray unplanned;
    for (const hardening::UnplannedFinding &u : plan->unplanned)
        unplanned.append(QJsonObject{{QStringLiteral("finding"), u.findingId},
                                     {QStringLiteral("rule"), u.ruleId},
                                     {QStringLiteral("service"), u.service},
                                     {QStringLiteral("remediation"), u.remediation}});
    return QJsonObject{{QStringLiteral("overlay"), plan->relativePath(plan->overlayPath)},
                       {QStringLiteral("changes"), changes},
                       {QStringLiteral("unplanned"), unplanned}};
}

QJsonValue comparisonJson(const ReportContext &context)
{
    const auto &c = context.input().comparison;
    if (!c)
        return QJsonValue::Null;
    QStringList fixed;
    for (const rules::Finding &f : c->fixedFindings)
        fixed << f.id;
    return QJsonObject{
        {QStringLiteral("baseline"), c->baseline.project.name},
        {QStringLiteral("findings"),
         QJsonObject{{QStringLiteral("before"), c->baseline.findings.size()},
                     {QStringLiteral("after"), c->current.findings.size()},
                     {QStringLiteral("fixed"), strings(fixed)},
                     {QStringLiteral("new"), c->newFindings.size()}}},
        {QStringLiteral("threats"),
         QJsonObject{
             {QStringLiteral("before"), c->baseline.threats.size()},
             {QStringLiteral("after"), c->current.threats.size()},
             {QStringLiteral("fixed"), c->fixedThreats.size()},
             {QStringLiteral("improved"), c->threatsWith(ThreatPair::Change::Improved).size()},
             {QStringLiteral("worsened"), c->threatsWith(ThreatPair::Change::Worsened).size()}}}};
}

QJsonValue verificationJson(const ReportContext &context)
{
    const auto &v = context.input().verification;
    if (!v)
        return QJsonValue::Null;
    QJsonArray containers;
    for (const scans::ContainerVerification &c : v->containers) {
        QJsonArray checks;
        for (const scans::RuntimeCheck &check : c.checks)
            checks.append(QJsonObject{
                {QStringLiteral("id"), check.id},
                {QStringLiteral("title"), check.title},
                {QStringLiteral("status"), scans::runtimeStatusName(check.status)},
                {QStringLiteral("expected"), rules::SecretDetector::redact(check.expected)},
                {QStringLiteral("observed"), rules::SecretDetector::redact(check.observed)}});
        containers.append(QJsonObject{{QStringLiteral("name"), c.name},
                                      {QStringLiteral("service"), c.service},
                                      {QStringLiteral("image"), c.image},
                                      {QStringLiteral("state"), c.state},
                                      {QStringLiteral("health"), c.health},
                                      {QStringLiteral("checks"), checks}});
    }
    return QJsonObject{{QStringLiteral("engine"), rules::SecretDetector::redact(v->engine)},
                       {QStringLiteral("started"), time(v->startedAt)},
                       {QStringLiteral("finished"), time(v->finishedAt)},
                       {QStringLiteral("containers"), containers}};
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
                       {QStringLiteral("hardening"), recordJson(context)},
                       {QStringLiteral("hardening_plan"), planJson(context)},
                       {QStringLiteral("comparison"), comparisonJson(context)},
                       {QStringLiteral("verification"), verificationJson(context)},
                       {QStringLiteral("inputs"), inputs},
                       {QStringLiteral("tools"), tools}};
}

QByteArray ReportJson::write(const ReportContext &context)
{
    return QJsonDocument(toJson(context)).toJson(QJsonDocument::Indented);
}

} // namespace threatdock::report
