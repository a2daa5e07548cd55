#pragma once

#include "compose/composeloader.h"
#include "compose/diagnostic.h"
#include "layout/diagram.h"
#include "report/analysisreport.h"
#include "rules/analysisinput.h"
#include "rules/ruleset.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace threatdock::analysis {

/// What to analyse and how: the compose files (as `docker compose` finds them), a user
/// rules file, and whether to lay the diagram out.
struct AnalysisRequest
{
    /// How to load the project; analysis is lenient (values Compose refuses become
    /// warnings) unless the caller says otherwise.
    compose::ComposeLoader::Options load = lenientOptions();
    /// A user rules file (YAML, `match:` language) added to the built-in rules; "" = none.
    QString rulesFile;
    /// Lay out the architecture diagram with Graphviz (the GUI and reports want it).
    bool layoutDiagram = true;
    /// Findings of scanners (Bandit, Trivy, runtime verification) to analyse with the
    /// rules' findings: they appear in the report and evidence the threats.
    QList<rules::Finding> scanFindings;

    static compose::ComposeLoader::Options lenientOptions()
    {
        compose::ComposeLoader::Options options;
        options.lenient = true;
        return options;
    }
};

/// The whole result of analysing a project: the project, the report (findings, system
/// model, threats, ids relative to the project directory, texts redacted), the diagram,
/// and every message. A value: safe to move between threads.
struct AnalysisResult
{
    /// The error that stopped the analysis ("file:line: message"); nullopt when it ran.
    std::optional<compose::Diagnostic> error;
    /// Warnings of the loader, Dockerfiles that could not be read, layout problems.
    QStringList warnings;
    compose::ComposeProject project;
    report::AnalysisReport report;
    layout::Diagram diagram;
    /// Every file the analysis read (compose files, env files, Dockerfiles), absolute:
    /// what a watcher re-analyses on.
    QStringList inputFiles;
    qint64 elapsedMs = 0;
    bool cancelled = false;

    bool ok() const { return !error && !cancelled; }
};

/// Runs rules and the threat model over an input that is already loaded: the engine the
/// CLI's analyze and the GUI share. scanFindings are added to the rules' findings before
/// the threats are derived.
report::AnalysisReport buildReport(const rules::AnalysisInput &input, const rules::RuleSet &rules,
                                   const QList<rules::Finding> &scanFindings = {});

/// Loads the project, reads the user rules, runs the rules, derives the system model and
/// its threats, lays out the diagram. Never throws; a failure is in result.error. Safe
/// to run on any thread; when cancel becomes true between steps the result is
/// abandoned (cancelled set).
AnalysisResult analyzeProject(const AnalysisRequest &request,
                              const std::atomic_bool *cancel = nullptr);

} // namespace threatdock::analysis
