#include "analyzecommand.h"

#include "analysis/projectanalysis.h"
#include "compose/composeloader.h"
#include "projectloading.h"
#include "projectoptions.h"
#include "report/analysisreport.h"
#include "report/comparisonwriter.h"
#include "report/findingsjson.h"
#include "report/markdownwriter.h"
#include "report/sarifwriter.h"
#include "report/textwriter.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QSaveFile>

#include <optional>

namespace threatdock::cli {

namespace {

using namespace threatdock::rules;

struct AnalyzeOptions
{
    compose::ComposeLoader::Options load;
    QString compare; ///< the baseline's PATH; "" = no comparison
    QString rulesFile;
    QString format;
    QString output;
    std::optional<Severity> failOn;
};

constexpr int exitError = 1;
constexpr int exitUsage = 2;
constexpr int exitFailOn = 3;

/// Checks the format, --fail-on and the positional arguments; an exit code on misuse.
std::optional<int> checkValues(AnalyzeOptions &o, const QString &failOn,
                               const QStringList &positional, QTextStream &err)
{
    static const QStringList formats{QStringLiteral("text"), QStringLiteral("json"),
                                     QStringLiteral("sarif"), QStringLiteral("markdown")};
    if (!formats.contains(o.format)) {
        err << "threatdock-cli analyze: unknown format \"" << o.format
            << "\" (text, json, sarif or markdown)" << Qt::endl;
        return exitUsage;
    }
    if (!failOn.isEmpty()) {
        o.failOn = severityFromName(failOn);
        if (!o.failOn) {
            err << "threatdock-cli analyze: unknown severity \"" << failOn
                << "\" for --fail-on (info, low, medium, high or critical)" << Qt::endl;
            return exitUsage;
        }
    }
    if (positional.size() > 1) {
        err << "threatdock-cli analyze: one PATH at most" << Qt::endl;
        return exitUsage;
    }
    if (!o.compare.isEmpty() && o.format == u"sarif") {
        err << "threatdock-cli analyze: --compare writes text, json or markdown, not sarif"
            << Qt::endl;
        return exitUsage;
    }
    return std::nullopt;
}

/// Parses the options; returns an exit code when the command ends here (help, usage).
std::optional<int> parseOptions(const QStringList &arguments, AnalyzeOptions &o, QTextStream &out,
                                QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run the hardening and secret rules on a "
                                                    "Compose project or a Dockerfile, and derive "
                                                    "a project's STRIDE threat model."));
    const ProjectOptions projectOptions;
    const QCommandLineOption rulesOpt(QStringLiteral("rules"),
                                      QStringLiteral("User rules file (YAML) added to the "
                                                     "built-in rules."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("text (default), json, sarif or markdown."),
                                       QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption outputOpt({QStringLiteral("o"), QStringLiteral("output")},
                                       QStringLiteral("Write to FILE instead of stdout."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption failOpt(QStringLiteral("fail-on"),
                                     QStringLiteral("Exit 3 when a finding is at or above this "
                                                    "severity (info, low, medium, high, "
                                                    "critical)."),
                                     QStringLiteral("SEVERITY"));
    const QCommandLineOption compareOpt(QStringLiteral("compare"),
                                        QStringLiteral("Compare with the analysis of BASELINE "
                                                       "(a project directory, compose file or "
                                                       "Dockerfile: the 'before'): findings and "
                                                       "threats fixed, remaining and new."),
                                        QStringLiteral("BASELINE"));
    const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                     QStringLiteral("Show this help."));
    projectOptions.addTo(parser);
    parser.addOptions({rulesOpt, formatOpt, outputOpt, failOpt, compareOpt, helpOpt});
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Project directory, compose file or Dockerfile "
                                                "(default: the current directory)."),
                                 QStringLiteral("[PATH]"));
    if (!parser.parse(QStringList{QStringLiteral("threatdock-cli analyze")} + arguments)) {
        err << "threatdock-cli analyze: " << parser.errorText() << Qt::endl;
        return exitUsage;
    }
    if (parser.isSet(helpOpt)) {
        out << parser.helpText();
        out.flush();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    o.format = parser.value(formatOpt);
    o.compare = parser.value(compareOpt);
    if (const auto code = checkValues(o, parser.isSet(failOpt) ? parser.value(failOpt) : QString(),
                                      positional, err))
        return code;
    o.load = projectOptions.loadOptions(parser);
    o.load.lenient = true; // analyse what Compose would refuse, with warnings
    o.rulesFile = parser.value(rulesOpt);
    o.output = parser.value(outputOpt);
    return std::nullopt;
}

/// A lone Dockerfile: a file that is not YAML, or a directory with a Dockerfile and no
/// compose file.
QString loneDockerfile(const compose::ComposeLoader::Options &o)
{
    if (!o.files.isEmpty() || o.path.isEmpty())
        return QString();
    const QFileInfo info(o.path);
    if (info.isFile()) {
        const QString suffix = info.suffix().toLower();
        return suffix == u"yaml" || suffix == u"yml" ? QString() : info.absoluteFilePath();
    }
    const QString dockerfile = info.absoluteFilePath() + QStringLiteral("/Dockerfile");
    if (info.isDir() && compose::ComposeLoader::discoverFiles(info.absoluteFilePath()).isEmpty()
        && QFileInfo(dockerfile).isFile())
        return dockerfile;
    return QString();
}

/// Loads the input; on failure writes one error line and returns nullopt.
std::optional<AnalysisInput> loadInput(const compose::ComposeLoader::Options &options,
                                       QTextStream &err)
{
    QStringList problems;
    AnalysisInput input;
    if (const QString dockerfile = loneDockerfile(options); !dockerfile.isEmpty()) {
        input = AnalysisInput::fromDockerfile(dockerfile, &problems);
        if (input.dockerfiles.isEmpty()) {
            err << "error: " << problems.value(0, dockerfile) << Qt::endl;
            return std::nullopt;
        }
    } else {
        const auto project = loadProject(options, err);
        if (!project)
            return std::nullopt;
        input = AnalysisInput::fromProject(*project, &problems);
    }
    for (const QString &p : std::as_const(problems))
        err << "warning: " << p << Qt::endl;
    return input;
}

QByteArray render(const report::AnalysisReport &report, const QString &format)
{
    if (format == u"json")
        return report::FindingsJson::write(report);
    if (format == u"sarif")
        return report::SarifWriter::write(report);
    if (format == u"markdown")
        return report::MarkdownWriter::write(report);
    return report::TextWriter::write(report);
}

QByteArray renderComparison(const report::AnalysisComparison &comparison, const QString &format)
{
    if (format == u"json")
        return report::ComparisonWriter::json(comparison);
    if (format == u"markdown")
        return report::ComparisonWriter::markdown(comparison);
    return report::ComparisonWriter::text(comparison);
}

bool writeOutput(const QString &path, const QByteArray &data, QTextStream &out, QTextStream &err)
{
    if (path.isEmpty()) {
        out << QString::fromUtf8(data);
        out.flush();
        return true;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        err << "error: " << path << ": cannot write: " << file.errorString() << Qt::endl;
        return false;
    }
    return true;
}

} // namespace

int runAnalyzeCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    AnalyzeOptions o;
    if (const auto code = parseOptions(arguments, o, out, err))
        return *code;
    RuleSet ruleSet = RuleSet::builtIn();
    if (!o.rulesFile.isEmpty()) {
        const RuleSet::LoadResult user = RuleSet::readFile(o.rulesFile);
        if (!user.ok()) {
            err << "error: " << user.error->toString() << Qt::endl;
            return exitError;
        }
        ruleSet.add(user.rules);
    }
    const auto input = loadInput(o.load, err);
    if (!input)
        return exitError;
    const report::AnalysisReport report = analysis::buildReport(*input, ruleSet);
    QByteArray output;
    if (o.compare.isEmpty()) {
        output = render(report, o.format);
    } else {
        // The baseline is read as PATH is: the same rules, no -f, env files or profiles
        // (those name PATH's files).
        compose::ComposeLoader::Options baselineOptions
            = analysis::AnalysisRequest::lenientOptions();
        baselineOptions.path = o.compare;
        const auto baselineInput = loadInput(baselineOptions, err);
        if (!baselineInput)
            return exitError;
        output = renderComparison(report::AnalysisComparison::compare(
                                      analysis::buildReport(*baselineInput, ruleSet), report),
                                  o.format);
    }
    if (!writeOutput(o.output, output, out, err))
        return exitError;
    if (o.failOn && report.countAtLeast(*o.failOn) > 0)
        return exitFailOn;
    return 0;
}

} // namespace threatdock::cli
