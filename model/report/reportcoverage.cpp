// Coverage (NIST SP 800-53 families and controls, ATT&CK Containers techniques, SP 800-190
// countermeasures) and the accepted and transferred risks with the open questions.

#include "reportsections_p.h"

#include <QMap>

namespace threatdock::report::sections {

namespace {

/// How many threats cite something, and how many of them are still open.
struct Tally
{
    int threats = 0;
    int open = 0;

    void add(bool isOpen)
    {
        ++threats;
        open += isOpen ? 1 : 0;
    }
    QString status() const
    {
        if (threats == 0)
            return QStringLiteral("not considered");
        return open == 0 ? QStringLiteral("addressed") : QStringLiteral("open");
    }
    QList<TableCell> cells() const
    {
        return {TableCell::of(QString::number(threats)), TableCell::of(QString::number(open)),
                TableCell::of(status())};
    }
};

QStringList tallyColumns()
{
    return {QStringLiteral("Threats"), QStringLiteral("Open"), QStringLiteral("Status")};
}

void nist(const ReportContext &context, Blocks &blocks)
{
    const catalog::Catalog &catalog = context.catalog();
    QMap<QString, Tally> controls;
    for (const threats::Threat &t : context.analysis().threats)
        for (const QString &id : t.nist) {
            const catalog::Control *c = catalog.control(id);
            controls[c ? c->id : id].add(context.isOpen(t));
        }
    QMap<QString, Tally> families;
    QMap<QString, int> familyControls;
    for (auto it = controls.cbegin(); it != controls.cend(); ++it) {
        const catalog::Control *c = catalog.control(it.key());
        const QString family = c ? c->family : it.key().section(u'-', 0, 0);
        ++familyControls[family];
        families[family].threats += it->threats;
        families[family].open += it->open;
    }
    blocks << subsection(Section::Coverage, QStringLiteral("NIST SP 800-53 control families"));
    Table familyTable{QStringList{QStringLiteral("Family"), QStringLiteral("Controls")}
                          + tallyColumns(),
                      {40, 15, 15, 15, 15},
                      {}};
    for (auto it = families.cbegin(); it != families.cend(); ++it) {
        const catalog::ControlFamily *f = catalog.controlFamily(it.key());
        familyTable.rows << (QList<TableCell>{
                                 TableCell::of(f ? f->id + u' ' + f->name : it.key()),
                                 TableCell::of(QString::number(familyControls.value(it.key())))}
                             + it->cells());
    }
    blocks << familyTable;
    blocks << subsection(Section::Coverage, QStringLiteral("NIST SP 800-53 controls"));
    Table controlTable{
        QStringList{QStringLiteral("Control")} + tallyColumns(), {55, 15, 15, 15}, {}};
    for (auto it = controls.cbegin(); it != controls.cend(); ++it)
        controlTable.rows << (QList<TableCell>{TableCell::of(context.controlLabel(it.key()))}
                              + it->cells());
    blocks << controlTable;
}

void attack(const ReportContext &context, Blocks &blocks)
{
    const catalog::Catalog &catalog = context.catalog();
    QMap<QString, Tally> techniques;
    for (const threats::Threat &t : context.analysis().threats)
        for (const QString &id : t.attack) {
            const catalog::Technique *tech = catalog.technique(id);
            techniques[tech ? tech->id : id].add(context.isOpen(t));
        }
    blocks << subsection(Section::Coverage, QStringLiteral("MITRE ATT&CK Containers techniques"));
    blocks << Paragraph{{TextSpan::plain(QStringLiteral(
        "Every technique of the ATT&CK Containers matrix, and any other technique a threat "
        "cites: the threats that consider it and how many of them are open."))}};
    Table table{QStringList{QStringLiteral("Technique")} + tallyColumns(), {55, 15, 15, 15}, {}};
    QStringList listed;
    for (const catalog::Technique &t : catalog.containersTechniques()) {
        if (t.revoked && !techniques.contains(t.id))
            continue;
        listed << t.id;
        table.rows << (QList<TableCell>{TableCell::of(context.techniqueLabel(t.id))}
                       + techniques.value(t.id).cells());
    }
    for (auto it = techniques.cbegin(); it != techniques.cend(); ++it)
        if (!listed.contains(it.key()))
            table.rows << (QList<TableCell>{TableCell::of(context.techniqueLabel(it.key())
                                                          + QStringLiteral(" [Enterprise]"))}
                           + it->cells());
    blocks << table;
}

void sp800190(const ReportContext &context, Blocks &blocks)
{
    const catalog::Catalog &catalog = context.catalog();
    QMap<QString, Tally> risks;
    for (const threats::Threat &t : context.analysis().threats)
        if (!t.sp800190.isEmpty())
            risks[t.sp800190].add(context.isOpen(t));
    blocks << subsection(Section::Coverage, QStringLiteral("NIST SP 800-190 countermeasures"));
    Table table{QStringList{QStringLiteral("Countermeasure"), QStringLiteral("Risk it answers")}
                    + tallyColumns(),
                {34, 30, 12, 12, 12},
                {}};
    for (const catalog::Sp800190Section &s : catalog.sp800190Sections()) {
        if (s.kind != catalog::Sp800190Section::Kind::Countermeasure || s.summary.isEmpty())
            continue;
        const catalog::Sp800190Section *risk = catalog.sp800190Section(s.counterpart);
        table.rows << (QList<TableCell>{
                           TableCell::of(s.id + u' ' + s.title),
                           TableCell::of(risk ? risk->id + u' ' + risk->title : s.counterpart)}
                       + risks.value(s.counterpart).cells());
    }
    blocks << table;
}

TableCell threatCell(const ReportContext &context, const QString &threatId)
{
    for (const threats::Threat &t : context.analysis().threats)
        if (t.id == threatId)
            return TableCell::of(RichText{threatLink(context, t)});
    const review::ThreatRecord *r = context.threatRecord(threatId);
    return TableCell::of(RichText{TextSpan::plain(r ? r->title : QString()),
                                  TextSpan::plain(QStringLiteral("\n")), TextSpan::code(threatId)});
}

void decided(const ReportContext &context, Blocks &blocks)
{
    Table table{{QStringLiteral("Threat"), QStringLiteral("Severity"), QStringLiteral("Decision"),
                 QStringLiteral("Owner"), QStringLiteral("Justification"),
                 QStringLiteral("Decided")},
                {26, 11, 12, 13, 26, 12},
                {}};
    for (const threats::Threat &t : context.analysis().threats) {
        const ThreatState s = context.state(t);
        if (s != ThreatState::Accepted && s != ThreatState::Transferred)
            continue;
        const review::Decision *d = context.decision(t.id);
        table.rows << QList<TableCell>{
            threatCell(context, t.id),         TableCell::of(t.severity),
            TableCell::of(threatStateName(s)), TableCell::of(d->owner),
            TableCell::of(d->notes),           TableCell::of(formatTime(d->updatedAt))};
    }
    tableOrText(blocks, table, QStringLiteral("No risk was accepted or transferred."));
}

void openQuestions(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Risks, QStringLiteral("Open questions"));
    Table table{{QStringLiteral("Threat"), QStringLiteral("Question"), QStringLiteral("Owner")},
                {36, 46, 18},
                {}};
    for (const threats::Threat &t : context.analysis().threats) {
        const review::Decision *d = context.decision(t.id);
        if (d && context.isOpen(t) && !d->notes.trimmed().isEmpty())
            table.rows << QList<TableCell>{threatCell(context, t.id), TableCell::of(d->notes),
                                           TableCell::of(d->owner)};
    }
    for (const review::Decision &d : context.resolvedByChange())
        table.rows << QList<TableCell>{
            threatCell(context, d.threatId),
            TableCell::of(QStringLiteral("The threat is gone from the analysis since the "
                                         "project changed (decision: %1); confirm the change "
                                         "removed it.")
                              .arg(review::decisionStatusName(d.status))),
            TableCell::of(d.owner)};
    tableOrText(
        blocks, table,
        QStringLiteral("None: no open threat has notes, and no decided threat disappeared."));
}

} // namespace

void coverage(const ReportContext &context, Blocks &blocks)
{
    blocks << sectionHeading(Section::Coverage);
    blocks << Paragraph{{TextSpan::plain(QStringLiteral(
        "What the threat model considers. A control, technique or countermeasure is addressed "
        "when every threat that cites it is mitigated, accepted, transferred or not applicable, "
        "and open while one of them is open."))}};
    nist(context, blocks);
    attack(context, blocks);
    sp800190(context, blocks);
}

void risks(const ReportContext &context, Blocks &blocks)
{
    blocks << sectionHeading(Section::Risks);
    if (!context.hasReview())
        blocks << Notice{{TextSpan::plain(QStringLiteral(
            "No review file: no decision was recorded, so no risk is accepted or transferred."))}};
    else
        decided(context, blocks);
    openQuestions(context, blocks);
}

} // namespace threatdock::report::sections
