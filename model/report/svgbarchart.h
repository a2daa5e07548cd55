#pragma once

#include "reportdocument.h"

class QXmlStreamWriter;

namespace threatdock::report {

/// Writes a BarChart as an inline `<svg>` element that looks like BarChartPainter's
/// drawing: the title, one horizontal bar a row, labels on the left, values at the end.
class SvgBarChart final
{
public:
    static void write(QXmlStreamWriter &xml, const BarChart &chart, int width = 360);
};

} // namespace threatdock::report
