#pragma once

// Shared helpers of the built-in Compose checks (composechecks*.cpp). Private to
// model/rules: the checks reach the outside world only through registerComposeChecks().

#include "checkregistry.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace threatdock::rules::composechecks {

using compose::Node;
using compose::Origin;
using compose::Service;

/// The check of one rule for one service.
using ServiceCheck = std::function<void(const AnalysisInput &, const Service &, FindingSink &)>;

/// Registers a check that runs once per active service of the project.
void addServiceCheck(CheckRegistry &registry, const QString &ruleId, ServiceCheck check);

/// Reports a finding on a service: scope "service:<name>".
void report(FindingSink &sink, const Service &service, const Origin &where, const QString &subject,
            const QString &why, const QString &evidence = {});

/// The node at a dotted key path of the canonical service, or nullptr.
const Node *nodeAt(const Service &service, const QString &keyPath);
/// The origin of the key at a dotted path when it is there; the service's own line when
/// it is not (where KICS and reviewers expect a missing key to be reported).
Origin keyOrigin(const Service &service, const QString &keyPath);
/// The origin of the key `key` inside a mapping node, or the node's own origin.
Origin entryOrigin(const Node &mapping, const QString &key);

/// The Dockerfile that builds the service, when it was parsed.
const DockerfileInput *dockerfileOf(const AnalysisInput &input, const Service &service);

/// Capability name in canonical form: upper case without the CAP_ prefix.
QString capabilityName(const QString &text);
bool hasCapability(const QStringList &caps, const QString &name);
/// True when NET_BIND_SERVICE is dropped (directly or by ALL) and not added back.
bool dropsNetBindService(const Service &service);

/// A host path of a bind mount or volume, classified.
enum class HostPathKind {
    Ordinary,    ///< nothing special
    ProjectFile, ///< inside the project directory
    RuntimeApi,  ///< a container-runtime socket or the directory that holds one
    Device,      ///< a device node under /dev
    Sensitive,   ///< a system directory or credentials store of the host
};
HostPathKind classifyHostPath(const QString &path, const QString &projectDirectory);

/// A mount of a service with the canonical node it comes from.
struct MountRef
{
    const compose::VolumeMount *mount = nullptr;
    const Node *node = nullptr;
    Origin sourceOrigin; ///< the line of `source` (or of the item when it has none)
};
QList<MountRef> mountsOf(const Service &service);

/// Published ports that come from one written entry (a range such as "8000-8010:80"
/// is expanded into one mapping per port by the loader; reports gather them back).
struct PortGroup
{
    QString hostIp;
    QString protocol;
    int targetLow = 0;
    int targetHigh = 0;
    int publishedLow = 0; ///< 0 = an ephemeral port chosen by Docker
    int publishedHigh = 0;
    Origin origin; ///< the entry's line

    bool onAllInterfaces() const;
    bool onLoopback() const;
    /// "0.0.0.0:8080->80/tcp" style text for evidence and why.
    QString text() const;
    /// Stable subject for findings: "port:80/tcp" or "port:70-8000/tcp".
    QString subject() const;
};
QList<PortGroup> portGroups(const Service &service);

/// The registry host of an image reference ("docker.io" when none is written).
QString imageRegistry(const QString &image);
/// The tag of an image reference, "" when none; the digest goes to *digest.
QString imageTag(const QString &image, QString *digest = nullptr);

void registerPrivilegeChecks(CheckRegistry &registry);
void registerNamespaceChecks(CheckRegistry &registry);
void registerMountChecks(CheckRegistry &registry);
void registerResourceChecks(CheckRegistry &registry);
void registerNetworkChecks(CheckRegistry &registry);
void registerImageChecks(CheckRegistry &registry);

} // namespace threatdock::rules::composechecks
