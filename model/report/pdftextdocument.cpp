#include "pdftextdocument.h"

#include "layout/diagramstyle.h"
#include "pdfchartobject.h"

#include <QAbstractTextDocumentLayout>
#include <QPaintDevice>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextList>
#include <QTextTable>

#include <cmath>

namespace threatdock::report {

namespace {

constexpr qreal fieldLabelWidth = 112; ///< points: the label column of a field list
constexpr int keepTogetherPasses = 4;
constexpr int leadBlocks = 3; ///< blocks kept with a section or element heading

/// Device units per unit of the lengths QTextDocument scales to the device (frame margins,
/// vertical block margins, cell padding, tab stops): measured, since it follows the
/// screen's resolution.
qreal scaledLengthFactor(QPaintDevice *device)
{
    QTextDocument probe;
    probe.documentLayout()->setPaintDevice(device);
    probe.setPlainText(QStringLiteral("x"));
    probe.setDocumentMargin(0);
    QTextFrameFormat format = probe.rootFrame()->frameFormat();
    format.setTopMargin(100);
    probe.rootFrame()->setFrameFormat(format);
    probe.setPageSize(QSizeF(1e6, 1e6));
    const qreal top = probe.documentLayout()->blockBoundingRect(probe.firstBlock()).top();
    return top > 0 ? top / 100 : 1;
}

QString withLineBreaks(QString text)
{
    text.replace(u'\n', QChar(QChar::LineSeparator));
    return text;
}

} // namespace

struct PdfTextDocument::Impl
{
    QTextDocument doc;
    QTextCursor cursor{&doc};
    PdfPageGeometry geometry;
    qreal dev = 1;       ///< device units per point
    qreal fmt = 1;       ///< scaled-length units per point
    QSizeF page;         ///< device units
    qreal textWidth = 0; ///< points
    PdfChartObject *charts = nullptr;
    bool reuseBlock = true;
    bool editing = true;         ///< inside the edit block that defers layout
    QHash<QString, int> anchors; ///< anchor -> document position
    QList<std::pair<Heading, int>> headingBlocks;
    QTextCharFormat base;
    QTextCharFormat code;

