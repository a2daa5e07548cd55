#include "composeproject.h"

#include "composenormalizer.h"

namespace threatdock::compose {

namespace {

QString text(const Node &n)
{
    return n.isScalar() ? n.text() : QString();
}

QStringList strings(const Node &n)
{
    QStringList out;
    if (n.isScalar())
        out << n.text();
    for (const Node &i : n.items())
        if (i.isScalar())
            out << i.text();
    return out;
}

QList<EnvironmentVariable> variables(const Node &mapping)
{
    QList<EnvironmentVariable> out;
    for (const MapEntry &e : mapping.entries()) {
        EnvironmentVariable v{e.key, std::nullopt, e.keyOrigin};
        if (e.value.isScalar())
            v.value = e.value.text();
        out << v;
    }
    return out;
}

std::optional<qint64> byteSize(const Node &n)
{
    if (!n.isScalar())
        return std::nullopt;
    if (auto i = n.toInt())
        return *i;
    return ComposeNormalizer::parseByteSize(n.text());
}

Service serviceFrom(const MapEntry &entry)
{
    const Node &n = entry.value;
    Service s;
    s.name = entry.key;
    s.origin = entry.keyOrigin;
    s.node = n;
    s.image = text(n.value(QStringLiteral("image")));
    if (const Node *b = n.find(QStringLiteral("build")); b && b->isMapping()) {
        BuildSpec build;
        build.context = text(b->value(QStringLiteral("context")));
        build.dockerfile = text(b->value(QStringLiteral("dockerfile")));
        build.target = text(b->value(QStringLiteral("target")));
        build.args = variables(b->value(QStringLiteral("args")));
        build.origin = b->origin();
        s.build = build;
    }
    s.user = text(n.value(QStringLiteral("user")));
    s.readOnly = n.value(QStringLiteral("read_only")).toBool().value_or(false);
    s.privileged = n.value(QStringLiteral("privileged")).toBool().value_or(false);
    s.capAdd = strings(n.value(QStringLiteral("cap_add")));
    s.capDrop = strings(n.value(QStringLiteral("cap_drop")));
    s.securityOpt = strings(n.value(QStringLiteral("security_opt")));
    s.networkMode = text(n.value(QStringLiteral("network_mode")));
    s.pid = text(n.value(QStringLiteral("pid")));
    s.ipc = text(n.value(QStringLiteral("ipc")));
    s.uts = text(n.value(QStringLiteral("uts")));
    s.usernsMode = text(n.value(QStringLiteral("userns_mode")));
    for (const Node &p : n.value(QStringLiteral("ports")).items()) {
        PortMapping port;
        port.hostIp = text(p.value(QStringLiteral("host_ip")));
        port.published = text(p.value(QStringLiteral("published")));
        port.target = int(p.value(QStringLiteral("target")).toInt().value_or(0));
        port.protocol = text(p.value(QStringLiteral("protocol")));
        if (port.protocol.isEmpty())
            port.protocol = QStringLiteral("tcp");
        port.mode = text(p.value(QStringLiteral("mode")));
        port.origin = p.origin();
        s.ports << port;
    }
    s.expose = strings(n.value(QStringLiteral("expose")));
    for (const Node &v : n.value(QStringLiteral("volumes")).items()) {
        VolumeMount m;
        m.type = text(v.value(QStringLiteral("type")));
        m.source = text(v.value(QStringLiteral("source")));
        m.target = text(v.value(QStringLiteral("target")));
        m.readOnly = v.value(QStringLiteral("read_only")).toBool().value_or(false);
        m.origin = v.origin();
        s.volumes << m;
    }
    s.environment = variables(n.value(QStringLiteral("environment")));
    s.dependsOn = n.value(QStringLiteral("depends_on")).keys();
    s.networks = n.value(QStringLiteral("networks")).keys();
    for (const QString &key : {QStringLiteral("secrets"), QStringLiteral("configs")}) {
        QStringList names;
        for (const Node &r : n.value(key).items())
            names << (r.isScalar() ? r.text() : text(r.value(QStringLiteral("source"))));
        (key == u"secrets" ? s.secrets : s.configs) = names;
    }
    if (const Node *h = n.find(QStringLiteral("healthcheck")); h && h->isMapping()) {
        Healthcheck hc;
        hc.test = strings(h->value(QStringLiteral("test")));
        hc.disabled = h->value(QStringLiteral("disable")).toBool().value_or(false)
            || hc.test.value(0) == u"NONE";
        hc.origin = h->origin();
        s.healthcheck = hc;
    }
    const Node limits = n.value(QStringLiteral("deploy"))
                            .value(QStringLiteral("resources"))
                            .value(QStringLiteral("limits"));
    s.memLimit = byteSize(n.value(QStringLiteral("mem_limit")));
    if (!s.memLimit)
        s.memLimit = byteSize(limits.value(QStringLiteral("memory")));
    s.pidsLimit = n.value(QStringLiteral("pids_limit")).toInt();
    if (!s.pidsLimit)
        s.pidsLimit = limits.value(QStringLiteral("pids")).toInt();
    s.cpus = n.value(QStringLiteral("cpus")).toDouble();
    if (!s.cpus) {
        const Node c = limits.value(QStringLiteral("cpus"));
        s.cpus = c.isScalar() ? std::optional<double>(c.text().toDouble()) : std::nullopt;
    }
    s.restart = text(n.value(QStringLiteral("restart")));
    s.loggingDriver = text(n.value(QStringLiteral("logging")).value(QStringLiteral("driver")));
    for (const Node &d : n.value(QStringLiteral("devices")).items())
        s.devices << (d.isScalar() ? d.text() : text(d.value(QStringLiteral("source"))));
    s.tmpfs = strings(n.value(QStringLiteral("tmpfs")));
    s.profiles = strings(n.value(QStringLiteral("profiles")));
    return s;
}

} // namespace

Origin Service::originOf(const QString &keyPath) const
{
    const Node *current = &node;
    Origin found = origin;
    for (const QString &key : keyPath.split(u'.')) {
        const MapEntry *e = current->isMapping() ? current->entry(key) : nullptr;
        if (!e)
            return found;
        found = e->keyOrigin.isKnown() ? e->keyOrigin : e->value.origin();
        current = &e->value;
    }
    return found;
}

const Service *ComposeProject::service(const QString &name) const
{
    for (const Service &s : services)
        if (s.name == name)
            return &s;
    return nullptr;
}

QStringList ComposeProject::serviceNames() const
{
    QStringList out;
    for (const Service &s : services)
        out << s.name;
    return out;
}

QList<Service> servicesFromModel(const Node &model)
{
    QList<Service> out;
    for (const MapEntry &e : model.value(QStringLiteral("services")).entries())
        out << serviceFrom(e);
    return out;
}

} // namespace threatdock::compose
