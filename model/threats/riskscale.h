#pragma once

#include "rules/severity.h"

#include <QString>

namespace threatdock::threats {

/// ThreatDock's four-level risk scale (also documented in resources/catalog/threats.yaml).
///
/// Likelihood: 1 rare, 2 possible, 3 likely, 4 almost certain.
/// Impact:     1 minor, 2 moderate, 3 major, 4 severe.
/// Risk = likelihood x impact:
///
///   | likelihood \ impact | 1 | 2 | 3  | 4  |
///   |---------------------|---|---|----|----|
///   | 1 rare              | 1 | 2 | 3  | 4  |
///   | 2 possible          | 2 | 4 | 6  | 8  |
///   | 3 likely            | 3 | 6 | 9  | 12 |
///   | 4 almost certain    | 4 | 8 | 12 | 16 |
///
/// Levels: 1-3 low, 4-6 medium, 8-9 high, 12-16 critical.
///
/// A threat's likelihood starts at its template's base value, rises by the worst attached
/// finding's severity steps above low (info and low +0, medium +1, high +2, critical +3)
/// capped at 4, then falls by one for each mitigation in place, never below 1. A threat
/// whose mitigations are all in place is mitigated by configuration: likelihood 1.
class RiskScale final
{
public:
    static constexpr int minimum = 1;
    static constexpr int maximum = 4;

    /// likelihood x impact, both clamped to 1..4.
    static int risk(int likelihood, int impact);
    /// The level of a risk score: Low, Medium, High or Critical.
    static rules::Severity level(int risk);
    static rules::Severity severity(int likelihood, int impact)
    {
        return level(risk(likelihood, impact));
    }
    /// How much a finding of this severity raises a threat's likelihood.
    static int likelihoodRaise(rules::Severity findingSeverity);
    /// The likelihood after findings and mitigations, as described above.
    static int likelihood(int base, int raise, int mitigationsInPlace, bool allMitigated);

    /// "rare", "possible", "likely", "almost certain".
    static QString likelihoodName(int likelihood);
    /// "minor", "moderate", "major", "severe".
    static QString impactName(int impact);
};

} // namespace threatdock::threats
