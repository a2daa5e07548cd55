#pragma once

#include "analysisreport.h"

#include <QByteArray>
#include <QJsonObject>

namespace threatdock::report {

/// The analysis as JSON, the `analyze --format json` contract:
/// `{"project": {"name", "working_dir", "files", "services"}, "findings": [{"id", "rule",
/// "title", "severity", "service", "file", "line", "evidence", "stride", "attack", "nist",
/// "why"}], "threats": [{"id", "title", "stride", "element", "severity", "likelihood",
/// "impact", "attack", "nist", "mitigations": [{"text", "in_place", "evidence"}],
/// "findings": [finding ids], "why"} plus "template", "description", "sp800190", "risk",
/// "mitigated_by_configuration"], "system": {"elements", "flows", "boundaries"}}`, file
/// paths relative to the project directory.
class FindingsJson final
{
public:
    static QJsonObject toJson(const AnalysisReport &report);
    static QJsonObject findingToJson(const AnalysisReport &report, const rules::Finding &finding);
    static QJsonObject threatToJson(const threats::Threat &threat);
    /// `{"elements": [...], "flows": [...], "boundaries": [...]}`.
    static QJsonObject systemToJson(const AnalysisReport &report);
    static QByteArray write(const AnalysisReport &report);
};

} // namespace threatdock::report
