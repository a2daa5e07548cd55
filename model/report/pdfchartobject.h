#pragma once

#include "reportdocument.h"

#include <QList>
#include <QObject>
#include <QTextObjectInterface>

namespace threatdock::report {

/// Draws the report's bar charts inside a QTextDocument: each chart is one object
/// character whose format names the chart by index. Sizes are in device units.
class PdfChartObject final : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
    Q_DISABLE_COPY_MOVE(PdfChartObject)

public:
    static constexpr int objectType = QTextFormat::UserObject + 1;
    static constexpr int chartProperty = QTextFormat::UserProperty + 1;

    /// pointsToDevice: device units per point; width: the chart's width in points.
    PdfChartObject(qreal pointsToDevice, qreal width, QObject *parent = nullptr);

    /// Keeps the chart; returns the index its format must name.
    int add(const BarChart &chart);

    QSizeF intrinsicSize(QTextDocument *doc, int posInDocument, const QTextFormat &format) override;
    void drawObject(QPainter *painter, const QRectF &rect, QTextDocument *doc, int posInDocument,
                    const QTextFormat &format) override;

private:
    const BarChart *chart(const QTextFormat &format) const;

    qreal m_scale;
    qreal m_width;
    QList<BarChart> m_charts;
};

} // namespace threatdock::report
