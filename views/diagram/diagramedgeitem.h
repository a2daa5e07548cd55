#pragma once

#include "diagramitem.h"

#include "layout/diagram.h"

#include <QColor>

namespace threatdock::views {

/// One data flow of the architecture diagram: Graphviz's spline with its arrow head and
/// its port/protocol label, coloured by exposure (host-only flows grey) or, for a flow
/// from the Internet, by the severity the view gives it.
class DiagramEdgeItem final : public DiagramItem
{
public:
    enum { Type = UserType + 2 };

    DiagramEdgeItem(const layout::DiagramEdge &edge, const DiagramLook *look);

    int type() const override { return Type; }
    QString flowId() const { return m_edge.flowId; }
    const layout::DiagramEdge &edge() const { return m_edge; }

    /// The colour the flow is drawn in instead of its exposure's (invalid = exposure's).
    void setAccent(const QColor &color);
    QColor color() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPolygonF arrowHead() const;
    QRectF labelRect() const;
    qreal width() const;

    layout::DiagramEdge m_edge;
    QColor m_accent;
};

} // namespace threatdock::views
