#include "svgbarchart.h"

#include "barchartpainter.h"
#include "layout/diagramstyle.h"

#include <QXmlStreamWriter>

#include <algorithm>

namespace threatdock::report {

namespace {

QString num(qreal value)
{
    return QString::number(value, 'f', 1);
}

} // namespace

void SvgBarChart::write(QXmlStreamWriter &xml, const BarChart &chart, int width)
{
    constexpr qreal row = BarChartPainter::rowHeight;
    constexpr qreal title = BarChartPainter::titleHeight;
    constexpr qreal fontSize = 8;
    const qreal height = BarChartPainter::height(chart);
    qreal labelWidth = 0;
    int maximum = 1;
    for (const ChartBar &bar : chart.bars) {
        labelWidth = std::max(labelWidth, layout::DiagramStyle::textWidth(bar.label, fontSize));
        maximum = std::max(maximum, bar.value);
    }
    labelWidth = std::min(labelWidth + 8, width * 0.5);
    const qreal barSpace = std::max<qreal>(10, width - labelWidth - 24);

    xml.writeStartElement(QStringLiteral("svg"));
    xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/2000/svg"));
    xml.writeAttribute(QStringLiteral("class"), QStringLiteral("chart"));
    xml.writeAttribute(QStringLiteral("width"), QString::number(width));
    xml.writeAttribute(QStringLiteral("height"), num(height));
    xml.writeAttribute(QStringLiteral("viewBox"),
                       QStringLiteral("0 0 %1 %2").arg(width).arg(num(height)));
    xml.writeAttribute(QStringLiteral("font-family"), layout::DiagramStyle::fontFamilies());
    xml.writeAttribute(QStringLiteral("font-size"), num(fontSize));
    xml.writeStartElement(QStringLiteral("title"));
    xml.writeCharacters(chart.title);
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("text"));
    xml.writeAttribute(QStringLiteral("x"), QStringLiteral("0"));
    xml.writeAttribute(QStringLiteral("y"), num(title - 6));
    xml.writeAttribute(QStringLiteral("font-weight"), QStringLiteral("bold"));
    xml.writeAttribute(QStringLiteral("font-size"), QStringLiteral("9"));
    xml.writeAttribute(QStringLiteral("fill"), QStringLiteral("#1f3a5f"));
    xml.writeCharacters(chart.title);
    xml.writeEndElement();
    qreal y = title;
    for (const ChartBar &bar : chart.bars) {
        const qreal barWidth = std::max<qreal>(barSpace * bar.value / maximum, 0.8);
        xml.writeStartElement(QStringLiteral("text"));
        xml.writeAttribute(QStringLiteral("x"), num(labelWidth - 6));
        xml.writeAttribute(QStringLiteral("y"), num(y + row / 2 + 3));
        xml.writeAttribute(QStringLiteral("text-anchor"), QStringLiteral("end"));
        xml.writeCharacters(bar.label);
        xml.writeEndElement();
        xml.writeEmptyElement(QStringLiteral("rect"));
        xml.writeAttribute(QStringLiteral("x"), num(labelWidth));
        xml.writeAttribute(QStringLiteral("y"), num(y + 3));
        xml.writeAttribute(QStringLiteral("width"), num(barWidth));
        xml.writeAttribute(QStringLiteral("height"), num(row - 6));
        xml.writeAttribute(QStringLiteral("fill"),
                           bar.value > 0 ? bar.color.name() : QStringLiteral("#c3cbd4"));
        xml.writeStartElement(QStringLiteral("text"));
        xml.writeAttribute(QStringLiteral("x"), num(labelWidth + barWidth + 4));
        xml.writeAttribute(QStringLiteral("y"), num(y + row / 2 + 3));
        xml.writeCharacters(QString::number(bar.value));
        xml.writeEndElement();
        y += row;
    }
    xml.writeEndElement();
}

} // namespace threatdock::report
