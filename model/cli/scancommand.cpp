#include "scancommand.h"

#include "catalog/catalog.h"
#include "compose/composeloader.h"
#include "projectloading.h"
#include "report/analysisreport.h"
#include "report/findingsjson.h"
#include "report/textwriter.h"
#include "rules/ruleengine.h"
#include "scans/banditscan.h"
#include "scans/reportimporter.h"
#include "scans/trivyscan.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

namespace threatdock::cli {

namespace {

using namespace threatdock::scans;

constexpr int exitError = 1;
constexpr int exitUsage = 2;

struct ScanOptions
{
    QString path;
    bool bandit = false;
    QStringList images;
    QStringList imports;
    QString format;
    QString banditPath;
    QString trivyPath;
    int timeoutMs = 0;
};

std::optional<int> parseOptions(const QStringList &arguments, ScanOptions &o, QTextStream &out,
                                QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run Bandit and Trivy on a project, or import their reports, next to ThreatDock's own "
        "analysis."));
    const QCommandLineOption banditOpt(QStringLiteral("bandit"),
                                       QStringLiteral("Run Bandit on the services' build "
                                                      "contexts (the project directory when "
                                                      "none is built)."));
    const QCommandLineOption trivyOpt(QStringLiteral("trivy"),
                                      QStringLiteral("Run 'trivy image' on IMAGE (repeatable)."),
                                      QStringLiteral("IMAGE"));
    const QCommandLineOption importOpt(QStringLiteral("import"),
                                       QStringLiteral("Import a Bandit or Trivy JSON, SARIF or "
                                                      "CycloneDX report (repeatable)."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("text (default) or json."),
                                       QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption banditPathOpt(QStringLiteral("bandit-path"),
                                           QStringLiteral("The bandit executable to use instead "
                                                          "of the one on PATH."),
                                           QStringLiteral("FILE"));
    const QCommandLineOption trivyPathOpt(QStringLiteral("trivy-path"),
                                          QStringLiteral("The trivy executable to use instead of "
                                                         "the one on PATH."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"),
                                        QStringLiteral("Stop a scanner after SECONDS (default "
                                                       "600, 0 = never)."),
                                        QStringLiteral("SECONDS"), QStringLiteral("600"));
    const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                     QStringLiteral("Show this help."));
    parser.addOptions({banditOpt, trivyOpt, importOpt, formatOpt, banditPathOpt, trivyPathOpt,
                       timeoutOpt, helpOpt});
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Project directory or compose file (default: "
                                                "the current directory)."),
                                 QStringLiteral("[PATH]"));
    if (!parser.parse(QStringList{QStringLiteral("threatdock-cli scan")} + arguments)) {
        err << "threatdock-cli scan: " << parser.errorText() << Qt::endl;
        return exitUsage;
    }
    if (parser.isSet(helpOpt)) {
        out << parser.helpText();
        out.flush();
        return 0;
    }
    o.format = parser.value(formatOpt);
    if (o.format != u"text" && o.format != u"json") {
        err << "threatdock-cli scan: unknown format \"" << o.format << "\" (text or json)"
            << Qt::endl;
        return exitUsage;
    }
    bool ok = false;
    const int seconds = parser.value(timeoutOpt).toInt(&ok);
    if (!ok || seconds < 0) {
        err << "threatdock-cli scan: --timeout takes a number of seconds" << Qt::endl;
        return exitUsage;
    }
    if (parser.positionalArguments().size() > 1) {
        err << "threatdock-cli scan: one PATH at most" << Qt::endl;
        return exitUsage;
    }
    o.path = parser.positionalArguments().value(0, QStringLiteral("."));
    o.bandit = parser.isSet(banditOpt);
    o.images = parser.values(trivyOpt);
    o.imports = parser.values(importOpt);
    o.banditPath = parser.value(banditPathOpt);
    o.trivyPath = parser.value(trivyPathOpt);
    o.timeoutMs = seconds * 1000;
    if (!o.bandit && o.images.isEmpty() && o.imports.isEmpty()) {
        err << "threatdock-cli scan: nothing to scan: give --bandit, --trivy IMAGE or --import "
               "FILE"
            << Qt::endl;
        return exitUsage;
    }
    return std::nullopt;
}

/// The project's analysis input and scan target; nullopt (error written) when it fails.
std::optional<std::pair<rules::AnalysisInput, ScanTarget>> loadScanInput(const QString &path,
                                                                         QTextStream &err)
{
    const QFileInfo info(path);
    if (info.isDir() && compose::ComposeLoader::discoverFiles(info.absoluteFilePath()).isEmpty()) {
        // A source tree without a compose file: scan it, analyse its Dockerfile if any.
        rules::AnalysisInput input;
        const QString dockerfile = info.absoluteFilePath() + QStringLiteral("/Dockerfile");
        if (QFileInfo(dockerfile).isFile())
            input = rules::AnalysisInput::fromDockerfile(dockerfile);
        return std::pair{input, ScanTarget::fromDirectory(info.absoluteFilePath())};
    }
    compose::ComposeLoader::Options options;
    options.path = path;
    options.lenient = true;
    const auto project = loadProject(options, err);
    if (!project)
        return std::nullopt;
    QStringList problems;
    rules::AnalysisInput input = rules::AnalysisInput::fromProject(*project, &problems);
    for (const QString &p : std::as_const(problems))
        err << "warning: " << p << Qt::endl;
    return std::pair{input, ScanTarget::fromProject(*project)};
}

/// Progress lines on err, and the tool's own stderr as it comes.
void follow(ScanRunner &runner, const QString &tool, QTextStream &err)
{
    QObject::connect(&runner, &ScanRunner::started, &runner, [&err, tool](qint64 pid) {
        err << "scan: " << tool << " started (pid " << pid << ')' << Qt::endl;
    });
    QObject::connect(&runner, &ScanRunner::standardErrorLine, &runner,
                     [&err, tool](const QString &line) {
                         if (!line.trimmed().isEmpty())
                             err << "  " << tool << ": " << line << Qt::endl;
                     });
}

void summarize(const ScanResult &r, QTextStream &err)
{
    if (!r.ok()) {
        err << "error: " << r.error << Qt::endl;
        return;
    }
    err << "scan: " << r.tool << (r.toolVersion.isEmpty() ? QString() : u' ' + r.toolVersion)
        << ": " << r.findings.size() << " finding(s) from " << r.input << Qt::endl;
    for (const QString &e : r.toolErrors)
        err << "warning: " << r.tool << ": " << e << Qt::endl;
}

ToolInfo locate(const ToolSpec &spec, const QString &configured, QTextStream &err)
{
    const ToolInfo tool = ToolLocator::locate(spec, configured);
    if (tool.found())
        err << "scan: " << tool.name << ' '
            << (tool.version.isEmpty() ? QStringLiteral("?") : tool.version) << " at " << tool.path
            << Qt::endl;
    return tool;
}

QList<ScanResult> runScans(const ScanOptions &o, const ScanTarget &target,
                           const catalog::Catalog *catalog, QTextStream &err)
{
    QList<ScanResult> results;
    if (o.bandit) {
        const ToolInfo bandit = locate(ToolSpec::bandit(), o.banditPath, err);
        ScanRunner runner;
        follow(runner, QStringLiteral("bandit"), err);
        if (bandit.found())
            err << "scan: running " << BanditScan::command(bandit, target).displayString() << " in "
                << target.projectDir << Qt::endl;
        results << BanditScan::run(runner, bandit, target, catalog, o.timeoutMs);
        summarize(results.last(), err);
    }
    if (!o.images.isEmpty()) {
        const ToolInfo trivy = locate(ToolSpec::trivy(), o.trivyPath, err);
        for (const QString &image : o.images) {
            ScanRunner runner;
            follow(runner, QStringLiteral("trivy"), err);
            results << TrivyScan::run(runner, trivy, TrivyScan::Kind::Image, image, target,
                                      o.timeoutMs);
            summarize(results.last(), err);
        }
    }
    for (const QString &file : o.imports) {
        QFile probe(file);
        const auto format = probe.open(QIODevice::ReadOnly)
            ? ReportImporter::detect(probe.read(qint64(512) * 1024 * 1024))
            : ReportImporter::Format::Unknown;
        err << "scan: importing " << file << " (" << ReportImporter::formatName(format) << ')'
            << Qt::endl;
        results << ReportImporter::importFile(file, target, catalog);
        summarize(results.last(), err);
    }
    return results;
}

QJsonArray scansToJson(const QList<ScanResult> &results)
{
    QJsonArray scans;
    for (const ScanResult &r : results)
        scans.append(QJsonObject{
            {QStringLiteral("tool"), r.tool},
            {QStringLiteral("version"), r.toolVersion},
            {QStringLiteral("input"), r.input},
            {QStringLiteral("status"), r.ok() ? QStringLiteral("ok") : QStringLiteral("error")},
            {QStringLiteral("error"), r.error},
            {QStringLiteral("findings"), r.findings.size()},
            {QStringLiteral("tool_errors"), QJsonArray::fromStringList(r.toolErrors)},
        });
    return scans;
}

QString scansToText(const QList<ScanResult> &results)
{
    QString text = QStringLiteral("\nScans:\n");
    for (const ScanResult &r : results)
        text += QStringLiteral("  %1 %2: %3\n")
                    .arg(r.tool, r.input,
                         r.ok() ? QStringLiteral("%1 finding(s)").arg(r.findings.size())
                                : QStringLiteral("error: ") + r.error);
    return text;
}

} // namespace

int runScanCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    ScanOptions o;
    if (const auto code = parseOptions(arguments, o, out, err))
        return *code;
    const auto project = loadScanInput(o.path, err);
    if (!project)
        return exitError;
    const auto &[input, target] = *project;
    const auto loadedCatalog = catalog::Catalog::load();
    if (!loadedCatalog.ok())
        err << "warning: catalog: " << loadedCatalog.error->toString()
            << " (scan findings without ATT&CK/NIST mappings)" << Qt::endl;
    const catalog::Catalog *catalog = loadedCatalog.ok() ? &*loadedCatalog.catalog : nullptr;

    const rules::RuleSet ruleSet = rules::RuleSet::builtIn();
    QList<rules::Finding> findings = rules::RuleEngine(ruleSet).run(input);
    const QList<ScanResult> results = runScans(o, target, catalog, err);
    bool failed = false;
    for (const ScanResult &r : results) {
        findings << r.findings;
        failed = failed || !r.ok();
    }
    const report::AnalysisReport report = report::AnalysisReport::from(input, ruleSet, findings);
    if (o.format == u"json") {
        QJsonObject json = report::FindingsJson::toJson(report);
        json.insert(QStringLiteral("scans"), scansToJson(results));
        out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
    } else {
        out << QString::fromUtf8(report::TextWriter::write(report)) << scansToText(results);
    }
    out.flush();
    return failed ? exitError : 0;
}

} // namespace threatdock::cli
