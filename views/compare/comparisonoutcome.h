#pragma once

#include "rules/severity.h"

#include <QColor>
#include <QString>
#include <Qt>

namespace threatdock::views {

/// Where a row of a before/after comparison stands (report::AnalysisComparison): in the
/// baseline only (fixed), in both analyses (remaining), in the current one only (new).
enum class ComparisonOutcome { Fixed, Remaining, New };

/// The roles both comparison tables answer, so one filter model serves them.
enum ComparisonRole {
    /// The row's ComparisonOutcome (int), every column.
    ComparisonOutcomeRole = Qt::UserRole + 1,
    /// What a column sorts by (severity by rank, location by file then line number).
    ComparisonSortRole,
    /// The finding's or threat's id, every column.
    ComparisonIdRole,
};

/// Texts and colours the comparison's tables and header share.
namespace comparisontext {

/// "fixed", "remaining", "new".
QString outcomeLabel(ComparisonOutcome outcome);
/// "H  high": the severity's letter and word, as the Findings view writes them.
QString severity(rules::Severity severity);
/// The colour of a change for the better (fixed, improved) and for the worse (new,
/// worsened), readable on the application's palette, light or dark.
QColor betterColor();
QColor worseColor();

} // namespace comparisontext

} // namespace threatdock::views
