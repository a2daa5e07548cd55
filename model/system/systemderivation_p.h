#pragma once

// The derivation rules of SystemModelBuilder (systemmodelbuilder.cpp), one concern per
// file: what a service is (serviceroles.cpp), which other services its environment
// names (hostreferences.cpp), and what the inspector and the threats may cite about it
// (servicedescription.cpp). Private to model/system.

#include "compose/composeproject.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace threatdock::system::derivation {

/// The role of a service's process: "proxy", "database", "cache", "queue", "worker",
/// "web", "api" or "service", guessed from its image, its name and its build.
QString processRole(const compose::Service &service);
/// Roles whose service keeps data of its own ("datastore:<service>").
bool keepsData(const QString &role);

/// A host path of a bind mount, classified.
enum class HostPath {
    Ordinary,   ///< a path of the user's choosing: a bind-mount data store
    RuntimeApi, ///< the Docker (or another runtime's) API socket, or its directory
    Device,     ///< a device node under /dev
    System,     ///< a system directory or a credentials store of the host
};
HostPath classifyHostPath(const QString &path, const QString &projectDirectory);
/// The bind source as the diagram shows it: "./data" inside the project, "." for the
/// project itself, the absolute path elsewhere.
QString displayPath(const QString &path, const QString &projectDirectory);

/// A host named in an environment value: `postgres://db:5432/x`, `DB_HOST=db`, `redis:6379`.
struct HostReference
{
    QString host;
    int port = 0;
    QString scheme; ///< lower case, "" when the value is not a URL
    QString label;  ///< "postgres://db:5432" or "DB_HOST=db": never a credential
};
/// The hosts an environment variable's value names, as whole host tokens: a URL's
/// hosts, or a value that is nothing but `host`, `host:port` or a comma list of them.
/// Values of secret-named variables only count through URLs.
QList<HostReference> hostReferences(const QString &name, const QString &value);

/// Who a published port is reachable from.
enum class PortExposure { Internet, Host };
PortExposure exposureOf(const QString &hostIp);
/// "8080→80/tcp", "127.0.0.1:8080→80/tcp", "ephemeral→80/tcp".
QString portLabel(const compose::PortMapping &port);

bool runsAsRoot(const QString &user);
/// Capability in canonical form: upper case without the CAP_ prefix.
QString capabilityName(const QString &text);
bool noNewPrivileges(const QStringList &securityOpt);
/// Environment variables whose name conventionally holds a secret and that have a value.
QStringList secretEnvironmentNames(const compose::Service &service);

/// Inspector properties of a service's process, secrets redacted.
QMap<QString, QString> processProperties(const compose::Service &service,
                                         const QString &projectDirectory);

} // namespace threatdock::system::derivation
