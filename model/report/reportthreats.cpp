// Threats by element: one card per threat with everything the workshop decided.

#include "layout/diagramstyle.h"
#include "reportsections_p.h"
#include "threats/riskscale.h"

namespace threatdock::report::sections {

namespace {

using threats::RiskScale;

RichText lines(const QStringList &items)
{
    RichText text;
    for (const QString &item : items) {
        if (!text.isEmpty())
            text << TextSpan::plain(QStringLiteral("\n"));
        text << TextSpan::plain(item);
    }
    return text;
}

RichText severityText(const threats::Threat &t)
{
    return {TextSpan::strong(severityWord(t.severity)),
            TextSpan::plain(QStringLiteral(": likelihood %1 (%2) × impact %3 (%4) = risk %5")
                                .arg(t.likelihood)
                                .arg(RiskScale::likelihoodName(t.likelihood))
                                .arg(t.impact)
                                .arg(RiskScale::impactName(t.impact))
                                .arg(t.risk()))};
}

RichText evidence(const ReportContext &context, const threats::Threat &t)
{
    RichText text;
    for (const QString &id : t.findings) {
        if (!text.isEmpty())
            text << TextSpan::plain(QStringLiteral("\n"));
        const rules::Finding *f = context.finding(id);
        if (!f) {
            text << TextSpan::code(id);
            continue;
        }
        text << TextSpan::code(location(*f))
             << TextSpan::plain(QStringLiteral(" ") + f->title + QStringLiteral(" (") + f->ruleId
                                + QStringLiteral(", ") + rules::severityName(f->severity) + u')');
        if (!f->evidence.isEmpty())
            text << TextSpan::plain(QStringLiteral(": ")) << TextSpan::code(f->evidence);
    }
    for (const threats::Mitigation &m : t.mitigations)
        if (m.inPlace && !m.evidence.isEmpty()) {
            if (!text.isEmpty())
                text << TextSpan::plain(QStringLiteral("\n"));
            text << TextSpan::code(m.evidence);
        }
    return text;
}

RichText mitigations(const ReportContext &context, const threats::Threat &t)
{
    QStringList items;
    for (const threats::Mitigation &m : t.mitigations)
        items << (m.inPlace ? QStringLiteral("In place: ") : QStringLiteral("Missing: ")) + m.text;
    if (const review::Decision *d = context.decision(t.id))
        for (const review::PlannedMitigation &m : d->mitigations)
            items << QStringLiteral("Planned (%1): %2")
                         .arg(review::mitigationStatusName(m.status), m.text);
    return lines(items);
}

RichText historyText(const ReportContext &context, const threats::Threat &t)
{
    QStringList items;
    for (const review::HistoryEntry &h : context.history(t.id)) {
        if (h.field == u"threat")
            continue;
        QString change = h.field;
        if (!h.oldValue.isEmpty() || !h.newValue.isEmpty())
            change += QStringLiteral(": ")
                + (h.oldValue.isEmpty() ? QStringLiteral("–") : h.oldValue) + QStringLiteral(" → ")
                + (h.newValue.isEmpty() ? QStringLiteral("–") : h.newValue);
        items << formatTime(h.at) + u' ' + h.who + u' ' + change;
    }
    return lines(items);
}

void addField(FieldList &list, const QString &label, const RichText &value)
{
    if (!plainText(value).trimmed().isEmpty())
        list.fields << Field{label, value};
}

FieldList card(const ReportContext &context, const threats::Threat &t)
{
    const catalog::Catalog &catalog = context.catalog();
    QStringList attack;
    for (const QString &id : t.attack)
        attack << context.techniqueLabel(id);
    QStringList nist;
    for (const QString &id : t.nist)
        nist << context.controlLabel(id);
    QString sp800190 = t.sp800190;
    if (const catalog::Sp800190Section *s = catalog.sp800190Section(t.sp800190))
        sp800190 += u' ' + s->title;
    const review::Decision *d = context.decision(t.id);

    FieldList list;
    addField(list, QStringLiteral("Threat id"), {TextSpan::code(t.id)});
    addField(list, QStringLiteral("STRIDE"),
             {TextSpan::plain(t.stride + QStringLiteral(" – ") + strideName(t.stride))});
    addField(list, QStringLiteral("Severity"), severityText(t));
    addField(list, QStringLiteral("Explanation"), {TextSpan::plain(t.description)});
    addField(list, QStringLiteral("Why it applies"), {TextSpan::plain(t.why)});
    addField(list, QStringLiteral("Evidence"), evidence(context, t));
    addField(list, QStringLiteral("MITRE ATT&CK"), lines(attack));
    addField(list, QStringLiteral("NIST SP 800-53"), lines(nist));
    addField(list, QStringLiteral("NIST SP 800-190"), {TextSpan::plain(sp800190)});
    addField(list, QStringLiteral("Mitigations"), mitigations(context, t));
    addField(list, QStringLiteral("Decision"),
             {TextSpan::strong(threatStateName(context.state(t)))});
    addField(list, QStringLiteral("Owner"), {TextSpan::plain(d ? d->owner : QString())});
    addField(list, QStringLiteral("Notes"), {TextSpan::plain(d ? d->notes : QString())});
    addField(list, QStringLiteral("History"), historyText(context, t));
    return list;
}

} // namespace

void threatsByElement(const ReportContext &context, Blocks &blocks)
{
    blocks << sectionHeading(Section::Threats);
    if (context.analysis().threats.isEmpty()) {
        blocks << Paragraph{{TextSpan::plain(QStringLiteral(
            "No threat: the analysis had no Compose project to derive a threat model from."))}};
        return;
    }
    blocks << Paragraph{{TextSpan::plain(QStringLiteral(
        "Every element of the data-flow model with its STRIDE threats, worst first. The decision "
        "is the review's; without one, a threat whose mitigations are all in place is mitigated "
        "by configuration and any other threat is open."))}};
    for (const QString &elementId : context.elementOrder()) {
        const QList<const threats::Threat *> list = context.threatsOf(elementId);
        const auto open = std::count_if(list.cbegin(), list.cend(),
                                        [&](const auto *t) { return context.isOpen(*t); });
        blocks << Heading{2,
                          context.elementName(elementId) + QStringLiteral(" (")
                              + context.elementKind(elementId) + u')',
                          context.elementAnchor(elementId), false};
        QString summary = QStringLiteral("%1 threats, %2 open.").arg(list.size()).arg(open);
        if (const system::Element *e = context.analysis().systemModel.element(elementId);
            e && !e->facts.isEmpty())
            summary += QStringLiteral(" Facts: ") + e->facts.join(QStringLiteral("; ")) + u'.';
        blocks << Paragraph{{TextSpan::emphasis(summary)}};
        for (const threats::Threat *t : list) {
            blocks << Heading{
                3, QString(layout::DiagramStyle::severityLetter(t->severity)) + u' ' + t->title,
                context.threatAnchor(t->id), false};
            blocks << card(context, *t);
        }
    }
}

} // namespace threatdock::report::sections
