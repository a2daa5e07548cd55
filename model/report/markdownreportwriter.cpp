#include "markdownreportwriter.h"

#include "layout/diagramstyle.h"
#include "markdownwriter.h"

#include <QHash>
#include <QTextStream>

namespace threatdock::report {

namespace {

/// Plain text with Markdown's inline syntax characters escaped.
QString escaped(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (QStringLiteral("\\`*_[]<>|#").contains(c))
            out += u'\\';
        out += c;
    }
    return out;
}

/// Rich text as Markdown; lineBreak is what a newline inside it becomes.
QString markdown(const RichText &text, const QString &lineBreak)
{
    QString out;
    for (const TextSpan &span : text) {
        QStringList lines = span.text.split(u'\n');
        for (QString &line : lines) {
            switch (span.style) {
            case TextSpan::Style::Plain:
                line = escaped(line);
                break;
            case TextSpan::Style::Strong:
                line = line.isEmpty() ? line
                                      : QStringLiteral("**") + escaped(line) + QStringLiteral("**");
                break;
            case TextSpan::Style::Emphasis:
                line = line.isEmpty() ? line : u'*' + escaped(line) + u'*';
                break;
            case TextSpan::Style::Code:
                line = MarkdownWriter::inlineCode(line);
                break;
            }
            if (!span.link.isEmpty() && !line.isEmpty())
                line = u'[' + line + QStringLiteral("](#") + span.link + u')';
        }
        out += lines.join(lineBreak);
    }
    return out;
}

QString severityLabel(rules::Severity severity)
{
    QString word = rules::severityName(severity);
    word[0] = word.at(0).toUpper();
    return QString(layout::DiagramStyle::severityLetter(severity)) + u' ' + word;
}

void table(QTextStream &md, const Table &t)
{
    md << '|';
    for (const QString &c : t.columns)
        md << ' ' << MarkdownWriter::tableCell(c) << " |";
    md << "\n|";
    for (qsizetype i = 0; i < t.columns.size(); ++i)
        md << "---|";
    md << '\n';
    for (const QList<TableCell> &row : t.rows) {
        md << '|';
        for (const TableCell &c : row) {
            QString text = markdown(c.text, QStringLiteral("<br>"));
            if (c.severity)
                text = text.isEmpty()
                    ? severityLabel(*c.severity)
                    : text + QStringLiteral(" (") + severityLabel(*c.severity) + u')';
            md << ' ' << text << " |";
        }
        md << '\n';
    }
    md << '\n';
}

void mermaid(QTextStream &md, const layout::Diagram &diagram)
{
    QHash<QString, QString> ids;
    md << "```mermaid\nflowchart LR\n";
    const auto label = [](QString text) { return text.replace(u'"', u'\'').replace(u'\n', u' '); };
    for (const layout::DiagramNode &n : diagram.nodes) {
        const QString id = QStringLiteral("n%1").arg(ids.size());
        ids.insert(n.elementId, id);
        QString text = label(n.label);
        if (n.badge)
            text += QStringLiteral(" [%1 %2]")
                        .arg(layout::DiagramStyle::severityLetter(*n.badge))
                        .arg(n.openThreats);
        const QString open = n.shape == u"datastore" ? QStringLiteral("[(\"")
            : n.shape == u"external"                 ? QStringLiteral("[\"")
                                                     : QStringLiteral("(\"");
        const QString close = n.shape == u"datastore" ? QStringLiteral("\")]")
            : n.shape == u"external"                  ? QStringLiteral("\"]")
                                                      : QStringLiteral("\")");
        md << "  " << id << open << text << close << '\n';
    }
    for (const layout::DiagramEdge &e : diagram.edges) {
        if (!ids.contains(e.from) || !ids.contains(e.to))
            continue;
        md << "  " << ids.value(e.from) << " -->";
        if (!e.label.isEmpty())
            md << "|\"" << label(e.label) << "\"|";
        md << ' ' << ids.value(e.to) << '\n';
    }
    md << "```\n\n";
}

void block(QTextStream &md, const ReportBlock &block, const layout::Diagram &diagram)
{
    if (const auto *h = std::get_if<Heading>(&block)) {
        if (!h->anchor.isEmpty())
            md << "<a id=\"" << h->anchor << "\"></a>\n";
        md << QString(h->level + 1, u'#') << ' ' << escaped(h->text) << "\n\n";
    } else if (const auto *p = std::get_if<Paragraph>(&block)) {
        md << markdown(p->text, QStringLiteral("  \n")) << "\n\n";
    } else if (const auto *n = std::get_if<Notice>(&block)) {
        md << "> " << markdown(n->text, QStringLiteral("  \n> ")) << "\n\n";
    } else if (const auto *f = std::get_if<FieldList>(&block)) {
        for (const Field &field : f->fields)
            md << "- **" << escaped(field.label) << ":** "
               << markdown(field.value, QStringLiteral("  \n  ")) << '\n';
        md << '\n';
    } else if (const auto *b = std::get_if<BulletList>(&block)) {
        for (const RichText &item : b->items)
            md << "- " << markdown(item, QStringLiteral("  \n  ")) << '\n';
        md << '\n';
    } else if (const auto *t = std::get_if<Table>(&block)) {
        table(md, *t);
    } else if (const auto *c = std::get_if<ChartRow>(&block)) {
        for (const BarChart &chart : c->charts) {
            Table counts{{chart.title, QStringLiteral("Count")}, {}, {}};
            for (const ChartBar &bar : chart.bars)
                counts.rows << QList<TableCell>{TableCell::of(bar.label),
                                                TableCell::of(QString::number(bar.value))};
            table(md, counts);
        }
    } else if (const auto *d = std::get_if<DiagramFigure>(&block)) {
        mermaid(md, diagram);
        md << '*' << escaped(d->caption) << "*\n\n";
    }
}

} // namespace

QByteArray MarkdownReportWriter::write(const ReportDocument &document,
                                       const layout::Diagram &diagram)
{
    QString text;
    QTextStream md(&text);
    const ReportCover &cover = document.cover;
    md << "# " << escaped(cover.title) << ": " << escaped(cover.project) << "\n\n";
    md << "- **Generated:** " << cover.date << '\n';
    md << "- **Participants:** "
       << (cover.participants.isEmpty() ? QStringLiteral("(not recorded)")
                                        : escaped(cover.participants.join(QStringLiteral(", "))))
       << '\n';
    for (const Field &f : cover.facts)
        md << "- **" << escaped(f.label) << ":** " << markdown(f.value, QStringLiteral(" "))
           << '\n';
    md << "\nSecret values found in the project are redacted (\\*\\*\\*\\*) everywhere in this "
          "report.\n\n## Contents\n\n";
    for (const Heading &h : document.contents())
        md << QString((h.level - 1) * 2, u' ') << "- [" << escaped(h.text) << "](#" << h.anchor
           << ")\n";
    md << '\n';
    for (const ReportBlock &b : document.blocks)
        block(md, b, diagram);
    md.flush();
    return text.toUtf8();
}

} // namespace threatdock::report
