#pragma once

#include "rules/analysisinput.h"
#include "rules/finding.h"
#include "rules/rule.h"
#include "rules/ruleset.h"

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
/// and why redacted once more here, whatever their source) and the rules that ran.
/// Threats join when the threat model exists; writers emit an empty list until then.
struct AnalysisReport
{
    ProjectSummary project;
    QList<rules::Finding> findings;
    QList<rules::Rule> rules;

    static AnalysisReport from(const rules::AnalysisInput &input, const rules::RuleSet &ruleSet,
                               const QList<rules::Finding> &findings);

    /// A path as written in outputs: relative to the project directory.
    QString relativePath(const QString &absolute) const;
    const rules::Rule *rule(const QString &id) const;
    /// Number of findings at or above severity.
    qsizetype countAtLeast(rules::Severity severity) const;
};

} // namespace threatdock::report
