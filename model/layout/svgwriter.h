#pragma once

#include "diagram.h"

#include <QByteArray>

namespace threatdock::layout {

/// Writes a laid-out Diagram as a standalone SVG 1.1 document that looks like
/// DiagramPainter's drawing (same shapes, colours and sizes). Needs no font database:
/// text is written as text. Every element is one `<g class="node" data-element="ID">`,
/// every flow one `<g class="edge" data-flow="ID">`, every trust boundary one
/// `<g class="cluster" data-boundary="ID">`.
class SvgWriter final
{
public:
    static QByteArray write(const Diagram &diagram);
};

} // namespace threatdock::layout
