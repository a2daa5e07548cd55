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
    /// The hardening plan for this analysis (HardeningPlanner).
    std::optional<hardening::HardeningPlan> hardening;
    /// This analysis compared with a baseline (the project before hardening).
    std::optional<AnalysisComparison> comparison;
    /// The running containers as inspected; without it, the review's latest docker scan
    /// run (threatdock-cli verify --review) stands in.
    std::optional<scans::RuntimeVerification> verification;
};

} // namespace threatdock::report
