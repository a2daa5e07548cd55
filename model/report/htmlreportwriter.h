#pragma once

#include "layout/diagram.h"
#include "reportdocument.h"

#include <QByteArray>

namespace threatdock::report {

/// Writes a ReportDocument as one self-contained HTML file (well-formed XHTML, so any
/// XML parser reads it): the styles inline, the architecture diagram and the charts as
/// inline SVG, links between sections and threats as fragment links. Nothing is fetched
/// from elsewhere: no stylesheet, script or image is referenced.
class HtmlReportWriter final
{
public:
    static QByteArray write(const ReportDocument &document, const layout::Diagram &diagram);
};

} // namespace threatdock::report
