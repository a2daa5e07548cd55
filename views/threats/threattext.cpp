#include "threattext.h"

#include "document/reviewdocument.h"
#include "inspector/threatlabels.h"

#include <QCoreApplication>

namespace threatdock::views::threattext {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("threatdock::views::threattext", text);
}

const system::DataFlow *flowById(const ReviewDocument &document, const QString &id)
{
    for (const system::DataFlow &flow : document.report().systemModel.flows)
        if (flow.id == id)
            return &flow;
    return nullptr;
}

QString kindName(system::ElementKind kind)
{
    switch (kind) {
    case system::ElementKind::Process:
        return tr("process");
    case system::ElementKind::DataStore:
        return tr("data store");
    case system::ElementKind::ExternalEntity:
        return tr("external entity");
    }
    return QString();
}

} // namespace

QStringList strideLetters()
{
    return {QStringLiteral("S"), QStringLiteral("T"), QStringLiteral("R"),
            QStringLiteral("I"), QStringLiteral("D"), QStringLiteral("E")};
}

QList<review::DecisionStatus> statuses()
{
    using review::DecisionStatus;
    return {DecisionStatus::Open, DecisionStatus::Mitigated, DecisionStatus::Accepted,
            DecisionStatus::Transferred, DecisionStatus::NotApplicable};
}

QString statusLabel(review::DecisionStatus status)
{
    switch (status) {
    case review::DecisionStatus::Open:
        return tr("open");
    case review::DecisionStatus::Mitigated:
        return tr("mitigated");
    case review::DecisionStatus::Accepted:
        return tr("accepted");
    case review::DecisionStatus::Transferred:
        return tr("transferred");
    case review::DecisionStatus::NotApplicable:
        return tr("not applicable");
    }
    return QString();
}

QString statusTitle(review::DecisionStatus status)
{
    QString text = statusLabel(status);
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QString severityLabel(rules::Severity severity)
{
    switch (severity) {
    case rules::Severity::Critical:
        return tr("Critical");
    case rules::Severity::High:
        return tr("High");
    case rules::Severity::Medium:
        return tr("Medium");
    case rules::Severity::Low:
        return tr("Low");
    case rules::Severity::Info:
        return tr("Info");
    }
    return QString();
}

QString elementDescription(const ReviewDocument &document, const QString &elementId)
{
    if (const system::Element *element = document.element(elementId)) {
        QString what = element->role;
        what.replace(u'-', u' ');
        if (what.isEmpty())
            what = kindName(element->kind);
        else if (what == u"api")
            what = tr("API service");
        else if (what == u"web")
            what = tr("web service");
        return QStringLiteral("%1 (%2)").arg(element->name, what);
    }
    if (const system::DataFlow *flow = flowById(document, elementId)) {
        QString text = tr("flow %1").arg(threatlabels::elementName(document, elementId));
        if (!flow->label.isEmpty())
            text += QStringLiteral(" (%1)").arg(flow->label);
        return text;
    }
    return elementId;
}

} // namespace threatdock::views::threattext
