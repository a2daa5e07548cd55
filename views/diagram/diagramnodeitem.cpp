#include "diagramnodeitem.h"

#include "diagramlook.h"
#include "roleicon.h"

#include "layout/diagramstyle.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace threatdock::views {

namespace {

using layout::DiagramStyle;

constexpr qreal dimmedOpacity = 0.28;
constexpr qreal selectionGap = 4.0; ///< between the shape and the selection outline
constexpr qreal currentGap = 8.0;   ///< between the shape and the walkthrough's halo

bool isDataStore(const layout::DiagramNode &node)
{
    return node.shape == u"datastore";
}

/// The top ellipse's half height of a cylinder drawn in rect.
qreal cylinderCap(const QRectF &rect)
{
    return std::min(7.0, rect.height() / 4);
}

} // namespace

DiagramNodeItem::DiagramNodeItem(const layout::DiagramNode &node, const DiagramLook *look)
    : DiagramItem(look, dimmedOpacity, 2)
    , m_node(node)
{
    setCursor(Qt::PointingHandCursor);
}

void DiagramNodeItem::setBadge(int openThreats, std::optional<rules::Severity> worst)
{
    if (openThreats == m_openThreats && worst == m_worst)
        return;
    prepareGeometryChange();
    m_openThreats = openThreats;
    m_worst = openThreats > 0 ? worst : std::nullopt;
}

void DiagramNodeItem::setSelectedElement(bool selected)
{
    if (selected == m_selected)
        return;
    m_selected = selected;
    update();
}

QString DiagramNodeItem::badgeText() const
{
    return DiagramStyle::badgeText({m_worst.value_or(rules::Severity::Info), m_openThreats});
}

QRectF DiagramNodeItem::badgeRect() const
{
    if (m_openThreats == 0)
        return {};
    const qreal scale = look().fontScale();
    const qreal height = 16 * scale;
    // Bold digits are about 8% wider than the regular advances DiagramStyle estimates.
    const qreal textWidth
        = DiagramStyle::textWidth(badgeText(), DiagramStyle::smallFontSize * scale);
    const qreal width = std::max(textWidth * 1.08 + 9 * scale, height);
    const QRectF r = m_node.rect;
    return QRectF(r.right() - width + 6 * scale, r.top() - height / 2, width, height);
}

QRectF DiagramNodeItem::boundingRect() const
{
    const qreal reach = currentGap + 3 * look().strokeScale();
    QRectF bounds = m_node.rect.adjusted(-reach, -reach, reach, reach);
    if (m_openThreats > 0)
        bounds = bounds.united(badgeRect().adjusted(-2, -2, 2, 2));
    return bounds;
}

QPainterPath DiagramNodeItem::shape() const
{
    QPainterPath path;
    path.addRect(m_node.rect);
    if (m_openThreats > 0)
        path.addRect(badgeRect());
    return path;
}

QPainterPath DiagramNodeItem::outline(const QRectF &rect, qreal radius) const
{
    QPainterPath path;
    if (m_node.shape == u"external") {
        path.addRect(rect);
    } else if (isDataStore(m_node)) {
        // A cylinder: the side walls and both end ellipses, as one silhouette.
        const qreal ry = cylinderCap(rect);
        QPainterPath ends;
        ends.addEllipse(QRectF(rect.topLeft(), QSizeF(rect.width(), 2 * ry)));
        ends.addEllipse(QRectF(rect.left(), rect.bottom() - 2 * ry, rect.width(), 2 * ry));
        path.addRect(rect.adjusted(0, ry, 0, -ry));
        path = path.united(ends);
    } else {
        path.addRoundedRect(rect, radius, radius);
    }
    return path;
}

