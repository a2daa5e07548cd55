#pragma once

#include "compose/diagnostic.h"
#include "rule.h"

#include <QList>
#include <QString>

#include <optional>

namespace threatdock::rules {

/// A set of rules: the built-in catalog (resources/catalog/rules-*.yaml, embedded) and
/// any user rules files. Rule files are YAML: `rules: [{id, title, severity, target,
/// stride, attack, nist, sp800190, cis, cwe, peers: {kics, hadolint, trivy}, rationale,
/// remediation, fix: {compose, dockerfile, description}, match}]`.
class RuleSet final
{
public:
    struct LoadResult
    {
        QList<Rule> rules;
        std::optional<compose::Diagnostic> error; ///< names file:line
        bool ok() const { return !error.has_value(); }
    };

    /// The built-in rules. Their files are part of the program, so a broken one is a bug:
    /// it aborts with the file:line.
    static const RuleSet &builtIn();
    /// Reads rules from a YAML file (built-in or a user's). builtIn marks the rules.
    static LoadResult readFile(const QString &path, bool builtIn = false);

    const QList<Rule> &rules() const { return m_rules; }
    const Rule *find(const QString &id) const;
    /// Adds rules; a rule with an id already present replaces it (user overrides).
    void add(const QList<Rule> &rules);

private:
    QList<Rule> m_rules;
};

} // namespace threatdock::rules
