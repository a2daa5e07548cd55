#include "hardencommand.h"

#include "analysis/projectanalysis.h"
#include "commandparsing.h"
#include "hardening/hardeningplanner.h"
#include "hardening/hardeningwriter.h"
#include "hardening/planrenderer.h"
#include "projectoptions.h"
#include "rules/secretdetector.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <optional>

namespace threatdock::cli {

namespace {

using namespace threatdock::hardening;

constexpr int exitError = 1;
constexpr int exitUsage = 2;

struct HardenOptions
{
    compose::ComposeLoader::Options load;
    PlannerOptions planner;
    bool write = false;
    QString format;
};

QStringList ruleList(const QStringList &values)
{
    QStringList out;
    for (const QString &v : values)
        for (const QString &id : v.split(u',', Qt::SkipEmptyParts))
            out << id.trimmed();
    return out;
}

/// Parses the options; returns an exit code when the command ends here (help, usage).
std::optional<int> parseOptions(const QStringList &arguments, HardenOptions &o, QTextStream &out,
                                QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Plan the hardening of a Compose project: an overlay compose file "
        "(compose.hardening.yaml, merged after your own files, which are never changed), "
        ".env.example and Dockerfile diffs, each change naming the findings it fixes."));
    const ProjectOptions project;
    project.addTo(parser);
    const QCommandLineOption writeOpt(QStringLiteral("write"),
                                      QStringLiteral("Write the overlay, .env.example and the "
                                                     "Dockerfiles (each with a .bak copy)."));
    const QCommandLineOption onlyOpt(QStringLiteral("only"),
                                     QStringLiteral("Plan only for these rules (comma-separated; "
                                                    "CMP-PRIV-* matches a prefix)."),
                                     QStringLiteral("RULES"));
    const QCommandLineOption excludeOpt(QStringLiteral("exclude"),
                                        QStringLiteral("Leave these rules alone "
                                                       "(comma-separated)."),
                                        QStringLiteral("RULES"));
    const QCommandLineOption publicOpt(QStringLiteral("public"),
                                       QStringLiteral("Keep a published port on every interface "
                                                      "instead of 127.0.0.1 (repeatable)."),
                                       QStringLiteral("SERVICE:PORT"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("text (default) or json."),
                                       QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                     QStringLiteral("Show this help."));
    parser.addOptions({writeOpt, onlyOpt, excludeOpt, publicOpt, formatOpt, helpOpt});
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Project directory or compose file (default: the "
                                                "current directory)."),
                                 QStringLiteral("[PATH]"));
    const QString name = QStringLiteral("harden");
    if (const auto code = parseSubcommand(parser, name, arguments, helpOpt, out, err))
        return code;
    o.format = parser.value(formatOpt);
    if (const auto code
        = checkFormat(name, o.format, {QStringLiteral("text"), QStringLiteral("json")}, err))
        return code;
    if (parser.positionalArguments().size() > 1) {
        err << "threatdock-cli harden: one PATH at most" << Qt::endl;
        return exitUsage;
    }
    static const QRegularExpression portSpec(QStringLiteral("^[^:]+:\\d{1,5}$"));
    for (const QString &p : parser.values(publicOpt)) {
        if (!portSpec.match(p).hasMatch()) {
            err << "threatdock-cli harden: --public takes SERVICE:PORT, not \"" << p << '"'
                << Qt::endl;
            return exitUsage;
        }
        o.planner.publicPorts << p;
    }
    o.load = project.loadOptions(parser);
    o.planner.only = ruleList(parser.values(onlyOpt));
    o.planner.exclude = ruleList(parser.values(excludeOpt));
    o.write = parser.isSet(writeOpt);
    return std::nullopt;
}

QString shown(const QString &text)
{
    return rules::SecretDetector::redact(text);
}

