#pragma once

#include "compose/origin.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace threatdock::system {

/// The three kinds of element of a data-flow diagram.
enum class ElementKind { Process, DataStore, ExternalEntity };

/// One element of the derived data-flow diagram.
struct Element
{
    /// Stable id, never a list position: "service:api", "volume:db-data",
    /// "bind:./data" (host path as written, relative to the project when inside it),
    /// "external:internet", "external:localhost", "external:docker-host",
    /// "external-network:proxy", "secret:db_password"...
    QString id;
    ElementKind kind = ElementKind::Process;
    QString name; ///< what the diagram shows
    /// What it is: for processes "web", "api", "worker", "database", "cache", "queue",
    /// "proxy", "service"; for data stores "volume", "bind-mount", "database", "cache",
    /// "queue", "secret"; for external entities "internet", "localhost", "docker-host",
    /// "external-network".
    QString role;
    QString service;  ///< the compose service it stands for, "" when none
    QString boundary; ///< id of the innermost trust boundary that holds it, "" = none
    compose::Origin origin;
    /// Security-relevant facts a threat can cite: "privileged", "runs as root",
    /// "host network", "docker socket mounted", "read-only root filesystem", ...
    QStringList facts;
    /// Properties for the inspector: image, user, ports, networks, limits...
    QMap<QString, QString> properties;
};

/// A data flow between two elements.
struct DataFlow
{
    QString id;       ///< stable: "flow:<from>-><to>[:<port>]"
    QString from;     ///< element id
    QString to;       ///< element id
    QString label;    ///< "8080→80/tcp", "depends_on", "postgres://db:5432", "rw /data"
    QString protocol; ///< "tcp", "udp", "http", "postgres"... or ""
    int port = 0;
    /// Why the flow exists: "published-port", "depends_on", "link", "env-reference",
    /// "volume", "network-mode", "secret".
    QString reason;
    /// Who can reach it: "internet" (0.0.0.0 or no host ip), "host" (127.0.0.1/::1),
    /// "internal" (between containers).
    QString exposure;
    bool readOnly = false;        ///< volume flows mounted :ro
    bool crossesBoundary = false; ///< from and to are in different trust boundaries
    compose::Origin origin;
};

/// A trust boundary: the Docker host, a compose network, a privileged container
/// collapsed into the host.
struct TrustBoundary
{
    QString id;            ///< "boundary:host", "network:back", ...
    QString name;          ///< what the diagram shows
    QString kind;          ///< "host", "network", "external-network"
    QString parent;        ///< enclosing boundary id, "" for the outermost
    bool internal = false; ///< a compose network with internal: true
    compose::Origin origin;
};

/// The data-flow diagram of a compose project, derived, never drawn by hand.
struct SystemModel
{
    QString projectName;
    QList<Element> elements;
    QList<DataFlow> flows;
    QList<TrustBoundary> boundaries;

    const Element *element(const QString &id) const;
    /// What a threat is about, for people: an element's name, a flow as "api → redis"
    /// (with its label in parentheses when withFlowLabel), the id itself when unknown.
    QString displayName(const QString &id, bool withFlowLabel = false) const;
    const TrustBoundary *boundary(const QString &id) const;
    QList<const DataFlow *> flowsFrom(const QString &elementId) const;
    QList<const DataFlow *> flowsTo(const QString &elementId) const;
};

} // namespace threatdock::system
