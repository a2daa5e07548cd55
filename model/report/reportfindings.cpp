// Findings of the rules and of the review's scans, grouped by severity, with remediation.

#include "reportsections_p.h"

#include <QMap>

namespace threatdock::report::sections {

namespace {

RichText findingText(const rules::Finding &f)
{
    RichText text{TextSpan::strong(f.title), TextSpan::plain(QStringLiteral("\n")),
                  TextSpan::code(f.ruleId)};
    if (f.source != u"threatdock")
        text << TextSpan::plain(QStringLiteral(" (") + f.source + u')');
    return text;
}

RichText whereText(const rules::Finding &f)
{
    RichText text;
    if (!f.service.isEmpty())
        text << TextSpan::plain(f.service + QStringLiteral("\n"));
    text << TextSpan::code(location(f));
    return text;
}

QString remediation(const ReportContext &context, const rules::Finding &f)
{
    QStringList parts;
    if (const rules::Rule *r = context.analysis().rule(f.ruleId)) {
        if (!r->remediation.isEmpty())
            parts << r->remediation.trimmed();
        if (!r->fix.description.isEmpty())
            parts << QStringLiteral("Fix: ") + r->fix.description.trimmed();
    }
    if (parts.isEmpty() && !f.why.isEmpty())
        parts << f.why;
    return parts.join(u' ');
}

} // namespace

void findings(const ReportContext &context, Blocks &blocks)
{
    blocks << sectionHeading(Section::Findings);
    QMap<QString, int> bySource;
    for (const rules::Finding &f : context.findings())
        ++bySource[f.source];
    QStringList sources;
    for (auto it = bySource.cbegin(); it != bySource.cend(); ++it)
        sources << QStringLiteral("%1 from %2").arg(it.value()).arg(it.key());
    blocks << Paragraph{{TextSpan::plain(
        context.findings().isEmpty()
            ? QStringLiteral("No finding.")
            : QStringLiteral("%1 findings (%2): ThreatDock's rules on the Compose files and "
                             "Dockerfiles, and the scanners the review ran. Evidence is "
                             "redacted; remediation comes from the rule.")
                  .arg(context.findings().size())
                  .arg(sources.join(QStringLiteral(", "))))}};
    if (context.scanRuns().isEmpty())
        blocks << Notice{{TextSpan::plain(QStringLiteral(
            "Scanners not run: the review has no Bandit or Trivy run (threatdock-cli scan)."))}};
    for (const rules::Severity severity : severitiesWorstFirst()) {
        Table table{{QStringLiteral("Finding"), QStringLiteral("Where"), QStringLiteral("Evidence"),
                     QStringLiteral("Remediation")},
                    {26, 20, 24, 30},
                    {}};
        for (const rules::Finding &f : context.findings())
            if (f.severity == severity)
                table.rows << QList<TableCell>{TableCell::of(findingText(f)),
                                               TableCell::of(whereText(f)),
                                               TableCell::of(RichText{TextSpan::code(f.evidence)}),
                                               TableCell::of(remediation(context, f))};
        if (table.rows.isEmpty())
            continue;
        blocks << subsection(
            Section::Findings,
            QStringLiteral("%1 (%2)").arg(severityWord(severity)).arg(table.rows.size()));
        blocks << table;
    }
}

} // namespace threatdock::report::sections
