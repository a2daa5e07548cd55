#pragma once

#include "analysisreport.h"
#include "comparison.h"
#include "hardening/hardeningplan.h"
#include "layout/diagram.h"
#include "scans/runtimeverifier.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::review {
class ReviewStore;
}

namespace threatdock::report {

/// One change of the hardening, with whether it was applied (the workbench records the
/// changes it wrote).
struct HardeningStep
{
    QString service;
    QString target; ///< "compose.hardening.yaml", "api/Dockerfile", ...
    QString title;  ///< what it sets
    QStringList rules;
    bool applied = false;
};

/// The hardening a session planned or applied, with the counts before and after when
/// both analyses are known (-1 = unknown).
struct HardeningRecord
{
    QList<HardeningStep> steps;
    int findingsBefore = -1;
    int findingsAfter = -1;
    int openThreatsBefore = -1;
    int openThreatsAfter = -1;
};

/// Everything a report is made from: the analysis and its diagram, the review file (its
/// decisions, owners, notes, history and scan runs) when there is one, what the workshop
/// adds, and the hardening results when they exist: the plan, the comparison with the
/// project before hardening, the runtime verification of the running containers. The
/// report only reads the review.
struct ReportInput
{
    AnalysisReport analysis;
    layout::Diagram diagram;
    const review::ReviewStore *review = nullptr;
    QString title;            ///< "" = "Threat model report"
    QStringList participants; ///< reviewers, as they want to be named
    QDateTime generatedAt;    ///< null = now
    /// What the workbench planned or applied in this session.
    std::optional<HardeningRecord> hardening;
    /// The hardening plan for this analysis (HardeningPlanner).
    std::optional<hardening::HardeningPlan> hardeningPlan;
    /// This analysis compared with a baseline (the project before hardening).
    std::optional<AnalysisComparison> comparison;
    /// The running containers as inspected; without it, the review's latest docker scan
    /// run (threatdock-cli verify --review) stands in.
    std::optional<scans::RuntimeVerification> verification;
};

} // namespace threatdock::report
