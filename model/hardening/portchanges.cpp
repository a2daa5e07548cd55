// Ports published on every interface move to 127.0.0.1, unless the user marks them public.
// Compose merges `ports` by address, so the overlay replaces the list (`!override`).

#include "hardeningplanner_p.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace threatdock::hardening::detail {

namespace {

using compose::Node;
using compose::PortMapping;
using compose::Service;

bool onAllInterfaces(const QString &ip)
{
    return ip.isEmpty() || ip == u"0.0.0.0" || ip == u"::" || ip == u"[::]";
}

/// The mappings one written entry expanded to (the loader turns "8000-8010:8000-8010"
/// into one mapping per port), as one entry again.
struct PortEntry
{
    QList<PortMapping> mappings;
    bool rebind = false;

    int targetLow() const { return mappings.first().target; }
    int targetHigh() const { return mappings.last().target; }
    const PortMapping &first() const { return mappings.first(); }

    /// Whether the mappings form one range that short syntax can write.
    bool contiguous() const
    {
        for (qsizetype i = 1; i < mappings.size(); ++i) {
            const PortMapping &a = mappings.at(i - 1);
            const PortMapping &b = mappings.at(i);
            if (b.target != a.target + 1)
                return false;
            if (a.published.isEmpty() != b.published.isEmpty())
                return false;
            if (!a.published.isEmpty() && b.published.toInt() != a.published.toInt() + 1)
                return false;
        }
        return true;
    }
};

QList<PortEntry> entriesOf(const Service &s)
{
    QList<PortEntry> entries;
    for (const PortMapping &p : s.ports) {
        const auto same = [&p](const PortEntry &e) {
            const PortMapping &f = e.first();
            return f.origin == p.origin && f.hostIp == p.hostIp && f.protocol == p.protocol
                && f.mode == p.mode;
        };
        auto it = std::find_if(entries.begin(), entries.end(), same);
        if (it == entries.end() || !p.origin.isKnown())
            entries << PortEntry{{p}, false};
        else
            it->mappings << p;
    }
    QList<PortEntry> out;
    for (PortEntry &e : entries) {
        std::sort(e.mappings.begin(), e.mappings.end(),
                  [](const PortMapping &a, const PortMapping &b) { return a.target < b.target; });
        if (e.contiguous()) {
            out << e;
            continue;
        }
        for (const PortMapping &p : std::as_const(e.mappings))
            out << PortEntry{{p}, false};
    }
    return out;
}

QString range(const QString &low, const QString &high)
{
    return low == high ? low : low + u'-' + high;
}

/// The entry in short syntax ("127.0.0.1:8080:80/tcp"), or in long syntax when it has
/// a mode other than ingress (short syntax cannot say it).
Node written(const PortEntry &e, const QString &ip)
{
    const PortMapping &p = e.first();
    if (!p.mode.isEmpty() && p.mode != u"ingress") {
        Node long_ = Node::mapping();
        long_.insert(QStringLiteral("mode"), quoted(p.mode));
        if (!ip.isEmpty())
            long_.insert(QStringLiteral("host_ip"), quoted(ip));
        long_.insert(QStringLiteral("target"), plain(QString::number(p.target)));
        if (!p.published.isEmpty())
            long_.insert(QStringLiteral("published"), quoted(p.published));
        long_.insert(QStringLiteral("protocol"), quoted(p.protocol));
        return long_;
    }
    const QString target = range(QString::number(e.targetLow()), QString::number(e.targetHigh()));
    const QString published = range(p.published, e.mappings.last().published);
    QString text;
    if (!ip.isEmpty())
        text = (ip.contains(u':') ? u'[' + ip + u']' : ip) + u':' + published + u':' + target;
    else
        text = published.isEmpty() ? target : published + u':' + target;
    return quoted(text + u'/' + p.protocol);
}

/// "port:80/tcp" or "port:8000-8010/udp@0.0.0.0" of a finding id, read back.
struct PortSubject
{
    int low = 0;
    int high = 0;
    QString protocol;
    QString ip;
};

std::optional<PortSubject> portSubject(const QString &findingId)
{
    static const QRegularExpression re(
        QStringLiteral("/port:(\\d+)(?:-(\\d+))?/([a-z]+)(?:@(.*))?$"));
    const auto m = re.match(findingId);
    if (!m.hasMatch())
        return std::nullopt;
    PortSubject s;
    s.low = m.captured(1).toInt();
    s.high = m.captured(2).isEmpty() ? s.low : m.captured(2).toInt();
    s.protocol = m.captured(3);
    s.ip = m.captured(4);
    return s;
}

bool isPublic(const PlanContext &ctx, const Service &s, const PortEntry &e)
{
    for (const QString &spec : ctx.options.publicPorts) {
        if (spec.section(u':', 0, 0) != s.name)
            continue;
        const QString port = spec.section(u':', 1);
        for (const PortMapping &p : e.mappings)
            if (port == QString::number(p.target)
                || (!p.published.isEmpty() && port == p.published))
                return true;
    }
    return false;
}

} // namespace

std::optional<HardeningChange> portsChange(PlanContext &ctx, const Service &s)
{
    QList<const rules::Finding *> candidates
        = ctx.findingsOf(s.name, QStringLiteral("CMP-NET-001"));
    candidates << ctx.findingsOf(s.name, QStringLiteral("CMP-NET-003"));
    if (candidates.isEmpty() || s.networkMode == u"host")
        return std::nullopt;
    QList<PortEntry> entries = entriesOf(s);
    QSet<QString> rebound; // "port/protocol"
    QStringList titles;
    Node ports = Node::sequence();
    for (PortEntry &e : entries) {
        e.rebind = onAllInterfaces(e.first().hostIp) && !isPublic(ctx, s, e);
        const Node entry = written(e, e.rebind ? QStringLiteral("127.0.0.1") : e.first().hostIp);
        ports.append(entry);
        if (!e.rebind)
            continue;
        titles << (entry.isScalar() ? entry.text() : QString::number(e.targetLow()));
        for (const PortMapping &p : std::as_const(e.mappings))
            rebound.insert(QString::number(p.target) + u'/' + p.protocol);
    }
    QList<const rules::Finding *> fixes;
    for (const rules::Finding *f : std::as_const(candidates)) {
        const auto subject = portSubject(f->id);
        if (!subject || !onAllInterfaces(subject->ip))
            continue;
        bool all = true;
        for (int port = subject->low; port <= subject->high && all; ++port)
            all = rebound.contains(QString::number(port) + u'/' + subject->protocol);
        if (all)
            fixes << f;
    }
    if (fixes.isEmpty())
        return std::nullopt;
    const Node node = keyed(QStringLiteral("ports"), tagged(ports, QStringLiteral("!override")));
    return makeComposeChange(
        ctx, s, QStringLiteral("ports"),
        QStringLiteral("ports: %1").arg(titles.join(QStringLiteral(", "))),
        QStringLiteral("Publishes %1 on the loopback interface only: reachable from this "
                       "host (and a reverse proxy on it), not from the network. A port meant "
                       "to be public keeps its binding when marked so (harden --public "
                       "%2:PORT). The overlay replaces the service's ports (!override): "
                       "Compose merges ports by address, and an added binding would leave the "
                       "old one open.")
            .arg(titles.join(QStringLiteral(", ")), s.name),
        node, fixes);
}

} // namespace threatdock::hardening::detail
