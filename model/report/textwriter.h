#pragma once

#include "analysisreport.h"

#include <QByteArray>

namespace threatdock::report {

/// The analysis as plain text for a terminal: one block per finding (severity, rule,
/// location, service, title, then the redacted evidence and why) and a count by severity.
class TextWriter final
{
public:
    static QByteArray write(const AnalysisReport &report);
};

} // namespace threatdock::report
