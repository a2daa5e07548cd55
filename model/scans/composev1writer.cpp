#include "composev1writer.h"

#include "composev1keys.h"

#include "compose/nodewriter.h"

#include <QLocale>

#include <cmath>

namespace threatdock::scans {

using compose::MapEntry;
using compose::Node;
using compose::Origin;
using namespace v1keys;

namespace {

/// A value the user set: true, a non-empty text or collection (false, "" and [] are the
/// defaults, so leaving them out changes nothing and needs no note).
bool isSet(const Node &value)
{
    if (value.isScalar())
        return value.toBool().value_or(!value.text().isEmpty());
    if (value.isSequence())
        return !value.items().empty();
    return value.isMapping() && !value.entries().empty();
}

Node quoted(const QString &text, const Origin &origin)
{
    return Node::scalar(text, origin, true);
}

/// A float as YAML 1.1 reads it: with a dot, and .inf / .nan for the special values.
QString yaml11Float(double d)
{
    if (std::isnan(d))
        return QStringLiteral(".nan");
    if (std::isinf(d))
        return d > 0 ? QStringLiteral(".inf") : QStringLiteral("-.inf");
    QString s = QString::number(d, 'g', QLocale::FloatingPointShortest);
    if (!s.contains(u'.')) {
        const qsizetype exponent = s.indexOf(u'e');
        s = exponent < 0 ? s + QStringLiteral(".0")
                         : s.left(exponent) + QStringLiteral(".0") + s.mid(exponent);
    }
    return s;
}

/// Every scalar typed the way PyYAML (YAML 1.1) reads it back as the canonical model
/// means it, tags removed; with escape, each `$` of a string doubled.
Node forPyYaml(const Node &n, bool escape)
{
    Node out = n;
    out.setTag(QString());
    if (n.isScalar()) {
        const bool string = n.isQuoted() || n.tag().endsWith(QStringLiteral("str"));
        if (!string) {
            if (const auto b = n.toBool()) {
                out.setText(*b ? QStringLiteral("true") : QStringLiteral("false"));
                return out;
            }
            if (const auto i = n.toInt()) {
                out.setText(QString::number(*i));
                return out;
            }
            if (const auto d = n.toDouble()) {
                out.setText(yaml11Float(*d));
                return out;
            }
        }
        out.setQuoted(true);
        if (escape)
            out.setText(QString(n.text()).replace(u'$', QStringLiteral("$$")));
    }
    for (Node &item : out.items())
        item = forPyYaml(item, escape);
    for (MapEntry &e : out.entries())
        e.value = forPyYaml(e.value, escape);
    return out;
}

/// "host=ip" (the Compose Specification's form) as v1's "host:ip".
Node extraHosts(const Node &hosts)
{
    Node out = hosts;
    for (Node &host : out.items()) {
        const qsizetype equals = host.text().indexOf(u'=');
        if (!host.isScalar() || equals < 0)
            continue;
        QString ip = host.text().mid(equals + 1);
        if (ip.startsWith(u'[') && ip.endsWith(u']'))
            ip = ip.mid(1, ip.size() - 2);
        host.setText(host.text().left(equals) + u':' + ip);
    }
    return out;
}

/// Devices in the long form as "SOURCE:TARGET:PERMISSIONS".
Node devices(const Node &list)
{
    Node out = Node::sequence(list.origin());
    for (const Node &device : list.items()) {
        if (!device.isMapping()) {
            out.append(device);
            continue;
        }
        QString spec = device.value(QStringLiteral("source")).text();
        for (const QString &key : {QStringLiteral("target"), QStringLiteral("permissions")}) {
            const QString part = device.value(key).text();
            if (!part.isEmpty())
                spec += u':' + part;
        }
        out.append(quoted(spec, device.origin()));
    }
    return out;
}

/// Converts one canonical model; the first error stops nothing but is the one reported.
class V1Dialect final
{
public:
    Node document(const Node &model);

    QStringList notes;
    QString error;

private:
    void note(const Origin &origin, const QString &text);
    void leaveOut(const Origin &origin, const QString &path, const QString &why);
    void refuse(const Origin &origin, const QString &path, const QString &what);
    Node applyRules(const QString &path, const Node &in, const KeyRules &rules);

    Node service(const QString &name, const Node &in);
    Node build(const QString &path, const Node &in);
    Node ports(const QString &path, const Node &in);
    Node volumes(const QString &path, const Node &in, QStringList &tmpfs);
    Node bindMount(const QString &path, const Node &in);
    Node dependsOn(const QString &path, const Node &in);
    Node serviceNetworks(const QString &path, const Node &in);
    Node pullPolicy(const QString &path, const Node &in);
    Node configBinds(const QString &path, const Node &configs);
    void resources(Node &service);
    Node resource(const QString &section, const MapEntry &entry);

