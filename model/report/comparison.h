#pragma once

#include "analysisreport.h"

#include <QList>

namespace threatdock::report {

/// A finding present in both analyses.
struct FindingPair
{
    rules::Finding baseline;
    rules::Finding current;
};

/// A threat present in both analyses: its severity or mitigations may have changed.
struct ThreatPair
{
    threats::Threat baseline;
    threats::Threat current;

    enum class Change { Unchanged, Improved, Worsened };
    /// By severity first; at the same severity, by the number of mitigations in place.
    Change change() const;
};

/// "unchanged", "improved", "worsened".
QString changeName(ThreatPair::Change change);
/// The number of a threat's mitigations that are in place.
int mitigationsInPlace(const threats::Threat &threat);

/// Before and after: the findings and threats of a baseline analysis (the vulnerable
/// project, a review's previous run) compared with a current one, matched by their
/// stable ids (which are relative to each project's directory, so two checkouts of one
/// project compare). Fixed: in the baseline only; remaining: in both; new: in the
/// current only. Each list keeps its analysis's order. A value: the GUI can hold it.
struct AnalysisComparison
{
    AnalysisReport baseline;
    AnalysisReport current;

    QList<rules::Finding> fixedFindings;
    QList<FindingPair> remainingFindings;
    QList<rules::Finding> newFindings;

    QList<threats::Threat> fixedThreats;
    QList<ThreatPair> remainingThreats;
    QList<threats::Threat> newThreats;

    static AnalysisComparison compare(const AnalysisReport &baseline,
                                      const AnalysisReport &current);

    /// The remaining threats whose change() is change.
    QList<ThreatPair> threatsWith(ThreatPair::Change change) const;
};

} // namespace threatdock::report
