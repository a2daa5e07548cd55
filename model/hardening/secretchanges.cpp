// Literal secrets in a service's environment are read from the project's .env instead:
// the overlay sets `NAME: ${NAME}` and .env.example lists the names, never the values.

#include "hardeningplanner_p.h"

#include <QCryptographicHash>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace threatdock::hardening::detail {

namespace {

using compose::Node;
using compose::Service;

/// The variable a finding is about: "…/env:NAME" (CMP-SEC-001) or "…/weak:NAME"
/// (CMP-SEC-005), when the service's environment sets it in a compose file.
QString secretName(const rules::Finding &f, const Service &s)
{
    static const QRegularExpression re(QStringLiteral("/(?:env|weak):([^/]+)$"));
    const auto m = re.match(f.id);
    if (!m.hasMatch())
        return QString();
    const QString name = m.captured(1);
    for (const compose::EnvironmentVariable &v : s.environment)
        if (v.name == name && v.value)
            return name;
    return QString(); // a build argument or an env file: not this change's business
}

bool isSecretRule(const QString &ruleId)
{
    return ruleId == u"CMP-SEC-001" || ruleId == u"CMP-SEC-005";
}

QString variableName(const QString &text)
{
    QString name = text.toUpper();
    name.replace(QRegularExpression(QStringLiteral("[^A-Z0-9_]")), QStringLiteral("_"));
    if (name.isEmpty() || name.front().isDigit())
        name.prepend(u'_');
    return name;
}

QByteArray valueHash(const Service &s, const QString &name)
{
    for (const compose::EnvironmentVariable &v : s.environment)
        if (v.name == name && v.value)
            return QCryptographicHash::hash(v.value->toUtf8(), QCryptographicHash::Sha256);
    return {};
}

} // namespace

void assignSecretVariables(PlanContext &ctx)
{
    // A name used with different values by two services gets one variable per service;
    // the same value (a password both sides must share) stays one variable.
    QHash<QString, QSet<QByteArray>> values;
    QList<std::pair<QString, QString>> uses; // service, name
    for (const Service &s : ctx.result.project.services) {
        for (const rules::Finding &f : std::as_const(ctx.findings)) {
            if (f.service != s.name || !isSecretRule(f.ruleId))
                continue;
            const QString name = secretName(f, s);
            if (name.isEmpty() || uses.contains(std::pair{s.name, name}))
                continue;
            uses << std::pair{s.name, name};
            values[name].insert(valueHash(s, name));
        }
    }
    for (const auto &[service, name] : std::as_const(uses)) {
        const bool shared = values.value(name).size() == 1;
        ctx.secretVariables.insert(service + u'/' + name,
                                   variableName(shared ? name : service + u'_' + name));
    }
}

std::optional<HardeningChange> secretsChange(PlanContext &ctx, const Service &s)
{
    QList<const rules::Finding *> fixes;
    Node environment = Node::mapping();
    QStringList names;
    QStringList variables;
    for (const rules::Finding &f : std::as_const(ctx.findings)) {
        if (f.service != s.name || !isSecretRule(f.ruleId))
            continue;
        const QString name = secretName(f, s);
        const QString variable = ctx.secretVariables.value(s.name + u'/' + name);
        if (name.isEmpty() || variable.isEmpty())
            continue;
        fixes << &f;
        if (names.contains(name))
            continue;
        names << name;
        variables << variable;
        environment.insert(name, quoted(QStringLiteral("${%1}").arg(variable)));
    }
    if (fixes.isEmpty())
        return std::nullopt;
    const Node node = keyed(QStringLiteral("environment"), environment);
    QStringList origins;
    for (const rules::Finding *f : std::as_const(fixes)) {
        const QString where
            = QStringLiteral("%1:%2").arg(ctx.result.report.relativePath(f->file)).arg(f->line);
        if (!origins.contains(where))
            origins << where;
    }
    HardeningChange c = makeComposeChange(
        ctx, s, QStringLiteral("secrets"),
        QStringLiteral("%1 from .env").arg(names.join(QStringLiteral(", "))),
        QStringLiteral("Reads %1 from the project's .env (not committed; .env.example lists "
                       "the names) instead of the literal in %2. ThreatDock never edits your "
                       "files: delete the literal there yourself, and rotate the secret, since "
                       "it is in the file's history.")
            .arg(variables.join(QStringLiteral(", ")), origins.join(QStringLiteral(", "))),
        node, fixes);
    c.environmentNames = variables;
    return c;
}

} // namespace threatdock::hardening::detail
