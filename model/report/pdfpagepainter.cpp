#include "pdfpagepainter.h"

#include "layout/diagrampainter.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace threatdock::report {

namespace {

constexpr qreal coverBand = 200; ///< points: the coloured band at the top of the cover
constexpr qreal maxDiagramScale = 1.6;

/// Draws wrapped text at the top of box; returns the height it took.
qreal drawWrapped(QPainter &painter, const QRectF &box, const QString &text, qreal size,
                  QFont::Weight weight, const QColor &color)
{
    const QFont font = PdfStyle::paintFont(painter, size, weight);
    painter.setFont(font);
    painter.setPen(color);
    const int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
    const QRectF used = QFontMetricsF(font, painter.device()).boundingRect(box, flags, text);
    painter.drawText(box, flags, text);
    return used.height();
}

} // namespace

void PdfPagePainter::paintCover(QPainter &painter, const QSizeF &page,
                                const PdfPageGeometry &geometry, const ReportCover &cover)
{
    const qreal left = geometry.margins.left();
    const qreal width = page.width() - left - geometry.margins.right();
    painter.save();
    painter.fillRect(QRectF(0, 0, page.width(), coverBand), PdfStyle::accent());
    drawWrapped(painter, QRectF(left, 56, width, 20), QStringLiteral("THREATDOCK"),
                PdfStyle::bodySize, QFont::Bold, QColor(0xb8, 0xcc, 0xe4));
    drawWrapped(painter, QRectF(left, 84, width, coverBand - 96), cover.title, 26, QFont::Bold,
                Qt::white);

    qreal y = coverBand + 44;
    y += drawWrapped(painter, QRectF(left, y, width, 20), QStringLiteral("Project"),
                     PdfStyle::bodySize, QFont::Bold, PdfStyle::muted())
        + 2;
    y += drawWrapped(painter, QRectF(left, y, width, 60), cover.project, 20, QFont::Bold,
                     PdfStyle::ink())
        + 6;
    y += drawWrapped(painter, QRectF(left, y, width, 20), QStringLiteral("Generated ") + cover.date,
                     PdfStyle::bodySize + 1, QFont::Normal, PdfStyle::ink())
        + 28;

    y += drawWrapped(painter, QRectF(left, y, width, 20), QStringLiteral("Participants"),
                     PdfStyle::bodySize, QFont::Bold, PdfStyle::muted())
        + 4;
    const QString people = cover.participants.isEmpty() ? QStringLiteral("(not recorded)")
                                                        : cover.participants.join(u'\n');
    y += drawWrapped(painter, QRectF(left, y, width, 200), people, PdfStyle::bodySize + 1,
                     QFont::Normal, PdfStyle::ink())
        + 28;

    painter.setPen(QPen(PdfStyle::rule(), 0.6));
    painter.drawLine(QPointF(left, y - 10), QPointF(left + width, y - 10));
    for (const Field &fact : cover.facts) {
        drawWrapped(painter, QRectF(left, y, 120, 16), fact.label, PdfStyle::bodySize, QFont::Bold,
                    PdfStyle::muted());
        y += drawWrapped(painter, QRectF(left + 124, y, width - 124, 40), plainText(fact.value),
                         PdfStyle::bodySize, QFont::Normal, PdfStyle::ink())
            + 5;
    }
    drawWrapped(painter, QRectF(left, page.height() - geometry.margins.bottom() - 24, width, 30),
                QStringLiteral("Secret values found in the project are redacted (****) everywhere "
                               "in this report. Confidential: for the review participants."),
                PdfStyle::smallSize, QFont::Normal, PdfStyle::muted());
    painter.restore();
}

void PdfPagePainter::paintFrame(QPainter &painter, const QSizeF &page,
                                const PdfPageGeometry &geometry, const PdfPageFrame &frame)
{
    const qreal left = geometry.margins.left();
    const qreal right = page.width() - geometry.margins.right();
    const qreal headerY = geometry.margins.top() - 30;
    const qreal footerY = page.height() - geometry.margins.bottom() + 22;
    painter.save();
    painter.setFont(PdfStyle::paintFont(painter, PdfStyle::smallSize));
    painter.setPen(PdfStyle::muted());
    const QRectF header(left, headerY, right - left, 12);
    painter.drawText(header, Qt::AlignLeft | Qt::AlignVCenter, frame.header);
    painter.drawText(header, Qt::AlignRight | Qt::AlignVCenter, frame.section);
    const QRectF footer(left, footerY, right - left, 12);
    painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, frame.footer);
    painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
                     QStringLiteral("Page %1 of %2").arg(frame.page).arg(frame.pages));
    painter.setPen(QPen(PdfStyle::rule(), 0.5));
    painter.drawLine(QPointF(left, headerY + 16), QPointF(right, headerY + 16));
    painter.drawLine(QPointF(left, footerY - 4), QPointF(right, footerY - 4));
    painter.restore();
}

bool PdfPagePainter::wantsLandscape(const layout::Diagram &diagram)
{
    const QRectF area = layout::DiagramPainter::paintedRect(diagram);
    return area.width() > area.height();
}

void PdfPagePainter::paintDiagramPage(QPainter &painter, const QSizeF &page,
                                      const PdfPageGeometry &geometry, const Heading &heading,
                                      const QString &caption, const layout::Diagram &diagram)
{
    const qreal left = geometry.margins.left();
    const qreal width = page.width() - left - geometry.margins.right();
    const qreal top = geometry.margins.top();
    const qreal bottom = page.height() - geometry.margins.bottom();
    painter.save();
    const qreal titleHeight = drawWrapped(painter, QRectF(left, top, width, 40), heading.text,
                                          PdfStyle::heading1Size, QFont::Bold, PdfStyle::accent());
    const QFont captionFont = PdfStyle::paintFont(painter, PdfStyle::smallSize + 0.5);
    const qreal captionHeight
        = QFontMetricsF(captionFont, painter.device())
              .boundingRect(QRectF(0, 0, width, page.height()), Qt::TextWordWrap, caption)
              .height();
    drawWrapped(painter, QRectF(left, bottom - captionHeight, width, captionHeight + 2), caption,
                PdfStyle::smallSize + 0.5, QFont::Normal, PdfStyle::muted());

    const QRectF box(left, top + titleHeight + 14, width,
                     bottom - captionHeight - 14 - (top + titleHeight + 14));
    const QRectF area = layout::DiagramPainter::paintedRect(diagram);
    if (area.isEmpty() || box.height() <= 0) {
        painter.restore();
        return;
    }
    const qreal scale
        = std::min({box.width() / area.width(), box.height() / area.height(), maxDiagramScale});
    const QSizeF drawn = area.size() * scale;
    painter.translate(box.left() + (box.width() - drawn.width()) / 2,
                      box.top() + (box.height() - drawn.height()) / 2);
    painter.scale(scale, scale);
    painter.translate(-area.topLeft());
    layout::DiagramPainter::paint(painter, diagram);
    painter.restore();
}

} // namespace threatdock::report
