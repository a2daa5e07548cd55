#pragma once

#include "diagram.h"

#include <QByteArray>
#include <QImage>
#include <QRectF>

class QPainter;

namespace threatdock::layout {

/// Draws a laid-out Diagram with QPainter: trust boundaries as dashed rounded clusters,
/// processes as rounded boxes with a role tag, data stores as cylinders, external
/// entities as rectangles, flows as arrows coloured by exposure, severity badges.
/// One painter for the PNG export, the report PDF and anything else that paints.
/// Needs a QGuiApplication (fonts).
class DiagramPainter final
{
public:
    /// The area paint() covers, in diagram points: the bounds plus a margin.
    static QRectF paintedRect(const Diagram &diagram);

    /// Paints in diagram coordinates (points, y down); the caller sets the transform.
    /// Font sizes follow the device resolution, so 1 unit is 1 point on any device
    /// whose transform maps points to device units.
    static void paint(QPainter &painter, const Diagram &diagram);

    /// A white image of the diagram at scale device pixels per point (reduced when the
    /// image would exceed about 24 megapixels).
    static QImage renderImage(const Diagram &diagram, qreal scale = 2.0);
    static QByteArray toPng(const Diagram &diagram, qreal scale = 2.0);
};

} // namespace threatdock::layout
