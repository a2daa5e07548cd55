#pragma once

#include "compose/diagnostic.h"
#include "compose/origin.h"
#include "system/systemmodel.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace threatdock::threats {

/// One applicability or mitigation condition of a threat template (the condition language
/// is documented at the top of resources/catalog/threats.yaml). Evaluated by
/// ConditionEvaluator against an element or a data flow.
struct ThreatCondition
{
    enum class Op {
        All, ///< every child holds
        Any, ///< one child holds
        Not, ///< the single child does not hold
        Fact,
        Role,
        FromRole,
        ToRole,
        FromKind,
        ToKind,
        Exposure,
        Reason,
        Protocol,
        Port,
        CrossesBoundary,
        ReadOnly,
        InternalNetwork,
        Property,
        Id,
        Text,
        Finding,
    };

    Op op = Op::All;
    QStringList values;         ///< the accepted values (facts, roles, rule ids, ports...)
    bool flag = false;          ///< for the boolean conditions
    QRegularExpression pattern; ///< for id and text
    /// For property: the property names with the pattern each value must match.
    QList<std::pair<QString, QRegularExpression>> properties;
    QList<ThreatCondition> children;
    compose::Origin origin;
};

/// A mitigation a template names; in place when its conditions hold. Without conditions
/// it is advice that configuration cannot show, and never in place.
struct TemplateMitigation
{
    QString text;
    std::optional<ThreatCondition> condition; ///< an All of the `when` list
};

/// A STRIDE-per-element threat template (resources/catalog/threats.yaml).
struct ThreatTemplate
{
    QString id; ///< "STRIDE-E-escape"
    QString stride;
    QString title;
    QString description;
    /// "process", "data-store", "data-flow", "external-entity".
    QStringList kinds;
    QStringList roles; ///< empty: any role (for a flow: its target's role)
    std::optional<ThreatCondition> when;
    QStringList attack;
    QStringList nist;
    QString sp800190;
    int likelihood = 2;
    int impact = 2;
    QList<TemplateMitigation> mitigations;
    QStringList evidence; ///< rule ids whose findings evidence the threat
    /// For flow templates: the ends whose service's findings count, "source" and/or
    /// "target" (default both).
    QStringList evidenceFrom;
    compose::Origin origin;

    bool appliesToFlows() const { return kinds.contains(QStringLiteral("data-flow")); }
};

/// The name a template uses for an element kind: "process", "data-store",
/// "external-entity".
QString elementKindName(system::ElementKind kind);

/// Reads threat template files. The built-in templates are part of the program: a broken
/// file is a bug and aborts with its file:line.
class ThreatTemplateReader final
{
public:
    struct Result
    {
        QList<ThreatTemplate> templates;
        std::optional<compose::Diagnostic> error; ///< names file:line
        bool ok() const { return !error.has_value(); }
    };

    static Result readFile(const QString &path);
    /// The embedded :/catalog/threats.yaml, read once.
    static const QList<ThreatTemplate> &builtIn();
    static QString builtInPath() { return QStringLiteral(":/catalog/threats.yaml"); }
};

} // namespace threatdock::threats
