#pragma once

#include "analysisreport.h"

#include <QByteArray>

namespace threatdock::report {

/// The analysis as plain text for a terminal: one block per finding (severity, rule,
/// location, service, title, then the redacted evidence and why), one block per threat
/// (severity, id, STRIDE, likelihood x impact, mitigations in place, findings) and a count
/// of findings and threats by severity.
class TextWriter final
{
public:
    static QByteArray write(const AnalysisReport &report);
};

} // namespace threatdock::report
