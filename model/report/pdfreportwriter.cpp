#include "pdfreportwriter.h"

#include "pdfnavigation.h"
#include "pdfpagepainter.h"
#include "pdftextdocument.h"

#include <QBuffer>
#include <QPainter>
#include <QPdfWriter>

#include <map>
#include <memory>
#include <vector>

namespace threatdock::report {

namespace {

constexpr int numberingPasses = 3;
constexpr int partLimit = 1500; ///< lines of text (about 30 pages) before a part may end
constexpr int tableRows = 120;  ///< rows of a table laid out in one piece

/// About how many lines a block takes.
int weight(const ReportBlock &block)
{
    if (const auto *t = std::get_if<Table>(&block))
        return int(t->rows.size()) + 1;
    if (const auto *f = std::get_if<FieldList>(&block))
        return int(f->fields.size());
    return 1;
}

/// A run of pages of one kind.
struct Part
{
    enum class Kind { Cover, Contents, Text, Diagram };
    Kind kind = Kind::Text;
    std::unique_ptr<PdfTextDocument> text;
    Heading heading; ///< of a diagram page
    QString caption;
    bool landscape = false;
    int firstPage = 0;

    int pageCount() const { return text ? text->pageCount() : 1; }
};

/// Lays the report out into parts, numbers the pages, paints them.
class PdfAssembly
{
public:
    PdfAssembly(const ReportDocument &document, const layout::Diagram &diagram,
                const PdfReportWriter::Options &options, QPdfWriter &writer)
        : m_document(document)
        , m_diagram(diagram)
        , m_options(options)
        , m_writer(writer)
        , m_geometry{options.pageSize, PdfPageGeometry().margins}
        , m_dev(writer.logicalDpiY() / 72.0)
    { }

    void build();
    void numberPages();
    QHash<QString, PdfDestination> destinations() const;
    QList<PdfOutlineEntry> outline() const;
    int pageCount() const { return m_parts.back().firstPage + m_parts.back().pageCount(); }
    bool paint(QString *error);

private:
    std::unique_ptr<PdfTextDocument> newText() const
    {
        return std::make_unique<PdfTextDocument>(&m_writer, m_geometry);
    }
    Part &textPart();
    void append(const ReportBlock &block);
    void appendLongTable(const Table &table);
    std::unique_ptr<PdfTextDocument> contents(const QHash<QString, int> &pages) const;
    QString sectionOf(int page) const;
    void paintPage(QPainter &painter, const Part &part, int page);

