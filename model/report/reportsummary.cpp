// The cover and the management summary.

#include "layout/diagramstyle.h"
#include "reportsections_p.h"

#include <QFileInfo>

#include <algorithm>

namespace threatdock::report::sections {

namespace {

using rules::Severity;

constexpr int topRiskCount = 10;

QString count(qsizetype n, const QString &one, const QString &many)
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
}

qsizetype openCount(const ReportContext &context)
{
    return context.countThreats(ThreatState::Open);
}

BarChart severityChart(const ReportContext &context)
{
    BarChart chart{QStringLiteral("Open threats by severity"), {}};
    for (const Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low})
        chart.bars << ChartBar{severityWord(s), int(context.countOpen(s)),
                               layout::DiagramStyle::severityColor(s)};
    return chart;
}

BarChart strideChart(const ReportContext &context)
{
    BarChart chart{QStringLiteral("Open threats by STRIDE category"), {}};
    const QColor color(0x3b, 0x5b, 0x8c);
    for (const QString &letter :
         QStringList{QStringLiteral("S"), QStringLiteral("T"), QStringLiteral("R"),
                     QStringLiteral("I"), QStringLiteral("D"), QStringLiteral("E")}) {
        const auto n = std::count_if(
            context.analysis().threats.cbegin(), context.analysis().threats.cend(),
            [&](const threats::Threat &t) { return t.stride == letter && context.isOpen(t); });
        chart.bars << ChartBar{letter + u' ' + strideName(letter), int(n), color};
    }
    return chart;
}

Paragraph scope(const ReportContext &context)
{
    const AnalysisReport &a = context.analysis();
    const system::SystemModel &m = a.systemModel;
    RichText text{TextSpan::plain(QStringLiteral("This report covers the Docker Compose project ")),
                  TextSpan::strong(a.project.name),
                  TextSpan::plain(QStringLiteral(": ")
                                  + count(a.project.services.size(), QStringLiteral("service"),
                                          QStringLiteral("services")))};
    if (!a.project.services.isEmpty() && a.project.services.size() <= 12)
        text << TextSpan::plain(QStringLiteral(" (") + a.project.services.join(QStringLiteral(", "))
                                + u')');
    text << TextSpan::plain(
        QStringLiteral(" read from %1. ThreatDock derived its data-flow model (%2, %3, %4), "
                       "%5 STRIDE threats and %6 findings.")
            .arg(count(a.project.files.size(), QStringLiteral("file"), QStringLiteral("files")),
                 count(m.elements.size(), QStringLiteral("element"), QStringLiteral("elements")),
                 count(m.flows.size(), QStringLiteral("data flow"), QStringLiteral("data flows")),
                 count(m.boundaries.size(), QStringLiteral("trust boundary"),
                       QStringLiteral("trust boundaries")))
            .arg(a.threats.size())
            .arg(context.findings().size()));
    return Paragraph{text};
}

FieldList reviewState(const ReportContext &context)
{
    const auto &threats = context.analysis().threats;
    const auto decided = std::count_if(threats.cbegin(), threats.cend(), [&](const auto &t) {
        const review::Decision *d = context.decision(t.id);
        return d && d->status != review::DecisionStatus::Open;
    });
    FieldList list;
    list.fields << Field{
        QStringLiteral("Open threats"),
        {TextSpan::plain(QString::number(openCount(context)) + QStringLiteral(" of ")
                         + QString::number(threats.size()))}};
    list.fields << Field{QStringLiteral("Mitigated by config"),
                         {TextSpan::plain(QString::number(
                             context.countThreats(ThreatState::MitigatedByConfiguration)))}};
    list.fields << Field{
        QStringLiteral("Review"),
        {TextSpan::plain(context.hasReview() ? QStringLiteral("%1 of %2 threats decided in %3")
                                                   .arg(decided)
                                                   .arg(threats.size())
                                                   .arg(QFileInfo(context.reviewFile()).fileName())
                                             : QStringLiteral("no review file: every threat not "
                                                              "mitigated by configuration is "
                                                              "open"))}};
    return list;
}

void topRisks(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Summary, QStringLiteral("Top risks"));
    QList<const threats::Threat *> open;
    for (const threats::Threat &t : context.analysis().threats)
        if (context.isOpen(t))
            open << &t;
    std::stable_sort(open.begin(), open.end(),
                     [](const auto *a, const auto *b) { return a->risk() > b->risk(); });
    if (open.isEmpty()) {
        blocks << Paragraph{{TextSpan::plain(QStringLiteral("No threat is open."))}};
        return;
    }
    Table table{{QStringLiteral("Severity"), QStringLiteral("Threat"), QStringLiteral("Element"),
                 QStringLiteral("Risk")},
                {14, 48, 26, 12},
                {}};
    for (const threats::Threat *t : open.mid(0, topRiskCount))
        table.rows << QList<TableCell>{
            TableCell::of(t->severity), TableCell::of(RichText{threatLink(context, *t)}),
            TableCell::of(RichText{TextSpan::linkTo(context.elementAnchor(t->elementId),
                                                    context.elementName(t->elementId))}),
            TableCell::of(
                QStringLiteral("%1 × %2 = %3").arg(t->likelihood).arg(t->impact).arg(t->risk()))};
    blocks << table;
}

