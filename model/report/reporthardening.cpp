// Hardening (the plan, what was applied, before and after, mitigations in place) and the
// runtime verification of the running containers.

#include "compose/nodewriter.h"
#include "reportsections_p.h"
#include "rules/secretdetector.h"

#include <QSet>

namespace threatdock::report::sections {

namespace {

Notice notRun(const QString &what)
{
    return Notice{{TextSpan::strong(QStringLiteral("Not run. ")), TextSpan::plain(what)}};
}

/// The plan the rules' own fixes make when no hardening plan was recorded.
Table planFromRules(const ReportContext &context)
{
    Table table{{QStringLiteral("Service"), QStringLiteral("Rule"), QStringLiteral("Change"),
                 QStringLiteral("Goes into")},
                {16, 14, 44, 26},
                {}};
    QSet<QString> seen;
    for (const rules::Finding &f : context.findings()) {
        const rules::Rule *r = context.analysis().rule(f.ruleId);
        if (!r || r->fix.isEmpty() || seen.contains(f.service + u'/' + f.ruleId))
            continue;
        seen.insert(f.service + u'/' + f.ruleId);
        RichText change{
            TextSpan::plain(r->fix.description.isEmpty() ? r->title : r->fix.description)};
        RichText target;
        if (!r->fix.compose.isNull())
            target << TextSpan::plain(QStringLiteral("compose.hardening.yaml: "))
                   << TextSpan::code(
                          QString::fromUtf8(compose::NodeWriter::toJson(r->fix.compose, false)));
        else
            target << TextSpan::plain(f.file + QStringLiteral(": ") + r->fix.dockerfileAction);
        table.rows << QList<TableCell>{TableCell::of(f.service), TableCell::of(f.ruleId),
                                       TableCell::of(change), TableCell::of(target)};
    }
    return table;
}

Table planTable(const HardeningRecord &record, bool appliedOnly)
{
    Table table{{QStringLiteral("Service"), QStringLiteral("Change"), QStringLiteral("File"),
                 QStringLiteral("Rules"), QStringLiteral("Applied")},
                {15, 37, 20, 16, 12},
                {}};
    for (const HardeningStep &s : record.steps)
        if (!appliedOnly || s.applied)
            table.rows << QList<TableCell>{
                TableCell::of(s.service), TableCell::of(rules::SecretDetector::redact(s.title)),
                TableCell::of(s.target), TableCell::of(s.rules.join(QStringLiteral(", "))),
                TableCell::of(s.applied ? QStringLiteral("yes") : QStringLiteral("no"))};
    return table;
}

void plan(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Hardening, QStringLiteral("Plan"));
    if (const auto &record = context.input().hardening) {
        blocks << planTable(*record, false);
        return;
    }
    const Table table = planFromRules(context);
    if (table.rows.isEmpty()) {
        blocks << Paragraph{
            {TextSpan::plain(QStringLiteral("No finding has an automatic fix: nothing to plan."))}};
        return;
    }
    blocks << Paragraph{{TextSpan::plain(QStringLiteral(
        "No hardening plan was recorded for this report; these are the changes the rules' fixes "
        "propose for the open findings (threatdock-cli harden writes them as an overlay)."))}};
    blocks << table;
}

void applied(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Hardening, QStringLiteral("Applied changes"));
    const auto &record = context.input().hardening;
    if (!record) {
        blocks << notRun(QStringLiteral("No hardening was applied in this review: the "
                                        "configuration is reported as it was analysed."));
        return;
    }
    const Table table = planTable(*record, true);
    tableOrText(blocks, table,
                QStringLiteral("None of the planned changes was "
                               "applied."));
}

void beforeAfter(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Hardening, QStringLiteral("Before and after"));
    const auto &record = context.input().hardening;
    if (!record || record->findingsBefore < 0 || record->findingsAfter < 0) {
        blocks << notRun(QStringLiteral("No analysis after hardening is recorded, so there is "
                                        "nothing to compare."));
        return;
    }
    const auto number = [](int n) { return n < 0 ? QStringLiteral("–") : QString::number(n); };
    Table table{{QString(), QStringLiteral("Before"), QStringLiteral("After")}, {40, 30, 30}, {}};
    table.rows << QList<TableCell>{TableCell::of(QStringLiteral("Findings")),
                                   TableCell::of(number(record->findingsBefore)),
                                   TableCell::of(number(record->findingsAfter))};
    table.rows << QList<TableCell>{TableCell::of(QStringLiteral("Open threats")),
                                   TableCell::of(number(record->openThreatsBefore)),
                                   TableCell::of(number(record->openThreatsAfter))};
    blocks << table;
}

void inPlace(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Hardening, QStringLiteral("Mitigations in place"));
    Table table{
        {QStringLiteral("Element"), QStringLiteral("Mitigation"), QStringLiteral("Evidence")},
        {22, 40, 38},
        {}};
    QSet<QString> seen;
    for (const threats::Threat &t : context.analysis().threats)
        for (const threats::Mitigation &m : t.mitigations) {
            const QString key = t.elementId + u'\n' + m.text;
            if (!m.inPlace || seen.contains(key))
                continue;
            seen.insert(key);
            table.rows << QList<TableCell>{TableCell::of(context.elementName(t.elementId)),
                                           TableCell::of(m.text),
                                           TableCell::of(RichText{TextSpan::code(m.evidence)})};
        }
    tableOrText(blocks, table,
                QStringLiteral("The configuration has none of the mitigations the threat "
                               "templates look for."));
}

} // namespace

void hardening(const ReportContext &context, Blocks &blocks)
{
    blocks << sectionHeading(Section::Hardening);
    plan(context, blocks);
    applied(context, blocks);
    beforeAfter(context, blocks);
    inPlace(context, blocks);
}

void verification(const ReportContext &context, Blocks &blocks)
{
    blocks << sectionHeading(Section::Verification);
    const auto &result = context.input().verification;
    if (!result) {
        blocks << notRun(QStringLiteral("The running containers were not inspected "
                                        "(threatdock-cli verify), so whether the hardened "
                                        "configuration is in force at run time is not shown."));
        return;
    }
    const auto passed = std::count_if(result->checks.cbegin(), result->checks.cend(),
                                      [](const RuntimeCheck &c) { return c.passed; });
    blocks << Paragraph{
        {TextSpan::plain(QStringLiteral("%1 of %2 checks passed on %3 (%4).")
                             .arg(passed)
                             .arg(result->checks.size())
                             .arg(formatTime(result->verifiedAt), result->engine))}};
    Table table{{QStringLiteral("Service"), QStringLiteral("Check"), QStringLiteral("Expected"),
                 QStringLiteral("Observed"), QStringLiteral("Result")},
                {16, 28, 20, 24, 12},
                {}};
    for (const RuntimeCheck &c : result->checks)
        table.rows << QList<TableCell>{
            TableCell::of(c.service), TableCell::of(c.check),
            TableCell::of(rules::SecretDetector::redact(c.expected)),
            TableCell::of(rules::SecretDetector::redact(c.observed)),
            TableCell::of(c.passed ? QStringLiteral("passed") : QStringLiteral("FAILED"))};
    blocks << table;
}

} // namespace threatdock::report::sections