    const ReportDocument &m_document;
    const layout::Diagram &m_diagram;
    const PdfReportWriter::Options &m_options;
    QPdfWriter &m_writer;
    PdfPageGeometry m_geometry;
    qreal m_dev;
    std::vector<Part> m_parts;
    std::map<int, QString> m_sections; ///< first page of each section -> its title
    int m_partSize = 0;                ///< weight of the text part being filled
};

void PdfAssembly::append(const ReportBlock &block)
{
    Part &part = textPart();
    if (part.text->isEmpty())
        m_partSize = 0;
    part.text->append(block);
    m_partSize += weight(block);
}

void PdfAssembly::appendLongTable(const Table &table)
{
    // QTextDocument lays a table out again for every page it breaks, so the time grows
    // with the square of its length: a long table is laid out in pieces, each in a part
    // of its own that starts a page with the table's header.
    for (qsizetype first = 0; first < table.rows.size(); first += tableRows) {
        if (first > 0)
            m_parts.push_back(Part{Part::Kind::Text, newText(), {}, {}, false, 0});
        append(Table{table.columns, table.widths, table.rows.mid(first, tableRows)});
    }
}

Part &PdfAssembly::textPart()
{
    if (m_parts.empty() || m_parts.back().kind != Part::Kind::Text) {
        Part part;
        part.text = newText();
        m_parts.push_back(std::move(part));
    }
    return m_parts.back();
}

void PdfAssembly::build()
{
    m_parts.push_back(Part{Part::Kind::Cover, nullptr, {}, {}, false, 0});
    m_parts.push_back(Part{Part::Kind::Contents, contents({}), {}, {}, false, 0});
    // A heading right before the diagram goes onto the diagram's page.
    std::optional<Heading> pending;
    for (const ReportBlock &block : m_document.blocks) {
        if (const auto *figure = std::get_if<DiagramFigure>(&block)) {
            m_parts.push_back(Part{Part::Kind::Diagram, nullptr, pending.value_or(Heading{}),
                                   figure->caption, PdfPagePainter::wantsLandscape(m_diagram), 0});
            pending.reset();
            continue;
        }
        if (pending)
            textPart().text->append(*std::exchange(pending, std::nullopt));
        const auto *heading = std::get_if<Heading>(&block);
        if (heading && heading->level == 1) {
            pending = *heading;
            continue;
        }
        // A long run of elements is laid out in parts of a few dozen pages, each from a
        // new page: moving headings off the end of a page then lays out one part again,
        // not the whole report.
        if (heading && heading->level == 2 && m_partSize >= partLimit)
            m_parts.push_back(Part{Part::Kind::Text, newText(), {}, {}, false, 0});
        if (const auto *table = std::get_if<Table>(&block); table && table->rows.size() > tableRows)
            appendLongTable(*table);
        else
            append(block);
    }
    if (pending)
        textPart().text->append(*pending);
    for (Part &part : m_parts)
        if (part.text)
            part.text->layout();
}

std::unique_ptr<PdfTextDocument> PdfAssembly::contents(const QHash<QString, int> &pages) const
{
    auto text = newText();
    text->appendContents(m_document.contents(), pages);
    text->layout();
    return text;
}

void PdfAssembly::numberPages()
{
    for (int pass = 0; pass < numberingPasses; ++pass) {
        int page = 0;
        for (Part &part : m_parts) {
            part.firstPage = page;
            page += part.pageCount();
        }
        QHash<QString, int> pages;
        const auto all = destinations();
        for (auto it = all.cbegin(); it != all.cend(); ++it)
            pages.insert(it.key(), it->page);
        Part &toc = m_parts.at(1);
        const int before = toc.pageCount();
        toc.text = contents(pages);
        if (toc.pageCount() == before)
            break;
    }
    m_sections.clear();
    for (const PdfOutlineEntry &entry : outline())
        if (entry.level == 1)
            m_sections.emplace(destinations().value(entry.anchor).page, entry.title);
}

QHash<QString, PdfDestination> PdfAssembly::destinations() const
{
    QHash<QString, PdfDestination> result;
    for (const Part &part : m_parts) {
        if (part.text) {
            const auto local = part.text->destinations();
            for (auto it = local.cbegin(); it != local.cend(); ++it)
                result.insert(it.key(), PdfDestination{it->page + part.firstPage, it->top});
        } else if (!part.heading.anchor.isEmpty()) {
            result.insert(part.heading.anchor,
                          PdfDestination{part.firstPage, m_geometry.margins.top()});
        }
    }
    return result;
}

QList<PdfOutlineEntry> PdfAssembly::outline() const
{
    QList<PdfOutlineEntry> entries;
    for (const Part &part : m_parts) {
        if (part.text) {
            for (const PdfHeading &h : part.text->headings())
                entries << PdfOutlineEntry{h.heading.text, h.heading.level, h.heading.anchor};
        } else if (!part.heading.anchor.isEmpty()) {
            entries << PdfOutlineEntry{part.heading.text, part.heading.level, part.heading.anchor};
        }
    }
    return entries;
}

QString PdfAssembly::sectionOf(int page) const
{
    auto it = m_sections.upper_bound(page);
    return it == m_sections.begin() ? QString() : std::prev(it)->second;
}

void PdfAssembly::paintPage(QPainter &painter, const Part &part, int page)
{
    const QSizeF size = part.landscape ? m_geometry.landscape() : m_geometry.portrait();
    const int number = part.firstPage + page;
    if (part.text)
        part.text->paintPage(painter, page);
    painter.save();
    painter.scale(m_dev, m_dev);
    if (part.kind == Part::Kind::Cover) {
        PdfPagePainter::paintCover(painter, size, m_geometry, m_document.cover);
    } else {
        if (part.kind == Part::Kind::Diagram)
            PdfPagePainter::paintDiagramPage(painter, size, m_geometry, part.heading, part.caption,
                                             m_diagram);
        PdfPagePainter::paintFrame(
            painter, size, m_geometry,
            PdfPageFrame{m_document.cover.title + QStringLiteral(" · ") + m_document.cover.project,
                         sectionOf(number),
                         QStringLiteral("ThreatDock " THREATDOCK_VERSION " · ")
                             + m_document.cover.date,
                         number + 1, pageCount()});
    }
    painter.restore();
}

bool PdfAssembly::paint(QString *error)
{
    QPainter painter;
    const int total = pageCount();
    int done = 0;
    for (const Part &part : m_parts) {
        for (int page = 0; page < part.pageCount(); ++page) {
            m_writer.setPageOrientation(part.landscape ? QPageLayout::Landscape
                                                       : QPageLayout::Portrait);
            if (done == 0) {
                if (!painter.begin(&m_writer)) {
                    *error = QStringLiteral("cannot paint the PDF");
                    return false;
                }
            } else if (!m_writer.newPage()) {
                *error = QStringLiteral("cannot start page %1 of the PDF").arg(done + 1);
                return false;
            }
            paintPage(painter, part, page);
            ++done;
            if (m_options.progress && !m_options.progress(done, total)) {
                painter.end();
                *error = QStringLiteral("cancelled");
                return false;
            }
        }
    }
    return painter.end();
}

} // namespace

std::optional<PdfReportWriter::Result> PdfReportWriter::write(const ReportDocument &document,
                                                              const layout::Diagram &diagram,
                                                              const Options &options,
                                                              QString *error)
{
    QString message;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(options.pageSize);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(document.cover.title + QStringLiteral(": ") + document.cover.project);
    writer.setCreator(QStringLiteral("ThreatDock " THREATDOCK_VERSION));
    PdfAssembly assembly(document, diagram, options, writer);
    assembly.build();
    assembly.numberPages();
    if (!assembly.paint(&message)) {
        if (error)
            *error = message;
        return std::nullopt;
    }
    const auto navigable
        = PdfNavigation::apply(buffer.data(), assembly.destinations(), assembly.outline(), error);
    if (!navigable)
        return std::nullopt;
    Result result{navigable->pdf, assembly.pageCount(), {}};
    for (const QString &anchor : navigable->unresolved)
        result.warnings << QStringLiteral("link to a missing anchor: #") + anchor;
    return result;
}

} // namespace threatdock::report
