#include "comparisonoutcome.h"

#include "inspector/threatlabels.h"

#include "layout/diagramstyle.h"

#include <QCoreApplication>

namespace threatdock::views::comparisontext {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("threatdock::views::comparisontext", text);
}

} // namespace

QString outcomeLabel(ComparisonOutcome outcome)
{
    switch (outcome) {
    case ComparisonOutcome::Fixed:
        return tr("fixed");
    case ComparisonOutcome::Remaining:
        return tr("remaining");
    case ComparisonOutcome::New:
        return tr("new");
    }
    return QString();
}

QString severity(rules::Severity severity)
{
    return layout::DiagramStyle::severityLetter(severity) + QStringLiteral("  ")
        + rules::severityName(severity);
}

QColor betterColor()
{
    return threatlabels::textColor(QColor(0x18, 0x80, 0x38));
}

QColor worseColor()
{
    return threatlabels::textColor(QColor(0xc5, 0x22, 0x1f));
}

} // namespace threatdock::views::comparisontext