void hardened(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Summary, QStringLiteral("What was hardened"));
    qsizetype inPlace = 0;
    for (const threats::Threat &t : context.analysis().threats)
        inPlace += std::count_if(t.mitigations.cbegin(), t.mitigations.cend(),
                                 [](const threats::Mitigation &m) { return m.inPlace; });
    RichText text{TextSpan::plain(
        QStringLiteral("The configuration already has %1 in place; %2 fully mitigated by it. The "
                       "review marked %3 as mitigated.")
            .arg(count(inPlace, QStringLiteral("mitigation"), QStringLiteral("mitigations")),
                 count(context.countThreats(ThreatState::MitigatedByConfiguration),
                       QStringLiteral("threat is"), QStringLiteral("threats are")),
                 count(context.countThreats(ThreatState::Mitigated), QStringLiteral("threat"),
                       QStringLiteral("threats"))))};
    if (const auto &c = context.input().comparison)
        text << TextSpan::plain(
            QStringLiteral(" Compared with %1 before hardening, %2 of %3 findings were fixed and "
                           "%4 threats improved.")
                .arg(c->baseline.project.name)
                .arg(c->fixedFindings.size())
                .arg(c->baseline.findings.size())
                .arg(c->threatsWith(ThreatPair::Change::Improved).size() + c->fixedThreats.size()));
    const auto &record = context.input().hardening;
    const auto applied = record ? std::count_if(record->steps.cbegin(), record->steps.cend(),
                                                [](const HardeningStep &s) { return s.applied; })
                                : 0;
    if (applied > 0)
        text << TextSpan::plain(QStringLiteral(" %1 hardening changes were applied in this "
                                               "review.")
                                    .arg(applied));
    if (const auto &p = context.input().hardeningPlan)
        text << TextSpan::plain(QStringLiteral(" The hardening plan has %1 changes for the open "
                                               "findings (see ")
                                    .arg(p->changes.size()));
    else
        text << TextSpan::plain(QStringLiteral(" See "));
    text << TextSpan::linkTo(sectionHeading(Section::Hardening).anchor,
                             sectionHeading(Section::Hardening).text)
         << TextSpan::plain(QStringLiteral(")."));
    blocks << Paragraph{text};
}

void residualRisk(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Summary, QStringLiteral("Residual risk"));
    QStringList parts;
    std::optional<Severity> worst;
    for (const Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low}) {
        const qsizetype n = context.countOpen(s);
        if (n > 0) {
            parts << QString::number(n) + u' ' + rules::severityName(s);
            if (!worst)
                worst = s;
        }
    }
    RichText text;
    if (worst)
        text << TextSpan::plain(QStringLiteral("The residual risk is "))
             << TextSpan::strong(rules::severityName(*worst))
             << TextSpan::plain(QStringLiteral(": %1 open (%2).")
                                    .arg(count(openCount(context), QStringLiteral("threat is"),
                                               QStringLiteral("threats are")),
                                         parts.join(QStringLiteral(", "))));
    else
        text << TextSpan::plain(QStringLiteral("No threat is open."));
    text << TextSpan::plain(
        QStringLiteral(" %1 accepted and %2 transferred (see ")
            .arg(count(context.countThreats(ThreatState::Accepted), QStringLiteral("threat was"),
                       QStringLiteral("threats were")))
            .arg(context.countThreats(ThreatState::Transferred)))
         << TextSpan::linkTo(sectionHeading(Section::Risks).anchor,
                             sectionHeading(Section::Risks).text)
         << TextSpan::plain(QStringLiteral(")."));
    blocks << Paragraph{text};
}

} // namespace

void cover(const ReportContext &context, ReportCover &cover)
{
    const AnalysisReport &a = context.analysis();
    cover.title = context.title();
    cover.project = a.project.name;
    cover.date = formatTime(context.generatedAt());
    cover.participants = context.input().participants;
    const auto plain = [](const QString &s) { return RichText{TextSpan::plain(s)}; };
    cover.facts
        << Field{QStringLiteral("Services"), plain(QString::number(a.project.services.size()))}
        << Field{QStringLiteral("Threats"),
                 plain(
                     QStringLiteral("%1 (%2 open)").arg(a.threats.size()).arg(openCount(context)))}
        << Field{QStringLiteral("Findings"), plain(QString::number(context.findings().size()))};
    if (context.hasReview())
        cover.facts << Field{QStringLiteral("Review file"),
                             plain(QFileInfo(context.reviewFile()).fileName())};
    cover.facts << Field{QStringLiteral("ThreatDock"), plain(QStringLiteral(THREATDOCK_VERSION))}
                << Field{QStringLiteral("Catalog"),
                         plain(QStringLiteral("MITRE ATT&CK %1, NIST SP 800-53 %2")
                                   .arg(context.catalog().attackVersion(),
                                        context.catalog().nistVersion()))};
}

void summary(const ReportContext &context, Blocks &blocks)
{
    blocks << sectionHeading(Section::Summary);
    blocks << subsection(Section::Summary, QStringLiteral("Scope"));
    blocks << scope(context) << reviewState(context);
    blocks << ChartRow{{severityChart(context), strideChart(context)}};
    topRisks(context, blocks);
    hardened(context, blocks);
    residualRisk(context, blocks);
}

} // namespace threatdock::report::sections
