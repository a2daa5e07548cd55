#pragma once

#include "pdfstyle.h"
#include "reportdocument.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>

class QPaintDevice;
class QPainter;
class QTextDocument;

namespace threatdock::report {

class PdfChartObject;

/// Where an anchor lands: a page and the distance from its top edge, in points.
struct PdfDestination
{
    int page = 0;
    qreal top = 0;
};

/// A heading of the PDF with the page it is on, for the outline and the running header.
struct PdfHeading
{
    Heading heading;
    int page = 0;
};

/// The flowing part of the report PDF: report blocks laid out by QTextDocument on pages
/// of one size, at the resolution of the PDF device. Tables keep their header row on
/// every page they span; headings never end a page; charts are drawn as vectors.
class PdfTextDocument final
{
public:
    PdfTextDocument(QPaintDevice *device, const PdfPageGeometry &geometry);
    ~PdfTextDocument();
    PdfTextDocument(const PdfTextDocument &) = delete;
    PdfTextDocument &operator=(const PdfTextDocument &) = delete;

    /// Appends a block (a DiagramFigure is not text: the writer draws it on a page).
    void append(const ReportBlock &block);
    /// Appends a table of contents: each heading, linked, with its page number.
    void appendContents(const QList<Heading> &headings, const QHash<QString, int> &pages);

    /// Whether nothing was appended yet.
    bool isEmpty() const;
    /// Lays the pages out; moves headings that would end a page to the next one.
    void layout();
    int pageCount() const;
    /// Every anchor of the text with its page (0-based, within this document).
    QHash<QString, PdfDestination> destinations() const;
    /// The headings (levels 1 and 2) with their page.
    QList<PdfHeading> headings() const;
    /// Paints one page (0-based) in device coordinates.
    void paintPage(QPainter &painter, int page) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace threatdock::report
