#include "pdfchartobject.h"

#include "barchartpainter.h"

#include <QPainter>

namespace threatdock::report {

PdfChartObject::PdfChartObject(qreal pointsToDevice, qreal width, QObject *parent)
    : QObject(parent)
    , m_scale(pointsToDevice)
    , m_width(width)
{ }

int PdfChartObject::add(const BarChart &chart)
{
    m_charts << chart;
    return int(m_charts.size() - 1);
}

const BarChart *PdfChartObject::chart(const QTextFormat &format) const
{
    const int index = format.intProperty(chartProperty);
    return index >= 0 && index < m_charts.size() ? &m_charts.at(index) : nullptr;
}

QSizeF PdfChartObject::intrinsicSize(QTextDocument *, int, const QTextFormat &format)
{
    const BarChart *c = chart(format);
    return c ? QSizeF(m_width, BarChartPainter::height(*c)) * m_scale : QSizeF();
}

void PdfChartObject::drawObject(QPainter *painter, const QRectF &rect, QTextDocument *, int,
                                const QTextFormat &format)
{
    const BarChart *c = chart(format);
    if (!c)
        return;
    painter->save();
    painter->translate(rect.topLeft());
    painter->scale(m_scale, m_scale);
    BarChartPainter::paint(*painter, QRectF(QPointF(0, 0), rect.size() / m_scale), *c);
    painter->restore();
}

} // namespace threatdock::report
