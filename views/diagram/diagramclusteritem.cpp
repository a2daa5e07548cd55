#include "diagramclusteritem.h"

#include "diagramlook.h"

#include "layout/diagramstyle.h"

#include <QFontMetricsF>
#include <QPainter>

namespace threatdock::views {

namespace {

using layout::DiagramStyle;

/// A padlock in a box of the given height: internal networks have no way out.
void paintLock(QPainter &painter, const QRectF &box, const QColor &color)
{
    const qreal u = box.height() / 12;
    painter.save();
    painter.setPen(QPen(color, 1.2 * u, Qt::SolidLine, Qt::RoundCap));
    painter.setBrush(Qt::NoBrush);
    painter.drawArc(QRectF(box.left() + 2.5 * u, box.top() + 0.5 * u, 5 * u, 7 * u), 0, 180 * 16);
    painter.drawLine(QPointF(box.left() + 2.5 * u, box.top() + 4 * u),
                     QPointF(box.left() + 2.5 * u, box.top() + 5.5 * u));
    painter.drawLine(QPointF(box.left() + 7.5 * u, box.top() + 4 * u),
                     QPointF(box.left() + 7.5 * u, box.top() + 5.5 * u));
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(box.left() + 1 * u, box.top() + 5.5 * u, 8 * u, 6 * u), u, u);
    painter.restore();
}

} // namespace

DiagramClusterItem::DiagramClusterItem(const layout::DiagramCluster &cluster,
                                       const DiagramLook *look, qreal z)
    : DiagramItem(look, 1.0, z)
    , m_cluster(cluster)
{ }

QRectF DiagramClusterItem::boundingRect() const
{
    const qreal reach = 2 * look().strokeScale();
    return m_cluster.rect.adjusted(-reach, -reach, reach, reach);
}

void DiagramClusterItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    const QColor stroke = look().clusterStroke(m_cluster);
    QPen pen(stroke, (m_cluster.internal ? 1.4 : 1.1) * look().strokeScale());
    pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(look().clusterFill(m_cluster));
    painter->drawRoundedRect(m_cluster.rect, 10, 10);

    const qreal height = 14 * look().fontScale();
    QRectF box(m_cluster.rect.left() + 8, m_cluster.labelPos.y() - height / 2,
               m_cluster.rect.width() - 16, height);
    if (m_cluster.internal) {
        paintLock(*painter, QRectF(box.left(), box.top() + 1, height - 2, height - 2), stroke);
        box.setLeft(box.left() + height);
    }
    const QFont font = look().font(*painter, DiagramStyle::clusterFontSize, QFont::DemiBold);
    const QFontMetricsF metrics(font, painter->device());
    painter->setFont(font);
    painter->setPen(stroke);
    const QString caption = DiagramStyle::clusterCaption(m_cluster);
    painter->drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(caption, Qt::ElideMiddle, box.width()));
    painter->restore();
}

} // namespace threatdock::views
