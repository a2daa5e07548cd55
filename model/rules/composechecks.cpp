#include "composechecks_p.h"

#include <QDir>
#include <QMap>
#include <QRegularExpression>

#include <algorithm>

namespace threatdock::rules {

void registerComposeChecks(CheckRegistry &registry)
{
    composechecks::registerPrivilegeChecks(registry);
    composechecks::registerNamespaceChecks(registry);
    composechecks::registerMountChecks(registry);
    composechecks::registerResourceChecks(registry);
    composechecks::registerNetworkChecks(registry);
    composechecks::registerImageChecks(registry);
}

namespace composechecks {

void addServiceCheck(CheckRegistry &registry, const QString &ruleId, ServiceCheck check)
{
    registry.add(ruleId, [check = std::move(check)](const AnalysisInput &input, FindingSink &sink) {
        if (!input.hasProject)
            return;
        for (const Service &service : input.project.services)
            check(input, service, sink);
    });
}

void report(FindingSink &sink, const Service &service, const Origin &where, const QString &subject,
            const QString &why, const QString &evidence)
{
    sink.report(service.name, where, QStringLiteral("service:") + service.name, subject, why,
                evidence);
}

const Node *nodeAt(const Service &service, const QString &keyPath)
{
    const Node *current = &service.node;
    for (const QString &key : keyPath.split(u'.')) {
        current = current->isMapping() ? current->find(key) : nullptr;
        if (!current)
            return nullptr;
    }
    return current;
}

Origin keyOrigin(const Service &service, const QString &keyPath)
{
    return nodeAt(service, keyPath) ? service.originOf(keyPath) : service.origin;
}

Origin entryOrigin(const Node &mapping, const QString &key)
{
    const compose::MapEntry *e = mapping.isMapping() ? mapping.entry(key) : nullptr;
    if (!e)
        return mapping.origin();
    return e->keyOrigin.isKnown() ? e->keyOrigin : e->value.origin();
}

const DockerfileInput *dockerfileOf(const AnalysisInput &input, const Service &service)
{
    for (const DockerfileInput &d : input.dockerfiles)
        if (d.services.contains(service.name))
            return &d;
    return nullptr;
}

QString capabilityName(const QString &text)
{
    QString name = text.trimmed().toUpper();
    if (name.startsWith(u"CAP_"))
        name.remove(0, 4);
    return name;
}

bool hasCapability(const QStringList &caps, const QString &name)
{
    return std::any_of(caps.begin(), caps.end(),
                       [&](const QString &c) { return capabilityName(c) == name; });
}

bool dropsNetBindService(const Service &service)
{
    const QString cap = QStringLiteral("NET_BIND_SERVICE");
    const bool dropped = hasCapability(service.capDrop, QStringLiteral("ALL"))
        || hasCapability(service.capDrop, cap);
    const bool added = hasCapability(service.capAdd, QStringLiteral("ALL"))
        || hasCapability(service.capAdd, cap);
    return dropped && !added && !service.privileged;
}

namespace {

bool isUnder(const QString &path, const QString &dir)
{
    return path == dir || path.startsWith(dir + u'/');
}

bool isRuntimeApi(const QString &path)
{
    static const QRegularExpression socket(
        QStringLiteral("(^|/)(docker|containerd|podman|crio|cri-dockerd|dockershim)\\.sock$"));
    static const QStringList socketDirs{QStringLiteral("/run"),
                                        QStringLiteral("/var/run"),
                                        QStringLiteral("/run/docker"),
                                        QStringLiteral("/var/run/docker"),
                                        QStringLiteral("/run/containerd"),
                                        QStringLiteral("/var/run/containerd"),
                                        QStringLiteral("/run/podman"),
                                        QStringLiteral("/var/run/podman"),
                                        QStringLiteral("/run/crio"),
                                        QStringLiteral("/var/run/crio")};
    return socket.match(path).hasMatch() || socketDirs.contains(path);
}

bool isSensitive(const QString &path)
{
    static const QStringList systemDirs{
        QStringLiteral("/bin"),       QStringLiteral("/boot"),  QStringLiteral("/etc"),
        QStringLiteral("/lib"),       QStringLiteral("/lib32"), QStringLiteral("/lib64"),
        QStringLiteral("/libx32"),    QStringLiteral("/proc"),  QStringLiteral("/root"),
        QStringLiteral("/run"),       QStringLiteral("/sbin"),  QStringLiteral("/sys"),
        QStringLiteral("/usr"),       QStringLiteral("/var"),   QStringLiteral("/dev/shm"),
        QStringLiteral("/dev/mqueue")};
    if (path == u"/")
        return true;
    for (const QString &dir : systemDirs)
        if (isUnder(path, dir))
            return true;
    // A whole home directory, or a dot directory in one (.ssh, .aws, .docker, .kube...).
    static const QRegularExpression home(QStringLiteral("^/home(/[^/]+(/\\.[^/]+.*)?)?$"));
    return home.match(path).hasMatch();
}

} // namespace

HostPathKind classifyHostPath(const QString &rawPath, const QString &projectDirectory)
{
    const QString path = QDir::cleanPath(rawPath);
    if (!path.startsWith(u'/'))
        return HostPathKind::Ordinary;
    const QString project = QDir::cleanPath(projectDirectory);
    if (!projectDirectory.isEmpty() && project != u"/" && isUnder(path, project))
        return HostPathKind::ProjectFile;
    if (isRuntimeApi(path))
        return HostPathKind::RuntimeApi;
    if (isUnder(path, QStringLiteral("/dev")) && !isSensitive(path) && path != u"/dev/log")
        return HostPathKind::Device;
    return isSensitive(path) ? HostPathKind::Sensitive : HostPathKind::Ordinary;
}

QList<MountRef> mountsOf(const Service &service)
{
    QList<MountRef> out;
    const auto &items = service.node.value(QStringLiteral("volumes")).items();
    for (qsizetype i = 0; i < service.volumes.size() && i < qsizetype(items.size()); ++i) {
        const Node &item = items[size_t(i)];
        MountRef ref{&service.volumes[i], &item, item.origin()};
        if (item.contains(QStringLiteral("source")))
            ref.sourceOrigin = entryOrigin(item, QStringLiteral("source"));
        out << ref;
    }
    return out;
}

bool PortGroup::onAllInterfaces() const
{
    return hostIp.isEmpty() || hostIp == u"0.0.0.0" || hostIp == u"::" || hostIp == u"[::]";
}

bool PortGroup::onLoopback() const
{
    return hostIp.startsWith(u"127.") || hostIp == u"::1" || hostIp == u"[::1]"
        || hostIp == u"localhost";
}

namespace {

/// Long syntax written as `published: 127.0.0.1:8080` (the loader warns and keeps it):
/// the address says where the author meant the port to listen.
void splitAddress(compose::PortMapping &p)
{
    static const QRegularExpression portRange(QStringLiteral("^[0-9]+(-[0-9]+)?$"));
    if (p.published.isEmpty() || portRange.match(p.published).hasMatch() || !p.hostIp.isEmpty())
        return;
    QString address = p.published;
    QString port;
    if (address.startsWith(u'[')) {
        port = address.section(QStringLiteral("]:"), 1);
        address = address.section(u']', 0, 0).mid(1);
    } else if (address.count(u':') == 1) {
        port = address.section(u':', 1);
        address = address.section(u':', 0, 0);
    }
    if (!port.isEmpty() && !portRange.match(port).hasMatch())
        return;
    p.hostIp = address;
    p.published = port;
}

QString range(int low, int high)
{
    return low == high ? QString::number(low) : QString::number(low) + u'-' + QString::number(high);
}

} // namespace

QString PortGroup::text() const
{
    const QString ip = hostIp.isEmpty() ? QStringLiteral("0.0.0.0") : hostIp;
    const QString published
        = publishedLow == 0 ? QStringLiteral("(random port)") : range(publishedLow, publishedHigh);
    return ip + u':' + published + QStringLiteral("->") + range(targetLow, targetHigh) + u'/'
        + protocol;
}

QString PortGroup::subject() const
{
    QString s = QStringLiteral("port:") + range(targetLow, targetHigh) + u'/' + protocol;
    if (!hostIp.isEmpty())
        s += u'@' + hostIp;
    return s;
}

QList<PortGroup> portGroups(const Service &service)
{
    QList<PortGroup> groups;
    QMap<QString, qsizetype> index;
    for (compose::PortMapping p : service.ports) {
        splitAddress(p);
        const QString key = p.origin.toString(true) + u'|' + p.hostIp + u'|' + p.protocol;
        const QStringList published = p.published.split(u'-');
        const int pubLow = published.value(0).toInt();
        const int pubHigh = published.size() > 1 ? published.value(1).toInt() : pubLow;
        auto it = index.find(key);
        if (it == index.end()) {
            index.insert(key, groups.size());
            groups << PortGroup{p.hostIp, p.protocol, p.target, p.target,
                                pubLow,   pubHigh,    p.origin};
            continue;
        }
        PortGroup &g = groups[*it];
        g.targetLow = std::min(g.targetLow, p.target);
        g.targetHigh = std::max(g.targetHigh, p.target);
        if (pubLow > 0) {
            g.publishedLow = g.publishedLow == 0 ? pubLow : std::min(g.publishedLow, pubLow);
            g.publishedHigh = std::max(g.publishedHigh, pubHigh);
        }
    }
    return groups;
}

QString imageRegistry(const QString &image)
{
    const QString name = image.section(u'@', 0, 0);
    const qsizetype slash = name.indexOf(u'/');
    if (slash < 0)
        return QStringLiteral("docker.io");
    const QString first = name.left(slash);
    if (first.contains(u'.') || first.contains(u':') || first == u"localhost")
        return first.toLower();
    return QStringLiteral("docker.io");
}

QString imageTag(const QString &image, QString *digest)
{
    const qsizetype at = image.indexOf(u'@');
    if (digest)
        *digest = at < 0 ? QString() : image.mid(at + 1);
    const QString name = at < 0 ? image : image.left(at);
    const QString last = name.section(u'/', -1);
    const qsizetype colon = last.indexOf(u':');
    return colon < 0 ? QString() : last.mid(colon + 1);
}

} // namespace composechecks
} // namespace threatdock::rules
