#include "svgwriter.h"

#include "diagrampainter.h"
#include "diagramstyle.h"

#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>

namespace threatdock::layout {

namespace {

QString num(qreal v)
{
    const qreal rounded = std::round(v * 100) / 100;
    return QString::number(rounded == 0 ? 0 : rounded, 'g', 10);
}

QString pt(QPointF p)
{
    return num(p.x()) + u',' + num(p.y());
}

QString color(const QColor &c)
{
    return c.name(QColor::HexRgb);
}

/// Shortens text that the estimate says is wider than width, keeping both ends.
QString elide(const QString &text, qreal size, qreal width)
{
    if (DiagramStyle::textWidth(text, size) <= width)
        return text;
    QString head = text.left(text.size() / 2);
    QString tail = text.mid(text.size() / 2);
    while (!head.isEmpty() && DiagramStyle::textWidth(head + QChar(0x2026) + tail, size) > width) {
        if (head.size() >= tail.size())
            head.chop(1);
        else
            tail.remove(0, 1);
    }
    return head + QChar(0x2026) + tail;
}

QString pathData(const QPainterPath &path)
{
    QStringList parts;
    for (int i = 0; i < path.elementCount(); ++i) {
        const QPainterPath::Element e = path.elementAt(i);
        switch (e.type) {
        case QPainterPath::MoveToElement:
            parts << QStringLiteral("M") + pt(e);
            break;
        case QPainterPath::LineToElement:
            parts << QStringLiteral("L") + pt(e);
            break;
        case QPainterPath::CurveToElement:
            parts << QStringLiteral("C") + pt(e);
            break;
        case QPainterPath::CurveToDataElement:
            parts << pt(e);
            break;
        }
    }
    return parts.join(u' ');
}

class Writer
{
public:
    explicit Writer(QByteArray *out)
        : m_xml(out)
    {
        m_xml.setAutoFormatting(true);
    }

    void document(const Diagram &diagram)
    {
        const QRectF area = DiagramPainter::paintedRect(diagram);
        m_xml.writeStartDocument();
        m_xml.writeStartElement(QStringLiteral("svg"));
        m_xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/2000/svg"));
        m_xml.writeAttribute(QStringLiteral("version"), QStringLiteral("1.1"));
        m_xml.writeAttribute(QStringLiteral("width"), num(area.width()) + QStringLiteral("pt"));
        m_xml.writeAttribute(QStringLiteral("height"), num(area.height()) + QStringLiteral("pt"));
        m_xml.writeAttribute(QStringLiteral("viewBox"),
                             num(area.x()) + u' ' + num(area.y()) + u' ' + num(area.width()) + u' '
                                 + num(area.height()));
        m_xml.writeAttribute(QStringLiteral("font-family"), DiagramStyle::fontFamilies());
        rect(area, QStringLiteral("#ffffff"), QString());
        clusters(diagram);
        for (const DiagramEdge &e : diagram.edges)
            edge(e);
        for (const DiagramNode &n : diagram.nodes)
            node(n);
        m_xml.writeEndElement();
        m_xml.writeEndDocument();
    }

private:
    void start(const QString &element, std::initializer_list<std::pair<QString, QString>> attrs)
    {
        m_xml.writeStartElement(element);
        for (const auto &[name, value] : attrs)
            if (!value.isEmpty())
                m_xml.writeAttribute(name, value);
    }
    void end() { m_xml.writeEndElement(); }

    void rect(const QRectF &r, const QString &fill, const QString &stroke, qreal radius = 0,
              const QString &extra = QString())
    {
        start(QStringLiteral("rect"),
              {{QStringLiteral("x"), num(r.x())},
               {QStringLiteral("y"), num(r.y())},
               {QStringLiteral("width"), num(r.width())},
               {QStringLiteral("height"), num(r.height())},
               {QStringLiteral("rx"), radius > 0 ? num(radius) : QString()},
               {QStringLiteral("fill"), fill},
               {QStringLiteral("stroke"), stroke},
               {QStringLiteral("stroke-dasharray"), extra}});
        end();
    }

    void text(QPointF anchor, const QString &content, qreal size, const QColor &fill,
              const QString &anchorMode, const QString &weight = QString())
    {
        start(QStringLiteral("text"),
              {{QStringLiteral("x"), num(anchor.x())},
               {QStringLiteral("y"), num(anchor.y())},
               {QStringLiteral("font-size"), num(size)},
               {QStringLiteral("font-weight"), weight},
               {QStringLiteral("fill"), color(fill)},
               {QStringLiteral("text-anchor"), anchorMode},
               {QStringLiteral("dominant-baseline"), QStringLiteral("central")}});
        m_xml.writeCharacters(content);
        end();
    }

