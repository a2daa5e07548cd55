#pragma once

// The sections of the report, one function each (reportcomposer.h puts them together).

#include "reportcontext.h"
#include "reportdocument.h"

namespace threatdock::report::sections {

using Blocks = QList<ReportBlock>;

/// The numbered sections, in order: their number is their index + 1.
enum class Section {
    Summary,
    Architecture,
    Threats,
    Findings,
    Hardening,
    Verification,
    Coverage,
    Risks,
    Appendix
};

QString sectionTitle(Section section);
/// The level-1 heading of a section, "3 Threats by element", in the contents.
Heading sectionHeading(Section section);
/// A level-2 heading within a section, in the contents and the outline.
Heading subsection(Section section, const QString &title);

/// "Critical", "High", ...
QString severityWord(rules::Severity severity);
/// The severities from the worst down.
QList<rules::Severity> severitiesWorstFirst();
/// "compose.yaml:12", or the file alone when the line is unknown.
QString location(const rules::Finding &finding);
/// A link to a threat's card, labelled with its title.
TextSpan threatLink(const ReportContext &context, const threats::Threat &threat);
/// "Not run." and what was not run, set apart.
Notice notRun(const QString &what);
/// Adds the table, or the text when it has no rows.
void tableOrText(Blocks &blocks, const Table &table, const QString &whenEmpty);
/// "2024-05-01 14:03 UTC".
QString formatTime(const QDateTime &time);

void cover(const ReportContext &context, ReportCover &cover);
void summary(const ReportContext &context, Blocks &blocks);
void architecture(const ReportContext &context, Blocks &blocks);
void threatsByElement(const ReportContext &context, Blocks &blocks);
void findings(const ReportContext &context, Blocks &blocks);
void hardening(const ReportContext &context, Blocks &blocks);
void verification(const ReportContext &context, Blocks &blocks);
void coverage(const ReportContext &context, Blocks &blocks);
void risks(const ReportContext &context, Blocks &blocks);
void appendix(const ReportContext &context, Blocks &blocks);

} // namespace threatdock::report::sections
