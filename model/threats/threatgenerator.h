#pragma once

#include "rules/finding.h"
#include "system/systemmodel.h"
#include "threat.h"
#include "threattemplate.h"

#include <QList>

namespace threatdock::threats {

/// STRIDE per element: applies the threat templates (resources/catalog/threats.yaml) to
/// every element and flow of the system model whose applicability condition holds,
/// attaches the findings that evidence each threat (raising its likelihood), recognises
/// mitigations present in the configuration, and rates risk as likelihood x impact on a
/// documented four-level scale. Output is sorted by element then id; ids are stable.
class ThreatGenerator final
{
public:
    static QList<Threat> generate(const system::SystemModel &model,
                                  const QList<rules::Finding> &findings);
    /// The same with other templates (a user's file, or tests).
    static QList<Threat> generate(const system::SystemModel &model,
                                  const QList<rules::Finding> &findings,
                                  const QList<ThreatTemplate> &templates);
};

} // namespace threatdock::threats