    void clusters(const Diagram &diagram)
    {
        QList<const DiagramCluster *> sorted;
        for (const DiagramCluster &c : diagram.clusters)
            sorted.append(&c);
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto *a, const auto *b) {
            return a->rect.width() * a->rect.height() > b->rect.width() * b->rect.height();
        });
        for (const DiagramCluster *c : std::as_const(sorted)) {
            start(QStringLiteral("g"),
                  {{QStringLiteral("class"), QStringLiteral("cluster")},
                   {QStringLiteral("data-boundary"), c->boundaryId}});
            const QString stroke = color(DiagramStyle::clusterStroke(*c));
            rect(c->rect, color(DiagramStyle::clusterFill(*c)), stroke, 10, QStringLiteral("5,3"));
            const QString caption = elide(DiagramStyle::clusterCaption(*c),
                                          DiagramStyle::clusterFontSize, c->rect.width() - 16);
            text(QPointF(c->rect.left() + 8, c->labelPos.y()), caption,
                 DiagramStyle::clusterFontSize, DiagramStyle::clusterStroke(*c),
                 QStringLiteral("start"), QStringLiteral("600"));
            end();
        }
    }

    void edge(const DiagramEdge &e)
    {
        const QColor c = DiagramStyle::edgeColor(e.exposure);
        start(QStringLiteral("g"),
              {{QStringLiteral("class"), QStringLiteral("edge")},
               {QStringLiteral("data-flow"), e.flowId},
               {QStringLiteral("data-exposure"), e.exposure}});
        start(QStringLiteral("path"),
              {{QStringLiteral("d"), pathData(e.path)},
               {QStringLiteral("fill"), QStringLiteral("none")},
               {QStringLiteral("stroke"), color(c)},
               {QStringLiteral("stroke-width"), num(DiagramStyle::edgeWidth(e.exposure))}});
        end();
        if (!e.path.isEmpty()) {
            const QPointF end0 = e.path.currentPosition();
            QPointF dir = e.arrowTip - end0;
            const qreal len = std::hypot(dir.x(), dir.y());
            if (len >= 0.5) {
                const QPointF unit = dir / len;
                const QPointF normal(-unit.y(), unit.x());
                const QPointF base = e.arrowTip - unit * std::max(len, 7.0);
                start(QStringLiteral("polygon"),
                      {{QStringLiteral("points"),
                        pt(e.arrowTip) + u' ' + pt(base + normal * 3.8) + u' '
                            + pt(base - normal * 3.8)},
                       {QStringLiteral("fill"), color(c)}});
                end();
            }
        }
        if (!e.label.isEmpty()) {
            const qreal width = DiagramStyle::textWidth(e.label, DiagramStyle::smallFontSize) + 6;
            start(QStringLiteral("rect"),
                  {{QStringLiteral("x"), num(e.labelPos.x() - width / 2)},
                   {QStringLiteral("y"), num(e.labelPos.y() - 6.5)},
                   {QStringLiteral("width"), num(width)},
                   {QStringLiteral("height"), QStringLiteral("13")},
                   {QStringLiteral("rx"), QStringLiteral("3")},
                   {QStringLiteral("fill"), QStringLiteral("#ffffff")},
                   {QStringLiteral("fill-opacity"), QStringLiteral("0.88")}});
            end();
            text(e.labelPos, e.label, DiagramStyle::smallFontSize, c.darker(130),
                 QStringLiteral("middle"));
        }
        end();
    }

