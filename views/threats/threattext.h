#pragma once

#include "review/reviewtypes.h"
#include "rules/severity.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace threatdock::views {

class ReviewDocument;

/// Display texts for threats and decisions, shared by the threats list and the
/// walkthrough so both spell things the same way (with the inspector's threatlabels).
namespace threattext {

/// "S", "T", "R", "I", "D", "E" in STRIDE order (threatlabels::strideName spells them).
QStringList strideLetters();

/// The five decisions in the order of their keys (1 open ... 5 not applicable).
QList<review::DecisionStatus> statuses();
/// "open", "mitigated", "accepted", "transferred", "not applicable".
QString statusLabel(review::DecisionStatus status);
/// The same capitalised, for buttons and lists: "Not applicable".
QString statusTitle(review::DecisionStatus status);

/// "Critical", "High", "Medium", "Low", "Info".
QString severityLabel(rules::Severity severity);

/// The element's name (threatlabels::elementName) with what it is: "api (api service)", "redis
/// (cache)", "Internet (external entity)", "flow api → redis".
QString elementDescription(const ReviewDocument &document, const QString &elementId);

} // namespace threattext

} // namespace threatdock::views
