#pragma once

#include "layout/diagram.h"
#include "reportdocument.h"

#include <QByteArray>
#include <QPageSize>
#include <QStringList>

#include <functional>
#include <optional>

namespace threatdock::report {

/// Writes a ReportDocument as a PDF with QPdfWriter (QtGui only; needs a QGuiApplication
/// for fonts): a cover, a clickable table of contents, the sections as flowing text with
/// a running header and page numbers, the architecture diagram as vector graphics on a
/// page of its own (landscape when wide, scaled to fit), then libqpdf makes the links
/// GoTo actions and adds the outline (see PdfNavigation).
class PdfReportWriter final
{
public:
    struct Options
    {
        QPageSize pageSize{QPageSize::A4};
        /// Called after each page is painted with (pages done, pages in all); returning
        /// false cancels the report.
        std::function<bool(int, int)> progress;
    };

    struct Result
    {
        QByteArray pdf;
        int pages = 0;
        QStringList warnings; ///< links whose anchor was not found (never expected)
    };

    /// nullopt on failure or cancellation; error says why.
    static std::optional<Result> write(const ReportDocument &document,
                                       const layout::Diagram &diagram, const Options &options,
                                       QString *error);
};

} // namespace threatdock::report
