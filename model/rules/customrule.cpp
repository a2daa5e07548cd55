// User-defined rules: the `match:` language (see customrule.h), validated with file:line
// errors and evaluated on the canonical service nodes and the parsed Dockerfiles.

#include "customrule.h"

#include "compose/composenormalizer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <optional>

namespace threatdock::rules {

namespace {

using compose::ComposeError;
using compose::MapEntry;
using compose::Node;
using compose::Origin;

const QStringList &operators()
{
    static const QStringList ops{QStringLiteral("exists"),  QStringLiteral("absent"),
                                 QStringLiteral("equals"),  QStringLiteral("not-equals"),
                                 QStringLiteral("matches"), QStringLiteral("contains"),
                                 QStringLiteral("less"),    QStringLiteral("greater")};
    return ops;
}

const QSet<QString> &instructionNames()
{
    static const QSet<QString> names{
        QStringLiteral("FROM"),       QStringLiteral("RUN"),         QStringLiteral("CMD"),
        QStringLiteral("LABEL"),      QStringLiteral("MAINTAINER"),  QStringLiteral("EXPOSE"),
        QStringLiteral("ENV"),        QStringLiteral("ADD"),         QStringLiteral("COPY"),
        QStringLiteral("ENTRYPOINT"), QStringLiteral("VOLUME"),      QStringLiteral("USER"),
        QStringLiteral("WORKDIR"),    QStringLiteral("ARG"),         QStringLiteral("ONBUILD"),
        QStringLiteral("STOPSIGNAL"), QStringLiteral("HEALTHCHECK"), QStringLiteral("SHELL")};
    return names;
}

/// One step of a key path: a mapping key, a list index, or `*` (every item or value).
struct PathStep
{
    QString key;
    std::optional<int> index;
    bool wildcard = false;
};

/// Parses `deploy.resources.limits.memory`, `ports[0].published`, `cap_add[*]`,
/// `cap_add.*`, `volumes.0.source`; nullopt when the syntax is wrong.
std::optional<QList<PathStep>> parsePath(const QString &path)
{
    static const QRegularExpression segment(
        QStringLiteral(R"(^([A-Za-z0-9_\-]+|\*)?((\[([0-9]+|\*)\])*)$)"));
    static const QRegularExpression bracket(QStringLiteral(R"(\[([0-9]+|\*)\])"));
    QList<PathStep> steps;
    for (const QString &part : path.split(u'.')) {
        const auto m = segment.match(part);
        if (part.isEmpty() || !m.hasMatch())
            return std::nullopt;
        const QString head = m.captured(1);
        if (head == u"*")
            steps << PathStep{QString(), std::nullopt, true};
        else if (!head.isEmpty())
            steps << PathStep{head, std::nullopt, false};
        auto it = bracket.globalMatch(m.captured(2));
        while (it.hasNext()) {
            const QString inner = it.next().captured(1);
            if (inner == u"*")
                steps << PathStep{QString(), std::nullopt, true};
            else
                steps << PathStep{QString(), inner.toInt(), false};
        }
    }
    return steps;
}

QList<const Node *> resolvePath(const Node &root, const QList<PathStep> &steps)
{
    QList<const Node *> current{&root};
    for (const PathStep &step : steps) {
        QList<const Node *> next;
        for (const Node *n : std::as_const(current)) {
            if (step.wildcard) {
                for (const Node &item : n->items())
                    next << &item;
                for (const MapEntry &e : n->entries())
                    next << &e.value;
            } else if (step.index) {
                if (n->isSequence() && *step.index < int(n->items().size()))
                    next << &n->items().at(size_t(*step.index));
            } else if (n->isSequence()) {
                bool ok = false;
                const int i = step.key.toInt(&ok);
                if (ok && i >= 0 && i < int(n->items().size()))
                    next << &n->items().at(size_t(i));
            } else if (const Node *child = n->find(step.key)) {
                next << child;
            }
        }
        current = next;
    }
    current.removeIf([](const Node *n) { return n->isNull(); });
    return current;
}

std::optional<double> numberOf(const QString &text)
{
    bool ok = false;
    const double d = text.trimmed().toDouble(&ok);
    if (ok)
        return d;
    if (const auto bytes = compose::ComposeNormalizer::parseByteSize(text.trimmed()))
        return double(*bytes);
    return std::nullopt;
}

bool sameScalar(const Node &n, const QString &value)
{
    if (!n.isScalar())
        return false;
    if (n.text() == value)
        return true;
    const Node other = Node::scalar(value);
    if (const auto a = n.toBool(), b = other.toBool(); a && b)
        return *a == *b;
    const auto x = n.toDouble(), y = other.toDouble();
    return x && y && *x == *y;
}

// ---- validation ---------------------------------------------------------------------

[[noreturn]] void fail(const Node &at, const QString &message)
{
    throw ComposeError(at.origin(), message);
}

void requireKeys(const Node &n, const QSet<QString> &allowed, const QString &what)
{
    if (!n.isMapping())
        fail(n, QStringLiteral("%1 must be a mapping").arg(what));
    for (const MapEntry &e : n.entries())
        if (!allowed.contains(e.key))
            throw ComposeError(e.keyOrigin,
                               QStringLiteral("unknown key \"%1\" in %2").arg(e.key, what));
}

void validateRegex(const Node &n)
{
    if (!n.isScalar())
        fail(n, QStringLiteral("a regular expression must be a string"));
    const QRegularExpression re(n.text());
    if (!re.isValid())
        fail(n,
             QStringLiteral("bad regular expression \"%1\": %2 at offset %3")
                 .arg(n.text(), re.errorString())
                 .arg(re.patternErrorOffset()));
}

void validateCondition(const Node &c);

void validateGroup(const Node &list, const QString &key)
{
    if (!list.isSequence() || list.items().empty())
        fail(list, QStringLiteral("\"%1\" needs a non-empty list of conditions").arg(key));
    for (const Node &item : list.items())
        validateCondition(item);
}

void validateCondition(const Node &c)
{
    if (c.isMapping() && (c.contains(QStringLiteral("all")) || c.contains(QStringLiteral("any")))) {
        requireKeys(c, {QStringLiteral("all"), QStringLiteral("any")}, QStringLiteral("a group"));
        if (c.entries().size() != 1)
            fail(c, QStringLiteral("a group has either \"all\" or \"any\", not both"));
        validateGroup(c.entries().front().value, c.entries().front().key);
        return;
    }
    requireKeys(c, {QStringLiteral("path"), QStringLiteral("op"), QStringLiteral("value")},
                QStringLiteral("a condition"));
    const Node &path = c.value(QStringLiteral("path"));
    if (!path.isScalar() || path.text().isEmpty())
        fail(c, QStringLiteral("condition needs a \"path\" (a key path such as read_only)"));
    if (!parsePath(path.text()))
        fail(path, QStringLiteral("bad key path \"%1\"").arg(path.text()));
    const Node &op = c.value(QStringLiteral("op"));
    if (!op.isScalar() || !operators().contains(op.text()))
        fail(op.isNull() ? c : op,
             QStringLiteral("unknown operator \"%1\" (one of %2)")
                 .arg(op.text(), operators().join(QStringLiteral(", "))));
    const Node &value = c.value(QStringLiteral("value"));
    const bool unary = op.text() == u"exists" || op.text() == u"absent";
    if (!unary && !value.isScalar())
        fail(c, QStringLiteral("operator \"%1\" needs a scalar \"value\"").arg(op.text()));
    if (op.text() == u"matches")
        validateRegex(value);
    if ((op.text() == u"less" || op.text() == u"greater") && !numberOf(value.text()))
        fail(value, QStringLiteral("operator \"%1\" needs a number").arg(op.text()));
}

void validateDockerfileCondition(const Node &d)
{
    requireKeys(d,
                {QStringLiteral("instruction"), QStringLiteral("args"), QStringLiteral("stage"),
                 QStringLiteral("op")},
                QStringLiteral("a dockerfile condition"));
    const Node &instruction = d.value(QStringLiteral("instruction"));
    if (!instruction.isScalar() || !instructionNames().contains(instruction.text().toUpper()))
        fail(instruction.isNull() ? d : instruction,
             QStringLiteral("dockerfile condition needs a known \"instruction\" (RUN, COPY...)"));
    if (const Node *args = d.find(QStringLiteral("args")))
        validateRegex(*args);
    const Node &stage = d.value(QStringLiteral("stage"));
    if (!stage.isNull() && stage.text() != u"final" && stage.text() != u"all")
        fail(stage, QStringLiteral("stage must be \"final\" or \"all\""));
    const Node &op = d.value(QStringLiteral("op"));
    if (!op.isNull() && op.text() != u"exists" && op.text() != u"absent")
        fail(op, QStringLiteral("dockerfile op must be \"exists\" or \"absent\""));
}

// ---- evaluation ---------------------------------------------------------------------

struct Outcome
{
    QStringList facts;
    Origin where;
};

bool holds(const Node &op, const QList<const Node *> &found, const Node &value)
{
    const QString o = op.text();
    const auto any = [&](auto pred) {
        return std::any_of(found.cbegin(), found.cend(), [&](const Node *n) { return pred(*n); });
    };
    if (o == u"exists")
        return !found.isEmpty();
    if (o == u"absent")
        return found.isEmpty();
    if (o == u"equals")
        return any([&](const Node &n) { return sameScalar(n, value.text()); });
    if (o == u"not-equals")
        return !any([&](const Node &n) { return sameScalar(n, value.text()); });
    if (o == u"matches") {
        const QRegularExpression re(value.text());
        return any([&](const Node &n) {
            if (n.isScalar())
                return re.match(n.text()).hasMatch();
            return std::any_of(n.items().cbegin(), n.items().cend(), [&](const Node &i) {
                return i.isScalar() && re.match(i.text()).hasMatch();
            });
        });
    }
    if (o == u"contains")
        return any([&](const Node &n) {
            if (n.isScalar())
                return n.text().contains(value.text());
            return n.contains(value.text())
                || std::any_of(n.items().cbegin(), n.items().cend(),
                               [&](const Node &i) { return sameScalar(i, value.text()); });
        });
    const auto limit = numberOf(value.text());
    return limit && any([&](const Node &n) {
               const auto x = n.isScalar() ? numberOf(n.text()) : std::nullopt;
               return x && (o == u"less" ? *x < *limit : *x > *limit);
           });
}

bool evaluateCondition(const Node &c, const compose::Service &service, Outcome &out)
{
    if (const Node *all = c.find(QStringLiteral("all"))) {
        for (const Node &item : all->items())
            if (!evaluateCondition(item, service, out))
                return false;
        return true;
    }
    if (const Node *any = c.find(QStringLiteral("any"))) {
        for (const Node &item : any->items())
            if (evaluateCondition(item, service, out))
                return true;
        return false;
    }
    const QString path = c.value(QStringLiteral("path")).text();
    const auto steps = parsePath(path);
    const QList<const Node *> found
        = steps ? resolvePath(service.node, *steps) : QList<const Node *>();
    const Node &op = c.value(QStringLiteral("op"));
    const Node &value = c.value(QStringLiteral("value"));
    if (!holds(op, found, value))
        return false;
    QString fact = path + u' ' + op.text();
    if (!value.isNull())
        fact += QStringLiteral(" \"%1\"").arg(value.text());
    if (!found.isEmpty() && found.first()->isScalar())
        fact += QStringLiteral(" (is \"%1\")").arg(found.first()->text());
    out.facts << fact;
    if (!out.where.isKnown() && !found.isEmpty() && found.first()->origin().isKnown())
        out.where = found.first()->origin();
    return true;
}

void evaluateService(const Node &condition, const AnalysisInput &input, FindingSink &sink)
{
    for (const compose::Service &s : input.project.services) {
        Outcome outcome;
        if (!evaluateCondition(condition, s, outcome))
            continue;
        const Origin where = outcome.where.isKnown() ? outcome.where : s.origin;
        sink.report(
            s.name, where, QStringLiteral("service:") + s.name, QString(),
            QStringLiteral("service %1: %2").arg(s.name, outcome.facts.join(QStringLiteral("; "))));
    }
}

QString relativePath(const AnalysisInput &input, const QString &path)
{
    if (!input.hasProject || path.isEmpty())
        return QFileInfo(path).fileName();
    return QDir(input.project.workingDir).relativeFilePath(path);
}

/// What a dockerfile condition's `args` is matched against: flags, arguments, heredocs.
QString matchText(const dockerfile::Instruction &i)
{
    QString text = i.flags.join(u' ') + u' ' + i.arguments;
    for (const dockerfile::Heredoc &h : i.heredocs)
        text += u'\n' + h.content;
    return text.trimmed();
}

QString shortHash(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
}

QList<const dockerfile::Stage *> stagesToCheck(const DockerfileInput &df, bool allStages)
{
    QList<const dockerfile::Stage *> stages;
    if (allStages) {
        for (const dockerfile::Stage &s : df.dockerfile.stages)
            stages << &s;
    } else if (const dockerfile::Stage *s = df.finalStage()) {
        stages << s;
    }
    return stages;
}

void evaluateDockerfile(const Node &d, const AnalysisInput &input, FindingSink &sink)
{
    const QString keyword = d.value(QStringLiteral("instruction")).text().toUpper();
    const QString args = d.value(QStringLiteral("args")).text();
    const QRegularExpression re(args);
    const bool absent = d.value(QStringLiteral("op")).text() == u"absent";
    const QString what = args.isEmpty() ? keyword : keyword + QStringLiteral(" matching ") + args;
    for (const DockerfileInput &df : input.dockerfiles) {
        const QString scope = QStringLiteral("dockerfile:") + relativePath(input, df.path);
        const bool allStages = d.value(QStringLiteral("stage")).text() == u"all";
        for (const dockerfile::Stage *stage : stagesToCheck(df, allStages)) {
            bool any = false;
            for (const dockerfile::Instruction &i : stage->instructions) {
                if (i.keyword != keyword || (!args.isEmpty() && !re.match(matchText(i)).hasMatch()))
                    continue;
                any = true;
                if (!absent)
                    sink.report(
                        df.services.value(0), Origin{df.path, i.line, 1}, scope,
                        QStringLiteral("stage:%1/%2:%3")
                            .arg(QString::number(stage->index), keyword, shortHash(i.original)),
                        QStringLiteral("stage %1 has %2").arg(QString::number(stage->index), what),
                        i.original.simplified());
            }
            if (absent && !any)
                sink.report(
                    df.services.value(0), Origin{df.path, stage->line, 1}, scope,
                    QStringLiteral("stage:%1").arg(stage->index),
                    QStringLiteral("stage %1 has no %2").arg(QString::number(stage->index), what));
        }
    }
}

} // namespace

std::optional<compose::Diagnostic> CustomRule::validate(const Rule &rule)
{
    try {
        const Node &match = rule.match;
        if (match.isNull())
            throw ComposeError(rule.origin,
                               QStringLiteral("rule %1 needs a \"match\" block").arg(rule.id));
        requireKeys(match, {QStringLiteral("service"), QStringLiteral("dockerfile")},
                    QStringLiteral("match"));
        if (match.entries().size() != 1)
            fail(match, QStringLiteral("match needs exactly one of \"service\" or \"dockerfile\""));
        if (const Node *service = match.find(QStringLiteral("service")))
            validateCondition(*service);
        if (const Node *d = match.find(QStringLiteral("dockerfile")))
            validateDockerfileCondition(*d);
    } catch (const ComposeError &e) {
        return e.diagnostic();
    }
    return std::nullopt;
}

void CustomRule::evaluate(const Rule &rule, const AnalysisInput &input, FindingSink &sink)
{
    if (validate(rule))
        return;
    if (const Node *service = rule.match.find(QStringLiteral("service")))
        evaluateService(*service, input, sink);
    if (const Node *d = rule.match.find(QStringLiteral("dockerfile")))
        evaluateDockerfile(*d, input, sink);
}

} // namespace threatdock::rules
