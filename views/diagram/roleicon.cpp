#include "roleicon.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

#include <functional>

namespace threatdock::views {

namespace {

// Every icon is drawn in a 16 x 16 box with the painter's pen (the outline colour) and,
// where a part is solid, the pen's colour as brush.
using Drawing = std::function<void(QPainter &)>;

void browserWindow(QPainter &p)
{
    p.drawRoundedRect(QRectF(1.5, 2.5, 13, 11), 1.5, 1.5);
    p.drawLine(QPointF(1.5, 5.5), QPointF(14.5, 5.5));
    p.drawPoint(QPointF(3.5, 4));
    p.drawPoint(QPointF(5.5, 4));
}

void braces(QPainter &p)
{
    QPainterPath left;
    left.moveTo(6, 2);
    left.cubicTo(3.5, 2, 4.5, 7, 2.5, 8);
    left.cubicTo(4.5, 9, 3.5, 14, 6, 14);
    p.drawPath(left);
    QPainterPath right;
    right.moveTo(10, 2);
    right.cubicTo(12.5, 2, 11.5, 7, 13.5, 8);
    right.cubicTo(11.5, 9, 12.5, 14, 10, 14);
    p.drawPath(right);
}

void gear(QPainter &p)
{
    const QPointF c(8, 8);
    for (int i = 0; i < 8; ++i) {
        const qreal a = qDegreesToRadians(45.0 * i);
        const QPointF dir(std::cos(a), std::sin(a));
        p.drawLine(c + dir * 4.6, c + dir * 7.0);
    }
    p.drawEllipse(c, 4.6, 4.6);
    p.drawEllipse(c, 1.8, 1.8);
}

void cylinder(QPainter &p)
{
    p.drawEllipse(QRectF(2.5, 1.5, 11, 4));
    p.drawLine(QPointF(2.5, 3.5), QPointF(2.5, 12.5));
    p.drawLine(QPointF(13.5, 3.5), QPointF(13.5, 12.5));
    p.drawArc(QRectF(2.5, 10.5, 11, 4), 180 * 16, 180 * 16);
    p.drawArc(QRectF(2.5, 6.5, 11, 4), 180 * 16, 180 * 16);
}

void lightning(QPainter &p)
{
    const QPolygonF bolt{QPointF(9.5, 1),  QPointF(3.5, 9),  QPointF(7.5, 9),
                         QPointF(6.5, 15), QPointF(12.5, 7), QPointF(8.5, 7)};
    p.drawPolygon(bolt);
}

void stackedMessages(QPainter &p)
{
    for (int i = 0; i < 3; ++i)
        p.drawRoundedRect(QRectF(1.5 + i * 1.5, 2.5 + i * 4, 10, 3), 1, 1);
    p.drawLine(QPointF(13.5, 3), QPointF(13.5, 13));
}

void twoWayArrows(QPainter &p)
{
    p.drawLine(QPointF(2, 5), QPointF(14, 5));
    p.drawPolyline(QPolygonF{QPointF(11, 2), QPointF(14, 5), QPointF(11, 8)});
    p.drawLine(QPointF(2, 11), QPointF(14, 11));
    p.drawPolyline(QPolygonF{QPointF(5, 8), QPointF(2, 11), QPointF(5, 14)});
}

void cube(QPainter &p)
{
    const QPolygonF outline{QPointF(8, 1.5),  QPointF(14, 4.5), QPointF(14, 11.5),
                            QPointF(8, 14.5), QPointF(2, 11.5), QPointF(2, 4.5)};
    p.drawPolygon(outline);
    p.drawPolyline(QPolygonF{QPointF(2, 4.5), QPointF(8, 7.5), QPointF(14, 4.5)});
    p.drawLine(QPointF(8, 7.5), QPointF(8, 14.5));
}

void disk(QPainter &p)
{
    p.drawRoundedRect(QRectF(1.5, 4.5, 13, 7), 1.5, 1.5);
    p.drawLine(QPointF(1.5, 8), QPointF(14.5, 8));
    p.drawPoint(QPointF(12, 10));
}

void folder(QPainter &p)
{
    const QPolygonF outline{QPointF(1.5, 3.5), QPointF(6, 3.5),     QPointF(7.5, 5),
                            QPointF(14.5, 5),  QPointF(14.5, 13.5), QPointF(1.5, 13.5)};
    p.drawPolygon(outline);
    p.drawLine(QPointF(1.5, 7), QPointF(14.5, 7));
}

void key(QPainter &p)
{
    p.drawEllipse(QPointF(4.5, 8), 3, 3);
    p.drawLine(QPointF(7.5, 8), QPointF(14.5, 8));
    p.drawLine(QPointF(12, 8), QPointF(12, 11));
    p.drawLine(QPointF(14.5, 8), QPointF(14.5, 10.5));
}

void globe(QPainter &p)
{
    p.drawEllipse(QPointF(8, 8), 6.5, 6.5);
    p.drawEllipse(QPointF(8, 8), 2.8, 6.5);
    p.drawLine(QPointF(1.5, 8), QPointF(14.5, 8));
    p.drawLine(QPointF(2.6, 4.5), QPointF(13.4, 4.5));
    p.drawLine(QPointF(2.6, 11.5), QPointF(13.4, 11.5));
}

void screen(QPainter &p)
{
    p.drawRoundedRect(QRectF(1.5, 2, 13, 9), 1, 1);
    p.drawLine(QPointF(8, 11), QPointF(8, 14));
    p.drawLine(QPointF(5, 14), QPointF(11, 14));
}

void server(QPainter &p)
{
    p.drawRoundedRect(QRectF(2, 1.5, 12, 5.5), 1, 1);
    p.drawRoundedRect(QRectF(2, 9, 12, 5.5), 1, 1);
    p.drawPoint(QPointF(4.5, 4.25));
    p.drawPoint(QPointF(4.5, 11.75));
    p.drawLine(QPointF(8, 4.25), QPointF(11.5, 4.25));
    p.drawLine(QPointF(8, 11.75), QPointF(11.5, 11.75));
}

void cloud(QPainter &p)
{
    QPainterPath path;
    path.moveTo(4, 12.5);
    path.arcTo(QRectF(1, 7, 6, 5.5), 270, -180);
    path.arcTo(QRectF(4, 3, 7, 7), 160, -140);
    path.arcTo(QRectF(9.5, 6, 5.5, 6.5), 110, -200);
    path.closeSubpath();
    p.drawPath(path);
}

const QHash<QString, Drawing> &drawings()
{
    static const QHash<QString, Drawing> table{
        {QStringLiteral("web"), browserWindow},
        {QStringLiteral("api"), braces},
        {QStringLiteral("worker"), gear},
        {QStringLiteral("database"), cylinder},
        {QStringLiteral("cache"), lightning},
        {QStringLiteral("queue"), stackedMessages},
        {QStringLiteral("proxy"), twoWayArrows},
        {QStringLiteral("service"), cube},
        {QStringLiteral("volume"), disk},
        {QStringLiteral("bind-mount"), folder},
        {QStringLiteral("secret"), key},
        {QStringLiteral("internet"), globe},
        {QStringLiteral("localhost"), screen},
        {QStringLiteral("docker-host"), server},
        {QStringLiteral("external-network"), cloud},
    };
    return table;
}

} // namespace

bool RoleIcon::has(const QString &role)
{
    return drawings().contains(role);
}

void RoleIcon::paint(QPainter &painter, const QRectF &box, const QString &role, const QColor &color)
{
    const auto it = drawings().constFind(role);
    if (it == drawings().cend())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(box.topLeft());
    painter.scale(box.width() / 16.0, box.height() / 16.0);
    QPen pen(color, 1.4);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    (*it)(painter);
    painter.restore();
}

} // namespace threatdock::views
