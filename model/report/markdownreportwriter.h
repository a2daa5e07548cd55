#pragma once

#include "layout/diagram.h"
#include "reportdocument.h"

#include <QByteArray>

namespace threatdock::report {

/// Writes a ReportDocument as Markdown (GitHub flavour): the cover as a list, a linked
/// table of contents, headings with `<a id>` anchors, tables, field lists, and the
/// architecture as a Mermaid flowchart (GitHub draws it; the PDF and HTML have the
/// real diagram). Table cells and code use MarkdownWriter's escaping.
class MarkdownReportWriter final
{
public:
    static QByteArray write(const ReportDocument &document, const layout::Diagram &diagram);
};

} // namespace threatdock::report
