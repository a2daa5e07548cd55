#include "htmlreportwriter.h"

#include "layout/diagramstyle.h"
#include "layout/svgwriter.h"
#include "svgbarchart.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace threatdock::report {

namespace {

using layout::DiagramStyle;

QString styleSheet()
{
    QString css = QStringLiteral(
        "body{font-family:'DejaVu Sans',Verdana,sans-serif;font-size:10pt;color:#212121;"
        "max-width:60em;margin:2em auto;padding:0 1em;line-height:1.4}"
        "header.cover{background:#1f3a5f;color:#fff;padding:1.5em 2em;border-radius:4px}"
        "header.cover h1{margin:.2em 0 .4em;font-size:24pt}"
        "header.cover .brand{color:#b8cce4;font-weight:bold;letter-spacing:.1em}"
        "header.cover dl{display:grid;grid-template-columns:10em auto;gap:.2em 1em}"
        "header.cover dt{color:#b8cce4}header.cover dd{margin:0}"
        "h2{color:#1f3a5f;border-bottom:1px solid #c3cbd4;margin-top:2em}"
        "h3{color:#1f3a5f}h4{margin-bottom:.3em}"
        "a{color:#1557a8;text-decoration:none}a:hover{text-decoration:underline}"
        "code{font-family:'DejaVu Sans Mono',monospace;font-size:90%;word-break:break-all}"
        "table{border-collapse:collapse;width:100%;margin:.4em 0 1em;table-layout:fixed}"
        "th,td{border:1px solid #c3cbd4;padding:3px 5px;vertical-align:top;"
        "overflow-wrap:anywhere;text-align:left}"
        "th{background:#e6ecf2}"
        ".sev{color:#fff;font-weight:bold}"
        "dl.fields{display:grid;grid-template-columns:9.5em auto;gap:.15em 1em;margin:.3em 0 1em}"
        "dl.fields dt{font-weight:bold;color:#616b75}dl.fields dd{margin:0}"
        ".notice{background:#fff3e0;padding:.6em .8em;border-radius:3px}"
        ".charts{display:flex;flex-wrap:wrap;gap:2em}"
        "figure.diagram{margin:1em 0}figure.diagram svg{max-width:100%;height:auto}"
        "figcaption{color:#616b75;font-size:9pt}"
        "nav.toc ol{list-style:none;padding-left:0}nav.toc ol ol{padding-left:1.5em}"
        "@media print{h2{page-break-before:always}thead{display:table-header-group}"
        "figure.diagram{page-break-inside:avoid}}");
    for (const rules::Severity s :
         {rules::Severity::Critical, rules::Severity::High, rules::Severity::Medium,
          rules::Severity::Low, rules::Severity::Info})
        css += QStringLiteral(".sev-%1{background:%2}")
                   .arg(rules::severityName(s), DiagramStyle::severityColor(s).name());
    return css;
}

class HtmlOut
{
public:
    explicit HtmlOut(QByteArray *out)
        : m_xml(out)
    { }

    void document(const ReportDocument &document, const layout::Diagram &diagram);

private:
    void element(const QString &name, const QString &text, const QString &cls = QString());
    void rich(const RichText &text);
    void cover(const ReportCover &cover);
    void contents(const QList<Heading> &headings);
    void block(const ReportBlock &block, const layout::Diagram &diagram);
    void table(const Table &t);
    void cell(const TableCell &c);
    void svg(const QByteArray &svg);

    QXmlStreamWriter m_xml;
};

void HtmlOut::element(const QString &name, const QString &text, const QString &cls)
{
    m_xml.writeStartElement(name);
    if (!cls.isEmpty())
        m_xml.writeAttribute(QStringLiteral("class"), cls);
    m_xml.writeCharacters(text); // also when empty: <td></td>, never <td/>
    m_xml.writeEndElement();
}

void HtmlOut::rich(const RichText &text)
{
    m_xml.writeCharacters(QString());
    for (const TextSpan &span : text) {
        if (!span.link.isEmpty()) {
            m_xml.writeStartElement(QStringLiteral("a"));
            m_xml.writeAttribute(QStringLiteral("href"), u'#' + span.link);
        }
        const char *tag = span.style == TextSpan::Style::Strong ? "strong"
            : span.style == TextSpan::Style::Emphasis           ? "em"
            : span.style == TextSpan::Style::Code               ? "code"
                                                                : nullptr;
        if (tag)
            m_xml.writeStartElement(QString::fromLatin1(tag));
        const QStringList lines = span.text.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i > 0)
                m_xml.writeEmptyElement(QStringLiteral("br"));
            m_xml.writeCharacters(lines.at(i));
        }
        if (tag)
            m_xml.writeEndElement();
        if (!span.link.isEmpty())
            m_xml.writeEndElement();
    }
}

