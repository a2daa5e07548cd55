#pragma once

#include "comparison.h"

#include <QByteArray>
#include <QJsonObject>

namespace threatdock::report {

/// Writes a before/after comparison (`analyze PATH --compare BASELINE`) as text, JSON or
/// Markdown. Evidence is redacted already (it comes from the two analyses); paths are
/// relative to each project's directory.
///
/// JSON: `{"baseline": {"name", "working_dir"}, "current": {...}, "summary": {"findings":
/// {"fixed", "remaining", "new"}, "threats": {"fixed", "remaining", "new", "improved",
/// "worsened"}}, "findings": {"fixed": [finding], "remaining": [finding +
/// "baseline_severity"], "new": [finding]}, "threats": {"fixed": [threat], "remaining":
/// [threat + "baseline_severity", "baseline_risk", "baseline_mitigations_in_place",
/// "change" ("improved", "worsened", "unchanged")], "new": [threat]}}`; findings and
/// threats as `analyze --format json` writes them.
class ComparisonWriter final
{
public:
    static QJsonObject toJson(const AnalysisComparison &comparison);
    static QByteArray json(const AnalysisComparison &comparison);
    static QByteArray text(const AnalysisComparison &comparison);
    static QByteArray markdown(const AnalysisComparison &comparison);
};

} // namespace threatdock::report
