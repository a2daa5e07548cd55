#include "systemmodelbuilder.h"

#include "rules/secretdetector.h"
#include "systemderivation_p.h"

#include <QSet>

#include <algorithm>
#include <map>

// Vocabulary the builder writes (threats cite these; keep them stable):
// process facts: "privileged", "runs as root", "cap_add: <CAP>", "host network",
// "host pid", "host ipc", "host uts", "host userns", "docker socket mounted",
// "sensitive host path mounted: <path>", "device mapped: <path>",
// "read-only root filesystem", "no-new-privileges", "cap_drop ALL", "memory limit",
// "pids limit", "healthcheck", "secret in environment: <NAME>", "internal network only",
// "container boundary collapsed into host";
// data-store facts: "anonymous volume", "external secret";
// flow reasons beyond the documented ones: "datastore" (a database/cache/queue service
// writing its own data), "host-access" (privileged, host namespaces, devices),
// "external-network" (other containers on a network this project does not own).

namespace threatdock::system {

using compose::ComposeProject;
using compose::Node;
using compose::Origin;
using compose::Service;
using namespace derivation;

namespace {

const QString &hostBoundaryId()
{
    static const QString id = QStringLiteral("boundary:host");
    return id;
}

QString processId(const QString &service)
{
    return QStringLiteral("service:") + service;
}

QString flowId(const QString &from, const QString &to, const QString &suffix = {})
{
    return QStringLiteral("flow:") + from + QStringLiteral("->") + to
        + (suffix.isEmpty() ? QString() : u':' + suffix);
}

/// The `external` flag of a top-level network, volume or secret, and the name it has
/// outside the project (`external: {name: x}` is the legacy spelling).
bool isExternal(const Node &definition)
{
    const Node &external = definition.value(QStringLiteral("external"));
    return external.isMapping() || external.toBool().value_or(false);
}

QString externalName(const Node &definition)
{
    const Node &legacy = definition.value(QStringLiteral("external")).value(QStringLiteral("name"));
    if (legacy.isScalar())
        return legacy.text();
    const Node &name = definition.value(QStringLiteral("name"));
    return name.isScalar() ? name.text() : QString();
}

Origin definitionOrigin(const Node &model, const QString &section, const QString &key,
                        const Origin &fallback)
{
    const compose::MapEntry *e = model.value(section).entry(key);
    return e && e->keyOrigin.isKnown() ? e->keyOrigin : fallback;
}

void addFact(Element &e, const QString &fact)
{
    if (!e.facts.contains(fact))
        e.facts << fact;
}

/// Evidence that one service talks to another; gathered per pair, one flow each.
struct PeerEvidence
{
    QString reason;
    QString label;
    int port = 0;
    QString protocol;
    Origin origin;
};

int reasonRank(const QString &reason)
{
    static const QStringList order{QStringLiteral("env-reference"), QStringLiteral("link"),
                                   QStringLiteral("network-mode"), QStringLiteral("depends_on")};
    const qsizetype i = order.indexOf(reason);
    return i < 0 ? int(order.size()) : int(i);
}

class Assembly final
{
public:
    explicit Assembly(const ComposeProject &project)
        : m_project(project)
        , m_projectDir(project.workingDir)
    { }

    SystemModel build();

private:
    const Node &definition(const QString &section, const QString &key) const
    {
        return m_project.model.value(section).value(key);
    }
    Element &ensure(const QString &id, ElementKind kind, const QString &name, const QString &role,
                    const QString &boundary, const Origin &origin);
    Element &dockerHost();
    void addFlow(DataFlow flow);
    void addMountFlow(const Service &s, const QString &store, const compose::VolumeMount &m,
                      const QString &label, bool forceWrite = false);

    QString networkBoundary(const QString &key, const Origin &usedAt);
    QString processBoundary(const Service &s, QSet<QString> &visiting);
    void collectHostAliases();

    void addProcess(const Service &s);
    void addPorts(const Service &s);
    void addMounts(const Service &s);
    void addSecrets(const Service &s);
    void addHostAccess(const Service &s);
    void addDataStore(const Service &s);
    void collectPeers(const Service &s);
    void addPeerFlows();