void HtmlOut::cover(const ReportCover &cover)
{
    m_xml.writeStartElement(QStringLiteral("header"));
    m_xml.writeAttribute(QStringLiteral("class"), QStringLiteral("cover"));
    element(QStringLiteral("div"), QStringLiteral("THREATDOCK"), QStringLiteral("brand"));
    element(QStringLiteral("h1"), cover.title + QStringLiteral(": ") + cover.project);
    m_xml.writeStartElement(QStringLiteral("dl"));
    element(QStringLiteral("dt"), QStringLiteral("Generated"));
    element(QStringLiteral("dd"), cover.date);
    element(QStringLiteral("dt"), QStringLiteral("Participants"));
    element(QStringLiteral("dd"),
            cover.participants.isEmpty() ? QStringLiteral("(not recorded)")
                                         : cover.participants.join(QStringLiteral(", ")));
    for (const Field &f : cover.facts) {
        element(QStringLiteral("dt"), f.label);
        m_xml.writeStartElement(QStringLiteral("dd"));
        rich(f.value);
        m_xml.writeEndElement();
    }
    m_xml.writeEndElement();
    element(QStringLiteral("p"),
            QStringLiteral("Secret values found in the project are redacted (****) everywhere in "
                           "this report."));
    m_xml.writeEndElement();
}

void HtmlOut::contents(const QList<Heading> &headings)
{
    m_xml.writeStartElement(QStringLiteral("nav"));
    m_xml.writeAttribute(QStringLiteral("class"), QStringLiteral("toc"));
    element(QStringLiteral("h2"), QStringLiteral("Contents"));
    m_xml.writeStartElement(QStringLiteral("ol"));
    bool nested = false;
    for (const Heading &h : headings) {
        if (h.level > 1 && !nested) {
            m_xml.writeStartElement(QStringLiteral("ol"));
            nested = true;
        } else if (h.level == 1 && nested) {
            m_xml.writeEndElement();
            nested = false;
        }
        m_xml.writeStartElement(QStringLiteral("li"));
        rich({TextSpan::linkTo(h.anchor, h.text)});
        m_xml.writeEndElement();
    }
    if (nested)
        m_xml.writeEndElement();
    m_xml.writeEndElement();
    m_xml.writeEndElement();
}

void HtmlOut::svg(const QByteArray &svg)
{
    // Copied token by token, so the result stays well-formed whatever the SVG holds.
    QXmlStreamReader reader(svg);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartDocument() || reader.isEndDocument() || reader.isDTD()
            || reader.isComment() || reader.isProcessingInstruction())
            continue;
        m_xml.writeCurrentToken(reader);
    }
}

void HtmlOut::cell(const TableCell &c)
{
    m_xml.writeStartElement(QStringLiteral("td"));
    if (!c.anchor.isEmpty())
        m_xml.writeAttribute(QStringLiteral("id"), c.anchor);
    if (c.severity) {
        m_xml.writeAttribute(QStringLiteral("class"),
                             QStringLiteral("sev sev-") + rules::severityName(*c.severity));
        if (c.text.isEmpty()) {
            QString word = rules::severityName(*c.severity);
            word[0] = word.at(0).toUpper();
            m_xml.writeCharacters(QString(DiagramStyle::severityLetter(*c.severity)) + u' ' + word);
        }
    }
    rich(c.text);
    m_xml.writeEndElement();
}

void HtmlOut::table(const Table &t)
{
    m_xml.writeStartElement(QStringLiteral("table"));
    m_xml.writeStartElement(QStringLiteral("colgroup"));
    for (const int w : t.widths) {
        m_xml.writeEmptyElement(QStringLiteral("col"));
        m_xml.writeAttribute(QStringLiteral("style"), QStringLiteral("width:%1%").arg(w));
    }
    m_xml.writeEndElement();
    m_xml.writeStartElement(QStringLiteral("thead"));
    m_xml.writeStartElement(QStringLiteral("tr"));
    for (const QString &column : t.columns)
        element(QStringLiteral("th"), column);
    m_xml.writeEndElement();
    m_xml.writeEndElement();
    m_xml.writeStartElement(QStringLiteral("tbody"));
    for (const QList<TableCell> &row : t.rows) {
        m_xml.writeStartElement(QStringLiteral("tr"));
        for (const TableCell &c : row)
            cell(c);
        m_xml.writeEndElement();
    }
    m_xml.writeEndElement();
    m_xml.writeEndElement();
}

