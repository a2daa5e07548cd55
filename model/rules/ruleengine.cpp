#include "ruleengine.h"

#include "checkregistry.h"
#include "customrule.h"
#include "findingsink.h"

#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace threatdock::rules {

RuleEngine::RuleEngine(const RuleSet &rules)
    : m_rules(rules)
{ }

QList<Finding> RuleEngine::run(const AnalysisInput &input) const
{
    QList<Finding> findings;
    FindingSink sink(findings);
    const CheckRegistry &registry = CheckRegistry::builtIn();
    for (const Rule &rule : m_rules.rules()) {
        sink.setRule(rule);
        if (!rule.match.isNull()) {
            CustomRule::evaluate(rule, input, sink);
        } else if (const Check *check = registry.find(rule.id)) {
            (*check)(input, sink);
        }
    }
    // Ids are compared across machines and checkouts: paths in them are made relative to
    // the project (or to a lone Dockerfile's directory).
    QString base;
    if (input.hasProject)
        base = input.project.workingDir;
    else if (input.dockerfiles.size() == 1)
        base = QFileInfo(input.dockerfiles.first().path).absolutePath();
    if (!base.isEmpty()) {
        const QString prefix = base + u'/';
        for (Finding &f : findings)
            f.id.replace(prefix, QString());
    }
    // One finding per id: a check that reports the same subject twice is one finding.
    QSet<QString> seen;
    QList<Finding> unique;
    for (const Finding &f : std::as_const(findings)) {
        if (!seen.contains(f.id)) {
            seen.insert(f.id);
            unique << f;
        }
    }
    std::stable_sort(unique.begin(), unique.end(), [](const Finding &a, const Finding &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.file != b.file)
            return a.file < b.file;
        if (a.line != b.line)
            return a.line < b.line;
        return a.id < b.id;
    });
    return unique;
}

} // namespace threatdock::rules
