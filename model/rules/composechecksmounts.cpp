// Compose checks on mounts and the root filesystem.

#include "composechecks_p.h"

#include <QDir>
#include <QMap>
#include <QSet>

namespace threatdock::rules::composechecks {

namespace {

HostPathKind kindOf(const AnalysisInput &input, const MountRef &m)
{
    if (m.mount->type != u"bind")
        return HostPathKind::Ordinary;
    return classifyHostPath(m.mount->source, input.project.workingDir);
}

void checkRuntimeSocket(const AnalysisInput &input, const Service &s, FindingSink &sink)
{
    for (const MountRef &m : mountsOf(s)) {
        if (kindOf(input, m) != HostPathKind::RuntimeApi)
            continue;
        report(sink, s, m.sourceOrigin, QStringLiteral("mount:") + m.mount->target,
               QStringLiteral("volumes mounts %1 (the container runtime's API socket or its "
                              "directory) at %2: whoever controls the container can start a "
                              "privileged container and own the host%3.")
                   .arg(m.mount->source, m.mount->target,
                        m.mount->readOnly ? QStringLiteral(" (read-only does not help: a "
                                                           "socket stays writable)")
                                          : QString()));
    }
    if (const Node *api = nodeAt(s, QStringLiteral("use_api_socket"));
        api && api->toBool().value_or(false))
        report(sink, s, keyOrigin(s, QStringLiteral("use_api_socket")),
               QStringLiteral("use_api_socket"),
               QStringLiteral("use_api_socket: true mounts the Docker engine's API socket "
                              "into the container."));
}

void checkSensitiveBinds(const AnalysisInput &input, const Service &s, FindingSink &sink)
{
    for (const MountRef &m : mountsOf(s)) {
        if (kindOf(input, m) != HostPathKind::Sensitive)
            continue;
        report(sink, s, m.sourceOrigin, QStringLiteral("mount:") + m.mount->target,
               QStringLiteral("volumes bind-mounts the host's %1 at %2 %3: it holds host "
                              "configuration, credentials or kernel interfaces.")
                   .arg(m.mount->source, m.mount->target,
                        m.mount->readOnly ? QStringLiteral("read-only")
                                          : QStringLiteral("read-write")));
    }
}

/// Named volumes whose local driver options point at a host directory
/// (`driver_opts: {o: bind, device: /path}`, local-persist `mountpoint: /path`).
void checkSensitiveVolumeDevices(const AnalysisInput &input, FindingSink &sink)
{
    if (!input.hasProject)
        return;
    const Node &volumes = input.project.model.value(QStringLiteral("volumes"));
    for (const compose::MapEntry &v : volumes.entries()) {
        const Node &opts = v.value.value(QStringLiteral("driver_opts"));
        for (const QString &key : {QStringLiteral("device"), QStringLiteral("mountpoint")}) {
            const Node &path = opts.value(key);
            if (!path.isScalar()
                || classifyHostPath(path.text(), input.project.workingDir)
                    != HostPathKind::Sensitive)
                continue;
            sink.report(QString(), entryOrigin(opts, key), QStringLiteral("volume:") + v.key, key,
                        QStringLiteral("volume %1 stores its data in the host's %2 (driver_opts "
                                       "%3): every service that mounts it reaches that host "
                                       "directory.")
                            .arg(v.key, path.text(), key));
        }
    }
}

void checkWritableBinds(const AnalysisInput &input, const Service &s, FindingSink &sink)
{
    for (const MountRef &m : mountsOf(s)) {
        const HostPathKind kind = kindOf(input, m);
        if (m.mount->type != u"bind" || m.mount->readOnly || kind == HostPathKind::RuntimeApi
            || kind == HostPathKind::Device)
            continue;
        report(sink, s, m.sourceOrigin, QStringLiteral("mount:") + m.mount->target,
               QStringLiteral("volumes bind-mounts the host's %1 at %2 read-write: the "
                              "container can change files on the host.")
                   .arg(m.mount->source, m.mount->target));
    }
}

void checkPropagation(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    static const QSet<QString> shared{QStringLiteral("shared"), QStringLiteral("rshared"),
                                      QStringLiteral("slave"), QStringLiteral("rslave")};
    for (const MountRef &m : mountsOf(s)) {
        const Node &bind = m.node->value(QStringLiteral("bind"));
        const QString mode = bind.value(QStringLiteral("propagation")).text().trimmed();
        if (!shared.contains(mode))
            continue;
        report(sink, s, entryOrigin(bind, QStringLiteral("propagation")),
               QStringLiteral("mount:") + m.mount->target,
               QStringLiteral("the mount of %1 at %2 uses propagation %3: mounts made on one "
                              "side appear on the other, so the container can see or affect "
                              "host mounts.")
                   .arg(m.mount->source, m.mount->target, mode));
    }
}

struct SharedMount
{
    const Service *service;
    MountRef mount;
};

void checkSharedVolumes(const AnalysisInput &input, FindingSink &sink)
{
    if (!input.hasProject)
        return;
    QMap<QString, QList<SharedMount>> bySource;
    for (const Service &s : input.project.services) {
        for (const MountRef &m : mountsOf(s)) {
            const HostPathKind kind = kindOf(input, m);
            if (m.mount->source.isEmpty() || kind == HostPathKind::RuntimeApi
                || kind == HostPathKind::Device
                || (m.mount->type != u"volume" && m.mount->type != u"bind"))
                continue;
            const QString key = m.mount->type == u"bind"
                ? QStringLiteral("bind:") + QDir::cleanPath(m.mount->source)
                : QStringLiteral("volume:") + m.mount->source;
            bySource[key] << SharedMount{&s, m};
        }
    }
    for (auto it = bySource.cbegin(); it != bySource.cend(); ++it) {
        QStringList services;
        bool writable = false;
        for (const SharedMount &sm : *it) {
            if (!services.contains(sm.service->name))
                services << sm.service->name;
            writable = writable || !sm.mount.mount->readOnly;
        }
        if (services.size() < 2 || !writable)
            continue;
        for (const SharedMount &sm : *it) {
            report(sink, *sm.service, sm.mount.sourceOrigin,
                   QStringLiteral("mount:") + sm.mount.mount->target,
                   QStringLiteral("%1 is mounted by %2 and at least one of them can write to "
                                  "it: a compromised service can plant files the others read.")
                       .arg(it.key().section(u':', 1), services.join(QStringLiteral(", "))));
        }
    }
}

void checkReadOnlyRoot(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    if (s.readOnly)
        return;
    report(sink, s, keyOrigin(s, QStringLiteral("read_only")), QString(),
           s.node.contains(QStringLiteral("read_only"))
               ? QStringLiteral("read_only: false leaves the root filesystem writable: an "
                                "intruder can drop tools or change the application.")
               : QStringLiteral("read_only is not set, so the root filesystem is writable: an "
                                "intruder can drop tools or change the application."));
}

} // namespace

void registerMountChecks(CheckRegistry &registry)
{
    addServiceCheck(registry, QStringLiteral("CMP-MNT-001"), checkRuntimeSocket);
    registry.add(QStringLiteral("CMP-MNT-002"), [](const AnalysisInput &input, FindingSink &sink) {
        if (input.hasProject)
            for (const Service &s : input.project.services)
                checkSensitiveBinds(input, s, sink);
        checkSensitiveVolumeDevices(input, sink);
    });
    addServiceCheck(registry, QStringLiteral("CMP-MNT-003"), checkWritableBinds);
    addServiceCheck(registry, QStringLiteral("CMP-MNT-004"), checkPropagation);
    registry.add(QStringLiteral("CMP-MNT-005"), checkSharedVolumes);
    addServiceCheck(registry, QStringLiteral("CMP-FS-001"), checkReadOnlyRoot);
}

} // namespace threatdock::rules::composechecks
