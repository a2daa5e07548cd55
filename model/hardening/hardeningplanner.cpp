#include "hardeningplanner.h"

#include "hardeningplanner_p.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace threatdock::hardening {

namespace detail {

using compose::Node;
using compose::Service;
using rules::Finding;

QString HealthProbe::summary() const
{
    if (kind == u"http")
        return QStringLiteral("HTTP probe of port %1").arg(port);
    if (kind != u"image")
        return QStringLiteral("%1 probe of port %2").arg(test.value(1).section(u'/', -1)).arg(port);
    const QString command = test.value(0) == u"CMD-SHELL" ? test.value(1) : test.mid(1).join(u' ');
    return command.size() > 48 ? command.left(47) + QChar(0x2026) : command;
}

Node quoted(const QString &text)
{
    return Node::scalar(text, {}, /*quoted=*/true);
}

Node plain(const QString &text)
{
    return Node::scalar(text);
}

Node quotedList(const QStringList &texts)
{
    Node list = Node::sequence();
    for (const QString &t : texts)
        list.append(quoted(t));
    return list;
}

Node keyed(const QString &keyPath, const Node &value)
{
    Node node = value;
    const QStringList keys = keyPath.split(u'.');
    for (auto key = keys.crbegin(); key != keys.crend(); ++key) {
        Node parent = Node::mapping();
        parent.insert(*key, node);
        node = std::move(parent);
    }
    return node;
}

void claim(PlanContext &ctx, HardeningChange &c, const QList<const Finding *> &fixes)
{
    for (const Finding *f : fixes) {
        c.fixes << f->id;
        if (!c.rules.contains(f->ruleId))
            c.rules << f->ruleId;
        ctx.handled.insert(f->id);
    }
}

Node tagged(Node node, const QString &tag)
{
    node.setTag(tag);
    return node;
}

QList<const Finding *> PlanContext::findingsOf(const QString &service, const QString &ruleId) const
{
    QList<const Finding *> out;
    for (const Finding &f : findings)
        if (f.service == service && f.ruleId == ruleId && !f.ruleId.startsWith(u"DKF-"))
            out << &f;
    return out;
}

QList<const Finding *> PlanContext::findingsIn(const QString &file, const QString &ruleId) const
{
    QList<const Finding *> out;
    for (const Finding &f : findings)
        if (f.file == file && f.ruleId == ruleId)
            out << &f;
    return out;
}

SourceFile PlanContext::readSource(const QString &path)
{
    for (const SourceFile &s : std::as_const(sources))
        if (s.path == path)
            return s;
    SourceFile s;
    s.path = path;
    QFile f(path);
    if (f.exists() && f.open(QIODevice::ReadOnly)) {
        s.content = f.readAll();
        s.sha256 = QCryptographicHash::hash(*s.content, QCryptographicHash::Sha256);
    }
    sources << s;
    return s;
}

QString PlanContext::kindOf(const Service &service) const
{
    QString role;
    for (const system::Element &e : result.report.systemModel.elements)
        if (e.id == QStringLiteral("service:") + service.name)
            role = e.role;
    if (role.isEmpty() || role == u"service")
        if (const ImageProfile *p = profileOf(service); p && !p->kind.isEmpty())
            return p->kind;
    return role.isEmpty() ? QStringLiteral("service") : role;
}

const rules::DockerfileInput *PlanContext::dockerfileOf(const Service &service) const
{
    for (const rules::DockerfileInput &d : input.dockerfiles)
        if (d.services.contains(service.name))
            return &d;
    return nullptr;
}

namespace {

int leadingPort(const QString &spec)
{
    bool ok = false;
    const int port = spec.section(u'/', 0, 0).section(u'-', 0, 0).toInt(&ok);
    return ok ? port : 0;
}

} // namespace

QList<int> PlanContext::tcpPorts(const Service &service) const
{
    QList<int> ports;
    const auto add = [&ports](const QString &spec) {
        const int port = leadingPort(spec);
        const QString protocol = spec.section(u'/', 1);
        if (port > 0 && (protocol.isEmpty() || protocol == u"tcp") && !ports.contains(port))
            ports << port;
    };
    for (const compose::PortMapping &p : service.ports)
        if (p.target > 0 && p.protocol == u"tcp" && !ports.contains(p.target))
            ports << p.target;
    for (const QString &e : service.expose)
        add(e);
    if (const rules::DockerfileInput *d = dockerfileOf(service); d && d->finalStage())
        for (const dockerfile::Instruction *expose : d->finalStage()->all(QStringLiteral("EXPOSE")))
            for (const QString &w : expose->words())
                add(w);
    return ports;
}

QString PlanContext::baseImage(const rules::DockerfileInput &dockerfile) const
{
    const dockerfile::Stage *stage = dockerfile.finalStage();
    QList<int> seen;
    while (stage && !seen.contains(stage->index)) {
        seen << stage->index;
        const dockerfile::Stage *parent = dockerfile.dockerfile.parentStage(*stage);
        if (!parent)
            break;
        stage = parent;
    }
    return stage ? stage->resolvedBaseImage : QString();
}

const ImageProfile *PlanContext::baseProfile(const rules::DockerfileInput &dockerfile) const
{
    return catalog.image(baseImage(dockerfile));
}

const ImageProfile *PlanContext::profileOf(const Service &service) const
{
    if (!service.build)
        return catalog.image(service.image);
    const rules::DockerfileInput *d = dockerfileOf(service);
    return d ? baseProfile(*d) : nullptr;
}

HealthProbe PlanContext::probeFor(const Service &service) const
{
    if (const rules::DockerfileInput *d = dockerfileOf(service)) {
        const dockerfile::Stage *image = d->finalStage();
        if (!image || image->resolvedBaseImage.contains(QStringLiteral("distroless"))
            || image->resolvedBaseImage.compare(QStringLiteral("scratch"), Qt::CaseInsensitive)
                == 0)
            return {}; // no shell and no interpreter to probe with
    }
    // Ports that do not speak HTTP: DNS, DHCP, mail, directory, databases, caches, queues.
    static const QList<int> notHttp{21,   22,   23,   25,   53,   67,    68,   110,
                                    143,  389,  445,  1433, 1521, 2181,  3306, 5432,
                                    5672, 6379, 9042, 9092, 9300, 11211, 27017};
    const QList<int> ports = tcpPorts(service);
    HealthProbe probe;
    const ImageProfile *profile = profileOf(service);
    if (profile && !profile->healthcheck.isEmpty()) {
        probe = {profile->healthcheck, ports.value(0), QStringLiteral("image")};
    } else if (profile && !profile->runtime.isEmpty()) {
        probe = {catalog.probe(profile->runtime, 0), ports.value(0), profile->runtime};
    } else if (catalog.httpProbeKind(kindOf(service))) {
        const auto http = std::find_if(ports.cbegin(), ports.cend(),
                                       [](int p) { return !notHttp.contains(p); });
        probe = {catalog.probe(QStringLiteral("http"), 0), http == ports.cend() ? 0 : *http,
                 QStringLiteral("http")};
    }
    const bool needsPort = probe.test.join(u' ').contains(QStringLiteral("{port}"));
    if (probe.test.isEmpty() || (needsPort && probe.port == 0))
        return {};
    for (QString &w : probe.test)
        w.replace(QStringLiteral("{port}"), QString::number(probe.port));
    return probe;
}

} // namespace detail

