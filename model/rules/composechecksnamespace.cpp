// Compose checks on what a service shares with the host or other containers: namespaces,
// devices, cgroups, kernel parameters.

#include "composechecks_p.h"

#include <QRegularExpression>

namespace threatdock::rules::composechecks {

namespace {

/// Reports when the key's value is "host".
ServiceCheck hostNamespace(const QString &key, const QString &consequence)
{
    return [key, consequence](const AnalysisInput &, const Service &s, FindingSink &sink) {
        const Node *n = nodeAt(s, key);
        if (!n || !n->isScalar() || n->text().trimmed().toLower() != u"host")
            return;
        report(sink, s, keyOrigin(s, key), QString(),
               QStringLiteral("%1: host %2").arg(key, consequence));
    };
}

void checkSharedWithContainer(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    for (const QString &key :
         {QStringLiteral("network_mode"), QStringLiteral("pid"), QStringLiteral("ipc")}) {
        const Node *n = nodeAt(s, key);
        if (!n || !n->isScalar())
            continue;
        const QString value = n->text().trimmed();
        if (!value.startsWith(u"service:") && !value.startsWith(u"container:"))
            continue;
        report(sink, s, keyOrigin(s, key), key,
               QStringLiteral("%1: %2 joins the %3 namespace of %4: each side sees the "
                              "other's %5, so a compromise of one reaches the other.")
                   .arg(key, value, key == u"network_mode" ? QStringLiteral("network") : key,
                        value.section(u':', 1),
                        key == u"network_mode" ? QStringLiteral("localhost services")
                            : key == u"pid"    ? QStringLiteral("processes")
                                               : QStringLiteral("shared memory")));
    }
}

void checkDevices(const AnalysisInput &input, const Service &s, FindingSink &sink)
{
    for (const Node &d : s.node.value(QStringLiteral("devices")).items()) {
        const QString source = d.isScalar() ? d.text().section(u':', 0, 0)
                                            : d.value(QStringLiteral("source")).text();
        report(sink, s, d.origin(), QStringLiteral("device:") + source,
               QStringLiteral("devices maps the host device %1 into the container, bypassing "
                              "the device cgroup's default deny.")
                   .arg(source));
    }
    static const QRegularExpression broad(QStringLiteral("^\\s*a\\b|\\*\\s*:\\s*\\*"));
    for (const Node &r : s.node.value(QStringLiteral("device_cgroup_rules")).items()) {
        if (!r.isScalar() || !broad.match(r.text()).hasMatch())
            continue;
        report(sink, s, r.origin(), QStringLiteral("device-rule:") + r.text().trimmed(),
               QStringLiteral("device_cgroup_rules \"%1\" lets the container use a whole class "
                              "of host devices.")
                   .arg(r.text().trimmed()));
    }
    for (const MountRef &m : mountsOf(s)) {
        if (m.mount->type != u"bind"
            || classifyHostPath(m.mount->source, input.project.workingDir) != HostPathKind::Device)
            continue;
        report(sink, s, m.sourceOrigin, QStringLiteral("mount:") + m.mount->target,
               QStringLiteral("volumes bind-mounts the host device path %1 into the container.")
                   .arg(m.mount->source));
    }
}

void checkCgroup(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    if (const Node *p = nodeAt(s, QStringLiteral("cgroup_parent"));
        p && p->isScalar() && !p->text().trimmed().isEmpty())
        report(sink, s, keyOrigin(s, QStringLiteral("cgroup_parent")),
               QStringLiteral("cgroup_parent"),
               QStringLiteral("cgroup_parent: %1 places the container in a cgroup outside "
                              "Docker's own, where the engine's resource limits and accounting "
                              "may not apply.")
                   .arg(p->text()));
    if (const Node *c = nodeAt(s, QStringLiteral("cgroup"));
        c && c->isScalar() && c->text().trimmed() == u"host")
        report(sink, s, keyOrigin(s, QStringLiteral("cgroup")), QStringLiteral("cgroup"),
               QStringLiteral("cgroup: host shows the container the host's cgroup tree."));
}

/// A kernel parameter setting that weakens the network isolation of the container.
QString sysctlRisk(const QString &name, const QString &value)
{
    const QString v = value.trimmed();
    static const QRegularExpression forwarding(
        QStringLiteral("^net\\.ipv4\\.ip_forward$|^net\\.ipv[46]\\.conf\\.[^.]+\\.forwarding$"));
    static const QRegularExpression localnet(
        QStringLiteral("^net\\.ipv4\\.conf\\.[^.]+\\.route_localnet$"));
    static const QRegularExpression redirects(
        QStringLiteral("^net\\.ipv[46]\\.conf\\.[^.]+\\.(accept_redirects|accept_source_route)$"));
    static const QRegularExpression rpFilter(
        QStringLiteral("^net\\.ipv4\\.conf\\.[^.]+\\.rp_filter$"));
    if (forwarding.match(name).hasMatch() && v == u"1")
        return QStringLiteral("turns the container into a router between the networks it "
                              "is attached to");
    if (localnet.match(name).hasMatch() && v == u"1")
        return QStringLiteral("makes services bound to 127.0.0.1 reachable from the network");
    if (redirects.match(name).hasMatch() && v != u"0")
        return QStringLiteral("accepts ICMP redirects or source-routed packets, which lets "
                              "others reroute the container's traffic");
    if (rpFilter.match(name).hasMatch() && v == u"0")
        return QStringLiteral("turns off reverse-path filtering, so spoofed source addresses "
                              "are accepted");
    return QString();
}

void checkSysctls(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    const Node &sysctls = s.node.value(QStringLiteral("sysctls"));
    for (const compose::MapEntry &e : sysctls.entries()) {
        const QString risk = sysctlRisk(e.key.trimmed(), e.value.text());
        if (risk.isEmpty())
            continue;
        report(sink, s, e.keyOrigin.isKnown() ? e.keyOrigin : e.value.origin(),
               QStringLiteral("sysctl:") + e.key,
               QStringLiteral("sysctls sets %1=%2, which %3.").arg(e.key, e.value.text(), risk),
               e.key + u'=' + e.value.text());
    }
}

} // namespace

void registerNamespaceChecks(CheckRegistry &registry)
{
    addServiceCheck(registry, QStringLiteral("CMP-NS-001"),
                    hostNamespace(QStringLiteral("network_mode"),
                                  QStringLiteral("shares the host's network stack: the "
                                                 "container can bind any host port and reach "
                                                 "every service listening on the host's "
                                                 "localhost.")));
    addServiceCheck(registry, QStringLiteral("CMP-NS-002"),
                    hostNamespace(QStringLiteral("pid"),
                                  QStringLiteral("shows the container every host process; "
                                                 "with enough privilege it can signal or "
                                                 "ptrace them.")));
    addServiceCheck(registry, QStringLiteral("CMP-NS-003"),
                    hostNamespace(QStringLiteral("ipc"),
                                  QStringLiteral("shares the host's shared memory and "
                                                 "message queues with the container.")));
    addServiceCheck(registry, QStringLiteral("CMP-NS-004"),
                    hostNamespace(QStringLiteral("uts"),
                                  QStringLiteral("lets the container change the host's "
                                                 "hostname and domain name.")));
    addServiceCheck(registry, QStringLiteral("CMP-NS-005"), checkSharedWithContainer);
    addServiceCheck(registry, QStringLiteral("CMP-PRIV-008"),
                    hostNamespace(QStringLiteral("userns_mode"),
                                  QStringLiteral("turns off user-namespace remapping: root "
                                                 "in the container is root on the host.")));
    addServiceCheck(registry, QStringLiteral("CMP-PRIV-009"), checkDevices);
    addServiceCheck(registry, QStringLiteral("CMP-PRIV-010"), checkCgroup);
    addServiceCheck(registry, QStringLiteral("CMP-SYS-001"), checkSysctls);
}

} // namespace threatdock::rules::composechecks
