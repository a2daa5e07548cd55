#include "threattally.h"

#include "document/reviewdocument.h"

namespace threatdock::views {

void ThreatTally::add(const ReviewDocument &document, const threats::Threat &threat)
{
    if (!document.passesFilter(threat))
        return;
    ++passingFilter;
    if (document.decision(threat.id).status != review::DecisionStatus::Open
        || threat.mitigatedByConfiguration())
        return;
    ++open;
    ++openBySeverity.at(static_cast<std::size_t>(threat.severity));
    if (!worstOpen || threat.severity > *worstOpen)
        worstOpen = threat.severity;
}

ThreatTally ThreatTally::of(const ReviewDocument &document, const QString &elementId)
{
    ThreatTally tally;
    for (const threats::Threat &t : document.report().threats)
        if (t.elementId == elementId)
            tally.add(document, t);
    return tally;
}

QHash<QString, ThreatTally> ThreatTally::ofAll(const ReviewDocument &document)
{
    QHash<QString, ThreatTally> tallies;
    for (const threats::Threat &t : document.report().threats)
        tallies[t.elementId].add(document, t);
    return tallies;
}

bool ThreatTally::filterActive(const ReviewDocument &document)
{
    return !document.strideFilter().isEmpty() || document.minimumSeverity() > rules::Severity::Info;
}

} // namespace threatdock::views
