#include "rulescommand.h"

#include "compose/nodewriter.h"
#include "rules/ruleset.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace threatdock::cli {

namespace {

using rules::Rule;

QJsonObject ruleToJson(const Rule &r)
{
    QJsonObject fix{{QStringLiteral("description"), r.fix.description},
                    {QStringLiteral("dockerfile"), r.fix.dockerfileAction}};
    if (!r.fix.compose.isNull())
        fix.insert(
            QStringLiteral("compose"),
            QJsonDocument::fromJson(compose::NodeWriter::toJson(r.fix.compose, false)).object());
    return QJsonObject{
        {QStringLiteral("id"), r.id},
        {QStringLiteral("title"), r.title},
        {QStringLiteral("severity"), rules::severityName(r.severity)},
        {QStringLiteral("target"), r.target},
        {QStringLiteral("stride"), r.stride},
        {QStringLiteral("attack"), QJsonArray::fromStringList(r.attack)},
        {QStringLiteral("nist"), QJsonArray::fromStringList(r.nist)},
        {QStringLiteral("sp800190"), r.sp800190},
        {QStringLiteral("cis"), QJsonArray::fromStringList(r.cis)},
        {QStringLiteral("cwe"), QJsonArray::fromStringList(r.cwe)},
        {QStringLiteral("peers"),
         QJsonObject{{QStringLiteral("kics"), QJsonArray::fromStringList(r.kics)},
                     {QStringLiteral("hadolint"), QJsonArray::fromStringList(r.hadolint)},
                     {QStringLiteral("trivy"), QJsonArray::fromStringList(r.trivy)}}},
        {QStringLiteral("rationale"), r.rationale},
        {QStringLiteral("remediation"), r.remediation},
        {QStringLiteral("fix"), fix},
        {QStringLiteral("built_in"), r.builtIn},
    };
}

void printTable(const QList<Rule> &rules, QTextStream &out)
{
    out << QStringLiteral("ID").leftJustified(14) << QStringLiteral("SEVERITY").leftJustified(10)
        << QStringLiteral("TARGET").leftJustified(12) << QStringLiteral("STRIDE  ")
        << QStringLiteral("ATT&CK").leftJustified(16) << "TITLE\n";
    for (const Rule &r : rules) {
        out << r.id.leftJustified(13) << ' ' << rules::severityName(r.severity).leftJustified(10)
            << r.target.leftJustified(12) << r.stride.leftJustified(8)
            << r.attack.join(u',').leftJustified(15) << ' ' << r.title
            << (r.builtIn ? QString() : QStringLiteral("  (user)")) << '\n';
    }
    out << rules.size() << " rules\n";
    out.flush();
}

} // namespace

int runRulesCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List every rule with its metadata."));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("text (default) or json."),
                                       QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption rulesOpt(QStringLiteral("rules"),
                                      QStringLiteral("User rules file (YAML) to list as well."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                     QStringLiteral("Show this help."));
    parser.addOptions({formatOpt, rulesOpt, helpOpt});
    if (!parser.parse(QStringList{QStringLiteral("threatdock-cli rules")} + arguments)) {
        err << "threatdock-cli rules: " << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(helpOpt)) {
        out << parser.helpText();
        return 0;
    }
    const QString format = parser.value(formatOpt);
    if ((format != u"text" && format != u"json") || !parser.positionalArguments().isEmpty()) {
        err << "threatdock-cli rules: usage: rules [--format text|json] [--rules FILE]" << Qt::endl;
        return 2;
    }
    rules::RuleSet set = rules::RuleSet::builtIn();
    if (parser.isSet(rulesOpt)) {
        const auto user = rules::RuleSet::readFile(parser.value(rulesOpt));
        if (!user.ok()) {
            err << "error: " << user.error->toString() << Qt::endl;
            return 1;
        }
        set.add(user.rules);
    }
    if (format == u"text") {
        printTable(set.rules(), out);
        return 0;
    }
    QJsonArray list;
    for (const Rule &r : set.rules())
        list.append(ruleToJson(r));
    out << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("rules"), list}})
                                 .toJson(QJsonDocument::Indented));
    out.flush();
    return 0;
}

} // namespace threatdock::cli
