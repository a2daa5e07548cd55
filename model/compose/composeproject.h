#pragma once

#include "environment.h"
#include "node.h"
#include "origin.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::compose {

/// A published or exposed port of a service (canonical long syntax).
struct PortMapping
{
    QString hostIp;    ///< "" = all interfaces
    QString published; ///< "" = not published on the host; may be a range "8000-8010"
    int target = 0;
    QString protocol = QStringLiteral("tcp");
    QString mode;
    Origin origin;
};

/// A mount of a service: bind, volume, tmpfs, npipe, cluster or image.
struct VolumeMount
{
    QString type;
    QString source; ///< absolute host path for binds, volume name for volumes
    QString target;
    bool readOnly = false;
    Origin origin;
};

/// One variable of a service's environment. value is nullopt for a bare KEY that
/// is unset in the project environment.
struct EnvironmentVariable
{
    QString name;
    std::optional<QString> value;
    Origin origin;
};

struct BuildSpec
{
    QString context;    ///< absolute
    QString dockerfile; ///< as written, relative to the context (or inline)
    QList<EnvironmentVariable> args;
    QString target;
    Origin origin;
};

struct Healthcheck
{
    QStringList test;
    bool disabled = false;
    Origin origin;
};

/// A service of the loaded project, in canonical form, with the origin of each value.
/// node() holds the whole canonical service for generic access (user rule key paths).
struct Service
{
    QString name;
    Origin origin;
    QString image;
    std::optional<BuildSpec> build;
    QString user;
    bool readOnly = false;
    bool privileged = false;
    QStringList capAdd;
    QStringList capDrop;
    QStringList securityOpt;
    QString networkMode;
    QString pid;
    QString ipc;
    QString uts;
    QString usernsMode;
    QList<PortMapping> ports;
    QStringList expose;
    QList<VolumeMount> volumes;
    QList<EnvironmentVariable> environment;
    QStringList dependsOn;
    QStringList networks;
    QStringList secrets;
    QStringList configs;
    std::optional<Healthcheck> healthcheck;
    std::optional<qint64> memLimit; ///< bytes (mem_limit or deploy.resources.limits.memory)
    std::optional<qint64> pidsLimit;
    std::optional<double> cpus;
    QString restart;
    QString loggingDriver;
    QStringList devices;
    QStringList tmpfs;
    QStringList profiles;
    Node node;

    /// Origin of the canonical value at a dotted key path ("deploy.resources"), or the
    /// service's own origin when absent.
    Origin originOf(const QString &keyPath) const;
};

/// A loaded Compose project: the canonical model (what `docker compose config` prints)
/// and typed views of its services.
struct ComposeProject
{
    QString name;
    QString workingDir;
    QStringList composeFiles; ///< absolute, in merge order (includes not listed)
    QStringList envFiles;     ///< the project env files that were read
    QStringList activeProfiles;
    Environment environment;      ///< process environment over .env (used to interpolate)
    QList<Service> services;      ///< active services, in file order
    QStringList inactiveServices; ///< services disabled by profiles
    Node model;                   ///< canonical document: name, services, networks, ...

    const Service *service(const QString &name) const;
    QStringList serviceNames() const;
};

/// Builds the typed services from a canonical document (ComposeNormalizer's output).
QList<Service> servicesFromModel(const Node &model);

} // namespace threatdock::compose
