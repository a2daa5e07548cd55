#include "barchartpainter.h"

#include "pdfstyle.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace threatdock::report {

qreal BarChartPainter::height(const BarChart &chart)
{
    return titleHeight + rowHeight * chart.bars.size() + 4;
}

void BarChartPainter::paint(QPainter &painter, const QRectF &rect, const BarChart &chart)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(PdfStyle::paintFont(painter, PdfStyle::bodySize, QFont::Bold));
    painter.setPen(PdfStyle::accent());
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), titleHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, chart.title);

    const QFont labelFont = PdfStyle::paintFont(painter, PdfStyle::smallSize + 0.5);
    const QFontMetricsF metrics(labelFont, painter.device());
    qreal labelWidth = 0;
    int maximum = 1;
    for (const ChartBar &bar : chart.bars) {
        // The font's pixel size on the device is its size in points: metrics are in points.
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(bar.label));
        maximum = std::max(maximum, bar.value);
    }
    labelWidth = std::min(labelWidth + 8, rect.width() * 0.5);
    const qreal valueWidth = 24;
    const qreal barSpace = std::max<qreal>(10, rect.width() - labelWidth - valueWidth);

    qreal y = rect.top() + titleHeight;
    for (const ChartBar &bar : chart.bars) {
        painter.setFont(labelFont);
        painter.setPen(PdfStyle::ink());
        painter.drawText(QRectF(rect.left(), y, labelWidth - 6, rowHeight),
                         Qt::AlignRight | Qt::AlignVCenter, bar.label);
        const qreal width = barSpace * bar.value / maximum;
        const QRectF barRect(rect.left() + labelWidth, y + 3, std::max<qreal>(width, 0.8),
                             rowHeight - 6);
        painter.setPen(Qt::NoPen);
        painter.setBrush(bar.value > 0 ? bar.color : PdfStyle::rule());
        painter.drawRect(barRect);
        painter.setPen(PdfStyle::ink());
        painter.drawText(QRectF(barRect.right() + 4, y, valueWidth, rowHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, QString::number(bar.value));
        y += rowHeight;
    }
    painter.setPen(QPen(PdfStyle::rule(), 0.6));
    painter.drawLine(QPointF(rect.left() + labelWidth, rect.top() + titleHeight),
                     QPointF(rect.left() + labelWidth, y));
    painter.restore();
}

} // namespace threatdock::report
