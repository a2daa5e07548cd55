#include "reportbuilder.h"

#include "csvthreatwriter.h"
#include "htmlreportwriter.h"
#include "markdownreportwriter.h"
#include "navigatorlayer.h"
#include "otmwriter.h"
#include "pdfreportwriter.h"
#include "reportcomposer.h"
#include "reportjson.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QSaveFile>

namespace threatdock::report {

namespace {

struct FormatName
{
    ReportFormat format;
    const char *name;
};

constexpr FormatName formats[] = {
    {ReportFormat::Pdf, "pdf"},           {ReportFormat::Html, "html"},
    {ReportFormat::Markdown, "markdown"}, {ReportFormat::Csv, "csv"},
    {ReportFormat::Json, "json"},         {ReportFormat::Navigator, "navigator"},
    {ReportFormat::Otm, "otm"},
};

} // namespace

std::optional<ReportFormat> ReportBuilder::formatFromName(const QString &name)
{
    const QString lower = name.toLower();
    if (lower == u"md")
        return ReportFormat::Markdown;
    for (const FormatName &f : formats)
        if (lower == QLatin1StringView(f.name))
            return f.format;
    return std::nullopt;
}

std::optional<ReportFormat> ReportBuilder::formatFromPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"htm")
        return ReportFormat::Html;
    if (suffix == u"navigator")
        return std::nullopt; // a layer is a .json file: --format says so
    return formatFromName(suffix);
}

QString ReportBuilder::formatName(ReportFormat format)
{
    for (const FormatName &f : formats)
        if (f.format == format)
            return QString::fromLatin1(f.name);
    return QString();
}

QStringList ReportBuilder::formatNames()
{
    QStringList names;
    for (const FormatName &f : formats)
        names << QString::fromLatin1(f.name);
    return names;
}

std::optional<QPageSize> ReportBuilder::pageSizeFromName(const QString &name)
{
    const QString lower = name.toLower();
    if (lower == u"a4")
        return QPageSize(QPageSize::A4);
    if (lower == u"letter")
        return QPageSize(QPageSize::Letter);
    return std::nullopt;
}

ReportBuilder::ReportBuilder(ReportInput input)
    : m_input(std::move(input))
{ }

std::optional<QByteArray> ReportBuilder::render(ReportFormat format, const Options &options,
                                                QString *error) const
{
    m_warnings.clear();
    const std::optional<ReportContext> context = ReportContext::gather(m_input, error);
    if (!context)
        return std::nullopt;
    switch (format) {
    case ReportFormat::Csv:
        return CsvThreatWriter::write(*context);
    case ReportFormat::Json:
        return ReportJson::write(*context);
    case ReportFormat::Navigator:
        return NavigatorLayer::write(*context);
    case ReportFormat::Otm:
        return OtmWriter::write(*context);
    case ReportFormat::Html:
        return HtmlReportWriter::write(ReportComposer::compose(*context), m_input.diagram);
    case ReportFormat::Markdown:
        return MarkdownReportWriter::write(ReportComposer::compose(*context), m_input.diagram);
    case ReportFormat::Pdf:
        break;
    }
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        if (error)
            *error = QStringLiteral("the PDF report needs a QGuiApplication (fonts)");
        return std::nullopt;
    }
    const auto pdf = PdfReportWriter::write(ReportComposer::compose(*context), m_input.diagram,
                                            {options.pageSize, options.progress}, error);
    if (!pdf)
        return std::nullopt;
    m_warnings = pdf->warnings;
    return pdf->pdf;
}

bool ReportBuilder::write(const QString &path, ReportFormat format, const Options &options,
                          QString *error) const
{
    const std::optional<QByteArray> data = render(format, options, error);
    if (!data)
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*data) != data->size() || !file.commit()) {
        if (error)
            *error = path + QStringLiteral(": cannot write: ") + file.errorString();
        return false;
    }
    return true;
}

} // namespace threatdock::report
