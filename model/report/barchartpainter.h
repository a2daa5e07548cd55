#pragma once

#include "reportdocument.h"

#include <QRectF>

class QPainter;

namespace threatdock::report {

/// Draws a BarChart with QPainter, in points: the title, then one horizontal bar a row
/// with its label on the left and its value at the end of the bar. Vector output on a
/// PDF device.
class BarChartPainter final
{
public:
    /// The height a chart needs, in points.
    static qreal height(const BarChart &chart);
    /// Paints into rect (points; the painter maps points to device units).
    static void paint(QPainter &painter, const QRectF &rect, const BarChart &chart);

    static constexpr qreal rowHeight = 17.0;
    static constexpr qreal titleHeight = 20.0;
};

} // namespace threatdock::report
