#pragma once

#include "analysisreport.h"

#include <QByteArray>
#include <QJsonObject>

namespace threatdock::report {

/// The analysis as JSON, the `analyze --format json` contract:
/// `{"project": {"name", "working_dir", "files", "services"}, "findings": [{"id", "rule",
/// "title", "severity", "service", "file", "line", "evidence", "stride", "attack", "nist",
/// "why"}], "threats": []}`, file paths relative to the project directory.
class FindingsJson final
{
public:
    static QJsonObject toJson(const AnalysisReport &report);
    static QJsonObject findingToJson(const AnalysisReport &report, const rules::Finding &finding);
    static QByteArray write(const AnalysisReport &report);
};

} // namespace threatdock::report
