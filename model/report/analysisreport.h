#pragma once

#include "rules/analysisinput.h"
#include "rules/finding.h"
#include "rules/rule.h"
#include "rules/ruleset.h"
#include "system/systemmodel.h"
#include "threats/threat.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace threatdock::report {

/// What was analysed: the project's name, directory, input files and services.
struct ProjectSummary
{
    QString name;
    QString workingDir; ///< absolute
    QStringList files;  ///< compose, env and Dockerfiles, relative to workingDir
    QStringList services;
};

/// The result of an analysis as every writer sees it: the project, the findings (evidence
/// and why redacted once more here, whatever their source), the rules that ran, and the
/// threat model: the system model and its STRIDE threats (empty for a lone Dockerfile).
struct AnalysisReport
{
    ProjectSummary project;
    QList<rules::Finding> findings;
    QList<rules::Rule> rules;
    system::SystemModel systemModel;
    QList<threats::Threat> threats;

    static AnalysisReport from(const rules::AnalysisInput &input, const rules::RuleSet &ruleSet,
                               const QList<rules::Finding> &findings);
    /// Adds the threat model. Like finding ids, element, flow and threat ids lose the
    /// project directory prefix, and every text (evidence, why, labels, properties) is
    /// redacted once more.
    void setThreatModel(const system::SystemModel &model, const QList<threats::Threat> &threats);

    /// A path as written in outputs: relative to the project directory.
    QString relativePath(const QString &absolute) const;
    const rules::Rule *rule(const QString &id) const;
    /// Number of findings at or above severity.
    qsizetype countAtLeast(rules::Severity severity) const;
    /// Number of threats at or above severity.
    qsizetype threatsAtLeast(rules::Severity severity) const;
};

} // namespace threatdock::report
