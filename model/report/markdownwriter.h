#pragma once

#include "analysisreport.h"

#include <QByteArray>

namespace threatdock::report {

/// The analysis as a Markdown report: project, a summary by severity, a findings table
/// (severity, rule, title, service, location, evidence), the details of each finding, and
/// the threats: a table (severity, STRIDE, element, likelihood × impact, mitigations in
/// place) and each threat's mappings, mitigations with their evidence, findings and why.
class MarkdownWriter final
{
public:
    static QByteArray write(const AnalysisReport &report);

    /// Text safe inside a table cell: backslashes and pipes escaped, on one line.
    static QString tableCell(QString text);
    /// Inline code that survives backticks in the text (and is safe in a table cell).
    static QString inlineCode(const QString &text);
};

} // namespace threatdock::report
