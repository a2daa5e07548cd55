#include "severity.h"

namespace threatdock::rules {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Low:
        return QStringLiteral("low");
    case Severity::Medium:
        return QStringLiteral("medium");
    case Severity::High:
        return QStringLiteral("high");
    case Severity::Critical:
        return QStringLiteral("critical");
    }
    return QString();
}

std::optional<Severity> severityFromName(const QString &name)
{
    for (Severity s :
         {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
        if (name.compare(severityName(s), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

double securitySeverityScore(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return 0.0;
    case Severity::Low:
        return 3.0;
    case Severity::Medium:
        return 5.5;
    case Severity::High:
        return 8.0;
    case Severity::Critical:
        return 9.5;
    }
    return 0.0;
}

} // namespace threatdock::rules
