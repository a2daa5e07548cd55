// The appendix: methodology, risk scale, rules checked, tool versions, scan runs and the
// hashes of the input files.

#include "reportsections_p.h"
#include "threats/riskscale.h"

#include <QFileInfo>

namespace threatdock::report::sections {

namespace {

using threats::RiskScale;

void methodology(Blocks &blocks)
{
    blocks << subsection(Section::Appendix, QStringLiteral("Methodology"));
    blocks << Paragraph{{TextSpan::plain(QStringLiteral(
        "ThreatDock loads the Compose project the way docker compose does (files, .env, "
        "interpolation, extends, include, profiles) and derives a data-flow model from it: every "
        "service is a process, volumes, bind mounts and stateful services are data stores, the "
        "Internet, the host and external networks are external entities, published ports, "
        "dependencies, references and mounts are data flows, and the Docker host and each "
        "network are trust boundaries."))}};
    blocks << Paragraph{{TextSpan::plain(QStringLiteral(
        "Threats follow STRIDE per element: each threat template names the element kinds and "
        "facts it applies to, its ATT&CK techniques, NIST SP 800-53 controls and SP 800-190 "
        "section, and the mitigations that answer it. The rules check the Compose files, "
        "Dockerfiles and environment files; their findings raise the likelihood of the threats "
        "they evidence, and the mitigations found in place lower it. A review decides each "
        "threat: open, mitigated, accepted, transferred or not applicable."))}};
}

void riskScale(Blocks &blocks)
{
    blocks << subsection(Section::Appendix, QStringLiteral("Risk scale"));
    blocks << Paragraph{{TextSpan::plain(QStringLiteral(
        "Risk = likelihood × impact on four levels each. 1–3 is low, 4–6 medium, 8–9 high, "
        "12–16 critical."))}};
    Table table{{QStringLiteral("Likelihood \\ impact")}, {24, 19, 19, 19, 19}, {}};
    for (int impact = RiskScale::minimum; impact <= RiskScale::maximum; ++impact)
        table.columns << QStringLiteral("%1 %2").arg(impact).arg(RiskScale::impactName(impact));
    for (int likelihood = RiskScale::minimum; likelihood <= RiskScale::maximum; ++likelihood) {
        QList<TableCell> row{TableCell::of(
            QStringLiteral("%1 %2").arg(likelihood).arg(RiskScale::likelihoodName(likelihood)))};
        for (int impact = RiskScale::minimum; impact <= RiskScale::maximum; ++impact) {
            const int risk = RiskScale::risk(likelihood, impact);
            TableCell cell = TableCell::of(RiskScale::level(risk));
            cell.text = {TextSpan::plain(QString::number(risk))};
            row << cell;
        }
        table.rows << row;
    }
    blocks << table;
}

void rulesChecked(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Appendix, QStringLiteral("Rules checked"));
    const AnalysisReport &a = context.analysis();
    blocks << Paragraph{{TextSpan::plain(
        QStringLiteral("%1 rules. Built-in rules are versioned with ThreatDock %2; a user rule "
                       "names the file and line that defines it.")
            .arg(a.rules.size())
            .arg(QStringLiteral(THREATDOCK_VERSION)))}};
    Table table{{QStringLiteral("Rule"), QStringLiteral("Title"), QStringLiteral("Severity"),
                 QStringLiteral("Checks"), QStringLiteral("Version")},
                {16, 46, 12, 12, 14},
                {}};
    for (const rules::Rule &r : a.rules)
        table.rows << QList<TableCell>{
            TableCell::of(RichText{TextSpan::code(r.id)}), TableCell::of(r.title),
            TableCell::of(r.severity), TableCell::of(r.target),
            TableCell::of(
                r.builtIn
                    ? QStringLiteral("built-in %1").arg(QStringLiteral(THREATDOCK_VERSION))
                    : QFileInfo(r.origin.file).fileName() + u':' + QString::number(r.origin.line))};
    blocks << table;
}

void versions(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Appendix, QStringLiteral("Tool versions"));
    Table table{{QStringLiteral("Tool or data"), QStringLiteral("Version")}, {50, 50}, {}};
    for (const ToolVersion &v : context.toolVersions())
        table.rows << QList<TableCell>{TableCell::of(v.name), TableCell::of(v.version)};
    blocks << table;
    if (context.scanRuns().isEmpty())
        return;
    blocks << subsection(Section::Appendix, QStringLiteral("Scan runs"));
    Table runs{{QStringLiteral("Tool"), QStringLiteral("Target"), QStringLiteral("Started"),
                QStringLiteral("Exit status"), QStringLiteral("Findings")},
               {18, 34, 22, 13, 13},
               {}};
    for (const review::ScanRun &run : context.scanRuns())
        runs.rows << QList<TableCell>{TableCell::of(run.tool + u' ' + run.toolVersion),
                                      TableCell::of(RichText{TextSpan::code(run.target)}),
                                      TableCell::of(formatTime(run.startedAt)),
                                      TableCell::of(QString::number(run.exitStatus)),
                                      TableCell::of(QString::number(run.findings.size()))};
    blocks << runs;
}

void inputHashes(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Appendix, QStringLiteral("Input files"));
    blocks << Paragraph{{TextSpan::plain(QStringLiteral(
        "The files the analysis read, relative to the project directory, with their SHA-256: "
        "the report describes exactly these versions."))}};
    Table table{{QStringLiteral("File"), QStringLiteral("SHA-256")}, {30, 70}, {}};
    for (const InputFileHash &h : context.inputHashes())
        table.rows << QList<TableCell>{
            TableCell::of(RichText{TextSpan::code(h.file)}),
            TableCell::of(h.sha256.isEmpty()
                              ? RichText{TextSpan::emphasis(QStringLiteral("unreadable"))}
                              : RichText{TextSpan::code(h.sha256)})};
    blocks << table;
}

} // namespace

void appendix(const ReportContext &context, Blocks &blocks)
{
    blocks << sectionHeading(Section::Appendix);
    methodology(blocks);
    riskScale(blocks);
    rulesChecked(context, blocks);
    versions(context, blocks);
    inputHashes(context, blocks);
}

} // namespace threatdock::report::sections
