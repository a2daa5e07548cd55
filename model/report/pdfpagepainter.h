#pragma once

#include "layout/diagram.h"
#include "pdfstyle.h"
#include "reportdocument.h"

#include <QSizeF>
#include <QString>

class QPainter;

namespace threatdock::report {

/// What the running header and footer of one page say.
struct PdfPageFrame
{
    QString header;  ///< left of the header: the report and project
    QString section; ///< right of the header: the section the page is in
    QString footer;  ///< left of the footer: tool and date
    int page = 1;    ///< 1-based
    int pages = 1;
};

/// Paints the pages of the report PDF that are not flowing text: the cover, the
/// architecture diagram (as vectors, scaled to fit, never split) and the running header
/// and footer of every other page. The painter maps points to device units.
class PdfPagePainter final
{
public:
    static void paintCover(QPainter &painter, const QSizeF &page, const PdfPageGeometry &geometry,
                           const ReportCover &cover);
    static void paintFrame(QPainter &painter, const QSizeF &page, const PdfPageGeometry &geometry,
                           const PdfPageFrame &frame);
    static void paintDiagramPage(QPainter &painter, const QSizeF &page,
                                 const PdfPageGeometry &geometry, const Heading &heading,
                                 const QString &caption, const layout::Diagram &diagram);
    /// Whether the diagram goes on a landscape page (it is wider than tall).
    static bool wantsLandscape(const layout::Diagram &diagram);
};

} // namespace threatdock::report