void printText(const HardeningPlan &plan, const RenderedPlan &rendered,
               const analysis::AnalysisResult &result, QTextStream &out)
{
    const QList<HardeningChange> &changes = plan.changes;
    const auto accepted = std::count_if(changes.cbegin(), changes.cend(),
                                        [](const HardeningChange &c) { return c.accepted; });
    out << "Hardening plan for " << result.project.name << ": " << accepted << " changes for "
        << plan.services().size() << " services fix " << plan.fixedFindings().size()
        << " findings and mitigate " << plan.mitigatedThreats().size() << " threats.\n";
    for (const QString &service : plan.services()) {
        out << '\n' << service << '\n';
        for (const HardeningChange *c : plan.changesFor(service))
            out << "  " << (c->accepted ? '+' : '-') << ' ' << shown(c->title).leftJustified(52)
                << " fixes " << c->rules.join(QStringLiteral(", ")) << '\n';
    }
    if (!plan.unplanned.isEmpty()) {
        out << "\nNot planned (fix by hand):\n";
        for (const UnplannedFinding &u : plan.unplanned)
            out << "  " << u.findingId << ": " << shown(u.remediation) << '\n';
    }
    for (const FileChange &f : rendered.files) {
        out << "\n=== " << f.relativePath << (f.before ? "" : " (new)") << " ===\n";
        out << shown(f.kind == FileChange::Kind::Dockerfile ? f.diff : QString::fromUtf8(f.after));
    }
    out.flush();
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject toJson(const HardeningPlan &plan, const RenderedPlan &rendered,
                   const analysis::AnalysisResult &result, const HardeningWriter::Result *written)
{
    QJsonArray changes;
    for (const HardeningChange &c : plan.changes)
        changes.append(QJsonObject{
            {QStringLiteral("id"), c.id},
            {QStringLiteral("service"), c.service},
            {QStringLiteral("target"),
             c.target == ChangeTarget::Compose ? QStringLiteral("compose")
                                               : plan.relativePath(c.dockerfile)},
            {QStringLiteral("kind"), c.kind},
            {QStringLiteral("title"), shown(c.title)},
            {QStringLiteral("description"), shown(c.description)},
            {QStringLiteral("fixes"), toArray(c.fixes)},
            {QStringLiteral("rules"), toArray(c.rules)},
            {QStringLiteral("mitigates"), toArray(c.mitigates)},
            {QStringLiteral("accepted"), c.accepted},
        });
    QJsonArray unplanned;
    for (const UnplannedFinding &u : plan.unplanned)
        unplanned.append(QJsonObject{{QStringLiteral("finding"), u.findingId},
                                     {QStringLiteral("rule"), u.ruleId},
                                     {QStringLiteral("service"), u.service},
                                     {QStringLiteral("remediation"), shown(u.remediation)}});
    QJsonArray files;
    for (const FileChange &f : rendered.files)
        files.append(QJsonObject{{QStringLiteral("path"), f.relativePath},
                                 {QStringLiteral("new"), !f.before},
                                 {QStringLiteral("content"), shown(QString::fromUtf8(f.after))},
                                 {QStringLiteral("diff"), shown(f.diff)}});
    QJsonObject json{{QStringLiteral("project"), result.project.name},
                     {QStringLiteral("overlay"), plan.relativePath(plan.overlayPath)},
                     {QStringLiteral("changes"), changes},
                     {QStringLiteral("unplanned"), unplanned},
                     {QStringLiteral("files"), files},
                     {QStringLiteral("fixed_findings"), toArray(plan.fixedFindings())},
                     {QStringLiteral("mitigated_threats"), toArray(plan.mitigatedThreats())}};
    if (written) {
        QStringList paths;
        for (const QString &p : written->written)
            paths << plan.relativePath(p);
        json.insert(QStringLiteral("written"), toArray(paths));
    }
    return json;
}

/// The user's files without our own overlay: the plan starts from what they wrote.
void dropOverlay(compose::ComposeLoader::Options &load, QTextStream &err)
{
    for (qsizetype i = load.files.size() - 1; i >= 0; --i) {
        if (QFileInfo(load.files.at(i)).fileName() != HardeningPlanner::overlayFileName())
            continue;
        err << "warning: " << load.files.at(i)
            << ": left out: the plan starts from your own files and rewrites the overlay"
            << Qt::endl;
        load.files.removeAt(i);
    }
}

void printWritten(const HardeningPlan &plan, const HardeningWriter::Result &written,
                  QTextStream &out)
{
    QStringList paths;
    for (const QString &p : written.written)
        paths << plan.relativePath(p);
    out << "\nWrote " << paths.join(QStringLiteral(", "));
    if (!written.backups.isEmpty())
        out << " (previous versions in *.bak)";
    out << ".\n";
    if (QFileInfo::exists(plan.overlayPath)) {
        QString files;
        for (const QString &f : plan.composeFiles)
            files += QStringLiteral("-f ") + plan.relativePath(f) + u' ';
        out << "Use it with: docker compose " << files << "-f "
            << plan.relativePath(plan.overlayPath) << " up -d\n";
    }
    out.flush();
}

} // namespace

int runHardenCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    HardenOptions o;
    if (const auto code = parseOptions(arguments, o, out, err))
        return *code;
    dropOverlay(o.load, err);
    analysis::AnalysisRequest request;
    request.load = o.load;
    request.layoutDiagram = false;
    const analysis::AnalysisResult result = analysis::analyzeProject(request);
    for (const QString &w : result.warnings)
        err << "warning: " << w << Qt::endl;
    if (!result.ok()) {
        err << "error: " << (result.error ? result.error->toString() : QStringLiteral("cancelled"))
            << Qt::endl;
        return exitError;
    }
    const HardeningPlan plan = HardeningPlanner::plan(result, o.planner);
    const RenderedPlan rendered = renderPlan(plan);
    std::optional<HardeningWriter::Result> written;
    if (o.write && !rendered.files.isEmpty()) {
        written = HardeningWriter::write(plan, rendered);
        if (!written->ok()) {
            err << "error: " << written->error << Qt::endl;
            return exitError;
        }
    }
    if (o.format == u"json") {
        out << QJsonDocument(toJson(plan, rendered, result, written ? &*written : nullptr))
                   .toJson(QJsonDocument::Indented);
        out.flush();
        return 0;
    }
    printText(plan, rendered, result, out);
    if (written)
        printWritten(plan, *written, out);
    else if (rendered.files.isEmpty())
        out << "\nNothing to change.\n";
    else
        out << "\nNothing written: run with --write to write these files.\n";
    out.flush();
    return 0;
}

} // namespace threatdock::cli
