#pragma once

#include "rules/severity.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace threatdock::threats {

/// A mitigation of a threat: in place (with the evidence that shows it) or missing.
struct Mitigation
{
    QString text;
    bool inPlace = false;
    QString evidence; ///< "compose.yaml:12: read_only: true", redacted
};

/// One STRIDE threat to one element of the system model.
struct Threat
{
    /// Stable: "<template id>@<element id>", e.g. "STRIDE-E-escape@service:api";
    /// unchanged when the project is re-analysed, services added or files reordered.
    QString id;
    QString templateId;
    QString title;
    QString description;
    QString stride;    ///< S, T, R, I, D or E
    QString elementId; ///< system::Element id (or DataFlow id for flow threats)
    rules::Severity severity = rules::Severity::Medium; ///< from likelihood x impact
    int likelihood = 2; ///< 1 rare, 2 possible, 3 likely, 4 almost certain
    int impact = 2;     ///< 1 minor, 2 moderate, 3 major, 4 severe
    QStringList attack; ///< ATT&CK technique ids
    QStringList nist;   ///< SP 800-53 r5 control ids
    QString sp800190;
    QList<Mitigation> mitigations;
    QStringList findings; ///< ids of the findings that evidence it
    QString why;          ///< which template, which element, which facts and findings

    /// likelihood x impact (see RiskScale).
    int risk() const { return likelihood * impact; }
    /// Every mitigation the template names is in place in the configuration.
    bool mitigatedByConfiguration() const
    {
        return !mitigations.isEmpty()
            && std::all_of(mitigations.cbegin(), mitigations.cend(),
                           [](const Mitigation &m) { return m.inPlace; });
    }
};

} // namespace threatdock::threats