bool HardeningPlanner::selects(const Options &options, const QString &ruleId)
{
    const auto matches = [&ruleId](const QStringList &patterns) {
        return std::any_of(patterns.cbegin(), patterns.cend(), [&ruleId](const QString &p) {
            return p.endsWith(u'*') ? ruleId.startsWith(p.chopped(1), Qt::CaseInsensitive)
                                    : ruleId.compare(p, Qt::CaseInsensitive) == 0;
        });
    };
    return (options.only.isEmpty() || matches(options.only)) && !matches(options.exclude);
}

HardeningPlan HardeningPlanner::plan(const analysis::AnalysisResult &result, const Options &options,
                                     const HardeningCatalog *catalog)
{
    HardeningPlan plan;
    if (!result.ok())
        return plan; // nothing analysed, nothing to plan
    plan.projectDirectory = result.project.workingDir;
    plan.composeFiles = result.project.composeFiles;
    plan.overlayPath = QDir(plan.projectDirectory).filePath(overlayFileName());
    plan.envExamplePath = QDir(plan.projectDirectory).filePath(QStringLiteral(".env.example"));

    const rules::AnalysisInput input = rules::AnalysisInput::fromProject(result.project);
    detail::PlanContext ctx{result,  input, catalog ? *catalog : HardeningCatalog::builtIn(),
                            options, {},    {},
                            {},      {},    {}};
    for (const rules::Finding &f : result.report.findings)
        if (f.source == u"threatdock" && !options.closedFindings.contains(f.id)
            && selects(options, f.ruleId))
            ctx.findings << f;
    detail::assignSecretVariables(ctx);

    // Dockerfiles first: the compose user follows the USER their change adds.
    const QList<HardeningChange> dockerfile = detail::dockerfileChanges(ctx);
    for (const compose::Service &s : result.project.services) {
        plan.changes << detail::composeChanges(ctx, s);
        for (const HardeningChange &c : dockerfile)
            if (c.service == s.name)
                plan.changes << c;
    }

    for (HardeningChange &c : plan.changes)
        for (const threats::Threat &t : result.report.threats)
            if (std::any_of(t.findings.cbegin(), t.findings.cend(),
                            [&c](const QString &f) { return c.fixes.contains(f); }))
                c.mitigates << t.id;

    for (const rules::Finding &f : std::as_const(ctx.findings)) {
        if (ctx.handled.contains(f.id))
            continue;
        const rules::Rule *rule = result.report.rule(f.ruleId);
        plan.unplanned << UnplannedFinding{f.id, f.ruleId, f.service,
                                           rule ? rule->remediation : QString()};
    }
    ctx.readSource(plan.overlayPath);
    ctx.readSource(plan.envExamplePath);
    plan.sources = ctx.sources;
    return plan;
}

} // namespace threatdock::hardening
