#include "diagrampainter.h"

#include "diagramstyle.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

#include <algorithm>

namespace threatdock::layout {

namespace {

/// A font whose size is given in diagram units, whatever the device resolution.
QFont diagramFont(const QPainter &painter, qreal size, QFont::Weight weight = QFont::Normal)
{
    QFont font(DiagramStyle::fontFamily());
    const int dpi = painter.device() ? painter.device()->logicalDpiY() : 72;
    font.setPointSizeF(size * 72.0 / (dpi > 0 ? dpi : 72));
    font.setWeight(weight);
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

void drawText(QPainter &painter, const QRectF &box, const QString &text, qreal size,
              QFont::Weight weight, const QColor &color, int flags = Qt::AlignCenter)
{
    const QFont font = diagramFont(painter, size, weight);
    painter.setFont(font);
    painter.setPen(color);
    const QFontMetricsF metrics(font, painter.device());
    painter.drawText(box, flags, metrics.elidedText(text, Qt::ElideMiddle, box.width()));
}

QPainterPath cylinderBody(const QRectF &r, qreal ry)
{
    QPainterPath path;
    path.moveTo(r.left(), r.top() + ry);
    path.lineTo(r.left(), r.bottom() - ry);
    path.arcTo(QRectF(r.left(), r.bottom() - 2 * ry, r.width(), 2 * ry), 180, 180);
    path.lineTo(r.right(), r.top() + ry);
    path.arcTo(QRectF(r.left(), r.top(), r.width(), 2 * ry), 0, 180);
    path.closeSubpath();
    return path;
}

void paintCluster(QPainter &painter, const DiagramCluster &cluster)
{
    QPen pen(DiagramStyle::clusterStroke(cluster), cluster.internal ? 1.4 : 1.1);
    pen.setStyle(Qt::DashLine);
    painter.setPen(pen);
    painter.setBrush(DiagramStyle::clusterFill(cluster));
    painter.drawRoundedRect(cluster.rect, 10, 10);
    const QString caption = DiagramStyle::clusterCaption(cluster);
    const qreal width = cluster.rect.right() - cluster.rect.left() - 16;
    const QRectF box(cluster.rect.left() + 8, cluster.labelPos.y() - 7, width, 14);
    drawText(painter, box, caption, DiagramStyle::clusterFontSize, QFont::DemiBold,
             DiagramStyle::clusterStroke(cluster), Qt::AlignLeft | Qt::AlignVCenter);
}

QPolygonF arrowHead(const DiagramEdge &edge)
{
    const QPointF end = edge.path.currentPosition();
    QPointF dir = edge.arrowTip - end;
    qreal length = std::hypot(dir.x(), dir.y());
    if (length < 0.5) {
        const qreal angle = qDegreesToRadians(edge.path.angleAtPercent(1.0));
        dir = QPointF(std::cos(angle), -std::sin(angle)) * 8.0;
        length = 8.0;
    }
    const QPointF unit = dir / length;
    const QPointF normal(-unit.y(), unit.x());
    const QPointF base = edge.arrowTip - unit * std::max(length, 7.0);
    return QPolygonF{edge.arrowTip, base + normal * 3.8, base - normal * 3.8};
}

void paintEdge(QPainter &painter, const DiagramEdge &edge)
{
    if (edge.path.isEmpty())
        return;
    const QColor color = DiagramStyle::edgeColor(edge.exposure);
    QPen pen(color, DiagramStyle::edgeWidth(edge.exposure));
    pen.setCapStyle(Qt::RoundCap);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(edge.path);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawPolygon(arrowHead(edge));
}

void paintEdgeLabel(QPainter &painter, const DiagramEdge &edge)
{
    if (edge.label.isEmpty())
        return;
    const QFont font = diagramFont(painter, DiagramStyle::smallFontSize);
    const QFontMetricsF metrics(font, painter.device());
    const qreal width = metrics.horizontalAdvance(edge.label) + 6;
    const QRectF box(edge.labelPos - QPointF(width / 2, 6.5), QSizeF(width, 13));
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 225));
    painter.drawRoundedRect(box, 3, 3);
    drawText(painter, box, edge.label, DiagramStyle::smallFontSize, QFont::Normal,
             DiagramStyle::edgeColor(edge.exposure).darker(130));
}

void paintShape(QPainter &painter, const DiagramNode &node)
{
    const QColor stroke = DiagramStyle::nodeStroke(node.shape);
    painter.setPen(QPen(stroke, 1.4));
    painter.setBrush(DiagramStyle::nodeFill(node.shape));
    const QRectF r = node.rect;
    if (node.shape == u"datastore") {
        const qreal ry = std::min(7.0, r.height() / 4);
        painter.drawPath(cylinderBody(r, ry));
        painter.setBrush(Qt::NoBrush);
        painter.drawArc(QRectF(r.left(), r.top(), r.width(), 2 * ry), 180 * 16, 180 * 16);
    } else if (node.shape == u"external") {
        painter.drawRect(r);
    } else {
        painter.drawRoundedRect(r, 8, 8);
    }
}

void paintNode(QPainter &painter, const DiagramNode &node)
{
    paintShape(painter, node);
    const QRectF r = node.rect;
    const QColor stroke = DiagramStyle::nodeStroke(node.shape);
    const qreal top = r.top() + (node.shape == u"datastore" ? 17 : 5);
    if (!node.role.isEmpty()) {
        const QFont font = diagramFont(painter, DiagramStyle::smallFontSize);
        const QFontMetricsF metrics(font, painter.device());
        const qreal width = std::min(metrics.horizontalAdvance(node.role) + 10, r.width() - 10);
        const QRectF tag(r.center().x() - width / 2, top, width, 12);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(stroke.red(), stroke.green(), stroke.blue(), 40));
        painter.drawRoundedRect(tag, 6, 6);
        drawText(painter, tag, node.role, DiagramStyle::smallFontSize, QFont::Normal, stroke);
    }
    const qreal nameTop = node.role.isEmpty() ? r.top() : top + 12;
    const qreal nameBottom = r.bottom() - (node.shape == u"datastore" ? 4 : 0);
    drawText(painter, QRectF(r.left() + 5, nameTop, r.width() - 10, nameBottom - nameTop),
             node.label, DiagramStyle::nameFontSize, QFont::DemiBold, DiagramStyle::textColor());
}

