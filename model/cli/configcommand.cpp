#include "configcommand.h"

#include "compose/composeloader.h"
#include "compose/nodewriter.h"
#include "projectloading.h"

#include <QCommandLineParser>

namespace threatdock::cli {

using namespace threatdock::compose;

int runConfigCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print the normalised Compose project with its resolved values."));
    const QCommandLineOption fileOpt({QStringLiteral("f"), QStringLiteral("file")},
                                     QStringLiteral("Compose file (repeatable, merged in order)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption dirOpt(
        QStringLiteral("project-directory"),
        QStringLiteral("Project directory (default: the first file's)."), QStringLiteral("DIR"));
    const QCommandLineOption nameOpt({QStringLiteral("p"), QStringLiteral("project-name")},
                                     QStringLiteral("Project name."), QStringLiteral("NAME"));
    const QCommandLineOption envOpt(QStringLiteral("env-file"),
                                    QStringLiteral("Environment file (repeatable)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption profileOpt(QStringLiteral("profile"),
                                        QStringLiteral("Enable a profile (repeatable)."),
                                        QStringLiteral("PROFILE"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("Output format: yaml (default) or json."),
                                       QStringLiteral("FORMAT"), QStringLiteral("yaml"));
    const QCommandLineOption servicesOpt(QStringLiteral("services"),
                                         QStringLiteral("Print the active service names, one a "
                                                        "line."));
    const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                     QStringLiteral("Show this help."));
    parser.addOptions(
        {fileOpt, dirOpt, nameOpt, envOpt, profileOpt, formatOpt, servicesOpt, helpOpt});
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Project directory or compose file (default: "
                                                "the current directory)."),
                                 QStringLiteral("[PATH]"));

    if (!parser.parse(QStringList{QStringLiteral("threatdock-cli config")} + arguments)) {
        err << "threatdock-cli config: " << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(helpOpt)) {
        out << parser.helpText();
        return 0;
    }
    const QString format = parser.value(formatOpt);
    if (format != u"json" && format != u"yaml") {
        err << "threatdock-cli config: unknown format \"" << format << "\" (json or yaml)"
            << Qt::endl;
        return 2;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        err << "threatdock-cli config: one PATH at most" << Qt::endl;
        return 2;
    }

    ComposeLoader::Options options;
    options.path = positional.value(0);
    options.files = parser.values(fileOpt);
    options.projectDirectory = parser.value(dirOpt);
    options.projectName = parser.value(nameOpt);
    options.envFiles = parser.values(envOpt);
    options.profiles = parser.values(profileOpt);
    const std::optional<ComposeProject> project = loadProject(options, err);
    if (!project)
        return 1;
    if (parser.isSet(servicesOpt)) {
        for (const QString &name : project->serviceNames())
            out << name << '\n';
        out.flush();
        return 0;
    }
    const QByteArray text = format == u"json" ? NodeWriter::toJson(project->model)
                                              : NodeWriter::toYaml(project->model);
    out << QString::fromUtf8(text);
    if (!text.endsWith('\n'))
        out << '\n';
    out.flush();
    return 0;
}

} // namespace threatdock::cli
