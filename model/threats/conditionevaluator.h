#pragma once

#include "rules/finding.h"
#include "system/systemmodel.h"
#include "threattemplate.h"

#include <QList>
#include <QStringList>

namespace threatdock::threats {

/// What an element or flow is, for a template: the subject its conditions are evaluated
/// on, with the findings that concern it.
struct ThreatSubject
{
    const system::SystemModel *model = nullptr;
    const system::Element *element = nullptr; ///< set for elements
    const system::DataFlow *flow = nullptr;   ///< set for flows
    QList<const rules::Finding *> findings;   ///< findings on the subject's services

    QString id() const { return element ? element->id : flow->id; }
    /// The element whose facts, role and boundary a condition reads: the element itself,
    /// or a flow's target.
    const system::Element *target() const;
    /// The compose services the subject stands for: its own service, else those of the
    /// processes it exchanges flows with (a flow: the services of both ends).
    QStringList services() const;
};

/// The outcome of a condition: whether it holds, what shows it (file:line and the fact or
/// flow), and the element facts it relied on.
struct ConditionResult
{
    bool holds = false;
    QStringList evidence;
    QStringList facts;
};

/// Evaluates ThreatConditions (the language documented in resources/catalog/threats.yaml).
class ConditionEvaluator final
{
public:
    static ConditionResult evaluate(const ThreatCondition &condition, const ThreatSubject &subject);
    /// True when an element fact is the template fact: equal ignoring case, or the
    /// template fact followed by a qualifier ("memory limit: 512m").
    static bool factMatches(const QString &elementFact, const QString &templateFact);
    /// A short reading of a condition for explanations: "fact privileged".
    static QString describe(const ThreatCondition &condition);
};

} // namespace threatdock::threats
