// Hardening: before and after (the comparison with the project before hardening), the
// plan, whether it was written, and the mitigations in place.

#include "reportsections_p.h"
#include "rules/secretdetector.h"

#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace threatdock::report::sections {

namespace {

using rules::SecretDetector;

int openByConfiguration(const QList<threats::Threat> &threats)
{
    return int(std::count_if(threats.cbegin(), threats.cend(), [](const threats::Threat &t) {
        return !t.mitigatedByConfiguration();
    }));
}

QList<TableCell> countRow(const QString &what, qsizetype before, qsizetype after, qsizetype fixed,
                          qsizetype added)
{
    return {TableCell::of(what), TableCell::of(QString::number(before)),
            TableCell::of(QString::number(after)), TableCell::of(QString::number(fixed)),
            TableCell::of(QString::number(added))};
}

/// The counts the workbench recorded around applying the hardening; false when none.
bool recordedCounts(const ReportContext &context, Blocks &blocks)
{
    const auto &r = context.input().hardening;
    if (!r || r->findingsBefore < 0 || r->findingsAfter < 0)
        return false;
    const auto number = [](int n) { return n < 0 ? QStringLiteral("–") : QString::number(n); };
    Table table{{QString(), QStringLiteral("Before"), QStringLiteral("After")}, {40, 30, 30}, {}};
    table.rows << QList<TableCell>{TableCell::of(QStringLiteral("Findings")),
                                   TableCell::of(number(r->findingsBefore)),
                                   TableCell::of(number(r->findingsAfter))};
    table.rows << QList<TableCell>{TableCell::of(QStringLiteral("Open threats")),
                                   TableCell::of(number(r->openThreatsBefore)),
                                   TableCell::of(number(r->openThreatsAfter))};
    blocks << table;
    return true;
}

void beforeAfter(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Hardening, QStringLiteral("Before and after"));
    const auto &c = context.input().comparison;
    if (!c && recordedCounts(context, blocks))
        return;
    if (!c) {
        blocks << notRun(QStringLiteral("No analysis of the project before hardening was given "
                                        "(threatdock-cli report --compare BASELINE), so there is "
                                        "nothing to compare."));
        return;
    }
    blocks << Paragraph{
        {TextSpan::plain(QStringLiteral("Compared with the baseline ")),
         TextSpan::strong(c->baseline.project.name),
         TextSpan::plain(QStringLiteral(": findings and threats matched by their stable ids."))}};
    Table counts{{QString(), QStringLiteral("Before"), QStringLiteral("After"),
                  QStringLiteral("Fixed"), QStringLiteral("New")},
                 {36, 16, 16, 16, 16},
                 {}};
    counts.rows << countRow(QStringLiteral("Findings"), c->baseline.findings.size(),
                            c->current.findings.size(), c->fixedFindings.size(),
                            c->newFindings.size());
    counts.rows << countRow(QStringLiteral("Threats"), c->baseline.threats.size(),
                            c->current.threats.size(), c->fixedThreats.size(),
                            c->newThreats.size());
    blocks << counts;
    blocks << Paragraph{{TextSpan::plain(
        QStringLiteral("Of the threats in both, %1 improved and %2 worsened. Threats not "
                       "mitigated by configuration: %3 before, %4 after.")
            .arg(c->threatsWith(ThreatPair::Change::Improved).size())
            .arg(c->threatsWith(ThreatPair::Change::Worsened).size())
            .arg(openByConfiguration(c->baseline.threats))
            .arg(openByConfiguration(c->current.threats)))}};
    Table fixed{{QStringLiteral("Severity"), QStringLiteral("Fixed finding"),
                 QStringLiteral("Rule"), QStringLiteral("Service")},
                {14, 50, 18, 18},
                {}};
    for (const rules::Finding &f : c->fixedFindings)
        fixed.rows << QList<TableCell>{
            TableCell::of(f.severity), TableCell::of(SecretDetector::redact(f.title)),
            TableCell::of(RichText{TextSpan::code(f.ruleId)}), TableCell::of(f.service)};
    tableOrText(blocks, fixed, QStringLiteral("No finding of the baseline was fixed."));
}

Table stepTable(const HardeningRecord &record, bool appliedOnly)
{
    Table table{{QStringLiteral("Service"), QStringLiteral("Change"), QStringLiteral("File"),
                 QStringLiteral("Rules"), QStringLiteral("Applied")},
                {15, 37, 20, 16, 12},
                {}};
    for (const HardeningStep &s : record.steps)
        if (!appliedOnly || s.applied)
            table.rows << QList<TableCell>{
                TableCell::of(s.service), TableCell::of(SecretDetector::redact(s.title)),
                TableCell::of(RichText{TextSpan::code(s.target)}),
                TableCell::of(s.rules.join(QStringLiteral(", "))),
                TableCell::of(s.applied ? QStringLiteral("yes") : QStringLiteral("no"))};
    return table;
}

