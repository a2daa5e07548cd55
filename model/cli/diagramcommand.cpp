#include "diagramcommand.h"

#include "compose/composeloader.h"
#include "layout/diagramlayout.h"
#include "layout/diagrampainter.h"
#include "layout/svgwriter.h"
#include "projectloading.h"
#include "rules/analysisinput.h"
#include "rules/ruleengine.h"
#include "system/systemmodelbuilder.h"
#include "threats/threatgenerator.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QGuiApplication>
#include <QSaveFile>

#include <optional>

namespace threatdock::cli {

namespace {

constexpr int exitError = 1;
constexpr int exitUsage = 2;

struct DiagramOptions
{
    QString path;
    QStringList files;
    QStringList profiles;
    QStringList envFiles;
    QString format;
    QString output;
};

QString formatFromOutput(const QString &output)
{
    const QString suffix = QFileInfo(output).suffix().toLower();
    if (suffix == u"png" || suffix == u"dot" || suffix == u"gv")
        return suffix == u"gv" ? QStringLiteral("dot") : suffix;
    return QStringLiteral("svg");
}

/// Parses the options; returns an exit code when the command ends here (help, usage).
std::optional<int> parseOptions(const QStringList &arguments, DiagramOptions &o, QTextStream &out,
                                QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Write the architecture diagram (data-flow diagram) of a Compose project."));
    const QCommandLineOption fileOpt({QStringLiteral("f"), QStringLiteral("file")},
                                     QStringLiteral("Compose file (repeatable, merged in order)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption profileOpt(QStringLiteral("profile"),
                                        QStringLiteral("Enable a profile (repeatable)."),
                                        QStringLiteral("PROFILE"));
    const QCommandLineOption envOpt(QStringLiteral("env-file"),
                                    QStringLiteral("Environment file (repeatable)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("svg, png or dot (default: from the "
                                                      "output file's extension, else svg)."),
                                       QStringLiteral("FORMAT"));
    const QCommandLineOption outputOpt({QStringLiteral("o"), QStringLiteral("output")},
                                       QStringLiteral("The file to write (required)."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                     QStringLiteral("Show this help."));
    parser.addOptions({fileOpt, profileOpt, envOpt, formatOpt, outputOpt, helpOpt});
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Project directory or compose file (default: the "
                                                "current directory)."),
                                 QStringLiteral("[PATH]"));
    if (!parser.parse(QStringList{QStringLiteral("threatdock-cli diagram")} + arguments)) {
        err << "threatdock-cli diagram: " << parser.errorText() << Qt::endl;
        return exitUsage;
    }
    if (parser.isSet(helpOpt)) {
        out << parser.helpText();
        out.flush();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        err << "threatdock-cli diagram: one PATH at most" << Qt::endl;
        return exitUsage;
    }
    o.output = parser.value(outputOpt);
    if (o.output.isEmpty()) {
        err << "threatdock-cli diagram: -o FILE is required" << Qt::endl;
        return exitUsage;
    }
    o.format = parser.isSet(formatOpt) ? parser.value(formatOpt) : formatFromOutput(o.output);
    if (o.format != u"svg" && o.format != u"png" && o.format != u"dot") {
        err << "threatdock-cli diagram: unknown format \"" << o.format << "\" (svg, png or dot)"
            << Qt::endl;
        return exitUsage;
    }
    o.path = positional.value(0);
    o.files = parser.values(fileOpt);
    o.profiles = parser.values(profileOpt);
    o.envFiles = parser.values(envOpt);
    return std::nullopt;
}

std::optional<QByteArray> render(const system::SystemModel &model,
                                 const QMap<QString, layout::BadgeInfo> &badges,
                                 const QString &format, QTextStream &err)
{
    if (format == u"dot")
        return layout::DiagramLayout::dotSource(model);
    QString error;
    const layout::Diagram diagram = layout::DiagramLayout::compute(model, badges, &error);
    if (!error.isEmpty()) {
        err << "error: " << error << Qt::endl;
        return std::nullopt;
    }
    if (format == u"svg")
        return layout::SvgWriter::write(diagram);
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        err << "error: PNG output needs a QGuiApplication (fonts)" << Qt::endl;
        return std::nullopt;
    }
    return layout::DiagramPainter::toPng(diagram);
}

} // namespace

int runDiagramCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    DiagramOptions o;
    if (const auto code = parseOptions(arguments, o, out, err))
        return *code;

    compose::ComposeLoader::Options options;
    options.path = o.path;
    options.files = o.files;
    options.profiles = o.profiles;
    options.envFiles = o.envFiles;
    options.lenient = true;
    const auto project = loadProject(options, err);
    if (!project)
        return exitError;
    const system::SystemModel model = system::SystemModelBuilder::build(*project);
    // Badges: the open threats of each element, from the rules and the threat templates.
    QStringList problems;
    const rules::AnalysisInput input = rules::AnalysisInput::fromProject(*project, &problems);
    const QList<rules::Finding> findings = rules::RuleEngine().run(input);
    const auto badges
        = layout::DiagramLayout::badgesFor(threats::ThreatGenerator::generate(model, findings));
    const std::optional<QByteArray> data = render(model, badges, o.format, err);
    if (!data)
        return exitError;
    QSaveFile file(o.output);
    if (!file.open(QIODevice::WriteOnly) || file.write(*data) != data->size() || !file.commit()) {
        err << "error: " << o.output << ": cannot write: " << file.errorString() << Qt::endl;
        return exitError;
    }
    return 0;
}

} // namespace threatdock::cli