void HtmlOut::block(const ReportBlock &block, const layout::Diagram &diagram)
{
    if (const auto *h = std::get_if<Heading>(&block)) {
        m_xml.writeStartElement(QStringLiteral("h%1").arg(std::clamp(h->level + 1, 2, 6)));
        if (!h->anchor.isEmpty())
            m_xml.writeAttribute(QStringLiteral("id"), h->anchor);
        m_xml.writeCharacters(h->text);
        m_xml.writeEndElement();
    } else if (const auto *p = std::get_if<Paragraph>(&block)) {
        m_xml.writeStartElement(QStringLiteral("p"));
        rich(p->text);
        m_xml.writeEndElement();
    } else if (const auto *n = std::get_if<Notice>(&block)) {
        m_xml.writeStartElement(QStringLiteral("p"));
        m_xml.writeAttribute(QStringLiteral("class"), QStringLiteral("notice"));
        rich(n->text);
        m_xml.writeEndElement();
    } else if (const auto *f = std::get_if<FieldList>(&block)) {
        m_xml.writeStartElement(QStringLiteral("dl"));
        m_xml.writeAttribute(QStringLiteral("class"), QStringLiteral("fields"));
        for (const Field &field : f->fields) {
            element(QStringLiteral("dt"), field.label);
            m_xml.writeStartElement(QStringLiteral("dd"));
            rich(field.value);
            m_xml.writeEndElement();
        }
        m_xml.writeEndElement();
    } else if (const auto *b = std::get_if<BulletList>(&block)) {
        m_xml.writeStartElement(QStringLiteral("ul"));
        for (const RichText &item : b->items) {
            m_xml.writeStartElement(QStringLiteral("li"));
            rich(item);
            m_xml.writeEndElement();
        }
        m_xml.writeEndElement();
    } else if (const auto *t = std::get_if<Table>(&block)) {
        table(*t);
    } else if (const auto *c = std::get_if<ChartRow>(&block)) {
        m_xml.writeStartElement(QStringLiteral("div"));
        m_xml.writeAttribute(QStringLiteral("class"), QStringLiteral("charts"));
        for (const BarChart &chart : c->charts)
            SvgBarChart::write(m_xml, chart);
        m_xml.writeEndElement();
    } else if (const auto *d = std::get_if<DiagramFigure>(&block)) {
        m_xml.writeStartElement(QStringLiteral("figure"));
        m_xml.writeAttribute(QStringLiteral("class"), QStringLiteral("diagram"));
        svg(layout::SvgWriter::write(diagram));
        element(QStringLiteral("figcaption"), d->caption);
        m_xml.writeEndElement();
    }
}

void HtmlOut::document(const ReportDocument &document, const layout::Diagram &diagram)
{
    m_xml.setAutoFormatting(false);
    m_xml.writeDTD(QStringLiteral("<!DOCTYPE html>"));
    m_xml.writeStartElement(QStringLiteral("html"));
    m_xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/1999/xhtml"));
    m_xml.writeAttribute(QStringLiteral("lang"), QStringLiteral("en"));
    m_xml.writeStartElement(QStringLiteral("head"));
    m_xml.writeEmptyElement(QStringLiteral("meta"));
    m_xml.writeAttribute(QStringLiteral("charset"), QStringLiteral("utf-8"));
    element(QStringLiteral("title"),
            document.cover.title + QStringLiteral(": ") + document.cover.project);
    element(QStringLiteral("style"), styleSheet());
    m_xml.writeEndElement();
    m_xml.writeStartElement(QStringLiteral("body"));
    cover(document.cover);
    contents(document.contents());
    m_xml.writeStartElement(QStringLiteral("main"));
    for (const ReportBlock &b : document.blocks)
        block(b, diagram);
    m_xml.writeEndElement();
    m_xml.writeEndElement();
    m_xml.writeEndElement();
}

} // namespace

QByteArray HtmlReportWriter::write(const ReportDocument &document, const layout::Diagram &diagram)
{
    QByteArray out;
    HtmlOut(&out).document(document, diagram);
    out.append('\n');
    return out;
}

} // namespace threatdock::report
