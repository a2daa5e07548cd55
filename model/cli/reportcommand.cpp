#include "reportcommand.h"

#include "analysis/projectanalysis.h"
#include "hardening/hardeningplanner.h"
#include "projectoptions.h"
#include "report/reportbuilder.h"
#include "review/latestscans.h"
#include "review/reviewstore.h"

#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace threatdock::cli {

namespace {

constexpr int exitError = 1;
constexpr int exitUsage = 2;

struct ReportOptions
{
    compose::ComposeLoader::Options load;
    bool projectGiven = false;
    QString review;
    QString compare; ///< the baseline's PATH; "" = no comparison
    QString rules;
    QString output;
    report::ReportFormat format = report::ReportFormat::Pdf;
    QPageSize pageSize{QPageSize::A4};
    QString title;
    QStringList participants;
};

/// Checks --format (or the output's extension) and --page-size; an exit code on misuse.
std::optional<int> checkValues(const QCommandLineParser &parser, const QString &formatName,
                               const QString &pageSize, ReportOptions &o, QTextStream &err)
{
    const auto format = formatName.isEmpty() ? report::ReportBuilder::formatFromPath(o.output)
                                             : report::ReportBuilder::formatFromName(formatName);
    if (!format) {
        err << "threatdock-cli report: "
            << (formatName.isEmpty()
                    ? QStringLiteral("cannot tell the format from \"%1\"; use --format")
                          .arg(o.output)
                    : QStringLiteral("unknown format \"%1\"").arg(formatName))
            << " (" << report::ReportBuilder::formatNames().join(QStringLiteral(", ")) << ')'
            << Qt::endl;
        return exitUsage;
    }
    o.format = *format;
    const auto size = report::ReportBuilder::pageSizeFromName(pageSize);
    if (!size) {
        err << "threatdock-cli report: unknown page size \"" << pageSize << "\" (a4 or letter)"
            << Qt::endl;
        return exitUsage;
    }
    o.pageSize = *size;
    if (parser.positionalArguments().size() > 1) {
        err << "threatdock-cli report: one PATH at most" << Qt::endl;
        return exitUsage;
    }
    return std::nullopt;
}

/// Parses the options; returns an exit code when the command ends here (help, usage).
std::optional<int> parseOptions(const QStringList &arguments, ReportOptions &o, QTextStream &out,
                                QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write the threat-model report of a Compose project: PDF, HTML, Markdown, CSV (one row "
        "per threat), JSON, an ATT&CK Navigator layer or Open Threat Model JSON."));
    const ProjectOptions project;
    project.addTo(parser);
    const QCommandLineOption reviewOpt(QStringLiteral("review"),
                                       QStringLiteral("The review file (*.threatdock) whose "
                                                      "decisions, notes and scans to report."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption compareOpt(QStringLiteral("compare"),
                                        QStringLiteral("Compare with this project before "
                                                       "hardening (the baseline): before and "
                                                       "after in the Hardening section."),
                                        QStringLiteral("BASELINE"));
    const QCommandLineOption rulesOpt(QStringLiteral("rules"),
                                      QStringLiteral("User rules file (YAML) added to the "
                                                     "built-in rules."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption formatOpt(
        QStringLiteral("format"),
        QStringLiteral("pdf, html, markdown, csv, json, navigator or otm (default: from the "
                       "output file's extension)."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption pageOpt(QStringLiteral("page-size"),
                                     QStringLiteral("PDF page size: a4 (default) or letter."),
                                     QStringLiteral("SIZE"), QStringLiteral("a4"));
    const QCommandLineOption titleOpt(
        QStringLiteral("title"), QStringLiteral("The report's title."), QStringLiteral("TEXT"));
    const QCommandLineOption participantOpt(QStringLiteral("participant"),
                                            QStringLiteral("A reviewer named on the cover "
                                                           "(repeatable)."),
                                            QStringLiteral("NAME"));
    const QCommandLineOption outputOpt({QStringLiteral("o"), QStringLiteral("output")},
                                       QStringLiteral("The file to write (required)."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                     QStringLiteral("Show this help."));
    parser.addOptions({reviewOpt, compareOpt, rulesOpt, formatOpt, pageOpt, titleOpt,
                       participantOpt, outputOpt, helpOpt});
    if (!parser.parse(QStringList{QStringLiteral("threatdock-cli report")} + arguments)) {
        err << "threatdock-cli report: " << parser.errorText() << Qt::endl;
        return exitUsage;
    }
    if (parser.isSet(helpOpt)) {
        out << parser.helpText();
        out.flush();
        return 0;
    }
    o.output = parser.value(outputOpt);
    if (o.output.isEmpty()) {
        err << "threatdock-cli report: -o FILE is required" << Qt::endl;
        return exitUsage;
    }
    if (const auto code
        = checkValues(parser, parser.value(formatOpt), parser.value(pageOpt), o, err))
        return code;
    o.load = project.loadOptions(parser);
    o.projectGiven = !o.load.path.isEmpty() || !o.load.files.isEmpty();
    o.review = parser.value(reviewOpt);
    o.compare = parser.value(compareOpt);
    o.rules = parser.value(rulesOpt);
    o.title = parser.value(titleOpt);
    o.participants = parser.values(participantOpt);
    return std::nullopt;
}

/// Opens the review; the analysis gets its latest scan findings and, when no project was
/// named, its project. False (the error on err) when it cannot be read.
bool useReview(const ReportOptions &o, analysis::AnalysisRequest &request,
               std::unique_ptr<review::ReviewStore> &store, QTextStream &err)
{
    auto opened = review::ReviewStore::open(o.review);
    if (!opened.ok()) {
        err << "error: " << opened.errorMessage() << Qt::endl;
        return false;
    }
    store = std::move(opened.value);
    const auto runs = store->scanRuns();
    const auto paths = store->project();
    if (!runs.ok() || !paths.ok()) {
        err << "error: " << (runs.ok() ? paths.errorMessage() : runs.errorMessage()) << Qt::endl;
        return false;
    }
    request.scanFindings = review::latestScanFindings(runs.value);
    if (!o.projectGiven && !paths.value.workingDir.isEmpty()) {
        request.load.path = paths.value.workingDir;
        request.load.files = paths.value.composeFiles;
        request.load.envFiles = paths.value.envFiles;
    }
    return true;
}

/// Analyses; warnings and the error go to err.
analysis::AnalysisResult analyze(const analysis::AnalysisRequest &request, QTextStream &err)
{
    analysis::AnalysisResult result = analysis::analyzeProject(request);
    for (const QString &w : std::as_const(result.warnings))
        err << "warning: " << w << Qt::endl;
    if (result.error)
        err << "error: " << result.error->toString() << Qt::endl;
    return result;
}

} // namespace

int runReportCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    ReportOptions o;
    if (const auto code = parseOptions(arguments, o, out, err))
        return *code;

    analysis::AnalysisRequest request;
    request.load = o.load;
    request.rulesFile = o.rules;
    std::unique_ptr<review::ReviewStore> store;
    if (!o.review.isEmpty() && !useReview(o, request, store, err))
        return exitError;

    const analysis::AnalysisResult result = analyze(request, err);
    if (!result.ok())
        return exitError;
    report::ReportInput input;
    input.analysis = result.report;
    input.diagram = result.diagram;
    input.review = store.get();
    input.title = o.title;
    input.participants = o.participants;
    input.hardeningPlan = hardening::HardeningPlanner::plan(result);
    if (!o.compare.isEmpty()) {
        // The baseline is read as PATH is, with the same rules; -f, env files and
        // profiles name PATH's files.
        analysis::AnalysisRequest baseline;
        baseline.load.path = o.compare;
        baseline.rulesFile = o.rules;
        baseline.layoutDiagram = false;
        const analysis::AnalysisResult before = analyze(baseline, err);
        if (!before.ok())
            return exitError;
        input.comparison = report::AnalysisComparison::compare(before.report, result.report);
    }
    const report::ReportBuilder builder(std::move(input));
    QString error;
    if (!builder.write(o.output, o.format, {o.pageSize, {}}, &error)) {
        err << "error: " << error << Qt::endl;
        return exitError;
    }
    for (const QString &w : builder.warnings())
        err << "warning: " << w << Qt::endl;
    return 0;
}

} // namespace threatdock::cli
