// Which hosts an environment value names: the evidence of a flow to another service.
#include "systemderivation_p.h"

#include "rules/secretdetector.h"

#include <QRegularExpression>

namespace threatdock::system::derivation {

namespace {

/// A host name as Docker's DNS knows containers: a service name, alias or container name.
const QRegularExpression &hostPattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
    return re;
}

/// "host", "host:port", "[v6]:port": the host and the port (0 when none). False when
/// text is not a host at all.
bool splitHostPort(const QString &text, QString *host, int *port)
{
    QString h = text;
    *port = 0;
    const qsizetype colon = h.lastIndexOf(u':');
    if (colon > 0) {
        bool ok = false;
        const int p = h.mid(colon + 1).toInt(&ok);
        if (!ok || p <= 0 || p > 65535)
            return false;
        *port = p;
        h.truncate(colon);
    }
    if (!hostPattern().match(h).hasMatch())
        return false;
    *host = h;
    return true;
}

void addUrlHosts(const QString &value, QList<HostReference> &out)
{
    // scheme://[userinfo@]host[:port][,host[:port]...][/path]: the authority ends at the
    // first '/', '?', '#', whitespace or quote. jdbc:mysql://db finds "mysql".
    static const QRegularExpression url(
        QStringLiteral(R"(([A-Za-z][A-Za-z0-9+.-]*)://([^/?#\s"'<>]*))"));
    auto it = url.globalMatch(value);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString scheme = m.captured(1).toLower();
        QString authority = m.captured(2);
        if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0)
            authority = authority.mid(at + 1);
        for (const QString &item : authority.split(u',', Qt::SkipEmptyParts)) {
            HostReference ref;
            if (!splitHostPort(item.trimmed(), &ref.host, &ref.port))
                continue;
            ref.scheme = scheme;
            ref.label = scheme + QStringLiteral("://") + ref.host
                + (ref.port ? u':' + QString::number(ref.port) : QString());
            out << ref;
        }
    }
}

void addPlainHosts(const QString &name, const QString &value, QList<HostReference> &out)
{
    // Only a value that is nothing but hosts: "db", "db:5432", "kafka:9092,zk:2181".
    QList<HostReference> found;
    for (const QString &item : value.split(u',', Qt::SkipEmptyParts)) {
        HostReference ref;
        if (!splitHostPort(item.trimmed(), &ref.host, &ref.port))
            return;
        ref.label = name + u'=' + item.trimmed();
        found << ref;
    }
    out << found;
}

/// Variables that hold a user, a database or a name: their value may equal a service's
/// name by convention (POSTGRES_USER=postgres) without naming a host.
bool namesNonHost(const QString &name)
{
    static const QRegularExpression re(
        QStringLiteral("(^|_)(USER|USERNAME|LOGIN|NAME|DB|DATABASE|SCHEMA|EMAIL|GROUP|ROLE)$"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

} // namespace

QList<HostReference> hostReferences(const QString &name, const QString &value)
{
    QList<HostReference> out;
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return out;
    if (trimmed.contains(QStringLiteral("://")))
        addUrlHosts(trimmed, out);
    else if (!rules::SecretDetector::isSecretName(name) && !namesNonHost(name))
        addPlainHosts(name, trimmed, out);
    return out;
}

} // namespace threatdock::system::derivation