    const ComposeProject &m_project;
    const QString m_projectDir;
    std::map<QString, Element> m_elements; ///< by id; references stay valid on insert
    QMap<QString, DataFlow> m_flows;
    QMap<QString, TrustBoundary> m_boundaries;
    QMap<QString, QString> m_processBoundaries; ///< service → boundary id
    QMap<QString, QString> m_hostAliases;       ///< DNS name (lower case) → service
    QMap<std::pair<QString, QString>, QList<PeerEvidence>> m_peers;
};

Element &Assembly::ensure(const QString &id, ElementKind kind, const QString &name,
                          const QString &role, const QString &boundary, const Origin &origin)
{
    const auto [it, inserted] = m_elements.try_emplace(id);
    Element &e = it->second;
    if (inserted) {
        e.id = id;
        e.kind = kind;
        e.name = name;
        e.role = role;
        e.boundary = boundary;
        e.origin = origin;
    }
    return e;
}

Element &Assembly::dockerHost()
{
    return ensure(QStringLiteral("external:docker-host"), ElementKind::ExternalEntity,
                  QStringLiteral("Docker host"), QStringLiteral("docker-host"), hostBoundaryId(),
                  {});
}

void Assembly::addFlow(DataFlow flow)
{
    if (flow.exposure.isEmpty())
        flow.exposure = QStringLiteral("internal");
    flow.label = rules::SecretDetector::redact(flow.label);
    // The first of two equivalent flows stays (0.0.0.0:80 and [::]:80 are one exposure).
    if (!m_flows.contains(flow.id))
        m_flows.insert(flow.id, flow);
}

void Assembly::addMountFlow(const Service &s, const QString &store, const compose::VolumeMount &m,
                            const QString &label, bool forceWrite)
{
    const bool read = m.readOnly && !forceWrite;
    DataFlow f;
    f.from = read ? store : processId(s.name);
    f.to = read ? processId(s.name) : store;
    f.id = flowId(f.from, f.to, m.target);
    f.label = (read ? QStringLiteral("ro ") : QStringLiteral("rw ")) + label;
    f.reason = QStringLiteral("volume");
    f.readOnly = m.readOnly;
    f.origin = m.origin;
    addFlow(f);
}

QString Assembly::networkBoundary(const QString &key, const Origin &usedAt)
{
    const QString id = QStringLiteral("network:") + key;
    if (m_boundaries.contains(id))
        return id;
    const Node &def = definition(QStringLiteral("networks"), key);
    const bool external = isExternal(def);
    TrustBoundary b;
    b.id = id;
    b.name = key;
    b.kind = external ? QStringLiteral("external-network") : QStringLiteral("network");
    b.parent = hostBoundaryId();
    b.internal = def.value(QStringLiteral("internal")).toBool().value_or(false);
    b.origin = definitionOrigin(m_project.model, QStringLiteral("networks"), key, usedAt);
    if (external) {
        const QString real = externalName(def);
        if (!real.isEmpty() && real != key)
            b.name = key + QStringLiteral(" (") + real + u')';
        Element &e = ensure(QStringLiteral("external-network:") + key, ElementKind::ExternalEntity,
                            QStringLiteral("Other containers on ") + b.name,
                            QStringLiteral("external-network"), id, b.origin);
        e.properties.insert(QStringLiteral("network"), real.isEmpty() ? key : real);
    }
    m_boundaries.insert(id, b);
    return id;
}

QString Assembly::processBoundary(const Service &s, QSet<QString> &visiting)
{
    if (const auto it = m_processBoundaries.constFind(s.name); it != m_processBoundaries.cend())
        return *it;
    QString boundary = hostBoundaryId();
    const QString &mode = s.networkMode;
    if (s.privileged || mode == u"host" || s.pid == u"host") {
        boundary = hostBoundaryId();
    } else if (mode.startsWith(QStringLiteral("service:"))) {
        const Service *peer = m_project.service(mode.mid(8));
        if (peer && !visiting.contains(peer->name)) {
            visiting.insert(s.name);
            boundary = processBoundary(*peer, visiting);
        }
    } else if (mode == u"none" || mode.startsWith(QStringLiteral("container:"))) {
        boundary = hostBoundaryId();
    } else if (!mode.isEmpty()) {
        // "bridge" or a network by name: a network this project does not define.
        const QString id = QStringLiteral("network:") + mode;
        if (!m_boundaries.contains(id)) {
            TrustBoundary b;
            b.id = id;
            b.name = mode;
            b.kind = QStringLiteral("external-network");
            b.parent = hostBoundaryId();
            b.origin = s.originOf(QStringLiteral("network_mode"));
            m_boundaries.insert(id, b);
        }
        boundary = id;
    } else if (!s.networks.isEmpty()) {
        boundary = QStringLiteral("network:") + s.networks.first();
    }
    m_processBoundaries.insert(s.name, boundary);
    return boundary;
}

void Assembly::collectHostAliases()
{
    QList<const Service *> services;
    for (const Service &s : m_project.services)
        services << &s;
    std::sort(services.begin(), services.end(),
              [](const Service *a, const Service *b) { return a->name < b->name; });
    for (const Service *s : services)
        m_hostAliases.insert(s->name.toLower(), s->name);
    for (const Service *s : services) {
        QStringList aliases;
        if (const Node &c = s->node.value(QStringLiteral("container_name")); c.isScalar())
            aliases << c.text();
        for (const compose::MapEntry &net : s->node.value(QStringLiteral("networks")).entries())
            for (const Node &a : net.value.value(QStringLiteral("aliases")).items())
                if (a.isScalar())
                    aliases << a.text();
        for (const QString &alias : aliases)
            if (!m_hostAliases.contains(alias.toLower()))
                m_hostAliases.insert(alias.toLower(), s->name);
    }
    // A link alias names its target for the linking service; other services resolve it too.
    for (const Service *s : services)
        for (const Node &l : s->node.value(QStringLiteral("links")).items()) {
            const QString target = l.text().section(u':', 0, 0);
            const QString alias = l.text().section(u':', 1, 1);
            if (!alias.isEmpty() && m_project.service(target)
                && !m_hostAliases.contains(alias.toLower()))
                m_hostAliases.insert(alias.toLower(), target);
        }
}

void Assembly::addProcess(const Service &s)
{
    QSet<QString> visiting;
    const QString boundary = processBoundary(s, visiting);
    Element &e = ensure(processId(s.name), ElementKind::Process, s.name, processRole(s), boundary,
                        s.origin);
    e.service = s.name;
    e.properties = processProperties(s, m_projectDir);
    e.properties.insert(QStringLiteral("role"), e.role);
    if (s.privileged)
        addFact(e, QStringLiteral("privileged"));
    if (runsAsRoot(s.user))
        addFact(e, QStringLiteral("runs as root"));
    for (const QString &cap : s.capAdd)
        addFact(e, QStringLiteral("cap_add: ") + capabilityName(cap));
    const QList<std::pair<QString, QString>> namespaces{{QStringLiteral("network"), s.networkMode},
                                                        {QStringLiteral("pid"), s.pid},
                                                        {QStringLiteral("ipc"), s.ipc},
                                                        {QStringLiteral("uts"), s.uts},
                                                        {QStringLiteral("userns"), s.usernsMode}};
    for (const auto &[space, mode] : namespaces)
        if (mode == u"host")
            addFact(e, QStringLiteral("host ") + space);
    if (s.readOnly)
        addFact(e, QStringLiteral("read-only root filesystem"));
    if (noNewPrivileges(s.securityOpt))
        addFact(e, QStringLiteral("no-new-privileges"));
    for (const QString &cap : s.capDrop)
        if (capabilityName(cap) == u"ALL")
            addFact(e, QStringLiteral("cap_drop ALL"));
    if (s.memLimit)
        addFact(e, QStringLiteral("memory limit"));
    if (s.pidsLimit)
        addFact(e, QStringLiteral("pids limit"));
    if (s.healthcheck && !s.healthcheck->disabled)
        addFact(e, QStringLiteral("healthcheck"));
    for (const QString &name : secretEnvironmentNames(s))
        addFact(e, QStringLiteral("secret in environment: ") + name);
    bool internalOnly = s.networkMode.isEmpty() && !s.networks.isEmpty();
    for (const QString &net : s.networks) {
        networkBoundary(net, s.originOf(QStringLiteral("networks.") + net));
        internalOnly = internalOnly
            && definition(QStringLiteral("networks"), net)
                   .value(QStringLiteral("internal"))
                   .toBool()
                   .value_or(false);
        if (const QString ext = QStringLiteral("external-network:") + net;
            m_elements.contains(ext)) {
            DataFlow f;
            f.from = ext;
            f.to = e.id;
            f.id = flowId(f.from, f.to);
            f.label = QStringLiteral("network ") + net;
            f.reason = QStringLiteral("external-network");
            f.origin = s.originOf(QStringLiteral("networks.") + net);
            addFlow(f);
        }
    }
    if (internalOnly)
        addFact(e, QStringLiteral("internal network only"));
    if (boundary == hostBoundaryId()
        && (s.privileged || s.networkMode == u"host" || s.pid == u"host"))
        addFact(e, QStringLiteral("container boundary collapsed into host"));
}

void Assembly::addPorts(const Service &s)
{
    for (const compose::PortMapping &p : s.ports) {
        const bool local = exposureOf(p.hostIp) == PortExposure::Host;
        const QString from
            = local ? QStringLiteral("external:localhost") : QStringLiteral("external:internet");
        if (local)
            ensure(from, ElementKind::ExternalEntity, QStringLiteral("Local clients (this host)"),
                   QStringLiteral("localhost"), hostBoundaryId(), {});
        else
            ensure(from, ElementKind::ExternalEntity, QStringLiteral("Internet / clients"),
                   QStringLiteral("internet"), QString(), {});
        QString suffix = p.published.isEmpty() ? QString::number(p.target) : p.published;
        if (p.protocol != u"tcp")
            suffix += u'/' + p.protocol;
        DataFlow f;
        f.from = from;
        f.to = processId(s.name);
        f.id = flowId(f.from, f.to, suffix);
        f.label = portLabel(p);
        f.protocol = p.protocol;
        bool numeric = false;
        const int published = p.published.toInt(&numeric);
        f.port = numeric ? published : p.target;
        f.reason = QStringLiteral("published-port");
        f.exposure = local ? QStringLiteral("host") : QStringLiteral("internet");
        f.origin = p.origin;
        addFlow(f);
    }
}

void Assembly::addMounts(const Service &s)
{
    Element &process = m_elements.at(processId(s.name));
    for (const compose::VolumeMount &m : s.volumes) {
        if (m.type == u"volume") {
            QString store;
            if (m.source.isEmpty()) {
                store = QStringLiteral("volume:") + s.name + u':' + m.target;
                Element &e = ensure(store, ElementKind::DataStore,
                                    QStringLiteral("anonymous volume ") + m.target,
                                    QStringLiteral("volume"), hostBoundaryId(), m.origin);
                e.service = s.name;
                addFact(e, QStringLiteral("anonymous volume"));
            } else {
                const Node &def = definition(QStringLiteral("volumes"), m.source);
                const Origin origin = definitionOrigin(m_project.model, QStringLiteral("volumes"),
                                                       m.source, m.origin);
                const QString real = externalName(def);
                if (isExternal(def)) {
                    store = QStringLiteral("external-volume:") + m.source;
                    ensure(store, ElementKind::ExternalEntity, real.isEmpty() ? m.source : real,
                           QStringLiteral("external-volume"), hostBoundaryId(), origin);
                } else {
                    store = QStringLiteral("volume:") + m.source;
                    Element &e = ensure(store, ElementKind::DataStore, m.source,
                                        QStringLiteral("volume"), hostBoundaryId(), origin);
                    if (!real.isEmpty())
                        e.properties.insert(QStringLiteral("name"), real);
                    if (const Node &d = def.value(QStringLiteral("driver")); d.isScalar())
                        e.properties.insert(QStringLiteral("driver"), d.text());
                }
            }
            addMountFlow(s, store, m, m.target);
        } else if (m.type == u"bind" || m.type == u"npipe") {
            const QString shown = displayPath(m.source, m_projectDir);
            switch (classifyHostPath(m.source, m_projectDir)) {
            case HostPath::RuntimeApi:
                dockerHost();
                addFact(process, QStringLiteral("docker socket mounted"));
                // read_only does not make the API read-only: every call is a write.
                addMountFlow(s, QStringLiteral("external:docker-host"), m,
                             QStringLiteral("docker API ") + shown, true);
                break;
            case HostPath::System:
                dockerHost();
                addFact(process, QStringLiteral("sensitive host path mounted: ") + shown);
                addMountFlow(s, QStringLiteral("external:docker-host"), m, shown + u':' + m.target);
                break;
            case HostPath::Device:
                dockerHost();
                addFact(process, QStringLiteral("device mapped: ") + shown);
                addMountFlow(s, QStringLiteral("external:docker-host"), m, shown + u':' + m.target);
                break;
            case HostPath::Ordinary: {
                const QString store = QStringLiteral("bind:") + shown;
                ensure(store, ElementKind::DataStore, shown, QStringLiteral("bind-mount"),
                       hostBoundaryId(), m.origin);
                addMountFlow(s, store, m, shown + u':' + m.target);
                break;
            }
            }
        }
        // tmpfs, image and cluster mounts keep nothing on the host.
    }
}

void Assembly::addSecrets(const Service &s)
{
    for (const QString &name : s.secrets) {
        const QString id = QStringLiteral("secret:") + name;
        const Node &def = definition(QStringLiteral("secrets"), name);
        Element &e
            = ensure(id, ElementKind::DataStore, name, QStringLiteral("secret"), hostBoundaryId(),
                     definitionOrigin(m_project.model, QStringLiteral("secrets"), name,
                                      s.originOf(QStringLiteral("secrets"))));
        if (isExternal(def))
            addFact(e, QStringLiteral("external secret"));
        if (const Node &file = def.value(QStringLiteral("file")); file.isScalar())
            e.properties.insert(QStringLiteral("file"), displayPath(file.text(), m_projectDir));
        if (const Node &env = def.value(QStringLiteral("environment")); env.isScalar())
            e.properties.insert(QStringLiteral("environment"), env.text());
        DataFlow f;
        f.from = id;
        f.to = processId(s.name);
        f.id = flowId(f.from, f.to);
        f.label = QStringLiteral("secret ") + name;
        f.reason = QStringLiteral("secret");
        f.readOnly = true;
        f.origin = s.originOf(QStringLiteral("secrets"));
        addFlow(f);
    }
}

void Assembly::addHostAccess(const Service &s)
{
    QStringList what;
    QString reason;
    if (s.privileged) {
        what << QStringLiteral("privileged");
        reason = QStringLiteral("privileged");
    }
    const QList<std::pair<QString, QString>> namespaces{{QStringLiteral("network"), s.networkMode},
                                                        {QStringLiteral("pid"), s.pid},
                                                        {QStringLiteral("ipc"), s.ipc},
                                                        {QStringLiteral("uts"), s.uts},
                                                        {QStringLiteral("userns"), s.usernsMode}};
    for (const auto &[space, mode] : namespaces)
        if (mode == u"host")
            what << QStringLiteral("host ") + space;
    Element &process = m_elements.at(processId(s.name));
    for (const QString &device : s.devices) {
        const QString host = device.section(u':', 0, 0);
        what << QStringLiteral("device ") + host;
        addFact(process, QStringLiteral("device mapped: ") + host);
    }
    if (what.isEmpty())
        return;
    dockerHost();
    DataFlow f;
    f.from = processId(s.name);
    f.to = QStringLiteral("external:docker-host");
    f.id = flowId(f.from, f.to);
    f.label = what.join(QStringLiteral(", "));
    f.reason = QStringLiteral("host-access");
    f.origin = s.privileged ? s.originOf(QStringLiteral("privileged")) : s.origin;
    addFlow(f);
}

void Assembly::addDataStore(const Service &s)
{
    const Element process = m_elements.at(processId(s.name));
    if (!keepsData(process.role))
        return;
    const QString id = QStringLiteral("datastore:") + s.name;
    Element &e = ensure(id, ElementKind::DataStore, s.name + QStringLiteral(" data"), process.role,
                        process.boundary, s.origin);
    e.service = s.name;
    DataFlow f;
    f.from = process.id;
    f.to = id;
    f.id = flowId(f.from, f.to);
    f.label = QStringLiteral("stores its data");
    f.reason = QStringLiteral("datastore");
    f.origin = s.origin;
    addFlow(f);
}

void Assembly::collectPeers(const Service &s)
{
    auto add = [&](const QString &target, const PeerEvidence &evidence) {
        if (target != s.name && m_project.service(target))
            m_peers[{s.name, target}] << evidence;
    };
    for (const QString &dep : s.dependsOn)
        add(dep,
            {QStringLiteral("depends_on"),
             QStringLiteral("depends_on"),
             0,
             {},
             s.originOf(QStringLiteral("depends_on.") + dep)});
    for (const Node &l : s.node.value(QStringLiteral("links")).items())
        if (l.isScalar())
            add(l.text().section(u':', 0, 0),
                {QStringLiteral("link"), QStringLiteral("link ") + l.text(), 0, {}, l.origin()});
    if (s.networkMode.startsWith(QStringLiteral("service:")))
        add(s.networkMode.mid(8),
            {QStringLiteral("network-mode"),
             QStringLiteral("network_mode: ") + s.networkMode,
             0,
             {},
             s.originOf(QStringLiteral("network_mode"))});
    for (const compose::EnvironmentVariable &v : s.environment) {
        if (!v.value)
            continue;
        for (const HostReference &ref : hostReferences(v.name, *v.value))
            add(m_hostAliases.value(ref.host.toLower()),
                {QStringLiteral("env-reference"), ref.label, ref.port, ref.scheme, v.origin});
    }
}

void Assembly::addPeerFlows()
{
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it) {
        QList<PeerEvidence> evidence = it.value();
        std::stable_sort(evidence.begin(), evidence.end(),
                         [](const PeerEvidence &a, const PeerEvidence &b) {
                             return reasonRank(a.reason) < reasonRank(b.reason);
                         });
        DataFlow f;
        f.from = processId(it.key().first);
        f.to = processId(it.key().second);
        f.id = flowId(f.from, f.to);
        f.reason = evidence.first().reason;
        f.origin = evidence.first().origin;
        QStringList labels;
        for (const PeerEvidence &e : evidence) {
            if (!labels.contains(e.label))
                labels << e.label;
            if (!f.port && e.port) {
                f.port = e.port;
                f.protocol = e.protocol;
            }
        }
        f.label = labels.join(QStringLiteral(", "));
        addFlow(f);
    }
}

SystemModel Assembly::build()
{
    TrustBoundary host;
    host.id = hostBoundaryId();
    host.name = QStringLiteral("Docker host");
    host.kind = QStringLiteral("host");
    m_boundaries.insert(host.id, host);

    collectHostAliases();
    for (const Service &s : m_project.services)
        addProcess(s);
    for (const Service &s : m_project.services) {
        addPorts(s);
        addMounts(s);
        addSecrets(s);
        addHostAccess(s);
        addDataStore(s);
        collectPeers(s);
    }
    addPeerFlows();

    SystemModel model;
    model.projectName = m_project.name;
    for (ElementKind kind :
         {ElementKind::Process, ElementKind::DataStore, ElementKind::ExternalEntity})
        for (const auto &[id, e] : m_elements)
            if (e.kind == kind)
                model.elements << e;
    for (DataFlow f : std::as_const(m_flows)) {
        // Every flow's ends were made with it (ensure() before addFlow()).
        f.crossesBoundary = m_elements.at(f.from).boundary != m_elements.at(f.to).boundary;
        model.flows << f;
    }
    for (const TrustBoundary &b : std::as_const(m_boundaries))
        model.boundaries << b;
    return model;
}

} // namespace

SystemModel SystemModelBuilder::build(const compose::ComposeProject &project)
{
    return Assembly(project).build();
}

} // namespace threatdock::system