void DiagramNodeItem::paintHighlights(QPainter &painter) const
{
    const qreal scale = look().strokeScale();
    painter.setBrush(Qt::NoBrush);
    if (isCurrent()) {
        QColor halo = look().current();
        halo.setAlpha(150);
        painter.setPen(QPen(halo, 5 * scale, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        const qreal g = currentGap - 2;
        painter.drawPath(outline(m_node.rect.adjusted(-g, -g, g, g), 12));
    }
    if (m_selected) {
        painter.setPen(
            QPen(look().selection(), 2.5 * scale, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        const qreal g = selectionGap;
        painter.drawPath(outline(m_node.rect.adjusted(-g, -g, g, g), 10));
    }
}

void DiagramNodeItem::paintLabels(QPainter &painter) const
{
    const QRectF r = m_node.rect;
    const qreal scale = look().fontScale();
    const QColor stroke = look().nodeStroke(m_node.shape);
    const QColor roleText = look().roleText(m_node.shape);
    const qreal top = r.top() + (isDataStore(m_node) ? 2 * cylinderCap(r) + 3 : 5);
    const qreal tagHeight = 12 * scale;
    if (!m_node.role.isEmpty()) {
        const qreal icon = RoleIcon::has(m_node.role) ? tagHeight - 2 : 0;
        const QFont font = look().fittingFont(painter, DiagramStyle::smallFontSize, QFont::Normal,
                                              m_node.role, r.width() - 23 - icon);
        const QFontMetricsF metrics(font, painter.device());
        const qreal textWidth = metrics.horizontalAdvance(m_node.role);
        const qreal width = std::min(textWidth + icon + (icon > 0 ? 13 : 10), r.width() - 10);
        const QRectF tag(r.center().x() - width / 2, top, width, tagHeight);
        painter.setPen(Qt::NoPen);
        QColor tint = stroke;
        tint.setAlpha(look().isDark() ? 70 : 40);
        painter.setBrush(tint);
        painter.drawRoundedRect(tag, tagHeight / 2, tagHeight / 2);
        if (icon > 0)
            RoleIcon::paint(painter, QRectF(tag.left() + 4, tag.top() + 1, icon, icon), m_node.role,
                            roleText);
        painter.setFont(font);
        painter.setPen(roleText);
        const QRectF textBox = tag.adjusted(icon > 0 ? icon + 6 : 5, 0, -5, 0);
        painter.drawText(textBox, Qt::AlignCenter,
                         metrics.elidedText(m_node.role, Qt::ElideRight, textBox.width()));
    }
    const qreal nameTop = m_node.role.isEmpty() ? r.top() : top + tagHeight;
    const qreal nameBottom = r.bottom() - (isDataStore(m_node) ? 4 : 0);
    const QRectF nameBox(r.left() + 5, nameTop, r.width() - 10, nameBottom - nameTop);
    const QFont font = look().fittingFont(painter, DiagramStyle::nameFontSize, QFont::DemiBold,
                                          m_node.label, nameBox.width());
    const QFontMetricsF metrics(font, painter.device());
    painter.setFont(font);
    painter.setPen(look().text());
    painter.drawText(nameBox, Qt::AlignCenter,
                     metrics.elidedText(m_node.label, Qt::ElideMiddle, nameBox.width()));
}

void DiagramNodeItem::paintBadge(QPainter &painter) const
{
    if (m_openThreats == 0 || !m_worst)
        return;
    const QRectF box = badgeRect();
    painter.setPen(QPen(look().background(), 1.2 * look().strokeScale()));
    painter.setBrush(DiagramStyle::severityColor(*m_worst));
    painter.drawRoundedRect(box, box.height() / 2, box.height() / 2);
    painter.setFont(look().font(painter, DiagramStyle::smallFontSize, QFont::Bold));
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, badgeText());
}

void DiagramNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    paintHighlights(*painter);
    const QColor stroke = look().nodeStroke(m_node.shape);
    painter->setPen(QPen(stroke, 1.4 * look().strokeScale()));
    painter->setBrush(look().nodeFill(m_node.shape));
    painter->drawPath(outline(m_node.rect, 8));
    if (isDataStore(m_node)) {
        const QRectF r = m_node.rect;
        const qreal ry = cylinderCap(r);
        painter->setBrush(Qt::NoBrush);
        painter->drawArc(QRectF(r.left(), r.top(), r.width(), 2 * ry), 180 * 16, 180 * 16);
    }
    paintLabels(*painter);
    paintBadge(*painter);
    painter->restore();
}

} // namespace threatdock::views
