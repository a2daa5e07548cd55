#pragma once

#include "analysisinput.h"
#include "finding.h"
#include "ruleset.h"

#include <QList>

namespace threatdock::rules {

/// Runs rules over an analysis input: built-in rules through their registered checks,
/// user rules through CustomRule. Findings come back sorted (severity, file, line, id),
/// each with its rule's metadata and redacted evidence.
class RuleEngine final
{
public:
    explicit RuleEngine(const RuleSet &rules = RuleSet::builtIn());

    QList<Finding> run(const AnalysisInput &input) const;

    const RuleSet &rules() const { return m_rules; }

private:
    RuleSet m_rules;
};

} // namespace threatdock::rules
