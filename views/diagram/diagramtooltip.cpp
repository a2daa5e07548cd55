#include "diagramtooltip.h"

#include "threattally.h"

#include "document/reviewdocument.h"
#include "rules/secretdetector.h"

#include <QCoreApplication>
#include <QStringList>

namespace threatdock::views {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("threatdock::views::DiagramToolTip", text);
}

QString escaped(const QString &text)
{
    return rules::SecretDetector::redact(text).toHtmlEscaped();
}

QString row(const QString &name, const QString &value)
{
    QString shown = escaped(value);
    shown.replace(u'\n', QStringLiteral("<br/>"));
    return QStringLiteral("<tr><td><i>%1</i></td><td>%2</td></tr>")
        .arg(name.toHtmlEscaped(), shown);
}

QString kindName(system::ElementKind kind)
{
    switch (kind) {
    case system::ElementKind::DataStore:
        return tr("data store");
    case system::ElementKind::ExternalEntity:
        return tr("external entity");
    case system::ElementKind::Process:
        break;
    }
    return tr("process");
}

/// "2 high · 1 medium open", "no open threat", with "(filtered)" while a filter is on.
QString threatSummary(const ReviewDocument &document, const QString &id)
{
    const ThreatTally tally = ThreatTally::of(document, id);
    QStringList parts;
    for (int s = int(rules::Severity::Critical); s >= int(rules::Severity::Info); --s) {
        const auto severity = static_cast<rules::Severity>(s);
        if (const int n = tally.openAt(severity); n > 0)
            parts << QStringLiteral("%1 %2").arg(n).arg(rules::severityName(severity));
    }
    QString text = parts.isEmpty() ? tr("no open threat")
                                   : parts.join(QStringLiteral(" · ")) + u' ' + tr("open");
    const qsizetype all = document.threatsOf(id).size();
    text += u' ' + tr("(%1 threats in all)").arg(all);
    if (ThreatTally::filterActive(document))
        text += u' ' + tr("(filtered)");
    return text;
}

QString nameOf(const ReviewDocument &document, const QString &elementId)
{
    const system::Element *e = document.element(elementId);
    return e ? e->name : elementId;
}

} // namespace

QString DiagramToolTip::forElement(const ReviewDocument &document, const QString &elementId)
{
    const system::Element *e = document.element(elementId);
    if (!e)
        return {};
    QString html = QStringLiteral("<p><b>%1</b> — %2").arg(escaped(e->name), kindName(e->kind));
    if (!e->role.isEmpty())
        html += QStringLiteral(" · ") + escaped(e->role);
    html += QStringLiteral("</p><table cellspacing='0' cellpadding='1'>");
    static const QStringList shown{QStringLiteral("image"), QStringLiteral("build"),
                                   QStringLiteral("user"), QStringLiteral("ports")};
    for (const QString &key : shown)
        if (const QString value = e->properties.value(key); !value.isEmpty())
            html += row(key, value);
    if (!e->facts.isEmpty())
        html += row(tr("facts"), e->facts.join(u'\n'));
    html += row(tr("threats"), threatSummary(document, elementId));
    return html + QStringLiteral("</table>");
}

QString DiagramToolTip::forFlow(const ReviewDocument &document, const QString &flowId)
{
    const system::DataFlow *flow = nullptr;
    for (const system::DataFlow &f : document.report().systemModel.flows)
        if (f.id == flowId)
            flow = &f;
    if (!flow)
        return {};
    QString html
        = QStringLiteral("<p><b>%1</b> → <b>%2</b></p><table cellspacing='0' "
                         "cellpadding='1'>")
              .arg(escaped(nameOf(document, flow->from)), escaped(nameOf(document, flow->to)));
    if (!flow->label.isEmpty())
        html += row(tr("label"), flow->label);
    if (!flow->reason.isEmpty())
        html += row(tr("reason"), flow->reason);
    if (!flow->exposure.isEmpty())
        html += row(tr("exposure"), flow->exposure);
    QStringList protocol;
    if (flow->port > 0)
        protocol << QString::number(flow->port);
    if (!flow->protocol.isEmpty())
        protocol << flow->protocol;
    if (!protocol.isEmpty())
        html += row(tr("protocol"), protocol.join(u'/'));
    if (flow->readOnly)
        html += row(tr("access"), tr("read-only"));
    if (flow->crossesBoundary)
        html += row(tr("boundary"), tr("crosses a trust boundary"));
    html += row(tr("threats"), threatSummary(document, flowId));
    return html + QStringLiteral("</table>");
}

} // namespace threatdock::views
