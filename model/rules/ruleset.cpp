#include "ruleset.h"

#include "compose/nodefields.h"
#include "compose/yamlreader.h"
#include "customrule.h"

#include <QDir>
#include <QRegularExpression>
#include <QSet>

namespace threatdock::rules {

using compose::ComposeError;
using compose::MapEntry;
using compose::Node;

namespace {

QString scalar(const Node &rule, const QString &key, bool required = false)
{
    return compose::scalarField(rule, key, QStringLiteral("rule"), required);
}

QStringList list(const Node &parent, const QString &key)
{
    return compose::stringListField(parent.value(key), key);
}

Rule ruleFrom(const Node &n, const QString &path, bool builtIn)
{
    static const QSet<QString> known{
        QStringLiteral("id"),       QStringLiteral("title"),     QStringLiteral("severity"),
        QStringLiteral("target"),   QStringLiteral("rationale"), QStringLiteral("remediation"),
        QStringLiteral("stride"),   QStringLiteral("attack"),    QStringLiteral("nist"),
        QStringLiteral("sp800190"), QStringLiteral("cis"),       QStringLiteral("cwe"),
        QStringLiteral("peers"),    QStringLiteral("fix"),       QStringLiteral("match")};
    if (!n.isMapping())
        throw ComposeError(n.origin(), QStringLiteral("a rule must be a mapping"));
    for (const MapEntry &e : n.entries()) {
        if (!known.contains(e.key))
            throw ComposeError(e.keyOrigin, QStringLiteral("unknown rule key \"%1\"").arg(e.key));
    }
    Rule r;
    r.origin = n.origin();
    r.builtIn = builtIn;
    r.id = scalar(n, QStringLiteral("id"), true);
    static const QRegularExpression idPattern(QStringLiteral("^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"));
    if (!idPattern.match(r.id).hasMatch())
        throw ComposeError(n.value(QStringLiteral("id")).origin(),
                           QStringLiteral("rule id \"%1\" must look like ABC-DEF-001").arg(r.id));
    r.title = scalar(n, QStringLiteral("title"), true);
    const QString severity = scalar(n, QStringLiteral("severity"), true);
    const auto s = severityFromName(severity);
    if (!s)
        throw ComposeError(n.value(QStringLiteral("severity")).origin(),
                           QStringLiteral("severity \"%1\" must be info, low, medium, high or "
                                          "critical")
                               .arg(severity));
    r.severity = *s;
    r.target = scalar(n, QStringLiteral("target"));
    if (r.target.isEmpty())
        r.target = QStringLiteral("compose");
    r.rationale = scalar(n, QStringLiteral("rationale"));
    r.remediation = scalar(n, QStringLiteral("remediation"));
    r.stride = scalar(n, QStringLiteral("stride"));
    static const QRegularExpression stridePattern(QStringLiteral("^[STRIDE]$"));
    if (!r.stride.isEmpty() && !stridePattern.match(r.stride).hasMatch())
        throw ComposeError(n.value(QStringLiteral("stride")).origin(),
                           QStringLiteral("stride must be one of S, T, R, I, D, E"));
    r.attack = list(n, QStringLiteral("attack"));
    r.nist = list(n, QStringLiteral("nist"));
    r.sp800190 = scalar(n, QStringLiteral("sp800190"));
    r.cis = list(n, QStringLiteral("cis"));
    r.cwe = list(n, QStringLiteral("cwe"));
    const Node peers = n.value(QStringLiteral("peers"));
    r.kics = list(peers, QStringLiteral("kics"));
    r.hadolint = list(peers, QStringLiteral("hadolint"));
    r.trivy = list(peers, QStringLiteral("trivy"));
    const Node fix = n.value(QStringLiteral("fix"));
    if (!fix.isNull() && !fix.isMapping())
        throw ComposeError(fix.origin(), QStringLiteral("fix must be a mapping"));
    r.fix.compose = fix.value(QStringLiteral("compose"));
    r.fix.dockerfileAction = scalar(fix, QStringLiteral("dockerfile"));
    r.fix.description = scalar(fix, QStringLiteral("description"));
    r.match = n.value(QStringLiteral("match"));
    if (!builtIn) {
        if (r.match.isNull())
            throw ComposeError(n.origin(),
                               QStringLiteral("user rule %1 needs a \"match\" block").arg(r.id));
        if (auto err = CustomRule::validate(r))
            throw ComposeError(err->origin, err->message);
    }
    Q_UNUSED(path);
    return r;
}

} // namespace

RuleSet::LoadResult RuleSet::readFile(const QString &path, bool builtIn)
{
    LoadResult result;
    const auto yaml = compose::YamlReader::readFile(path);
    if (!yaml.ok()) {
        result.error = yaml.error;
        return result;
    }
    try {
        const Node doc = yaml.documents.empty() ? Node() : yaml.documents.front();
        const Node rules = doc.value(QStringLiteral("rules"));
        if (!doc.isMapping() || !rules.isSequence())
            throw ComposeError(compose::Origin{path, 1, 1},
                               QStringLiteral("a rules file needs a top-level \"rules:\" list"));
        QSet<QString> ids;
        for (const Node &n : rules.items()) {
            Rule r = ruleFrom(n, path, builtIn);
            if (ids.contains(r.id))
                throw ComposeError(n.origin(),
                                   QStringLiteral("rule %1 is defined twice").arg(r.id));
            ids.insert(r.id);
            result.rules << r;
        }
    } catch (const ComposeError &e) {
        result.error = e.diagnostic();
        result.rules.clear();
    }
    return result;
}

const RuleSet &RuleSet::builtIn()
{
    static const RuleSet set = [] {
        RuleSet s;
        const QStringList files
            = QDir(QStringLiteral(":/catalog"))
                  .entryList({QStringLiteral("rules-*.yaml")}, QDir::Files, QDir::Name);
        for (const QString &f : files) {
            const LoadResult r = readFile(QStringLiteral(":/catalog/") + f, true);
            if (!r.ok())
                qFatal("built-in rules: %s", qPrintable(r.error->toString()));
            s.add(r.rules);
        }
        return s;
    }();
    return set;
}

const Rule *RuleSet::find(const QString &id) const
{
    for (const Rule &r : m_rules)
        if (r.id == id)
            return &r;
    return nullptr;
}

void RuleSet::add(const QList<Rule> &rules)
{
    for (const Rule &r : rules) {
        bool replaced = false;
        for (Rule &existing : m_rules) {
            if (existing.id == r.id) {
                existing = r;
                replaced = true;
            }
        }
        if (!replaced)
            m_rules << r;
    }
}

} // namespace threatdock::rules
