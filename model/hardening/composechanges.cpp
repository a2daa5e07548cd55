// The changes to a service's entry in compose.hardening.yaml: user, read_only, security
// options, capabilities, limits, healthcheck, restart, image tag, ulimits and the rules'
// own Compose fixes. Ports and secrets are in portchanges.cpp and secretchanges.cpp.

#include "hardeningplanner_p.h"

#include "compose/nodewriter.h"

#include <QRegularExpression>

namespace threatdock::hardening::detail {

namespace {

using compose::Node;
using compose::Service;
using rules::Finding;

/// Rules whose findings the builders below handle; the others fall back to the rule's
/// own Compose fix.
const QStringList &specialRules()
{
    static const QStringList rules{QStringLiteral("CMP-PRIV-003"), QStringLiteral("CMP-PRIV-004"),
                                   QStringLiteral("CMP-PRIV-007"), QStringLiteral("CMP-FS-001"),
                                   QStringLiteral("CMP-RES-001"),  QStringLiteral("CMP-RES-002"),
                                   QStringLiteral("CMP-RES-003"),  QStringLiteral("CMP-RES-004"),
                                   QStringLiteral("CMP-RES-005"),  QStringLiteral("CMP-RES-006"),
                                   QStringLiteral("CMP-NET-001"),  QStringLiteral("CMP-NET-003"),
                                   QStringLiteral("CMP-IMG-001"),  QStringLiteral("CMP-SEC-001"),
                                   QStringLiteral("CMP-SEC-005")};
    return rules;
}

/// The profile of the image a service runs (not the base of an image it builds).
const ImageProfile *imageProfile(const PlanContext &ctx, const Service &s)
{
    return s.build ? nullptr : ctx.catalog.image(s.image);
}

std::optional<HardeningChange> userChange(PlanContext &ctx, const Service &s)
{
    const auto fixes = ctx.findingsOf(s.name, QStringLiteral("CMP-PRIV-007"));
    if (fixes.isEmpty())
        return std::nullopt;
    QString user;
    QString source;
    if (const rules::DockerfileInput *d = ctx.dockerfileOf(s)) {
        user = ctx.plannedDockerfileUsers.value(d->path);
        source = QStringLiteral("the USER the Dockerfile change adds");
        if (const ImageProfile *base = ctx.baseProfile(*d); user.isEmpty() && base) {
            user = base->userFor(ctx.baseImage(*d));
            source = QStringLiteral("the unprivileged user of the base image");
        }
    } else if (const ImageProfile *p = imageProfile(ctx, s)) {
        user = p->userFor(s.image);
        source = QStringLiteral("the unprivileged user of the %1 image").arg(p->match.first());
    }
    if (user.isEmpty()) {
        user = ctx.catalog.defaultUser();
        source = QStringLiteral("no unprivileged user of this image is known, so a fixed "
                                "uid:gid");
    }
    const Node node = keyed(QStringLiteral("user"), quoted(user));
    return makeComposeChange(
        ctx, s, QStringLiteral("user"), QStringLiteral("user: \"%1\"").arg(user),
        QStringLiteral("Runs the service's processes as %1 instead of root (%2). Files and "
                       "volumes the service writes must be writable by that uid.")
            .arg(user, source),
        node, fixes);
}

/// Container paths already mounted (volumes, binds, tmpfs): no tmpfs is needed there.
QStringList mountedPaths(const Service &s)
{
    QStringList paths;
    for (const compose::VolumeMount &m : s.volumes)
        paths << m.target;
    for (const QString &t : s.tmpfs)
        paths << t.section(u':', 0, 0);
    return paths;
}

std::optional<HardeningChange> readOnlyChange(PlanContext &ctx, const Service &s)
{
    const auto fixes = ctx.findingsOf(s.name, QStringLiteral("CMP-FS-001"));
    if (fixes.isEmpty())
        return std::nullopt;
    QStringList tmpfs;
    QStringList wanted = ctx.catalog.defaultTmpfs();
    if (const ImageProfile *p = ctx.profileOf(s))
        wanted << p->tmpfs;
    const QStringList mounted = mountedPaths(s);
    for (const QString &path : std::as_const(wanted))
        if (!mounted.contains(path) && !tmpfs.contains(path))
            tmpfs << path;
    Node node = keyed(QStringLiteral("read_only"), plain(QStringLiteral("true")));
    if (!tmpfs.isEmpty())
        node.insert(QStringLiteral("tmpfs"), quotedList(tmpfs));
    const QString paths = tmpfs.join(QStringLiteral(", "));
    return makeComposeChange(
        ctx, s, QStringLiteral("read-only"),
        tmpfs.isEmpty() ? QStringLiteral("read_only: true")
                        : QStringLiteral("read_only: true, tmpfs %1").arg(paths),
        QStringLiteral("Mounts the root filesystem read-only: the service writes only to its "
                       "volumes%1. A service that writes anywhere else fails; give such paths "
                       "a tmpfs or a volume.")
            .arg(tmpfs.isEmpty()
                     ? QString()
                     : QStringLiteral(" and to %1 (tmpfs: in memory, emptied on restart)")
                           .arg(paths)),
        node, fixes);
}

std::optional<HardeningChange> noNewPrivilegesChange(PlanContext &ctx, const Service &s)
{
    const auto fixes = ctx.findingsOf(s.name, QStringLiteral("CMP-PRIV-004"));
    if (fixes.isEmpty())
        return std::nullopt;
    const QString option = QStringLiteral("no-new-privileges:true");
    static const QRegularExpression nnp(QStringLiteral("^no-new-privileges([:=].*)?$"),
                                        QRegularExpression::CaseInsensitiveOption);
    QStringList kept;
    bool replaces = false;
    for (const QString &o : s.securityOpt) {
        if (nnp.match(o.trimmed()).hasMatch())
            replaces = true;
        else
            kept << o;
    }
    // A "no-new-privileges:false" of the user's files must go: the list is replaced.
    const Node node
        = keyed(QStringLiteral("security_opt"),
                replaces ? tagged(quotedList(kept << option), QStringLiteral("!override"))
                         : quotedList({option}));
    return makeComposeChange(ctx, s, QStringLiteral("no-new-privileges"),
                             QStringLiteral("security_opt: no-new-privileges:true"),
                             QStringLiteral("Forbids gaining privileges through setuid "
                                            "binaries and file capabilities (sudo, su, ping "
                                            "with file capabilities stop working)."),
                             node, fixes);
}

bool listensBelow1024(const Service &s)
{
    for (const compose::PortMapping &p : s.ports)
        if (p.target > 0 && p.target < 1024)
            return true;
    for (const QString &e : s.expose) {
        const int port = e.section(u'/', 0, 0).section(u'-', 0, 0).toInt();
        if (port > 0 && port < 1024)
            return true;
    }
    return false;
}

std::optional<HardeningChange> capabilitiesChange(PlanContext &ctx, const Service &s)
{
    const auto fixes = ctx.findingsOf(s.name, QStringLiteral("CMP-PRIV-003"));
    if (fixes.isEmpty())
        return std::nullopt;
    QStringList needed;
    if (const ImageProfile *p = ctx.profileOf(s))
        needed << p->capAdd;
    if (listensBelow1024(s))
        needed << QStringLiteral("NET_BIND_SERVICE");
    QStringList add;
    for (const QString &cap : std::as_const(needed)) {
        const bool present = std::any_of(s.capAdd.cbegin(), s.capAdd.cend(), [&](const QString &c) {
            return c.toUpper().remove(QStringLiteral("CAP_")) == cap;
        });
        if (!present && !add.contains(cap))
            add << cap;
    }
    Node node = keyed(QStringLiteral("cap_drop"), quotedList({QStringLiteral("ALL")}));
    if (!add.isEmpty())
        node.insert(QStringLiteral("cap_add"), quotedList(add));
    const QString title = add.isEmpty()
        ? QStringLiteral("cap_drop: [ALL]")
        : QStringLiteral("cap_drop: [ALL], cap_add: [%1]").arg(add.join(QStringLiteral(", ")));
    return makeComposeChange(
        ctx, s, QStringLiteral("capabilities"), title,
        QStringLiteral("Drops every Linux capability%1. A service that changes file owners or "
                       "switches users at start needs those capabilities back.")
            .arg(add.isEmpty() ? QString()
                               : QStringLiteral(" and adds back only %1, which the service "
                                                "needs (a port below 1024, or its image)")
                                     .arg(add.join(QStringLiteral(", ")))),
        node, fixes);
}

/// One limit, top level (mem_limit) or under deploy.resources.limits when the user's file
/// already sets it there (Compose refuses the two with different values).
std::optional<HardeningChange> limitChange(PlanContext &ctx, const Service &s,
                                           const QString &ruleId, const QString &key,
                                           const QString &deployKey, const QString &value)
{
    const auto fixes = ctx.findingsOf(s.name, ruleId);
    if (fixes.isEmpty())
        return std::nullopt;
    const Node &limits = s.node.value(QStringLiteral("deploy"))
                             .value(QStringLiteral("resources"))
                             .value(QStringLiteral("limits"));
    const bool deploy = limits.contains(deployKey);
    const QString path = deploy ? QStringLiteral("deploy.resources.limits.") + deployKey : key;
    const Node node = keyed(path, plain(value));
    const QString title = QStringLiteral("%1: %2").arg(path, value);
    const QString kind = ctx.kindOf(s);
    return makeComposeChange(ctx, s, QString(key).replace(u'_', u'-'), title,
                             QStringLiteral("A default for a %1 service; measure the service "
                                            "under load and adjust it.")
                                 .arg(kind),
                             node, fixes);
}

QList<HardeningChange> limitChanges(PlanContext &ctx, const Service &s)
{
    ResourceLimits l = ctx.catalog.limitsFor(ctx.kindOf(s));
    if (const ImageProfile *p = ctx.profileOf(s); p && p->limits)
        l = *p->limits;
    QList<HardeningChange> out;
    if (auto c = limitChange(ctx, s, QStringLiteral("CMP-RES-001"), QStringLiteral("mem_limit"),
                             QStringLiteral("memory"), l.memLimit))
        out << *c;
    if (auto c = limitChange(ctx, s, QStringLiteral("CMP-RES-003"), QStringLiteral("pids_limit"),
                             QStringLiteral("pids"), QString::number(l.pidsLimit)))
        out << *c;
    if (auto c = limitChange(ctx, s, QStringLiteral("CMP-RES-002"), QStringLiteral("cpus"),
                             QStringLiteral("cpus"), l.cpus))
        out << *c;
    return out;
}

std::optional<HardeningChange> healthcheckChange(PlanContext &ctx, const Service &s)
{
    const auto fixes = ctx.findingsOf(s.name, QStringLiteral("CMP-RES-006"));
    if (fixes.isEmpty())
        return std::nullopt;
    Node node = Node::mapping();
    const rules::DockerfileInput *d = ctx.dockerfileOf(s);
    const dockerfile::Instruction *own = d && d->finalStage()
        ? d->dockerfile.effective(*d->finalStage(), QStringLiteral("HEALTHCHECK"))
        : nullptr;
    if (s.healthcheck && own && !own->arguments.trimmed().toUpper().startsWith(u"NONE")) {
        // The user's file turns the image's own check off: drop that setting.
        node.insert(QStringLiteral("healthcheck"), tagged(Node::null(), QStringLiteral("!reset")));
        return makeComposeChange(
            ctx, s, QStringLiteral("healthcheck"),
            QStringLiteral("healthcheck: the Dockerfile's HEALTHCHECK"),
            QStringLiteral("Removes the setting that turns the healthcheck off, so the "
                           "HEALTHCHECK of %1:%2 applies.")
                .arg(ctx.result.report.relativePath(d->path))
                .arg(own->line),
            node, fixes);
    }
    const HealthProbe probe = ctx.probeFor(s);
    if (probe.test.isEmpty())
        return std::nullopt;
    Node check = Node::mapping();
    check.insert(QStringLiteral("test"), quotedList(probe.test));
    for (const auto &[key, value] : ctx.catalog.healthcheckTiming())
        check.insert(key, plain(value));
    // A disabled healthcheck in the user's files is replaced as a whole.
    node.insert(QStringLiteral("healthcheck"),
                s.healthcheck ? tagged(check, QStringLiteral("!override")) : check);
    return makeComposeChange(
        ctx, s, QStringLiteral("healthcheck"),
        QStringLiteral("healthcheck: %1").arg(probe.summary()),
        QStringLiteral("Lets Docker tell a hung service from a healthy one. The probe "
                       "only checks that the service answers on its port; point it at a "
                       "health endpoint if the service has one."),
        node, fixes);
}

std::optional<HardeningChange> restartChange(PlanContext &ctx, const Service &s)
{
    const auto fixes = ctx.findingsOf(s.name, QStringLiteral("CMP-RES-005"));
    if (fixes.isEmpty())
        return std::nullopt;
    Node node = Node::mapping();
    QStringList keys;
    for (const Finding *f : fixes) {
        if (f->id.endsWith(QStringLiteral("/deploy.restart_policy"))) {
            Node policy = keyed(QStringLiteral("condition"), quoted(QStringLiteral("on-failure")));
            policy.insert(QStringLiteral("max_attempts"), plain(QStringLiteral("5")));
            node.insert(QStringLiteral("deploy"), keyed(QStringLiteral("restart_policy"), policy));
            keys << QStringLiteral("deploy.restart_policy: on-failure, 5 attempts");
        } else {
            node.insert(QStringLiteral("restart"), quoted(ctx.catalog.restart()));
            keys << QStringLiteral("restart: %1").arg(ctx.catalog.restart());
        }
    }
    return makeComposeChange(ctx, s, QStringLiteral("restart"), keys.join(QStringLiteral(", ")),
                             QStringLiteral("Restarts a failing container at most 5 times, so "
                                            "a crash loop stops and gets noticed (CIS 5.15)."),
                             node, fixes);
}

std::optional<HardeningChange> imageTagChange(PlanContext &ctx, const Service &s)
{
    const auto fixes = ctx.findingsOf(s.name, QStringLiteral("CMP-IMG-001"));
    const ImageProfile *p = imageProfile(ctx, s);
    if (fixes.isEmpty() || !p || p->tag.isEmpty() || !ImageReference::parse(s.image).floating())
        return std::nullopt;
    QString name = s.image.section(u'@', 0, 0);
    if (name.lastIndexOf(u':') > name.lastIndexOf(u'/'))
        name.truncate(name.lastIndexOf(u':'));
    const QString pinned = name + u':' + p->tag;
    const Node node = keyed(QStringLiteral("image"), quoted(pinned));
    return makeComposeChange(ctx, s, QStringLiteral("image-tag"),
                             QStringLiteral("image: %1").arg(pinned),
                             QStringLiteral("Pins a version instead of whatever :latest is on "
                                            "the day of the pull. Check the release notes; pin "
                                            "the digest too once the image is reviewed."),
                             node, fixes);
}

std::optional<HardeningChange> ulimitsChange(PlanContext &ctx, const Service &s)
{
    const auto fixes = ctx.findingsOf(s.name, QStringLiteral("CMP-RES-004"));
    if (fixes.isEmpty())
        return std::nullopt;
    auto [soft, hard] = ctx.catalog.defaultNofile();
    if (const ImageProfile *p = ctx.profileOf(s); p && p->nofile)
        std::tie(soft, hard) = *p->nofile;
    Node nofile = keyed(QStringLiteral("soft"), plain(QString::number(soft)));
    nofile.insert(QStringLiteral("hard"), plain(QString::number(hard)));
    const Node node = keyed(QStringLiteral("ulimits.nofile"), nofile);
    return makeComposeChange(ctx, s, QStringLiteral("ulimits"),
                             QStringLiteral("ulimits: nofile %1/%2").arg(soft).arg(hard),
                             QStringLiteral("Bounds the open files per process (soft/hard)."), node,
                             fixes);
}

/// One line of YAML for a title: `privileged: false`, `logging: {"driver": ...}`,
/// `network_mode removed`.
QString inlineTitle(const Node &mapping)
{
    QStringList parts;
    for (const compose::MapEntry &e : mapping.entries()) {
        if (e.value.tag() == u"!reset") {
            parts << e.key + QStringLiteral(" removed");
            continue;
        }
        const QString value = e.value.isScalar() || e.value.isNull()
            ? QString::fromUtf8(compose::NodeWriter::toYaml(e.value)).trimmed()
            : QString::fromUtf8(compose::NodeWriter::toJson(e.value, false));
        parts << e.key + QStringLiteral(": ") + value;
    }
    return parts.join(QStringLiteral(", "));
}

/// The rule's own Compose fix (resources/catalog/rules-*.yaml `fix.compose`) for the
/// rules the builders above do not handle.
QList<HardeningChange> ruleFixChanges(PlanContext &ctx, const Service &s)
{
    QList<HardeningChange> out;
    QStringList seen;
    for (const Finding &f : std::as_const(ctx.findings)) {
        if (f.service != s.name || seen.contains(f.ruleId) || specialRules().contains(f.ruleId))
            continue;
        seen << f.ruleId;
        const rules::Rule *rule = ctx.result.report.rule(f.ruleId);
        if (!rule || !rule->fix.compose.isMapping() || rule->fix.compose.entries().empty())
            continue;
        out << makeComposeChange(
            ctx, s, QStringLiteral("rule:") + f.ruleId, inlineTitle(rule->fix.compose),
            rule->fix.description.isEmpty() ? rule->remediation : rule->fix.description,
            rule->fix.compose, ctx.findingsOf(s.name, f.ruleId));
    }
    return out;
}

} // namespace

HardeningChange makeComposeChange(PlanContext &ctx, const Service &s, const QString &kind,
                                  const QString &title, const QString &description,
                                  const Node &node, const QList<const Finding *> &fixes)
{
    HardeningChange c;
    c.id = QStringLiteral("service:%1/%2").arg(s.name, kind);
    c.service = s.name;
    c.target = ChangeTarget::Compose;
    c.kind = kind;
    c.title = title;
    c.description = description;
    c.compose = node;
    claim(ctx, c, fixes);
    return c;
}

QList<HardeningChange> composeChanges(PlanContext &ctx, const Service &s)
{
    QList<HardeningChange> out;
    const auto add = [&out](std::optional<HardeningChange> c) {
        if (c)
            out << std::move(*c);
    };
    add(imageTagChange(ctx, s));
    add(userChange(ctx, s));
    add(readOnlyChange(ctx, s));
    add(noNewPrivilegesChange(ctx, s));
    add(capabilitiesChange(ctx, s));
    out << limitChanges(ctx, s);
    add(healthcheckChange(ctx, s));
    add(portsChange(ctx, s));
    add(restartChange(ctx, s));
    add(secretsChange(ctx, s));
    add(ulimitsChange(ctx, s));
    out << ruleFixChanges(ctx, s);
    return out;
}

} // namespace threatdock::hardening::detail
