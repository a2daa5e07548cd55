// Compose checks on published ports and networks. Port findings point at the service's
// `ports:` key (as KICS does) and name the offending entry in their evidence.

#include "composechecks_p.h"

#include <QHash>
#include <QRegularExpression>

namespace threatdock::rules::composechecks {

namespace {

/// Ports of services that really publish them (network_mode: host ignores `ports`).
QList<PortGroup> publishedPorts(const Service &s)
{
    return s.networkMode == u"host" ? QList<PortGroup>() : portGroups(s);
}

QString portEvidence(const PortGroup &p)
{
    return QStringLiteral("ports: ") + p.text();
}

void checkHostInterface(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    for (const PortGroup &p : publishedPorts(s)) {
        if (!p.onAllInterfaces())
            continue;
        report(sink, s, keyOrigin(s, QStringLiteral("ports")), p.subject(),
               QStringLiteral("%1 listens on every interface of the host, not on one chosen "
                              "address (such as 127.0.0.1 or an internal network's).")
                   .arg(p.text()),
               portEvidence(p));
    }
}

void checkPrivilegedPorts(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    const bool netBindDropped = dropsNetBindService(s);
    for (const PortGroup &p : publishedPorts(s)) {
        QString why;
        if (p.publishedLow > 0 && p.publishedLow < 1024)
            why = QStringLiteral("%1 maps the privileged host port %2 (below 1024).")
                      .arg(p.text())
                      .arg(p.publishedLow);
        else if (p.targetLow < 1024 && !netBindDropped)
            why = QStringLiteral("%1 publishes the privileged container port %2: the process "
                                 "needs root or NET_BIND_SERVICE, which cap_drop does not "
                                 "remove.")
                      .arg(p.text())
                      .arg(p.targetLow);
        if (!why.isEmpty())
            report(sink, s, keyOrigin(s, QStringLiteral("ports")), p.subject(), why,
                   portEvidence(p));
    }
}

/// Well-known remote-administration and datastore ports.
QString sensitivePortName(int port)
{
    static const QHash<int, QString> names{
        {21, QStringLiteral("FTP")},
        {22, QStringLiteral("SSH")},
        {23, QStringLiteral("Telnet")},
        {1433, QStringLiteral("SQL Server")},
        {1521, QStringLiteral("Oracle")},
        {2181, QStringLiteral("ZooKeeper")},
        {2376, QStringLiteral("Docker API (TLS)")},
        {2379, QStringLiteral("etcd")},
        {2380, QStringLiteral("etcd peer")},
        {3306, QStringLiteral("MySQL")},
        {3389, QStringLiteral("RDP")},
        {4369, QStringLiteral("Erlang epmd")},
        {5432, QStringLiteral("PostgreSQL")},
        {5672, QStringLiteral("AMQP")},
        {5900, QStringLiteral("VNC")},
        {5984, QStringLiteral("CouchDB")},
        {6379, QStringLiteral("Redis")},
        {8086, QStringLiteral("InfluxDB")},
        {8500, QStringLiteral("Consul")},
        {9042, QStringLiteral("Cassandra")},
        {9092, QStringLiteral("Kafka")},
        {9200, QStringLiteral("Elasticsearch")},
        {9300, QStringLiteral("Elasticsearch transport")},
        {10250, QStringLiteral("kubelet")},
        {11211, QStringLiteral("Memcached")},
        {15672, QStringLiteral("RabbitMQ management")},
        {27017, QStringLiteral("MongoDB")},
    };
    return names.value(port);
}

void checkSensitivePorts(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    for (const PortGroup &p : publishedPorts(s)) {
        if (p.onLoopback())
            continue;
        QStringList found;
        for (int port = p.targetLow; port <= p.targetHigh && found.size() < 5; ++port)
            if (const QString name = sensitivePortName(port); !name.isEmpty())
                found << QStringLiteral("%1 (%2)").arg(port).arg(name);
        if (found.isEmpty())
            continue;
        report(sink, s, keyOrigin(s, QStringLiteral("ports")), p.subject(),
               QStringLiteral("%1 publishes %2 on the host's network: an administration or "
                              "datastore port is reachable from outside the project.")
                   .arg(p.text(), found.join(QStringLiteral(", "))),
               portEvidence(p));
    }
}

void checkDefaultBridge(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    if (s.networkMode != u"bridge")
        return;
    report(sink, s, keyOrigin(s, QStringLiteral("network_mode")), QString(),
           QStringLiteral("network_mode: bridge puts the service on Docker's default bridge "
                          "(docker0), shared with every other container on the host and "
                          "without name-based isolation."));
}

bool tlsVerified(const Service &s)
{
    for (const compose::EnvironmentVariable &v : s.environment)
        if (v.name == u"DOCKER_TLS_VERIFY")
            return v.value && !v.value->isEmpty() && *v.value != u"0";
    return false;
}

void checkPlainDockerApi(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    for (const compose::EnvironmentVariable &v : s.environment) {
        if (v.name != u"DOCKER_HOST" || !v.value || !v.value->startsWith(u"tcp://"))
            continue;
        if (v.value->endsWith(u":2375") || !tlsVerified(s))
            report(sink, s, v.origin, QStringLiteral("env:DOCKER_HOST"),
                   QStringLiteral("DOCKER_HOST=%1 talks to a Docker engine over TCP without "
                                  "TLS: anyone on the path can drive the engine.")
                       .arg(*v.value));
    }
    static const QRegularExpression plainHost(QStringLiteral("tcp://[^\\s\"']*:2375\\b"));
    for (const QString &key : {QStringLiteral("command"), QStringLiteral("entrypoint")}) {
        QStringList words;
        for (const Node &w : s.node.value(key).items())
            words << w.text();
        if (plainHost.match(words.join(u' ')).hasMatch())
            report(sink, s, keyOrigin(s, key), key,
                   QStringLiteral("%1 starts a Docker engine listening on TCP port 2375, "
                                  "which has no TLS and no authentication.")
                       .arg(key));
    }
    for (const PortGroup &p : publishedPorts(s)) {
        if (p.targetLow <= 2375 && 2375 <= p.targetHigh)
            report(sink, s, keyOrigin(s, QStringLiteral("ports")), p.subject(),
                   QStringLiteral("%1 publishes port 2375, the Docker engine's plain-TCP API "
                                  "(no TLS, no authentication).")
                       .arg(p.text()),
                   portEvidence(p));
    }
}

} // namespace

void registerNetworkChecks(CheckRegistry &registry)
{
    addServiceCheck(registry, QStringLiteral("CMP-NET-001"), checkHostInterface);
    addServiceCheck(registry, QStringLiteral("CMP-NET-002"), checkPrivilegedPorts);
    addServiceCheck(registry, QStringLiteral("CMP-NET-003"), checkSensitivePorts);
    addServiceCheck(registry, QStringLiteral("CMP-NET-004"), checkDefaultBridge);
    addServiceCheck(registry, QStringLiteral("CMP-NET-005"), checkPlainDockerApi);
}

} // namespace threatdock::rules::composechecks
