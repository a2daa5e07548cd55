// ports and volumes of a service: short syntax parsed the way compose-go and
// docker/go-connections do, long syntax checked and given its defaults.

#include "composenormalizer_p.h"

#include <QRegularExpression>

#include <algorithm>

namespace threatdock::compose::normalizer {

namespace {

/// go-connections ParsePortRange: "80" or "3000-3005", each 0..65535.
bool parsePortRange(const QString &text, quint32 &start, quint32 &end)
{
    const QStringList parts = text.split(u'-');
    if (text.isEmpty() || parts.size() > 2)
        return false;
    bool ok1 = false;
    bool ok2 = true;
    start = parts[0].toUInt(&ok1);
    end = parts.size() == 2 ? parts[1].toUInt(&ok2) : start;
    return ok1 && ok2 && start <= 65535 && end <= 65535 && end >= start;
}

bool isIpAddress(const QString &ip)
{
    static const QRegularExpression v4(
        QStringLiteral("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
                       "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$"));
    static const QRegularExpression v6(QStringLiteral("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$"));
    return v4.match(ip).hasMatch() || (ip.count(u':') >= 2 && v6.match(ip).hasMatch());
}

/// One short-syntax port ("127.0.0.1:8080-8081:80-81/udp") as one entry per port.
void parseShortPort(const Node &item, const QString &path, Node &out, bool lenient,
                    Diagnostics &warnings)
{
    const QString spec = item.text();
    auto bad = [&](const QString &why) {
        fail(item, path,
             QStringLiteral("a port such as \"8080:80\" or \"127.0.0.1:53:53/udp\" (%1)").arg(why));
    };
    QStringList parts = spec.split(u':');
    const QString containerPart = parts.takeLast();
    const QString hostPort = parts.isEmpty() ? QString() : parts.takeLast();
    QString ip = parts.join(u':');
    QString protocol = QStringLiteral("tcp");
    QString container = containerPart;
    if (const qsizetype slash = containerPart.indexOf(u'/'); slash >= 0) {
        container = containerPart.left(slash);
        const QString proto = containerPart.mid(slash + 1).section(u'/', 0, 0);
        if (!proto.isEmpty())
            protocol = proto.toLower();
    }
    if (ip.startsWith(u'[') && ip.endsWith(u']'))
        ip = ip.mid(1, ip.size() - 2);
    if (!ip.isEmpty() && !isIpAddress(ip))
        bad(QStringLiteral("invalid IP address \"%1\"").arg(ip));
    quint32 start = 0;
    quint32 end = 0;
    if (container.isEmpty() || !parsePortRange(container, start, end))
        bad(QStringLiteral("invalid container port \"%1\"").arg(container));
    quint32 hostStart = 0;
    quint32 hostEnd = 0;
    if (!hostPort.isEmpty() && !parsePortRange(hostPort, hostStart, hostEnd))
        bad(QStringLiteral("invalid host port \"%1\"").arg(hostPort));
    if (!hostPort.isEmpty() && end - start != hostEnd - hostStart && end != start) {
        if (!lenient)
            bad(QStringLiteral("host and container port ranges differ in size"));
        // Analysis mode: pair the ports while both ranges have one.
        warnings << Diagnostic{Diagnostic::Severity::Warning, item.origin(),
                               QStringLiteral("%1: host and container port ranges differ in size; "
                                              "Compose would refuse it, read as pairs")
                                   .arg(path)};
        const quint32 pairs = std::min(end - start, hostEnd - hostStart);
        end = start + pairs;
        hostEnd = hostStart + pairs;
    }
    if (protocol != u"tcp" && protocol != u"udp" && protocol != u"sctp")
        bad(QStringLiteral("invalid protocol \"%1\"").arg(protocol));

    // compose-go sorts the expanded ports by their "port/proto" key, as strings.
    std::vector<std::pair<QString, Node>> entries;
    const Origin &o = item.origin();
    for (quint32 i = 0; i <= end - start; ++i) {
        const quint32 target = start + i;
        Node port = Node::mapping(o);
        port.insert(QStringLiteral("mode"), stringNode(QStringLiteral("ingress"), o));
        if (!ip.isEmpty())
            port.insert(QStringLiteral("host_ip"), stringNode(ip, o));
        port.insert(QStringLiteral("target"), intNode(target, o));
        if (!hostPort.isEmpty()) {
            QString published = QString::number(hostStart + i);
            if (start == end && hostStart != hostEnd)
                published += u'-' + QString::number(hostEnd);
            port.insert(QStringLiteral("published"), stringNode(published, o));
        }
        port.insert(QStringLiteral("protocol"), stringNode(protocol, o));
        entries.emplace_back(QString::number(target) + u'/' + protocol, port);
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (auto &e : entries)
        out.append(e.second);
}

Node normalizeLongPort(const Node &item, const QString &path, Diagnostics &warnings)
{
    // compose-go keeps any published string in long syntax (the engine refuses it
    // later), so it is kept here too, with a warning when it is not a port or range.
    const auto published = [&warnings](const Node &v, const QString &p) {
        if (!v.isScalar() || v.text().isEmpty())
            fail(v, p, QStringLiteral("a port or a port range"));
        quint32 a = 0;
        quint32 b = 0;
        if (!parsePortRange(v.text(), a, b))
            warnings << Diagnostic{
                Diagnostic::Severity::Warning, v.origin(),
                QStringLiteral("%1: \"%2\" is not a port or a port range").arg(p, v.text())};
        return stringNode(v.text(), v.origin());
    };
    const Node in = convertFields(item, path,
                                  {{QStringLiteral("name"), toStringValue},
                                   {QStringLiteral("mode"), toStringValue},
                                   {QStringLiteral("host_ip"), toStringValue},
                                   {QStringLiteral("target"), toIntValue},
                                   {QStringLiteral("published"), published},
                                   {QStringLiteral("protocol"), toStringValue},
                                   {QStringLiteral("app_protocol"), toStringValue}},
                                  warnings);
    if (!in.contains(QStringLiteral("target")) || in.value(QStringLiteral("target")).isNull())
        fail(item, path, QStringLiteral("a port mapping with a \"target\""));
    // The order compose prints: name, mode, host_ip, target, published, protocol, ...
    Node out = Node::mapping(in.origin());
    const QStringList order{QStringLiteral("name"),        QStringLiteral("mode"),
                            QStringLiteral("host_ip"),     QStringLiteral("target"),
                            QStringLiteral("published"),   QStringLiteral("protocol"),
                            QStringLiteral("app_protocol")};
    for (const QString &key : order) {
        if (const MapEntry *e = in.entry(key))
            out.insert(key, e->value, e->keyOrigin);
        else if (key == u"mode")
            out.insert(key, stringNode(QStringLiteral("ingress"), item.origin()));
        else if (key == u"protocol")
            out.insert(key, stringNode(QStringLiteral("tcp"), item.origin()));
    }
    for (const MapEntry &e : in.entries()) {
        if (!out.contains(e.key))
            out.entries().push_back(e);
    }
    return out;
}

bool isWindowsDrive(const QString &buffer, QChar c)
{
    return c == u':' && buffer.size() == 1 && buffer[0].isLetter();
}

bool isHostPath(const QString &source)
{
    if (source.isEmpty())
        return false;
    const QChar first = source[0];
    if (first == u'.' || first == u'/' || first == u'~'
        || source.startsWith(QStringLiteral("\\\\")))
        return true;
    return source.size() > 1 && isWindowsDrive(source.left(1), source[1]);
}

void setMountOption(Node &mount, const QString &option, const Origin &o)
{
    static const QStringList propagations{QStringLiteral("rprivate"), QStringLiteral("private"),
                                          QStringLiteral("rshared"),  QStringLiteral("shared"),
                                          QStringLiteral("rslave"),   QStringLiteral("slave")};
    if (option == u"ro") {
        mount.insert(QStringLiteral("read_only"), boolNode(true, o));
    } else if (option == u"rw") {
        mount.remove(QStringLiteral("read_only"));
    } else if (option == u"nocopy") {
        Node volume = Node::mapping(o);
        volume.insert(QStringLiteral("nocopy"), boolNode(true, o));
        mount.insert(QStringLiteral("volume"), volume);
    } else if (propagations.contains(option) || option == u"z" || option == u"Z") {
        Node bind = mount.value(QStringLiteral("bind"));
        if (!bind.isMapping())
            bind = Node::mapping(o);
        const QString key = propagations.contains(option) ? QStringLiteral("propagation")
                                                          : QStringLiteral("selinux");
        bind.insert(key, stringNode(option, o));
        mount.insert(QStringLiteral("bind"), bind);
    }
    // Other options are ignored, as compose does.
}

Node normalizeLongVolume(const Node &item, const QString &path, Diagnostics &warnings)
{
    const auto type = [](const Node &v, const QString &p) {
        static const QStringList types{QStringLiteral("bind"),  QStringLiteral("volume"),
                                       QStringLiteral("tmpfs"), QStringLiteral("npipe"),
                                       QStringLiteral("image"), QStringLiteral("cluster")};
        if (!v.isScalar() || !types.contains(v.text()))
            fail(v, p, QStringLiteral("one of bind, volume, tmpfs, npipe, image, cluster"));
        return stringNode(v.text(), v.origin());
    };
    const auto bind = [&warnings](const Node &v, const QString &p) {
        return convertFields(v, p,
                             {{QStringLiteral("propagation"), toStringValue},
                              {QStringLiteral("create_host_path"), toBoolValue},
                              {QStringLiteral("recursive"), toStringValue},
                              {QStringLiteral("selinux"), toStringValue}},
                             warnings);
    };
    const auto volume = [&warnings](const Node &v, const QString &p) {
        return convertFields(v, p,
                             {{QStringLiteral("nocopy"), toBoolValue},
                              {QStringLiteral("subpath"), toStringValue},
                              {QStringLiteral("labels"),
                               [](const Node &l, const QString &lp) {
                                   return toStringMapping(l, lp, MissingValue::Empty);
                               }}},
                             warnings);
    };
    const auto tmpfs = [&warnings](const Node &v, const QString &p) {
        return convertFields(
            v, p,
            {{QStringLiteral("size"), toByteCountValue}, {QStringLiteral("mode"), toFileModeValue}},
            warnings);
    };
    const auto image = [&warnings](const Node &v, const QString &p) {
        return convertFields(v, p, {{QStringLiteral("subpath"), toStringValue}}, warnings);
    };
    Node out = convertFields(item, path,
                             {{QStringLiteral("type"), type},
                              {QStringLiteral("source"), toStringValue},
                              {QStringLiteral("target"), toStringValue},
                              {QStringLiteral("read_only"), toBoolValue},
                              {QStringLiteral("consistency"), toStringValue},
                              {QStringLiteral("bind"), bind},
                              {QStringLiteral("volume"), volume},
                              {QStringLiteral("tmpfs"), tmpfs},
                              {QStringLiteral("image"), image}},
                             warnings);
    if (!out.value(QStringLiteral("type")).isScalar())
        fail(item, path, QStringLiteral("a mount with a \"type\""));
    if (out.value(QStringLiteral("read_only")).toBool() == false)
        out.remove(QStringLiteral("read_only"));
    return out;
}

} // namespace

Node normalizePorts(const Node &value, const QString &path, Diagnostics &warnings, bool lenient)
{
    if (!value.isSequence())
        fail(value, path, QStringLiteral("a list of ports"));
    Node out = Node::sequence(value.origin());
    for (std::size_t i = 0; i < value.items().size(); ++i) {
        const Node &item = value.items()[i];
        const QString itemPath = path + QStringLiteral("[%1]").arg(i);
        if (item.isScalar())
            parseShortPort(item, itemPath, out, lenient, warnings);
        else if (item.isMapping())
            out.append(normalizeLongPort(item, itemPath, warnings));
        else
            fail(item, itemPath, QStringLiteral("a port string, number or mapping"));
    }
    return out;
}

Node parseShortVolume(const Node &value, const QString &path)
{
    const QString spec = scalarText(value, path);
    const Origin &o = value.origin();
    if (spec.isEmpty())
        fail(value, path, QStringLiteral("a volume such as \"./data:/data:ro\""));
    QString source;
    QString target;
    QStringList options;
    bool haveSource = false;
    bool haveTarget = false;
    QString buffer;
    const QString text = spec + QChar(0);
    for (const QChar c : text) {
        if (isWindowsDrive(buffer, c)) {
            buffer += c;
        } else if (c == u':' || c == QChar(0)) {
            const bool last = c == QChar(0);
            if (buffer.isEmpty())
                fail(value, path, QStringLiteral("a volume without empty sections between colons"));
            if (!haveSource && last && spec.size() > 0) {
                target = buffer;
                haveTarget = true;
            } else if (!haveSource) {
                source = buffer;
                haveSource = true;
            } else if (!haveTarget) {
                target = buffer;
                haveTarget = true;
            } else if (!last) {
                fail(value, path, QStringLiteral("SOURCE:TARGET[:MODE], not more colons"));
            } else {
                options = buffer.split(u',');
            }
            buffer.clear();
        } else {
            buffer += c;
        }
    }
    if (!haveTarget)
        fail(value, path, QStringLiteral("a volume with a target path"));

    Node mount = Node::mapping(o);
    const bool hostPath = isHostPath(source);
    mount.insert(QStringLiteral("type"),
                 stringNode(hostPath ? QStringLiteral("bind") : QStringLiteral("volume"), o));
    if (haveSource)
        mount.insert(QStringLiteral("source"), stringNode(source, o));
    mount.insert(QStringLiteral("target"), stringNode(target, o));
    for (const QString &option : std::as_const(options))
        setMountOption(mount, option, o);
    if (hostPath) {
        Node bind = Node::mapping(o);
        const Node existing = mount.value(QStringLiteral("bind"));
        if (const Node *p = existing.find(QStringLiteral("propagation")))
            bind.insert(QStringLiteral("propagation"), *p);
        bind.insert(QStringLiteral("create_host_path"), boolNode(true, o));
        if (const Node *s = existing.find(QStringLiteral("selinux")))
            bind.insert(QStringLiteral("selinux"), *s);
        mount.insert(QStringLiteral("bind"), bind);
        mount.remove(QStringLiteral("volume"));
    } else {
        mount.remove(QStringLiteral("bind"));
        if (!mount.contains(QStringLiteral("volume")))
            mount.insert(QStringLiteral("volume"), Node::mapping(o));
    }
    // compose prints bind/volume after read_only.
    if (const MapEntry *ro = mount.entry(QStringLiteral("read_only"))) {
        const MapEntry copy = *ro;
        mount.remove(copy.key);
        auto &entries = mount.entries();
        entries.insert(entries.begin() + (haveSource ? 3 : 2), copy);
    }
    return mount;
}

Node normalizeVolumes(const Node &value, const QString &path, const QString &workingDir,
                      Diagnostics &warnings)
{
    if (!value.isSequence())
        fail(value, path, QStringLiteral("a list of volumes"));
    Node out = Node::sequence(value.origin());
    for (std::size_t i = 0; i < value.items().size(); ++i) {
        const Node &item = value.items()[i];
        const QString itemPath = path + QStringLiteral("[%1]").arg(i);
        Node mount;
        if (item.isScalar())
            mount = parseShortVolume(item, itemPath);
        else if (item.isMapping())
            mount = normalizeLongVolume(item, itemPath, warnings);
        else
            fail(item, itemPath, QStringLiteral("a volume string or mapping"));
        Node *source = mount.find(QStringLiteral("source"));
        if (mount.value(QStringLiteral("type")).text() == u"bind" && source && source->isScalar())
            source->setText(absolutePath(source->text(), workingDir));
        out.append(mount);
    }
    return out;
}

} // namespace threatdock::compose::normalizer
