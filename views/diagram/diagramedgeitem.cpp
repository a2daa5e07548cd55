#include "diagramedgeitem.h"

#include "diagramlook.h"

#include "layout/diagramstyle.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QPainterPathStroker>

#include <algorithm>

namespace threatdock::views {

namespace {

using layout::DiagramStyle;

constexpr qreal dimmedOpacity = 0.22;
constexpr qreal hoverReach = 8.0; ///< how far from the line a pointer still hovers it

} // namespace

DiagramEdgeItem::DiagramEdgeItem(const layout::DiagramEdge &edge, const DiagramLook *look)
    : DiagramItem(look, dimmedOpacity, 1)
    , m_edge(edge)
{ }

void DiagramEdgeItem::setAccent(const QColor &color)
{
    if (color == m_accent)
        return;
    m_accent = color;
    update();
}

QColor DiagramEdgeItem::color() const
{
    return m_accent.isValid() ? look().readableStroke(m_accent) : look().edgeColor(m_edge.exposure);
}

qreal DiagramEdgeItem::width() const
{
    return DiagramStyle::edgeWidth(m_edge.exposure) * look().strokeScale();
}

QPolygonF DiagramEdgeItem::arrowHead() const
{
    // Graphviz ends the spline where the arrow head starts; the head runs to arrowTip.
    QLineF shaft(m_edge.path.currentPosition(), m_edge.arrowTip);
    if (shaft.length() < 0.5) {
        shaft = QLineF::fromPolar(8.0, m_edge.path.angleAtPercent(1.0));
        shaft.translate(m_edge.arrowTip - shaft.p2());
    }
    const qreal length = std::max(shaft.length(), 7.0) * std::sqrt(look().strokeScale());
    const qreal halfWidth = 3.8 * std::sqrt(look().strokeScale());
    const QLineF back = QLineF(shaft.p2(), shaft.p1()).unitVector();
    const QPointF direction = back.p2() - back.p1();
    const QPointF base = m_edge.arrowTip + direction * length;
    const QPointF normal(-direction.y() * halfWidth, direction.x() * halfWidth);
    return QPolygonF{m_edge.arrowTip, base + normal, base - normal};
}

QRectF DiagramEdgeItem::labelRect() const
{
    if (m_edge.label.isEmpty())
        return {};
    const qreal scale = look().fontScale();
    const qreal w
        = DiagramStyle::textWidth(m_edge.label, DiagramStyle::smallFontSize * scale) + 6 * scale;
    const qreal h = 13 * scale;
    return QRectF(m_edge.labelPos - QPointF(w / 2, h / 2), QSizeF(w, h));
}

QRectF DiagramEdgeItem::boundingRect() const
{
    const qreal reach = std::max(hoverReach, 6 * look().strokeScale());
    return m_edge.path.boundingRect()
        .united(arrowHead().boundingRect())
        .united(labelRect())
        .adjusted(-reach, -reach, reach, reach);
}

QPainterPath DiagramEdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(2 * hoverReach);
    QPainterPath area = stroker.createStroke(m_edge.path);
    area.addPolygon(arrowHead());
    if (!m_edge.label.isEmpty())
        area.addRect(labelRect());
    return area.simplified();
}

void DiagramEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_edge.path.isEmpty())
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor c = color();
    if (isCurrent()) {
        QColor halo = look().current();
        halo.setAlpha(150);
        painter->setPen(QPen(halo, width() + 6 * look().strokeScale(), Qt::SolidLine, Qt::RoundCap,
                             Qt::RoundJoin));
        painter->drawPath(m_edge.path);
    }
    painter->setPen(QPen(c, width(), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_edge.path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(c);
    painter->drawPolygon(arrowHead());
    if (!m_edge.label.isEmpty()) {
        const QFont font = look().font(*painter, DiagramStyle::smallFontSize);
        const QFontMetricsF metrics(font, painter->device());
        const qreal w = metrics.horizontalAdvance(m_edge.label) + 6 * look().fontScale();
        const qreal h = labelRect().height();
        const QRectF box(m_edge.labelPos - QPointF(w / 2, h / 2), QSizeF(w, h));
        painter->setBrush(look().labelBackground());
        painter->drawRoundedRect(box, 3, 3);
        painter->setFont(font);
        painter->setPen(look().edgeLabelText(c));
        painter->drawText(box, Qt::AlignCenter, m_edge.label);
    }
    painter->restore();
}

} // namespace threatdock::views
