#pragma once

#include "reportinput.h"

#include <QByteArray>
#include <QPageSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace threatdock::report {

/// The formats a report can be written in.
enum class ReportFormat { Pdf, Html, Markdown, Csv, Json, Navigator, Otm };

/// Writes the report of an analysis, with the review's decisions when there is a review,
/// in any ReportFormat: PDF (PdfReportWriter), self-contained HTML, Markdown, CSV (one
/// row per threat), JSON, an ATT&CK Navigator layer and Open Threat Model JSON. Every
/// format says the same things (ReportComposer, ReportContext); secrets are redacted in
/// all of them. The PDF needs a QGuiApplication (fonts).
class ReportBuilder final
{
public:
    struct Options
    {
        QPageSize pageSize{QPageSize::A4};
        /// PDF only: (pages done, pages in all) after each page; false cancels.
        std::function<bool(int, int)> progress;
    };

    /// "pdf", "html", "markdown" (or "md"), "csv", "json", "navigator", "otm".
    static std::optional<ReportFormat> formatFromName(const QString &name);
    /// By the file's extension: .pdf, .html/.htm, .md/.markdown, .csv, .json, .otm.
    static std::optional<ReportFormat> formatFromPath(const QString &path);
    static QString formatName(ReportFormat format);
    static QStringList formatNames();
    /// "a4" or "letter" (any case).
    static std::optional<QPageSize> pageSizeFromName(const QString &name);

    explicit ReportBuilder(ReportInput input);

    /// The report's bytes; nullopt on failure (the review cannot be read, the PDF cannot
    /// be painted, cancelled), with error saying why.
    std::optional<QByteArray> render(ReportFormat format, const Options &options,
                                     QString *error) const;
    /// Renders and saves to path atomically (the file is replaced only when complete).
    bool write(const QString &path, ReportFormat format, const Options &options,
               QString *error) const;
    /// Problems that did not stop the last render (e.g. a link without its anchor).
    QStringList warnings() const { return m_warnings; }

private:
    ReportInput m_input;
    mutable QStringList m_warnings;
};

} // namespace threatdock::report
