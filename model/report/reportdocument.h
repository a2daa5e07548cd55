#pragma once

#include "rules/severity.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace threatdock::report {

/// A run of text in one style, optionally a link to an anchor of the same document.
struct TextSpan
{
    enum class Style { Plain, Strong, Emphasis, Code };
    QString text;
    Style style = Style::Plain;
    QString link; ///< the anchor it links to, "" = none

    static TextSpan plain(const QString &text) { return {text, Style::Plain, {}}; }
    static TextSpan strong(const QString &text) { return {text, Style::Strong, {}}; }
    static TextSpan emphasis(const QString &text) { return {text, Style::Emphasis, {}}; }
    static TextSpan code(const QString &text) { return {text, Style::Code, {}}; }
    static TextSpan linkTo(const QString &anchor, const QString &text)
    {
        return {text, Style::Plain, anchor};
    }
};

/// A paragraph's worth of styled text.
using RichText = QList<TextSpan>;

/// The plain text of rich text, styles dropped.
QString plainText(const RichText &text);

/// A section title. Level 1 starts a section (and a page in the PDF), level 2 a
/// subsection or an element, level 3 a threat. Levels 1 and 2 are in the PDF outline.
struct Heading
{
    int level = 1;
    QString text;
    QString anchor;
    bool inContents = false; ///< listed in the table of contents
};

struct Paragraph
{
    RichText text;
};

/// A "not run" or other notice, set apart from the text around it.
struct Notice
{
    RichText text;
};

/// Label / value pairs, as on a threat card.
struct Field
{
    QString label;
    RichText value;
};
struct FieldList
{
    QList<Field> fields;
};

struct BulletList
{
    QList<RichText> items;
};

struct TableCell
{
    RichText text;
    /// A severity shown as a coloured tag with its letter and word.
    std::optional<rules::Severity> severity;
    QString anchor; ///< an anchor at this cell, "" = none

    static TableCell of(const QString &text) { return {{TextSpan::plain(text)}, {}, {}}; }
    static TableCell of(const RichText &text) { return {text, {}, {}}; }
    static TableCell of(rules::Severity severity) { return {{}, severity, {}}; }
};

/// A table with a header row, repeated on every page it spans.
struct Table
{
    QStringList columns;
    QList<int> widths; ///< relative widths of the columns, in percent
    QList<QList<TableCell>> rows;
};

/// One bar of a chart.
struct ChartBar
{
    QString label;
    int value = 0;
    QColor color;
};

struct BarChart
{
    QString title;
    QList<ChartBar> bars;
};

/// Charts side by side.
struct ChartRow
{
    QList<BarChart> charts;
};

/// The architecture diagram, on a page of its own in the PDF.
struct DiagramFigure
{
    QString caption;
};

using ReportBlock = std::variant<Heading, Paragraph, Notice, FieldList, BulletList, Table, ChartRow,
                                 DiagramFigure>;

/// What the cover page (or the top of an HTML or Markdown report) says.
struct ReportCover
{
    QString title;
    QString project;
    QString date; ///< as printed
    QStringList participants;
    QList<Field> facts; ///< versions, counts
};

/// A report as a structured document, independent of its output format: the PDF, HTML
/// and Markdown writers each render the same document.
struct ReportDocument
{
    ReportCover cover;
    QList<ReportBlock> blocks;

    /// The headings with inContents set, in order.
    QList<Heading> contents() const;
};

} // namespace threatdock::report
