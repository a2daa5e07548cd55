#pragma once

#include "analysisreport.h"
#include "layout/diagram.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::review {
class ReviewStore;
}

namespace threatdock::report {

/// One check of a running container against its hardened configuration.
struct RuntimeCheck
{
    QString service;
    QString check;    ///< "read-only root filesystem", "runs as non-root user", ...
    QString expected; ///< as configured
    QString observed; ///< as inspected, redacted
    bool passed = false;
};

/// The result of verifying the running containers (docker inspect), when it was run.
struct RuntimeVerification
{
    QDateTime verifiedAt; ///< UTC
    QString engine;       ///< "Docker 24.0.7", ...
    QList<RuntimeCheck> checks;
};

/// One change of the hardening plan, with whether it was applied.
struct HardeningStep
{
    QString service;
    QString target; ///< "compose.hardening.yaml", "api/Dockerfile", ...
    QString title;  ///< what it sets
    QStringList rules;
    bool applied = false;
};

/// The hardening of the project, when it was planned; counts before and after when both
/// analyses are known (-1 = unknown).
struct HardeningRecord
{
    QList<HardeningStep> steps;
    int findingsBefore = -1;
    int findingsAfter = -1;
    int openThreatsBefore = -1;
    int openThreatsAfter = -1;
};

/// Everything a report is made from: the analysis and its diagram, the review file (its
/// decisions, owners, notes, history and scan runs) when there is one, and the extras a
/// workshop adds. The report only reads the review.
struct ReportInput
{
    AnalysisReport analysis;
    layout::Diagram diagram;
    const review::ReviewStore *review = nullptr;
    QString title;            ///< "" = "Threat model report"
    QStringList participants; ///< reviewers, as they want to be named
    QDateTime generatedAt;    ///< null = now
    std::optional<HardeningRecord> hardening;
    std::optional<RuntimeVerification> verification;
};

} // namespace threatdock::report
