#include "commandline.h"

#include "analyzecommand.h"
#include "catalogcommand.h"
#include "composecommands.h"
#include "configcommand.h"
#include "diagramcommand.h"
#include "hardencommand.h"
#include "reportcommand.h"
#include "rulescommand.h"
#include "scancommand.h"
#include "verifycommand.h"

#include <functional>
#include <map>

namespace threatdock::cli {

namespace {

struct Subcommand
{
    const char *summary;
    std::function<int(const QStringList &, QTextStream &, QTextStream &)> run;
};

const std::map<QString, Subcommand> &subcommands()
{
    static const std::map<QString, Subcommand> commands{
        {QStringLiteral("analyze"),
         {"run the rules on a project and write the findings (text, json, sarif, markdown)",
          runAnalyzeCommand}},
        {QStringLiteral("rules"), {"list every rule with its metadata", runRulesCommand}},
        {QStringLiteral("catalog"),
         {"import ATT&CK STIX or NIST OSCAL updates into the catalog, or show it",
          runCatalogCommand}},
        {QStringLiteral("scan"),
         {"run Bandit and Trivy on a project or import their reports, with the analysis",
          runScanCommand}},
        {QStringLiteral("diagram"),
         {"write the architecture diagram of a project (svg, png or dot)", runDiagramCommand}},
        {QStringLiteral("harden"),
         {"plan the hardening: an overlay compose file and Dockerfile diffs (--write)",
          runHardenCommand}},
        {QStringLiteral("report"),
         {"write the report: pdf, html, markdown, csv, json, navigator or otm", runReportCommand}},
        {QStringLiteral("config"),
         {"print the normalised Compose project with its resolved values", runConfigCommand}},
        {QStringLiteral("build"),
         {"build a project's images with docker compose (or docker-compose v1)", runBuildCommand}},
        {QStringLiteral("up"),
         {"start a project with docker compose up -d and wait until it is healthy", runUpCommand}},
        {QStringLiteral("verify"),
         {"check the hardening in effect in the running containers (docker inspect)",
          runVerifyCommand}},
        {QStringLiteral("down"),
         {"stop and remove a project's containers (docker compose down)", runDownCommand}},
    };
    return commands;
}

void printUsage(QTextStream &stream)
{
    stream << "Usage: threatdock-cli <command> [options]\n\n"
              "ThreatDock: threat modeling and hardening for Docker Compose projects.\n\n"
              "Commands:\n";
    for (const auto &[name, command] : subcommands())
        stream << "  " << name.leftJustified(10) << ' ' << command.summary << '\n';
    stream << "\nRun 'threatdock-cli <command> --help' for a command's options.\n";
    stream.flush();
}

} // namespace

int runCommandLine(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    if (arguments.isEmpty()) {
        printUsage(err);
        return 2;
    }
    const QString &first = arguments.first();
    if (first == u"--help" || first == u"-h" || first == u"help") {
        printUsage(out);
        return 0;
    }
    if (first == u"--version") {
        out << "threatdock-cli " << THREATDOCK_VERSION << Qt::endl;
        return 0;
    }
    const auto it = subcommands().find(first);
    if (it == subcommands().end()) {
        err << "threatdock-cli: unknown command \"" << first << "\" (run 'threatdock-cli --help')"
            << Qt::endl;
        return 2;
    }
    return it->second.run(arguments.mid(1), out, err);
}

} // namespace threatdock::cli