void plan(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Hardening, QStringLiteral("Plan"));
    const auto &p = context.input().hardeningPlan;
    if (!p) {
        if (const auto &record = context.input().hardening)
            tableOrText(blocks, stepTable(*record, false),
                        QStringLiteral("The hardening planned no change."));
        else
            blocks << notRun(QStringLiteral("No hardening plan was made for this report."));
        return;
    }
    blocks << Paragraph{{TextSpan::plain(
        QStringLiteral("%1 changes for %2 services. Compose changes go into the overlay %3, "
                       "which Compose merges after the project's own files (they are never "
                       "rewritten); Dockerfile changes are diffs written on request.")
            .arg(p->changes.size())
            .arg(p->services().size())
            .arg(QFileInfo(p->overlayPath).fileName()))}};
    Table table{{QStringLiteral("Service"), QStringLiteral("Change"), QStringLiteral("Goes into"),
                 QStringLiteral("Fixes"), QStringLiteral("Threats"), QStringLiteral("Accepted")},
                {12, 26, 26, 14, 10, 12},
                {}};
    for (const hardening::HardeningChange &c : p->changes)
        table.rows << QList<TableCell>{
            TableCell::of(c.service),
            TableCell::of(SecretDetector::redact(c.title)),
            TableCell::of(RichText{TextSpan::code(p->relativePath(
                c.target == hardening::ChangeTarget::Compose ? p->overlayPath : c.dockerfile))}),
            TableCell::of(c.rules.join(QStringLiteral(", "))),
            TableCell::of(QString::number(c.mitigates.size())),
            TableCell::of(c.accepted ? QStringLiteral("yes") : QStringLiteral("rejected"))};
    tableOrText(blocks, table, QStringLiteral("No open finding has an automatic fix."));
    if (p->unplanned.isEmpty())
        return;
    blocks << Paragraph{
        {TextSpan::plain(QStringLiteral("Findings without an automatic change, to fix by hand:"))}};
    Table manual{{QStringLiteral("Rule"), QStringLiteral("Service"), QStringLiteral("What to do")},
                 {16, 16, 68},
                 {}};
    for (const hardening::UnplannedFinding &u : p->unplanned)
        manual.rows << QList<TableCell>{TableCell::of(RichText{TextSpan::code(u.ruleId)}),
                                        TableCell::of(u.service), TableCell::of(u.remediation)};
    blocks << manual;
}

void written(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Hardening, QStringLiteral("Applied changes"));
    const auto &record = context.input().hardening;
    const bool recorded = record
        && std::any_of(record->steps.cbegin(), record->steps.cend(),
                       [](const HardeningStep &s) { return s.applied; });
    if (recorded)
        blocks << stepTable(*record, true);
    const auto &p = context.input().hardeningPlan;
    const QFileInfo overlay(p ? p->overlayPath : QString());
    if (!overlay.exists()) {
        if (!recorded)
            blocks << notRun(QStringLiteral("The hardening has not been written to the project "
                                            "(threatdock-cli harden PATH --write, or Apply in the "
                                            "Hardening view)."));
        return;
    }
    const QString name = context.analysis().relativePath(overlay.absoluteFilePath());
    const bool analysed = context.analysis().project.files.contains(name);
    blocks << Paragraph{
        {TextSpan::plain(QStringLiteral("The overlay ")), TextSpan::code(name),
         TextSpan::plain(
             QStringLiteral(" was written on %1. ").arg(formatTime(overlay.lastModified()))),
         TextSpan::plain(analysed ? QStringLiteral("This report analyses the project with it.")
                                  : QStringLiteral("This report analyses the project without it: "
                                                   "give it with -f to report on the hardened "
                                                   "configuration."))}};
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

Notice notRun(const QString &what)
{
    return Notice{{TextSpan::strong(QStringLiteral("Not run. ")), TextSpan::plain(what)}};
}

void hardening(const ReportContext &context, Blocks &blocks)
{
    blocks << sectionHeading(Section::Hardening);
    beforeAfter(context, blocks);
    plan(context, blocks);
    written(context, blocks);
    inPlace(context, blocks);
}

} // namespace threatdock::report::sections