    QStringList m_services;
    Node m_configs;
};

void V1Dialect::note(const Origin &origin, const QString &text)
{
    notes << (origin.isKnown() ? origin.toString() + QStringLiteral(": ") + text : text);
}

void V1Dialect::leaveOut(const Origin &origin, const QString &path, const QString &why)
{
    note(origin, QStringLiteral("%1 left out: %2").arg(path, why));
}

void V1Dialect::refuse(const Origin &origin, const QString &path, const QString &what)
{
    if (!error.isEmpty())
        return;
    error = QStringLiteral("%1: docker-compose 1.29 (Compose v1) cannot %2; install the docker "
                           "compose plugin (Compose v2)")
                .arg(path, what);
    if (origin.isKnown())
        error = origin.toString() + QStringLiteral(": ") + error;
}

Node V1Dialect::applyRules(const QString &path, const Node &in, const KeyRules &rules)
{
    if (!in.isMapping())
        return in;
    Node out = Node::mapping(in.origin());
    for (const MapEntry &e : in.entries()) {
        const auto rule = rules.constFind(e.key);
        if (rule == rules.constEnd()) {
            out.entries().push_back(e);
        } else if (rule->action == Action::Drop || !isSet(e.value)) {
            continue;
        } else if (rule->action == Action::LeaveOut) {
            leaveOut(e.keyOrigin, path + u'.' + e.key, rule->text);
        } else {
            refuse(e.keyOrigin, path + u'.' + e.key, rule->text);
        }
    }
    return out;
}

Node V1Dialect::document(const Node &model)
{
    m_services = model.value(QStringLiteral("services")).keys();
    m_configs = model.value(QStringLiteral("configs"));
    Node out = Node::mapping(model.origin());
    for (const MapEntry &e : model.entries()) {
        // The name goes with -p; configs become binds of the services that mount them.
        if (e.key == u"name" || e.key == u"version" || e.key == u"include" || e.key == u"configs")
            continue;
        if (e.key == u"models") {
            if (isSet(e.value))
                refuse(e.keyOrigin, e.key, QStringLiteral("run models"));
            continue;
        }
        if (e.key == u"services" || e.key == u"networks" || e.key == u"volumes"
            || e.key == u"secrets") {
            Node section = Node::mapping(e.value.origin());
            for (const MapEntry &item : e.value.entries())
                section.insert(item.key,
                               e.key == u"services" ? service(item.key, item.value)
                                                    : resource(e.key, item),
                               item.keyOrigin);
            // v1 interpolates these sections: the model's values are final.
            out.insert(e.key, forPyYaml(section, true), e.keyOrigin);
            continue;
        }
        out.insert(e.key, forPyYaml(e.value, false), e.keyOrigin); // x- extensions
    }
    return out;
}

Node V1Dialect::service(const QString &name, const Node &in)
{
    const QString path = QStringLiteral("services.") + name;
    Node out = applyRules(path, in, serviceRules());
    QStringList tmpfs;
    Node binds = Node::sequence(in.origin());
    for (MapEntry &e : out.entries()) {
        const QString keyPath = path + u'.' + e.key;
        if (e.key == u"build")
            e.value = build(keyPath, e.value);
        else if (e.key == u"ports")
            e.value = ports(keyPath, e.value);
        else if (e.key == u"volumes")
            e.value = volumes(keyPath, e.value, tmpfs);
        else if (e.key == u"depends_on")
            e.value = dependsOn(keyPath, e.value);
        else if (e.key == u"networks")
            e.value = serviceNetworks(keyPath, e.value);
        else if (e.key == u"devices")
            e.value = devices(e.value);
        else if (e.key == u"extra_hosts")
            e.value = extraHosts(e.value);
        else if (e.key == u"healthcheck")
            e.value = applyRules(keyPath, e.value, healthcheckRules());
        else if (e.key == u"pull_policy")
            e.value = pullPolicy(keyPath, e.value);
        else if (e.key == u"configs")
            binds = configBinds(keyPath, e.value);
    }
    out.remove(QStringLiteral("configs"));
    if (!binds.items().empty()) {
        Node mounts = out.value(QStringLiteral("volumes"));
        if (!mounts.isSequence())
            mounts = Node::sequence(binds.origin());
        for (const Node &bind : binds.items())
            mounts.append(bind);
        out.insert(QStringLiteral("volumes"), mounts, binds.origin());
    }
    if (!tmpfs.isEmpty()) {
        Node list = out.value(QStringLiteral("tmpfs"));
        if (!list.isSequence())
            list = Node::sequence(in.origin());
        for (const QString &mount : std::as_const(tmpfs))
            list.append(quoted(mount, in.origin()));
        out.insert(QStringLiteral("tmpfs"), list, in.origin());
    }
    resources(out);
    return out;
}

Node V1Dialect::build(const QString &path, const Node &in)
{
    Node out = applyRules(path, in, buildRules());
    if (Node *hosts = out.find(QStringLiteral("extra_hosts")))
        *hosts = extraHosts(*hosts);
    return out;
}

Node V1Dialect::ports(const QString &path, const Node &in)
{
    static const QStringList protocols{QStringLiteral("tcp"), QStringLiteral("udp"),
                                       QStringLiteral("sctp")};
    Node out = Node::sequence(in.origin());
    QStringList written;
    for (std::size_t i = 0; i < in.items().size(); ++i) {
        const Node &port = in.items()[i];
        if (!port.isMapping()) {
            out.append(port);
            continue;
        }
        const QString ip = port.value(QStringLiteral("host_ip")).text();
        const QString published = port.value(QStringLiteral("published")).text();
        QString spec;
        if (!ip.isEmpty())
            spec = (ip.contains(u':') ? u'[' + ip + u']' : ip) + u':';
        if (!published.isEmpty() || !ip.isEmpty())
            spec += published + u':';
        spec += port.value(QStringLiteral("target")).text();
        QString protocol = port.value(QStringLiteral("protocol")).text().toLower();
        if (protocol.isEmpty())
            protocol = QStringLiteral("tcp");
        if (!protocols.contains(protocol)) {
            refuse(port.origin(), path + QStringLiteral("[%1].protocol").arg(i),
                   QStringLiteral("publish a port over a protocol other than tcp, udp or sctp"));
            continue;
        }
        spec += u'/' + protocol;
        // v1 wants unique items; the same binding twice is one binding.
        if (written.contains(spec))
            continue;
        written << spec;
        out.append(quoted(spec, port.origin()));
    }
    return out;
}

Node V1Dialect::volumes(const QString &path, const Node &in, QStringList &tmpfs)
{
    Node out = Node::sequence(in.origin());
    for (std::size_t i = 0; i < in.items().size(); ++i) {
        const Node &mount = in.items()[i];
        const QString itemPath = path + QStringLiteral("[%1]").arg(i);
        const QString type = mount.value(QStringLiteral("type")).text();
        if (!mount.isMapping() || type == u"npipe") {
            out.append(mount);
        } else if (type == u"bind") {
            out.append(bindMount(itemPath, mount));
        } else if (type == u"volume") {
            Node volume = mount.value(QStringLiteral("volume"));
            if (isSet(volume.value(QStringLiteral("subpath"))))
                refuse(mount.origin(), itemPath + QStringLiteral(".volume.subpath"),
                       QStringLiteral("mount a subpath of a volume"));
            if (isSet(volume.value(QStringLiteral("labels"))))
                leaveOut(mount.origin(), itemPath + QStringLiteral(".volume.labels"),
                         QStringLiteral("the volume's own labels still apply"));
            volume.remove(QStringLiteral("subpath"));
            volume.remove(QStringLiteral("labels"));
            Node copy = mount;
            if (volume.entries().empty())
                copy.remove(QStringLiteral("volume"));
            else
                copy.insert(QStringLiteral("volume"), volume);
            out.append(copy);
        } else if (type == u"tmpfs"
                   && mount.value(QStringLiteral("tmpfs")).contains(QStringLiteral("mode"))) {
            // v1's tmpfs mounts have no mode; the service's tmpfs list has options.
            const Node options = mount.value(QStringLiteral("tmpfs"));
            QStringList spec;
            if (mount.value(QStringLiteral("read_only")).toBool() == true)
                spec << QStringLiteral("ro");
            if (const auto size = options.value(QStringLiteral("size")).toInt())
                spec << QStringLiteral("size=%1").arg(*size);
            spec << QStringLiteral("mode=0%1")
                        .arg(options.value(QStringLiteral("mode")).toInt().value_or(0), 0, 8);
            tmpfs << mount.value(QStringLiteral("target")).text() + u':' + spec.join(u',');
        } else if (type == u"tmpfs") {
            out.append(mount);
        } else {
            refuse(mount.origin(), itemPath, QStringLiteral("mount a volume of type %1").arg(type));
        }
    }
    return out;
}

Node V1Dialect::bindMount(const QString &path, const Node &in)
{
    const Node bind = in.value(QStringLiteral("bind"));
    const QString recursive = bind.value(QStringLiteral("recursive")).text();
    if (!recursive.isEmpty() && recursive != u"enabled")
        refuse(in.origin(), path + QStringLiteral(".bind.recursive"),
               QStringLiteral("set how a bind mount treats submounts (bind.recursive)"));
    const QString source = in.value(QStringLiteral("source")).text();
    const QString target = in.value(QStringLiteral("target")).text();
    const QString selinux = bind.value(QStringLiteral("selinux")).text();
    const bool created = bind.value(QStringLiteral("create_host_path")).toBool() == true;
    if (created && !source.contains(u':') && !target.contains(u':')) {
        // The short form: the engine creates a missing host path, as v2 does.
        QStringList options;
        if (in.value(QStringLiteral("read_only")).toBool() == true)
            options << QStringLiteral("ro");
        for (const QString &option : {bind.value(QStringLiteral("propagation")).text(), selinux}) {
            if (!option.isEmpty())
                options << option;
        }
        QString spec = source + u':' + target;
        if (!options.isEmpty())
            spec += u':' + options.join(u',');
        return quoted(spec, in.origin());
    }
    if (!selinux.isEmpty())
        refuse(in.origin(), path + QStringLiteral(".bind.selinux"),
               QStringLiteral("relabel a bind mount whose host path is not created"));
    Node out = in;
    Node options = bind;
    for (const QString &key : {QStringLiteral("create_host_path"), QStringLiteral("selinux"),
                               QStringLiteral("recursive")})
        options.remove(key);
    if (options.entries().empty())
        out.remove(QStringLiteral("bind"));
    else
        out.insert(QStringLiteral("bind"), options);
    return out;
}

Node V1Dialect::dependsOn(const QString &path, const Node &in)
{
    if (!in.isMapping())
        return in;
    Node out = Node::mapping(in.origin());
    for (const MapEntry &e : in.entries()) {
        const QString keyPath = path + u'.' + e.key;
        if (!m_services.contains(e.key)
            && e.value.value(QStringLiteral("required")).toBool() == false) {
            leaveOut(e.keyOrigin, keyPath,
                     QStringLiteral("an optional dependency on a service the project does not "
                                    "run"));
            continue;
        }
        if (const MapEntry *restart = e.value.entry(QStringLiteral("restart"));
            restart && restart->value.toBool() == true)
            leaveOut(restart->keyOrigin, keyPath + QStringLiteral(".restart"),
                     QStringLiteral("v1 does not restart a service when its dependency restarts"));
        Node dependency = Node::mapping(e.value.origin());
        const Node condition = e.value.value(QStringLiteral("condition"));
        dependency.insert(QStringLiteral("condition"),
                          condition.isScalar()
                              ? condition
                              : quoted(QStringLiteral("service_started"), e.keyOrigin));
        out.insert(e.key, dependency, e.keyOrigin);
    }
    return out;
}

Node V1Dialect::serviceNetworks(const QString &path, const Node &in)
{
    if (!in.isMapping())
        return in;
    Node out = Node::mapping(in.origin());
    for (const MapEntry &e : in.entries())
        out.insert(e.key, applyRules(path + u'.' + e.key, e.value, attachmentRules()), e.keyOrigin);
    return out;
}

Node V1Dialect::pullPolicy(const QString &path, const Node &in)
{
    const QString policy = in.text();
    if (policy == u"missing")
        return quoted(QStringLiteral("if_not_present"), in.origin());
    if (policy == u"daily" || policy == u"weekly" || policy.startsWith(QStringLiteral("every_"))) {
        note(in.origin(),
             QStringLiteral("%1 read as if_not_present: v1 has no pull schedule").arg(path));
        return quoted(QStringLiteral("if_not_present"), in.origin());
    }
    return in;
}

Node V1Dialect::configBinds(const QString &path, const Node &configs)
{
    // v1 drops a service's configs (compose/project.py); v2 bind-mounts file configs
    // read-only, which is what v1 gets instead.
    Node binds = Node::sequence(configs.origin());
    for (std::size_t i = 0; i < configs.items().size(); ++i) {
        const Node &config = configs.items()[i];
        const QString itemPath = path + QStringLiteral("[%1]").arg(i);
        const QString source = config.value(QStringLiteral("source")).text();
        const QString file = m_configs.value(source).value(QStringLiteral("file")).text();
        if (file.isEmpty()) {
            refuse(config.origin(), itemPath,
                   QStringLiteral("mount config %1, which is not a file").arg(source));
            continue;
        }
        QString target = config.value(QStringLiteral("target")).text();
        if (target.isEmpty())
            target = source;
        if (!target.startsWith(u'/'))
            target.prepend(u'/');
        for (const QString &key :
             {QStringLiteral("uid"), QStringLiteral("gid"), QStringLiteral("mode")}) {
            if (config.contains(key))
                leaveOut(config.origin(), itemPath + u'.' + key,
                         QStringLiteral("the bind mount keeps the file's owner and mode"));
        }
        binds.append(quoted(file + u':' + target + QStringLiteral(":ro"), config.origin()));
    }
    return binds;
}

void V1Dialect::resources(Node &service)
{
    // v2: deploy.resources limits and reservations win over mem_limit, cpus, pids_limit and
    // mem_reservation. v1 copies limits.memory over mem_limit even when it is not set, so
    // they become the service's own keys, which v1 applies as they are.
    Node *deploy = service.find(QStringLiteral("deploy"));
    Node *resources = deploy ? deploy->find(QStringLiteral("resources")) : nullptr;
    if (!resources || !resources->isMapping())
        return;
    const auto lift = [&service](const Node &from, const QString &key, const QString &to) {
        if (const MapEntry *e = from.entry(key); e && e->value.isScalar())
            service.insert(to, e->value, e->keyOrigin);
    };
    const Node limits = resources->value(QStringLiteral("limits"));
    lift(limits, QStringLiteral("memory"), QStringLiteral("mem_limit"));
    lift(limits, QStringLiteral("cpus"), QStringLiteral("cpus"));
    lift(limits, QStringLiteral("pids"), QStringLiteral("pids_limit"));
    resources->remove(QStringLiteral("limits"));
    if (Node *reservations = resources->find(QStringLiteral("reservations"))) {
        lift(*reservations, QStringLiteral("memory"), QStringLiteral("mem_reservation"));
        reservations->remove(QStringLiteral("memory"));
        reservations->remove(QStringLiteral("cpus")); // the engine reserves no CPU
        // Devices stay (v1 requests them); v1 then copies reservations.memory over
        // mem_reservation, so it gets the same value.
        const Node *memory = service.find(QStringLiteral("mem_reservation"));
        if (reservations->entries().empty())
            resources->remove(QStringLiteral("reservations"));
        else if (memory && memory->isScalar())
            reservations->insert(QStringLiteral("memory"),
                                 quoted(memory->text(), memory->origin()));
    }
    if (resources->entries().empty())
        deploy->remove(QStringLiteral("resources"));
    if (deploy->entries().empty())
        service.remove(QStringLiteral("deploy"));
}

Node V1Dialect::resource(const QString &section, const MapEntry &entry)
{
    const QString path = section + u'.' + entry.key;
    if (!entry.value.isMapping())
        return entry.value;
    if (entry.value.value(QStringLiteral("external")).toBool() == true) {
        // v1 refuses anything else next to external (v2 ignores it).
        Node out = Node::mapping(entry.value.origin());
        for (const MapEntry &e : entry.value.entries()) {
            if (e.key == u"external" || e.key == u"name"
                || (e.key == u"driver" && section == u"networks"))
                out.entries().push_back(e);
        }
        return out;
    }
    Node out = Node::mapping(entry.value.origin());
    for (const MapEntry &e : entry.value.entries()) {
        if (e.key == u"enable_ipv4") {
            if (e.value.toBool() == false)
                refuse(e.keyOrigin, path + u'.' + e.key,
                       QStringLiteral("create a network without IPv4"));
        } else if (e.key == u"environment" || e.key == u"content") {
            refuse(e.keyOrigin, path + u'.' + e.key,
                   QStringLiteral("make a secret from %1; put the value in a git-ignored file "
                                  "and name it with file:")
                       .arg(e.key == u"content" ? QStringLiteral("inline content")
                                                : QStringLiteral("an environment variable")));
        } else {
            out.entries().push_back(e);
        }
    }
    return out;
}

} // namespace

ComposeV1Writer::Result ComposeV1Writer::write(const Node &model)
{
    Result result;
    V1Dialect dialect;
    const Node document = dialect.document(model);
    result.notes = dialect.notes;
    result.error = dialect.error;
    if (result.ok())
        result.yaml = QByteArrayLiteral(
                          "# docker-compose 1.29 (Compose v1) reads this file instead of the "
                          "project's own:\n# ThreatDock merged them by Compose v2's rules and "
                          "resolved their values.\n# Private to the command that uses it, and "
                          "deleted with it.\n")
            + compose::NodeWriter::toYaml(document);
    return result;
}

} // namespace threatdock::scans