void paintBadge(QPainter &painter, const DiagramNode &node)
{
    if (!node.badge)
        return;
    const BadgeInfo info{*node.badge, node.openThreats};
    const QString text = DiagramStyle::badgeText(info);
    const QFont font = diagramFont(painter, DiagramStyle::smallFontSize, QFont::Bold);
    const QFontMetricsF metrics(font, painter.device());
    const qreal width = std::max(metrics.horizontalAdvance(text) + 9, 16.0);
    const QRectF box(node.rect.right() - width + 6, node.rect.top() - 8, width, 16);
    painter.setPen(QPen(Qt::white, 1.2));
    painter.setBrush(DiagramStyle::severityColor(*node.badge));
    painter.drawRoundedRect(box, 8, 8);
    drawText(painter, box, text, DiagramStyle::smallFontSize, QFont::Bold, Qt::white);
}

} // namespace

QRectF DiagramPainter::paintedRect(const Diagram &diagram)
{
    const qreal m = DiagramStyle::margin;
    return diagram.bounds.adjusted(-m, -m, m, m);
}

void DiagramPainter::paint(QPainter &painter, const Diagram &diagram)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    QList<const DiagramCluster *> clusters;
    for (const DiagramCluster &c : diagram.clusters)
        clusters.append(&c);
    // Outer boundaries first, so nested ones are drawn on top of them.
    std::stable_sort(clusters.begin(), clusters.end(), [](const auto *a, const auto *b) {
        return a->rect.width() * a->rect.height() > b->rect.width() * b->rect.height();
    });
    for (const DiagramCluster *c : std::as_const(clusters))
        paintCluster(painter, *c);
    for (const DiagramEdge &e : diagram.edges)
        paintEdge(painter, e);
    for (const DiagramNode &n : diagram.nodes)
        paintNode(painter, n);
    for (const DiagramEdge &e : diagram.edges)
        paintEdgeLabel(painter, e);
    for (const DiagramNode &n : diagram.nodes)
        paintBadge(painter, n);
    painter.restore();
}

QImage DiagramPainter::renderImage(const Diagram &diagram, qreal scale)
{
    const QRectF area = paintedRect(diagram);
    constexpr qreal maxPixels = 24e6;
    const qreal pixels = area.width() * area.height() * scale * scale;
    if (pixels > maxPixels)
        scale *= std::sqrt(maxPixels / pixels);
    const QSize size(std::max(1, qCeil(area.width() * scale)),
                     std::max(1, qCeil(area.height() * scale)));
    QImage image(size, QImage::Format_RGB32);
    // 72 dpi: one diagram unit is one point before scaling.
    image.setDotsPerMeterX(2835);
    image.setDotsPerMeterY(2835);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(scale, scale);
    painter.translate(-area.topLeft());
    paint(painter, diagram);
    painter.end();
    return image;
}

QByteArray DiagramPainter::toPng(const Diagram &diagram, qreal scale)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    // Quality 70 is zlib level 2: a big diagram encodes several times faster than at the
    // default level 6, for a somewhat larger file.
    renderImage(diagram, scale).save(&buffer, "PNG", 70);
    return png;
}

} // namespace threatdock::layout