    void shape(const DiagramNode &n)
    {
        const QString fill = color(DiagramStyle::nodeFill(n.shape));
        const QString stroke = color(DiagramStyle::nodeStroke(n.shape));
        const QRectF r = n.rect;
        if (n.shape == u"datastore") {
            const qreal ry = std::min(7.0, r.height() / 4);
            const QString rx = num(r.width() / 2) + u',' + num(ry);
            const QString d = QStringLiteral("M") + pt(QPointF(r.left(), r.top() + ry))
                + QStringLiteral(" L") + pt(QPointF(r.left(), r.bottom() - ry))
                + QStringLiteral(" A") + rx + QStringLiteral(" 0 0 0 ")
                + pt(QPointF(r.right(), r.bottom() - ry)) + QStringLiteral(" L")
                + pt(QPointF(r.right(), r.top() + ry)) + QStringLiteral(" A") + rx
                + QStringLiteral(" 0 0 0 ") + pt(QPointF(r.left(), r.top() + ry))
                + QStringLiteral(" A") + rx + QStringLiteral(" 0 0 0 ")
                + pt(QPointF(r.right(), r.top() + ry));
            start(QStringLiteral("path"),
                  {{QStringLiteral("class"), QStringLiteral("shape")},
                   {QStringLiteral("d"), d},
                   {QStringLiteral("fill"), fill},
                   {QStringLiteral("stroke"), stroke},
                   {QStringLiteral("stroke-width"), QStringLiteral("1.4")}});
            end();
            return;
        }
        start(QStringLiteral("rect"),
              {{QStringLiteral("class"), QStringLiteral("shape")},
               {QStringLiteral("x"), num(r.x())},
               {QStringLiteral("y"), num(r.y())},
               {QStringLiteral("width"), num(r.width())},
               {QStringLiteral("height"), num(r.height())},
               {QStringLiteral("rx"), n.shape == u"process" ? QStringLiteral("8") : QString()},
               {QStringLiteral("fill"), fill},
               {QStringLiteral("stroke"), stroke},
               {QStringLiteral("stroke-width"), QStringLiteral("1.4")}});
        end();
    }

    void node(const DiagramNode &n)
    {
        start(QStringLiteral("g"),
              {{QStringLiteral("class"), QStringLiteral("node")},
               {QStringLiteral("data-element"), n.elementId},
               {QStringLiteral("data-shape"), n.shape}});
        start(QStringLiteral("title"), {});
        m_xml.writeCharacters(n.elementId);
        end();
        shape(n);
        const QRectF r = n.rect;
        const QColor stroke = DiagramStyle::nodeStroke(n.shape);
        const qreal top = r.top() + (n.shape == u"datastore" ? 17 : 5);
        if (!n.role.isEmpty()) {
            const qreal width = std::min(
                DiagramStyle::textWidth(n.role, DiagramStyle::smallFontSize) + 10, r.width() - 10);
            start(QStringLiteral("rect"),
                  {{QStringLiteral("x"), num(r.center().x() - width / 2)},
                   {QStringLiteral("y"), num(top)},
                   {QStringLiteral("width"), num(width)},
                   {QStringLiteral("height"), QStringLiteral("12")},
                   {QStringLiteral("rx"), QStringLiteral("6")},
                   {QStringLiteral("fill"), color(stroke)},
                   {QStringLiteral("fill-opacity"), QStringLiteral("0.16")}});
            end();
            text(QPointF(r.center().x(), top + 6),
                 elide(n.role, DiagramStyle::smallFontSize, width - 4), DiagramStyle::smallFontSize,
                 stroke, QStringLiteral("middle"));
        }
        const qreal nameTop = n.role.isEmpty() ? r.top() : top + 12;
        const qreal nameBottom = r.bottom() - (n.shape == u"datastore" ? 4 : 0);
        text(QPointF(r.center().x(), (nameTop + nameBottom) / 2),
             elide(n.label, DiagramStyle::nameFontSize, r.width() - 10), DiagramStyle::nameFontSize,
             DiagramStyle::textColor(), QStringLiteral("middle"), QStringLiteral("600"));
        badge(n);
        end();
    }

    void badge(const DiagramNode &n)
    {
        if (!n.badge)
            return;
        const QString label = DiagramStyle::badgeText(BadgeInfo{*n.badge, n.openThreats});
        const qreal width
            = std::max(DiagramStyle::textWidth(label, DiagramStyle::smallFontSize) + 9, 16.0);
        const QRectF box(n.rect.right() - width + 6, n.rect.top() - 8, width, 16);
        start(QStringLiteral("g"),
              {{QStringLiteral("class"), QStringLiteral("badge")},
               {QStringLiteral("data-severity"), rules::severityName(*n.badge)}});
        rect(box, color(DiagramStyle::severityColor(*n.badge)), QStringLiteral("#ffffff"), 8);
        text(box.center(), label, DiagramStyle::smallFontSize, Qt::white, QStringLiteral("middle"),
             QStringLiteral("bold"));
        end();
    }

    QXmlStreamWriter m_xml;
};

} // namespace

QByteArray SvgWriter::write(const Diagram &diagram)
{
    QByteArray out;
    Writer writer(&out);
    writer.document(diagram);
    return out;
}

} // namespace threatdock::layout
