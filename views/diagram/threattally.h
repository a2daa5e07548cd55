#pragma once

#include "rules/severity.h"

#include <QHash>
#include <QString>

#include <array>
#include <optional>

namespace threatdock::threats {
struct Threat;
}

namespace threatdock::views {

class ReviewDocument;

/// What an element's badge and tooltip say about its threats: the open ones (decision
/// open, not mitigated by configuration) that pass the document's filters, counted by
/// severity, and how many of its threats pass the filters at all.
struct ThreatTally
{
    std::array<int, 5> openBySeverity{}; ///< indexed by rules::Severity
    int open = 0;
    int passingFilter = 0; ///< any decision
    std::optional<rules::Severity> worstOpen;

    int openAt(rules::Severity severity) const
    {
        return openBySeverity.at(static_cast<std::size_t>(severity));
    }

    /// The tally of an element's (or a flow's) threats in the document as it is now.
    static ThreatTally of(const ReviewDocument &document, const QString &elementId);
    /// The tallies of every element and flow with threats, in one pass over the threats.
    static QHash<QString, ThreatTally> ofAll(const ReviewDocument &document);
    /// Whether the document filters threats at all (a STRIDE letter or a minimum
    /// severity above info).
    static bool filterActive(const ReviewDocument &document);

private:
    void add(const ReviewDocument &document, const threats::Threat &threat);
};

} // namespace threatdock::views
