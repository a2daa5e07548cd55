#include "threatlabels.h"

#include "document/reviewdocument.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QPalette>

namespace threatdock::views::threatlabels {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ThreatLabels", text);
}

} // namespace

QString strideName(const QString &letter)
{
    if (letter == u"S")
        return tr("Spoofing");
    if (letter == u"T")
        return tr("Tampering");
    if (letter == u"R")
        return tr("Repudiation");
    if (letter == u"I")
        return tr("Information disclosure");
    if (letter == u"D")
        return tr("Denial of service");
    if (letter == u"E")
        return tr("Elevation of privilege");
    return letter;
}

QString decisionLabel(const ReviewDocument &document, const threats::Threat &threat)
{
    const review::DecisionStatus status = document.decision(threat.id).status;
    if (status == review::DecisionStatus::Open && threat.mitigatedByConfiguration())
        return tr("mitigated by configuration");
    return review::decisionStatusName(status).replace(u'-', u' ');
}

QString elementName(const ReviewDocument &document, const QString &elementId)
{
    return document.report().systemModel.displayName(elementId);
}

QString summary(const ReviewDocument &document, const threats::Threat &threat)
{
    return rules::severityName(threat.severity) + QStringLiteral(" · ") + strideName(threat.stride)
        + QStringLiteral(" · ") + elementName(document, threat.elementId);
}

QColor textColor(const QColor &color)
{
    const bool darkBase = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    return darkBase && color.lightness() < 140 ? color.lighter(170) : color;
}

} // namespace threatdock::views::threatlabels
