#pragma once

#include "analysisreport.h"

#include <QByteArray>

namespace threatdock::report {

/// The analysis as a Markdown report: project, a summary by severity, a findings table
/// (severity, rule, title, service, location, evidence) and the details of each finding.
class MarkdownWriter final
{
public:
    static QByteArray write(const AnalysisReport &report);
};

} // namespace threatdock::report
