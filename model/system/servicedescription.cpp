// What the inspector shows about a service and the small facts the builder cites.
#include "systemderivation_p.h"

#include "rules/secretdetector.h"

#include <QLocale>

namespace threatdock::system::derivation {

using rules::SecretDetector;

namespace {

QString bytes(qint64 value)
{
    return QLocale::c().formattedDataSize(value, 1, QLocale::DataSizeTraditionalFormat);
}

QString joined(const QStringList &items)
{
    return items.join(QStringLiteral(", "));
}

QString mountText(const compose::VolumeMount &m, const QString &projectDirectory)
{
    QString source = m.source;
    if (m.type == u"bind")
        source = displayPath(m.source, projectDirectory);
    QString text = (m.readOnly ? QStringLiteral("ro ") : QStringLiteral("rw ")) + m.type + u' ';
    if (!source.isEmpty())
        text += source + u':';
    return text + m.target;
}

QString environmentText(const compose::Service &service)
{
    QStringList lines;
    for (const compose::EnvironmentVariable &v : service.environment) {
        if (!v.value) {
            lines << v.name + QStringLiteral(" (unset)");
            continue;
        }
        const bool secret
            = SecretDetector::isSecretName(v.name) || SecretDetector::looksLikeSecret(*v.value);
        const QString value = secret && !v.value->isEmpty() ? SecretDetector::mask() : *v.value;
        lines << SecretDetector::redact(v.name + u'=' + value);
    }
    return lines.join(u'\n');
}

} // namespace

PortExposure exposureOf(const QString &hostIp)
{
    QString ip = hostIp.trimmed();
    if (ip.startsWith(u'[') && ip.endsWith(u']'))
        ip = ip.mid(1, ip.size() - 2);
    if (ip == u"::1" || ip == u"localhost" || ip.startsWith(QStringLiteral("127.")))
        return PortExposure::Host;
    // No host ip, 0.0.0.0, :: or an interface's own address: whoever reaches the host.
    return PortExposure::Internet;
}

QString portLabel(const compose::PortMapping &port)
{
    QString text;
    if (!port.hostIp.isEmpty() && exposureOf(port.hostIp) == PortExposure::Host)
        text = port.hostIp + u':';
    text += port.published.isEmpty() ? QStringLiteral("ephemeral") : port.published;
    return text + QStringLiteral("→") + QString::number(port.target) + u'/' + port.protocol;
}

bool runsAsRoot(const QString &user)
{
    const QString name = user.section(u':', 0, 0).trimmed();
    return name.isEmpty() || name == u"0" || name == u"root";
}

QString capabilityName(const QString &text)
{
    QString cap = text.trimmed().toUpper();
    if (cap.startsWith(QStringLiteral("CAP_")))
        cap = cap.mid(4);
    return cap;
}

bool noNewPrivileges(const QStringList &securityOpt)
{
    for (const QString &opt : securityOpt) {
        const QString o = opt.trimmed().toLower();
        if (o == u"no-new-privileges" || o == u"no-new-privileges:true"
            || o == u"no-new-privileges=true")
            return true;
    }
    return false;
}

QStringList secretEnvironmentNames(const compose::Service &service)
{
    QStringList names;
    for (const compose::EnvironmentVariable &v : service.environment)
        if (v.value && !v.value->isEmpty() && SecretDetector::isSecretName(v.name))
            names << v.name;
    return names;
}

QMap<QString, QString> processProperties(const compose::Service &s, const QString &projectDirectory)
{
    QMap<QString, QString> p;
    if (!s.image.isEmpty())
        p.insert(QStringLiteral("image"), s.image);
    if (s.build) {
        QString build = displayPath(s.build->context, projectDirectory);
        if (!s.build->dockerfile.isEmpty())
            build += u' ' + s.build->dockerfile;
        if (!s.build->target.isEmpty())
            build += QStringLiteral(" (target ") + s.build->target + u')';
        p.insert(QStringLiteral("build"), build);
    }
    // Only what the configuration says: no "user" means the image's default user.
    if (!s.user.isEmpty())
        p.insert(QStringLiteral("user"), s.user);
    QStringList ports;
    for (const compose::PortMapping &port : s.ports)
        ports << portLabel(port);
    if (!ports.isEmpty())
        p.insert(QStringLiteral("ports"), joined(ports));
    if (!s.expose.isEmpty())
        p.insert(QStringLiteral("expose"), joined(s.expose));
    if (!s.networks.isEmpty())
        p.insert(QStringLiteral("networks"), joined(s.networks));
    if (!s.networkMode.isEmpty())
        p.insert(QStringLiteral("network_mode"), s.networkMode);
    QStringList mounts;
    for (const compose::VolumeMount &m : s.volumes)
        mounts << mountText(m, projectDirectory);
    if (!mounts.isEmpty())
        p.insert(QStringLiteral("volumes"), mounts.join(u'\n'));
    if (s.memLimit)
        p.insert(QStringLiteral("memory limit"), bytes(*s.memLimit));
    if (s.pidsLimit)
        p.insert(QStringLiteral("pids limit"), QString::number(*s.pidsLimit));
    if (s.cpus)
        p.insert(QStringLiteral("cpus"), QString::number(*s.cpus));
    if (!s.securityOpt.isEmpty())
        p.insert(QStringLiteral("security_opt"), joined(s.securityOpt));
    if (!s.capAdd.isEmpty())
        p.insert(QStringLiteral("cap_add"), joined(s.capAdd));
    if (!s.capDrop.isEmpty())
        p.insert(QStringLiteral("cap_drop"), joined(s.capDrop));
    p.insert(QStringLiteral("read_only"),
             s.readOnly ? QStringLiteral("true") : QStringLiteral("false"));
    if (s.privileged)
        p.insert(QStringLiteral("privileged"), QStringLiteral("true"));
    const QList<std::pair<QString, QString>> namespaces{
        {QStringLiteral("pid"), s.pid},
        {QStringLiteral("ipc"), s.ipc},
        {QStringLiteral("uts"), s.uts},
        {QStringLiteral("userns_mode"), s.usernsMode}};
    for (const auto &[key, value] : namespaces)
        if (!value.isEmpty())
            p.insert(key, value);
    if (!s.devices.isEmpty())
        p.insert(QStringLiteral("devices"), joined(s.devices));
    if (!s.restart.isEmpty())
        p.insert(QStringLiteral("restart"), s.restart);
    if (s.healthcheck)
        p.insert(QStringLiteral("healthcheck"),
                 s.healthcheck->disabled ? QStringLiteral("disabled")
                                         : SecretDetector::redact(s.healthcheck->test.join(u' ')));
    if (!s.secrets.isEmpty())
        p.insert(QStringLiteral("secrets"), joined(s.secrets));
    if (!s.environment.isEmpty())
        p.insert(QStringLiteral("environment"), environmentText(s));
    return p;
}

} // namespace threatdock::system::derivation
