#include "riskscale.h"

#include <algorithm>

namespace threatdock::threats {

using rules::Severity;

namespace {

int clamp(int value)
{
    return std::clamp(value, RiskScale::minimum, RiskScale::maximum);
}

} // namespace

int RiskScale::risk(int likelihood, int impact)
{
    return clamp(likelihood) * clamp(impact);
}

Severity RiskScale::level(int risk)
{
    if (risk >= 12)
        return Severity::Critical;
    if (risk >= 8)
        return Severity::High;
    if (risk >= 4)
        return Severity::Medium;
    return Severity::Low;
}

int RiskScale::likelihoodRaise(Severity findingSeverity)
{
    switch (findingSeverity) {
    case Severity::Critical:
        return 3;
    case Severity::High:
        return 2;
    case Severity::Medium:
        return 1;
    case Severity::Low:
    case Severity::Info:
        break;
    }
    return 0;
}

int RiskScale::likelihood(int base, int raise, int mitigationsInPlace, bool allMitigated)
{
    if (allMitigated)
        return minimum;
    const int raised = std::min(maximum, clamp(base) + std::max(0, raise));
    return clamp(raised - std::max(0, mitigationsInPlace));
}

QString RiskScale::likelihoodName(int likelihood)
{
    switch (clamp(likelihood)) {
    case 1:
        return QStringLiteral("rare");
    case 2:
        return QStringLiteral("possible");
    case 3:
        return QStringLiteral("likely");
    default:
        return QStringLiteral("almost certain");
    }
}

QString RiskScale::impactName(int impact)
{
    switch (clamp(impact)) {
    case 1:
        return QStringLiteral("minor");
    case 2:
        return QStringLiteral("moderate");
    case 3:
        return QStringLiteral("major");
    default:
        return QStringLiteral("severe");
    }
}

} // namespace threatdock::threats