    void newBlock(const QTextBlockFormat &block, const QTextCharFormat &chars)
    {
        if (reuseBlock) {
            cursor.setBlockFormat(block);
            cursor.setBlockCharFormat(chars);
            reuseBlock = false;
        } else {
            cursor.insertBlock(block, chars);
        }
    }
    void afterTable()
    {
        cursor.movePosition(QTextCursor::End);
        reuseBlock = true;
    }
    QTextCharFormat spanFormat(const TextSpan &span, const QTextCharFormat &around) const;
    void insertRich(QTextCursor &at, const RichText &text, const QTextCharFormat &around);
    void heading(const Heading &h);
    void paragraph(const RichText &text, const QTextCharFormat &chars);
    void fields(const FieldList &list);
    void bullets(const BulletList &list);
    void notice(const Notice &n);
    QTextTableFormat tableFormat(const QList<int> &widths, bool borders) const;
    void table(const Table &t);
    void cell(QTextTable *table, int row, int column, const TableCell &cell);
    void chartRow(const ChartRow &row);
    QTextBlock leadEnd(const QTextBlock &heading, int level) const;
    /// Whether a heading would end its page (see layout()).
    bool endsPage(const QTextBlock &heading, int level) const;
    int pageOf(qreal y) const { return int(std::floor(y / page.height())); }
    int pageOfBlock(const QTextBlock &block) const
    {
        return pageOf(doc.documentLayout()->blockBoundingRect(block).top());
    }
};

PdfTextDocument::PdfTextDocument(QPaintDevice *device, const PdfPageGeometry &geometry)
    : d(std::make_unique<Impl>())
{
    d->geometry = geometry;
    d->dev = device->logicalDpiY() / 72.0;
    d->fmt = d->dev / scaledLengthFactor(device);
    d->page = geometry.portrait() * d->dev;
    d->textWidth = geometry.portrait().width() - geometry.margins.left() - geometry.margins.right();
    d->doc.documentLayout()->setPaintDevice(device);
    d->doc.setUseDesignMetrics(true);
    d->doc.setDocumentMargin(0);
    QFont font(PdfStyle::family());
    font.setPointSizeF(PdfStyle::bodySize);
    font.setHintingPreference(QFont::PreferNoHinting);
    d->doc.setDefaultFont(font);
    QTextOption option = d->doc.defaultTextOption();
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    d->doc.setDefaultTextOption(option);
    QTextFrameFormat frame = d->doc.rootFrame()->frameFormat();
    frame.setTopMargin(geometry.margins.top() * d->fmt);
    frame.setBottomMargin(geometry.margins.bottom() * d->fmt);
    frame.setLeftMargin(geometry.margins.left() * d->fmt);
    frame.setRightMargin(geometry.margins.right() * d->fmt);
    d->doc.rootFrame()->setFrameFormat(frame);
    d->base.setFont(font);
    // Any letter spacing turns ligatures off: "fi" stays two letters that search and copy
    // find (pdftotext would read the ligature as U+FB01).
    d->base.setFontLetterSpacingType(QFont::AbsoluteSpacing);
    d->base.setFontLetterSpacing(PdfStyle::noLigatureSpacing);
    d->base.setForeground(PdfStyle::ink());
    d->code = d->base;
    d->code.setFontFamilies({PdfStyle::monoFamily()});
    d->code.setFontPointSize(PdfStyle::codeSize);
    d->charts = new PdfChartObject(d->dev, d->textWidth / 2 - 12, &d->doc);
    d->doc.documentLayout()->registerHandler(PdfChartObject::objectType, d->charts);
    // Nothing is laid out until layout(): one pass instead of one per insertion.
    d->cursor.beginEditBlock();
}

PdfTextDocument::~PdfTextDocument() = default;

QTextCharFormat PdfTextDocument::Impl::spanFormat(const TextSpan &span,
                                                  const QTextCharFormat &around) const
{
    QTextCharFormat f = around;
    switch (span.style) {
    case TextSpan::Style::Plain:
        break;
    case TextSpan::Style::Strong:
        f.setFontWeight(QFont::Bold);
        break;
    case TextSpan::Style::Emphasis:
        f.setFontItalic(true);
        break;
    case TextSpan::Style::Code:
        f.setFontFamilies({PdfStyle::monoFamily()});
        f.setFontPointSize(std::min(around.fontPointSize(), PdfStyle::codeSize));
        break;
    }
    if (!span.link.isEmpty()) {
        f.setAnchor(true);
        f.setAnchorHref(u'#' + span.link);
        f.setForeground(PdfStyle::link());
    }
    return f;
}

void PdfTextDocument::Impl::insertRich(QTextCursor &at, const RichText &text,
                                       const QTextCharFormat &around)
{
    for (const TextSpan &span : text)
        if (!span.text.isEmpty())
            at.insertText(withLineBreaks(span.text), spanFormat(span, around));
}

void PdfTextDocument::Impl::heading(const Heading &h)
{
    static const qreal sizes[]
        = {PdfStyle::heading1Size, PdfStyle::heading2Size, PdfStyle::heading3Size};
    const int level = std::clamp(h.level, 1, 3);
    QTextBlockFormat block;
    block.setHeadingLevel(level);
    block.setTopMargin((level == 1 ? 0 : level == 2 ? 14 : 9) * fmt);
    block.setBottomMargin((level == 1 ? 10 : 4) * fmt);
    if (level == 1 && !(reuseBlock && cursor.position() == 0))
        block.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
    QTextCharFormat chars = base;
    chars.setFontPointSize(sizes[level - 1]);
    chars.setFontWeight(QFont::Bold);
    chars.setForeground(level == 3 ? PdfStyle::ink() : PdfStyle::accent());
    if (!h.anchor.isEmpty()) {
        chars.setAnchor(true);
        chars.setAnchorNames({h.anchor});
    }
    newBlock(block, chars);
    const int position = cursor.block().position();
    if (!h.anchor.isEmpty())
        anchors.insert(h.anchor, position);
    headingBlocks << std::make_pair(h, position);
    cursor.insertText(h.text, chars);
}

void PdfTextDocument::Impl::paragraph(const RichText &text, const QTextCharFormat &chars)
{
    QTextBlockFormat block;
    block.setBottomMargin(5 * fmt);
    newBlock(block, chars);
    insertRich(cursor, text, chars);
}

void PdfTextDocument::Impl::fields(const FieldList &list)
{
    // A hanging indent: the label, a tab to the value column, and every further line of
    // the value aligned with it. Left margins and indents are in device units, tab stops
    // in scaled units.
    for (qsizetype i = 0; i < list.fields.size(); ++i) {
        const Field &field = list.fields.at(i);
        QTextBlockFormat block;
        block.setLeftMargin(fieldLabelWidth * dev);
        block.setTextIndent(-fieldLabelWidth * dev);
        block.setTabPositions({QTextOption::Tab(fieldLabelWidth * fmt, QTextOption::LeftTab)});
        block.setTopMargin(1.5 * fmt);
        block.setBottomMargin((i + 1 == list.fields.size() ? 8 : 1.5) * fmt);
        newBlock(block, base);
        QTextCharFormat label = base;
        label.setFontWeight(QFont::Bold);
        label.setForeground(PdfStyle::muted());
        cursor.insertText(field.label, label);
        cursor.insertText(QStringLiteral("\t"), base);
        insertRich(cursor, field.value, base);
    }
}

void PdfTextDocument::Impl::bullets(const BulletList &list)
{
    QTextList *textList = nullptr;
    QTextListFormat format;
    format.setStyle(QTextListFormat::ListDisc);
    for (const RichText &item : list.items) {
        QTextBlockFormat block;
        block.setBottomMargin(2 * fmt);
        newBlock(block, base);
        if (!textList)
            textList = cursor.createList(format);
        else
            textList->add(cursor.block());
        insertRich(cursor, item, base);
    }
}

void PdfTextDocument::Impl::notice(const Notice &n)
{
    QTextTableFormat format = tableFormat({100}, false);
    format.setBackground(PdfStyle::noticeFill());
    format.setCellPadding(6 * fmt);
    QTextTable *t = cursor.insertTable(1, 1, format);
    QTextCursor at = t->cellAt(0, 0).firstCursorPosition();
    insertRich(at, n.text, base);
    afterTable();
}

QTextTableFormat PdfTextDocument::Impl::tableFormat(const QList<int> &widths, bool borders) const
{
    QTextTableFormat format;
    format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
    QList<QTextLength> constraints;
    for (const int w : widths)
        constraints << QTextLength(QTextLength::PercentageLength, w);
    format.setColumnWidthConstraints(constraints);
    format.setCellSpacing(0);
    format.setCellPadding(3 * fmt);
    format.setBorder(borders ? 0.5 * fmt : 0);
    format.setBorderBrush(PdfStyle::rule());
    format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
    format.setBorderCollapse(true);
    format.setTopMargin(3 * fmt);
    format.setBottomMargin(9 * fmt);
    return format;
}

void PdfTextDocument::Impl::cell(QTextTable *table, int row, int column, const TableCell &c)
{
    QTextTableCell tableCell = table->cellAt(row, column);
    QTextCursor at = tableCell.firstCursorPosition();
    if (!c.anchor.isEmpty())
        anchors.insert(c.anchor, at.position());
    QTextCharFormat chars = base;
    chars.setFontPointSize(PdfStyle::bodySize - 0.5);
    if (c.severity) {
        QTextTableCellFormat format = tableCell.format().toTableCellFormat();
        format.setBackground(layout::DiagramStyle::severityColor(*c.severity));
        tableCell.setFormat(format);
        chars.setForeground(Qt::white);
        chars.setFontWeight(QFont::Bold);
        if (c.text.isEmpty()) {
            QString word = rules::severityName(*c.severity);
            word[0] = word.at(0).toUpper();
            at.insertText(QString(layout::DiagramStyle::severityLetter(*c.severity)) + u' ' + word,
                          chars);
            return;
        }
    }
    insertRich(at, c.text, chars);
}

void PdfTextDocument::Impl::table(const Table &t)
{
    QTextTableFormat format = tableFormat(t.widths, true);
    format.setHeaderRowCount(1);
    QTextTable *table = cursor.insertTable(int(t.rows.size()) + 1, int(t.columns.size()), format);
    QTextCharFormat header = base;
    header.setFontWeight(QFont::Bold);
    header.setFontPointSize(PdfStyle::bodySize - 0.5);
    for (int c = 0; c < t.columns.size(); ++c) {
        QTextTableCell headerCell = table->cellAt(0, c);
        QTextTableCellFormat cellFormat = headerCell.format().toTableCellFormat();
        cellFormat.setBackground(PdfStyle::headerFill());
        headerCell.setFormat(cellFormat);
        headerCell.firstCursorPosition().insertText(t.columns.at(c), header);
    }
    for (int r = 0; r < t.rows.size(); ++r)
        for (int c = 0; c < t.columns.size() && c < t.rows.at(r).size(); ++c)
            cell(table, r + 1, c, t.rows.at(r).at(c));
    afterTable();
}

void PdfTextDocument::Impl::chartRow(const ChartRow &row)
{
    if (row.charts.isEmpty())
        return;
    QList<int> widths(row.charts.size(), int(100 / row.charts.size()));
    QTextTable *table = cursor.insertTable(1, int(row.charts.size()), tableFormat(widths, false));
    for (int c = 0; c < row.charts.size(); ++c) {
        QTextCharFormat object;
        object.setObjectType(PdfChartObject::objectType);
        object.setProperty(PdfChartObject::chartProperty, charts->add(row.charts.at(c)));
        table->cellAt(0, c).firstCursorPosition().insertText(
            QString(QChar::ObjectReplacementCharacter), object);
    }
    afterTable();
}

void PdfTextDocument::append(const ReportBlock &block)
{
    if (const auto *h = std::get_if<Heading>(&block))
        d->heading(*h);
    else if (const auto *p = std::get_if<Paragraph>(&block))
        d->paragraph(p->text, d->base);
    else if (const auto *n = std::get_if<Notice>(&block))
        d->notice(*n);
    else if (const auto *f = std::get_if<FieldList>(&block))
        d->fields(*f);
    else if (const auto *b = std::get_if<BulletList>(&block))
        d->bullets(*b);
    else if (const auto *t = std::get_if<Table>(&block))
        d->table(*t);
    else if (const auto *c = std::get_if<ChartRow>(&block))
        d->chartRow(*c);
}

void PdfTextDocument::appendContents(const QList<Heading> &headings,
                                     const QHash<QString, int> &pages)
{
    d->heading(Heading{1, QStringLiteral("Contents"), QStringLiteral("contents"), false});
    for (const Heading &h : headings) {
        const qreal indent = h.level > 1 ? 16 : 0;
        QTextBlockFormat block;
        block.setLeftMargin(indent * d->dev);
        block.setTopMargin((h.level == 1 ? 6 : 1.5) * d->fmt);
        block.setTabPositions(
            {QTextOption::Tab((d->textWidth - indent - 2) * d->fmt, QTextOption::RightTab)});
        QTextCharFormat chars = d->base;
        if (h.level == 1)
            chars.setFontWeight(QFont::Bold);
        d->newBlock(block, chars);
        const QString page = QString::number(pages.value(h.anchor) + 1);
        d->insertRich(d->cursor,
                      {TextSpan::linkTo(h.anchor, h.text), TextSpan::plain(QStringLiteral("\t")),
                       TextSpan::linkTo(h.anchor, page)},
                      chars);
    }
}

QTextBlock PdfTextDocument::Impl::leadEnd(const QTextBlock &heading, int level) const
{
    // What must stay on the heading's page: a threat card whole (up to the next heading),
    // otherwise the next few blocks, and of a table its header and first row.
    QTextBlock end;
    int blocks = 0;
    for (QTextBlock b = heading.next(); b.isValid(); b = b.next()) {
        const int bLevel = b.blockFormat().headingLevel();
        if (bLevel > 0 && (level >= 3 || bLevel <= level))
            break;
        end = b;
        if (const auto *table = qobject_cast<QTextTable *>(doc.frameAt(b.position()))) {
            if (table->cellAt(b.position()).row() >= 1)
                break;
            continue;
        }
        if (level < 3 && ++blocks >= leadBlocks)
            break;
    }
    return end;
}

bool PdfTextDocument::Impl::endsPage(const QTextBlock &heading, int level) const
{
    if (heading.blockFormat().pageBreakPolicy() == QTextFormat::PageBreak_AlwaysBefore)
        return false;
    const QTextBlock end = leadEnd(heading, level);
    if (!end.isValid() || pageOfBlock(end) == pageOfBlock(heading))
        return false;
    const QAbstractTextDocumentLayout *layout = doc.documentLayout();
    const qreal height
        = layout->blockBoundingRect(end).bottom() - layout->blockBoundingRect(heading).top();
    const qreal content
        = page.height() - (geometry.margins.top() + geometry.margins.bottom()) * dev;
    // A card longer than half a page may break (an auditor's page is not mostly blank);
    // then only the heading's first lines are kept with it.
    const qreal keepWhole = level >= 3 ? 0.5 : 0.85;
    if (height < content * keepWhole)
        return true;
    if (level >= 3) {
        QTextBlock firstLines = heading;
        for (int i = 0; i < leadBlocks && firstLines.next().isValid(); ++i)
            firstLines = firstLines.next();
        return pageOfBlock(firstLines) > pageOfBlock(heading);
    }
    return pageOfBlock(heading.next()) > pageOfBlock(heading);
}

void PdfTextDocument::layout()
{
    if (d->editing) {
        d->cursor.endEditBlock();
        d->editing = false;
    }
    d->doc.setPageSize(d->page);
    // A heading must not end a page: move it to the next one with what follows it, and
    // again for the heading above it when the move strands that one.
    for (int pass = 0; pass < keepTogetherPasses; ++pass) {
        QList<QTextBlock> moves;
        for (const auto &[heading, position] : std::as_const(d->headingBlocks)) {
            const QTextBlock block = d->doc.findBlock(position);
            if (d->endsPage(block, heading.level))
                moves << block;
        }
        if (moves.isEmpty())
            break;
        QTextCursor editor(&d->doc);
        editor.beginEditBlock();
        for (const QTextBlock &block : std::as_const(moves)) {
            editor.setPosition(block.position());
            QTextBlockFormat format = block.blockFormat();
            format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
            editor.setBlockFormat(format);
        }
        editor.endEditBlock();
    }
}

bool PdfTextDocument::isEmpty() const
{
    return d->reuseBlock && d->cursor.position() == 0;
}

int PdfTextDocument::pageCount() const
{
    return d->doc.pageCount();
}

QHash<QString, PdfDestination> PdfTextDocument::destinations() const
{
    QHash<QString, PdfDestination> result;
    for (auto it = d->anchors.cbegin(); it != d->anchors.cend(); ++it) {
        const QTextBlock block = d->doc.findBlock(it.value());
        const qreal top = d->doc.documentLayout()->blockBoundingRect(block).top();
        const int page = d->pageOf(top);
        result.insert(it.key(), PdfDestination{page, (top - page * d->page.height()) / d->dev});
    }
    return result;
}

QList<PdfHeading> PdfTextDocument::headings() const
{
    QList<PdfHeading> result;
    for (const auto &[heading, position] : std::as_const(d->headingBlocks))
        if (heading.level <= 2)
            result << PdfHeading{heading, d->pageOfBlock(d->doc.findBlock(position))};
    return result;
}

void PdfTextDocument::paintPage(QPainter &painter, int page) const
{
    painter.save();
    painter.translate(0, -page * d->page.height());
    d->doc.drawContents(&painter, QRectF(QPointF(0, page * d->page.height()), d->page));
    painter.restore();
}

} // namespace threatdock::report
