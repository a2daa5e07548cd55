#include "composemerger.h"

#include "diagnostic.h"

#include <QLocale>

#include <algorithm>
#include <map>
#include <optional>

namespace threatdock::compose {

namespace {

using Path = QStringList;

const QString ResetTag = QStringLiteral("!reset");
const QString OverrideTag = QStringLiteral("!override");

/// True when path matches a dotted pattern where `*` stands for any one key.
bool matches(const Path &path, QStringView pattern)
{
    qsizetype i = 0;
    for (const QStringView part : pattern.tokenize(u'.')) {
        if (i >= path.size() || (part != u"*" && part != path.at(i)))
            return false;
        ++i;
    }
    return i == path.size();
}

QString describe(const Path &path)
{
    return path.isEmpty() ? QStringLiteral("the document") : path.join(u'.');
}

QString where(const Node &n)
{
    return n.origin().isKnown() ? QStringLiteral(" (%1)").arg(n.origin().toString()) : QString();
}

[[noreturn]] void cannotMerge(const Node &base, const Node &over, const Path &path)
{
    throw ComposeError(over.origin(),
                       QStringLiteral("cannot merge %1: a %2 cannot override the %3 defined "
                                      "before%4")
                           .arg(describe(path), over.kindName(), base.kindName(), where(base)));
}

/// A copy of n with every `!reset` value dropped and every `!override` tag removed.
Node stripped(const Node &n)
{
    Node out = n;
    ComposeMerger::stripMergeTags(out);
    return out;
}

bool isMergeTagged(const Node &n)
{
    return n.tag() == ResetTag || n.tag() == OverrideTag;
}

bool sameScalar(const Node &a, const Node &b)
{
    return a.kind() == b.kind() && (!a.isScalar() || a.text() == b.text());
}

/// Go's "%v" of a float64: shortest digits, exponent form below 1e-4 and from 1e6.
QString goFloat(double d)
{
    const QString sci = QString::number(d, 'e', QLocale::FloatingPointShortest);
    const qsizetype e = sci.indexOf(u'e');
    const int exponent = e < 0 ? 0 : sci.mid(e + 1).toInt();
    if (exponent < -4 || exponent >= 6)
        return sci;
    return QString::number(d, 'f', QLocale::FloatingPointShortest);
}

/// The text compose-go writes for a scalar when it turns `KEY: value` into `KEY=value`:
/// YAML 1.2 booleans and numbers are printed the way Go prints the decoded value.
QString goText(const Node &v)
{
    if (v.isQuoted() || !v.tag().isEmpty())
        return v.text();
    if (const auto b = v.toBool())
        return *b ? QStringLiteral("true") : QStringLiteral("false");
    if (const auto i = v.toInt())
        return QString::number(*i);
    const bool looksFloat
        = v.text().contains(u'.') || v.text().contains(u'e') || v.text().contains(u'E');
    if (looksFloat) {
        if (const auto d = v.toDouble())
            return goFloat(*d);
    }
    return v.text();
}

/// The key of a `KEY=value` list entry (the whole text when there is no `=`).
QString entryKey(const Node &item, bool colonSeparates)
{
    const QString &t = item.text();
    qsizetype cut = t.indexOf(u'=');
    if (cut < 0 && colonSeparates)
        cut = t.indexOf(u':');
    return cut < 0 ? t : t.left(cut);
}

// -------------------------------------------------------------------------------------
// Merge

enum class MergeRule {
    Replace,    // the override wins as a whole
    ToSequence, // both sides as `KEY=value` sequences, appended
    ExtraHosts, // as ToSequence, without override entries already in the base
    Logging,    // merged when the drivers agree, replaced otherwise
    Build,      // a string is `{context: string}`
    DependsOn,  // a list is a mapping of `{condition: service_started, required: true}`
    AsMapping,  // a list is a mapping of nulls
    IpamConfig, // entries merged by subnet
};

struct MergeSpecial
{
    QStringView pattern;
    MergeRule rule;
};

// compose-go's override.mergeSpecials.
constexpr MergeSpecial mergeSpecials[] = {
    {u"models.*.runtime_flags", MergeRule::Replace},
    {u"networks.*.ipam.config", MergeRule::IpamConfig},
    {u"networks.*.labels", MergeRule::ToSequence},
    {u"volumes.*.labels", MergeRule::ToSequence},
    {u"services.*.annotations", MergeRule::ToSequence},
    {u"services.*.build", MergeRule::Build},
    {u"services.*.build.args", MergeRule::ToSequence},
    {u"services.*.build.additional_contexts", MergeRule::ToSequence},
    {u"services.*.build.extra_hosts", MergeRule::ExtraHosts},
    {u"services.*.build.labels", MergeRule::ToSequence},
    {u"services.*.command", MergeRule::Replace},
    {u"services.*.depends_on", MergeRule::DependsOn},
    {u"services.*.deploy.labels", MergeRule::ToSequence},
    {u"services.*.dns", MergeRule::ToSequence},
    {u"services.*.dns_opt", MergeRule::ToSequence},
    {u"services.*.dns_search", MergeRule::ToSequence},
    {u"services.*.entrypoint", MergeRule::Replace},
    {u"services.*.env_file", MergeRule::ToSequence},
    {u"services.*.label_file", MergeRule::ToSequence},
    {u"services.*.environment", MergeRule::ToSequence},
    {u"services.*.extra_hosts", MergeRule::ExtraHosts},
    {u"services.*.healthcheck.test", MergeRule::Replace},
    {u"services.*.labels", MergeRule::ToSequence},
    {u"services.*.logging", MergeRule::Logging},
    {u"services.*.models", MergeRule::AsMapping},
    {u"services.*.networks", MergeRule::AsMapping},
    {u"services.*.sysctls", MergeRule::ToSequence},
    {u"services.*.tmpfs", MergeRule::ToSequence},
    {u"services.*.ulimits.*", MergeRule::Replace},
};

std::optional<MergeRule> mergeRuleFor(const Path &path)
{
    for (const MergeSpecial &s : mergeSpecials) {
        if (matches(path, s.pattern))
            return s.rule;
    }
    return std::nullopt;
}

Node mergeValues(const Node &base, const Node &over, const Path &path);

/// Merges the entries of over into base: `!reset` removes a key, `!override` replaces
/// its value, a new key is added, an existing one is merged by the rules of its path.
Node mergeMappings(Node base, const Node &over, const Path &path)
{
    for (const MapEntry &e : over.entries()) {
        if (e.value.tag() == ResetTag) {
            base.remove(e.key);
            continue;
        }
        Node *current = base.find(e.key);
        if (!current || e.value.tag() == OverrideTag) {
            base.insert(e.key, stripped(e.value), e.keyOrigin);
            continue;
        }
        *current = mergeValues(*current, e.value, path + QStringList{e.key});
    }
    return base;
}

/// A value as compose-go's convertIntoSequence sees it: a sequence as is, a string as a
/// one-entry sequence, a mapping as sorted `KEY=value` (or `KEY` for null) entries.
std::vector<Node> toSequenceItems(const Node &n, const Path &path)
{
    std::vector<Node> items;
    if (n.isSequence()) {
        for (const Node &item : n.items()) {
            if (item.tag() != ResetTag)
                items.push_back(stripped(item));
        }
    } else if (n.isScalar()) {
        items.push_back(stripped(n));
    } else if (n.isMapping()) {
        for (const MapEntry &e : n.entries()) {
            if (e.value.tag() == ResetTag)
                continue;
            const auto entry = [&](const QString &text, const Origin &origin) {
                items.push_back(Node::scalar(text, origin, /*quoted=*/true));
            };
            if (e.value.isNull()) {
                entry(e.key, e.keyOrigin);
            } else if (e.value.isScalar()) {
                entry(e.key + u'=' + goText(e.value), e.value.origin());
            } else if (e.value.isSequence()) {
                for (const Node &v : e.value.items()) {
                    if (!v.isScalar() && !v.isNull())
                        throw ComposeError(v.origin(),
                                           QStringLiteral("%1.%2: a %3 cannot be a "
                                                          "value here")
                                               .arg(describe(path), e.key, v.kindName()));
                    entry(e.key + u'=' + (v.isNull() ? QString() : goText(v)), v.origin());
                }
            } else {
                throw ComposeError(e.value.origin(),
                                   QStringLiteral("%1.%2: a mapping cannot be a value here")
                                       .arg(describe(path), e.key));
            }
        }
        std::stable_sort(items.begin(), items.end(),
                         [](const Node &a, const Node &b) { return a.text() < b.text(); });
    }
    return items;
}

/// environment, labels, sysctls... : both sides as sequences, the override appended.
/// A key tagged `!reset` or `!override` in an override mapping first drops that key
/// from the base.
Node mergeToSequence(const Node &base, const Node &over, const Path &path, bool extraHosts)
{
    if (over.isNull() && base.isNull())
        return base;
    Node result = Node::sequence(base.isNull() ? over.origin() : base.origin());
    result.items() = toSequenceItems(base, path);
    if (over.isMapping()) {
        for (const MapEntry &e : over.entries()) {
            if (!isMergeTagged(e.value))
                continue;
            std::erase_if(result.items(), [&](const Node &item) {
                return item.isScalar() && entryKey(item, extraHosts) == e.key;
            });
        }
    }
    const std::size_t baseCount = result.items().size();
    for (Node &item : toSequenceItems(over, path)) {
        if (extraHosts) {
            const auto begin = result.items().begin();
            const auto end = begin + std::ptrdiff_t(baseCount);
            if (std::any_of(begin, end, [&](const Node &b) { return sameScalar(b, item); }))
                continue;
        }
        result.append(item);
    }
    return result;
}

/// compose-go's convertIntoMapping: a list of names becomes a mapping of those names to
/// the defaults (or null). Mappings are kept as they are, tags included.
Node asMapping(const Node &n, const Node &defaults, const Path &path)
{
    if (!n.isSequence())
        return n.isMapping() ? n : Node::mapping(n.origin());
    Node m = Node::mapping(n.origin());
    for (const Node &item : n.items()) {
        if (item.tag() == ResetTag)
            continue;
        if (!item.isScalar())
            throw ComposeError(item.origin(),
                               QStringLiteral("%1: a %2 cannot be an entry here")
                                   .arg(describe(path), item.kindName()));
        Node value = defaults;
        value.setOrigin(item.origin());
        for (MapEntry &d : value.entries()) {
            d.keyOrigin = item.origin();
            d.value.setOrigin(item.origin());
        }
        m.insert(item.text(), value, item.origin());
    }
    return m;
}

/// depends_on, networks, models: both sides as mappings, merged.
Node mergeAsMapping(const Node &base, const Node &over, const Node &defaults, const Path &path)
{
    if (base.isScalar() || over.isScalar())
        cannotMerge(base, over, path);
    return mergeMappings(asMapping(base, defaults, path), asMapping(over, defaults, path), path);
}

Node dependsOnDefaults()
{
    Node d = Node::mapping();
    d.insert(QStringLiteral("condition"), Node::scalar(QStringLiteral("service_started")));
    d.insert(QStringLiteral("required"), Node::scalar(QStringLiteral("true")));
    return d;
}

Node mergeLogging(const Node &base, const Node &over, const Path &path)
{
    if (over.isNull())
        return base;
    if (base.isNull())
        return stripped(over);
    if (!base.isMapping() || !over.isMapping())
        cannotMerge(base, over, path);
    const Node *overDriver = over.find(QStringLiteral("driver"));
    const Node *baseDriver = base.find(QStringLiteral("driver"));
    if (overDriver && baseDriver && !sameScalar(*overDriver, *baseDriver))
        return stripped(over);
    return mergeMappings(base, over, path);
}

Node mergeBuild(const Node &base, const Node &over, const Path &path)
{
    const auto toBuild = [&](const Node &n) {
        if (n.isMapping())
            return n;
        Node m = Node::mapping(n.origin());
        if (n.isScalar())
            m.insert(QStringLiteral("context"), stripped(n), n.origin());
        else if (!n.isNull())
            cannotMerge(base, over, path);
        return m;
    };
    return mergeMappings(toBuild(base), toBuild(over), path);
}

/// compose-go's mergeIPAMConfig: override entries replace or merge into the base entry
/// with the same subnet; entries with a new subnet are added.
Node mergeIpamConfig(const Node &base, const Node &over, const Path &path)
{
    if (over.isNull())
        return base;
    if (base.isNull())
        return stripped(over);
    if (!base.isSequence() || !over.isSequence())
        cannotMerge(base, over, path);
    const QString subnet = QStringLiteral("subnet");
    Node out = Node::sequence(base.origin());
    auto indexOf = [&](const Node &subnetValue) {
        const auto &items = out.items();
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (sameScalar(items[i].value(subnet), subnetValue))
                return std::ptrdiff_t(i);
        }
        return std::ptrdiff_t(-1);
    };
    for (const Node &original : base.items()) {
        Node right = original;
        for (const Node &o : over.items()) {
            if (!right.isMapping() || !o.isMapping())
                cannotMerge(right, o, path);
            if (!sameScalar(o.value(subnet), right.value(subnet)) && indexOf(o.value(subnet)) < 0) {
                out.append(stripped(o));
                continue;
            }
            right = mergeMappings(right, o, path);
            const std::ptrdiff_t i = indexOf(right.value(subnet));
            if (i >= 0)
                out.items()[std::size_t(i)] = right;
            else
                out.append(right);
        }
    }
    return out;
}

/// compose-go's mergeYaml: the rule of the path first, then null keeps the base,
/// mappings merge, sequences append, anything else is replaced.
Node mergeValues(const Node &base, const Node &over, const Path &path)
{
    if (const auto rule = mergeRuleFor(path)) {
        switch (*rule) {
        case MergeRule::Replace:
            return stripped(over);
        case MergeRule::ToSequence:
            return mergeToSequence(base, over, path, false);
        case MergeRule::ExtraHosts:
            return mergeToSequence(base, over, path, true);
        case MergeRule::Logging:
            return mergeLogging(base, over, path);
        case MergeRule::Build:
            return mergeBuild(base, over, path);
        case MergeRule::DependsOn:
            return mergeAsMapping(base, over, dependsOnDefaults(), path);
        case MergeRule::AsMapping:
            return mergeAsMapping(base, over, Node(), path);
        case MergeRule::IpamConfig:
            return mergeIpamConfig(base, over, path);
        }
    }
    if (over.isNull())
        return base;
    if (base.isMapping()) {
        if (!over.isMapping())
            cannotMerge(base, over, path);
        return mergeMappings(base, over, path);
    }
    if (base.isSequence()) {
        if (!over.isSequence())
            cannotMerge(base, over, path);
        Node result = base;
        for (const Node &item : over.items()) {
            if (item.tag() != ResetTag)
                result.append(stripped(item));
        }
        return result;
    }
    return stripped(over);
}

// -------------------------------------------------------------------------------------
// Unicity

enum class UniqueKey { KeyValue, Volume, Device, Expose, Secret, Config, Port, EnvFile };

struct UniqueSpecial
{
    QStringView pattern;
    UniqueKey key;
};

// compose-go's override.unique, plus volumes.*.labels (like networks.*.labels).
constexpr UniqueSpecial uniqueSpecials[] = {
    {u"networks.*.labels", UniqueKey::KeyValue},
    {u"networks.*.ipam.options", UniqueKey::KeyValue},
    {u"volumes.*.labels", UniqueKey::KeyValue},
    {u"services.*.annotations", UniqueKey::KeyValue},
    {u"services.*.build.args", UniqueKey::KeyValue},
    {u"services.*.build.additional_contexts", UniqueKey::KeyValue},
    {u"services.*.build.platform", UniqueKey::KeyValue},
    {u"services.*.build.tags", UniqueKey::KeyValue},
    {u"services.*.build.labels", UniqueKey::KeyValue},
    {u"services.*.cap_add", UniqueKey::KeyValue},
    {u"services.*.cap_drop", UniqueKey::KeyValue},
    {u"services.*.configs", UniqueKey::Config},
    {u"services.*.deploy.labels", UniqueKey::KeyValue},
    {u"services.*.devices", UniqueKey::Device},
    {u"services.*.dns", UniqueKey::KeyValue},
    {u"services.*.dns_opt", UniqueKey::KeyValue},
    {u"services.*.dns_search", UniqueKey::KeyValue},
    {u"services.*.environment", UniqueKey::KeyValue},
    {u"services.*.env_file", UniqueKey::EnvFile},
    {u"services.*.expose", UniqueKey::Expose},
    {u"services.*.labels", UniqueKey::KeyValue},
    {u"services.*.links", UniqueKey::KeyValue},
    {u"services.*.networks.*.aliases", UniqueKey::KeyValue},
    {u"services.*.networks.*.link_local_ips", UniqueKey::KeyValue},
    {u"services.*.ports", UniqueKey::Port},
    {u"services.*.profiles", UniqueKey::KeyValue},
    {u"services.*.secrets", UniqueKey::Secret},
    {u"services.*.sysctls", UniqueKey::KeyValue},
    {u"services.*.tmpfs", UniqueKey::KeyValue},
    {u"services.*.volumes", UniqueKey::Volume},
};

[[noreturn]] void badEntry(const Node &item, const Path &path, const QString &what)
{
    throw ComposeError(item.origin(), QStringLiteral("%1: %2").arg(describe(path), what));
}

QString scalarField(const Node &m, const QString &key)
{
    const Node *v = m.find(key);
    return v && v->isScalar() ? v->text() : QString();
}

/// The target of a short volume spec, as compose-go's format.ParseVolume reads it
/// (`${...}` is kept whole, a one-letter section before `:` is a Windows drive).
QString volumeTarget(const Node &item, const Path &path)
{
    const QString &spec = item.text();
    if (spec.isEmpty())
        badEntry(item, path, QStringLiteral("invalid empty volume spec"));
    if (spec.size() <= 2)
        return spec;
    QStringList parts;
    QString buffer;
    int inVariable = 0;
    for (qsizetype i = 0; i <= spec.size(); ++i) {
        const QChar c = i < spec.size() ? spec.at(i) : QChar();
        if (c == u'$' && i + 1 < spec.size() && spec.at(i + 1) == u'{') {
            ++inVariable;
            buffer += c;
        } else if (c == u'}' && inVariable > 0) {
            --inVariable;
            buffer += c;
        } else if (c == u':' && buffer.size() == 1 && buffer.at(0).isLetter()) {
            buffer += c;
        } else if ((c == u':' || i == spec.size()) && inVariable == 0) {
            if (buffer.isEmpty())
                badEntry(item, path,
                         QStringLiteral("invalid volume spec \"%1\": empty section "
                                        "between colons")
                             .arg(spec));
            parts << buffer;
            buffer.clear();
            if (parts.size() > 3)
                badEntry(item, path,
                         QStringLiteral("invalid volume spec \"%1\": too many colons").arg(spec));
        } else {
            buffer += c;
        }
    }
    return parts.size() == 1 ? parts.at(0) : parts.at(1);
}

/// host ip, published port(s), target port(s) and protocol of a short port spec.
QString shortPortKey(const QString &spec)
{
    QString rest = spec;
    QString protocol = QStringLiteral("tcp");
    const qsizetype slash = rest.lastIndexOf(u'/');
    if (slash >= 0) {
        protocol = rest.mid(slash + 1);
        rest.truncate(slash);
    }
    const qsizetype colon = rest.lastIndexOf(u':');
    const QString target = rest.mid(colon + 1);
    QString ip;
    QString published;
    if (colon >= 0) {
        const QString host = rest.left(colon);
        const qsizetype hostColon = host.lastIndexOf(u':');
        published = host.mid(hostColon + 1);
        ip = hostColon >= 0 ? host.left(hostColon) : QString();
    }
    if (ip.startsWith(u'[') && ip.endsWith(u']'))
        ip = ip.mid(1, ip.size() - 2);
    if (ip.isEmpty())
        ip = QStringLiteral("0.0.0.0");
    return ip + u':' + published + u':' + target + u'/' + protocol;
}

/// A field the entry must have (`target` of a long volume, `path` of an env_file...).
QString requiredField(const Node &item, const QString &key, const Path &path, const QString &what)
{
    if (!item.contains(key))
        badEntry(item, path, what);
    return scalarField(item, key);
}

QString portKey(const Node &item, const Path &path)
{
    if (item.isScalar())
        return shortPortKey(item.text());
    if (!item.isMapping())
        return QString();
    const QString target = requiredField(item, QStringLiteral("target"), path,
                                         QStringLiteral("service port is missing a target port"));
    const QString ip = scalarField(item, QStringLiteral("host_ip"));
    const QString protocol = scalarField(item, QStringLiteral("protocol"));
    return (ip.isEmpty() ? QStringLiteral("0.0.0.0") : ip) + u':'
        + scalarField(item, QStringLiteral("published")) + u':' + target + u'/'
        + (protocol.isEmpty() ? QStringLiteral("tcp") : protocol);
}

/// secrets and configs: the target, or the source mounted in the default directory.
QString mountKey(const Node &item, const QString &dir, const Path &path)
{
    if (item.isScalar())
        return dir + u'/' + item.text();
    if (!item.isMapping())
        badEntry(item, path, QStringLiteral("a %1 cannot be an entry here").arg(item.kindName()));
    if (item.contains(QStringLiteral("target")))
        return scalarField(item, QStringLiteral("target"));
    return dir + u'/' + scalarField(item, QStringLiteral("source"));
}

QString uniqueKey(UniqueKey kind, const Node &item, const Path &path)
{
    const QString target = QStringLiteral("target");
    switch (kind) {
    case UniqueKey::KeyValue:
    case UniqueKey::Expose:
        if (!item.isScalar())
            badEntry(item, path,
                     QStringLiteral("a %1 cannot be an entry here").arg(item.kindName()));
        return kind == UniqueKey::Expose ? item.text() : entryKey(item, false);
    case UniqueKey::Volume:
        if (item.isMapping())
            return requiredField(item, target, path,
                                 QStringLiteral("service volume is missing a mount target"));
        return item.isScalar() ? volumeTarget(item, path) : QString();
    case UniqueKey::Device:
        if (item.isMapping())
            return requiredField(item, target, path,
                                 QStringLiteral("service device is missing a mount target"));
        if (item.isScalar()) {
            const QStringList parts = item.text().split(u':');
            return parts.size() == 1 ? parts.at(0) : parts.at(1);
        }
        return QString();
    case UniqueKey::Secret:
        return mountKey(item, QStringLiteral("/run/secrets"), path);
    case UniqueKey::Config:
        return mountKey(item, QString(), path);
    case UniqueKey::Port:
        return portKey(item, path);
    case UniqueKey::EnvFile:
        if (item.isMapping())
            return requiredField(item, QStringLiteral("path"), path,
                                 QStringLiteral("env_file entry is missing its path"));
        return item.isScalar() ? item.text() : QString();
    }
    return QString();
}

void enforceUnicityAt(Node &n, const Path &path)
{
    if (n.isMapping()) {
        for (MapEntry &e : n.entries())
            enforceUnicityAt(e.value, path + QStringList{e.key});
        return;
    }
    if (!n.isSequence())
        return;
    for (const UniqueSpecial &s : uniqueSpecials) {
        if (!matches(path, s.pattern))
            continue;
        std::vector<Node> out;
        std::map<QString, std::size_t> seen;
        for (Node &item : n.items()) {
            const QString key = uniqueKey(s.key, item, path);
            const auto it = seen.find(key);
            if (it != seen.end()) {
                out[it->second] = std::move(item);
            } else {
                seen.emplace(key, out.size());
                out.push_back(std::move(item));
            }
        }
        n.items() = std::move(out);
        return;
    }
}

} // namespace

Node ComposeMerger::merge(const Node &base, const Node &override)
{
    Node result = stripped(base);
    if (override.isNull())
        return result;
    if (!override.isMapping())
        throw ComposeError(
            override.origin(),
            QStringLiteral("a Compose file must be a mapping, not a %1").arg(override.kindName()));
    if (result.isNull())
        result = Node::mapping(override.origin());
    if (!result.isMapping())
        cannotMerge(result, override, {});
    return mergeMappings(std::move(result), override, {});
}

void ComposeMerger::enforceUnicity(Node &project)
{
    enforceUnicityAt(project, {});
}

void ComposeMerger::stripMergeTags(Node &tree)
{
    if (tree.tag() == OverrideTag || tree.tag() == ResetTag)
        tree.setTag(QString());
    if (tree.isMapping()) {
        auto &entries = tree.entries();
        std::erase_if(entries, [](const MapEntry &e) { return e.value.tag() == ResetTag; });
        for (MapEntry &e : entries)
            stripMergeTags(e.value);
    } else if (tree.isSequence()) {
        auto &items = tree.items();
        std::erase_if(items, [](const Node &item) { return item.tag() == ResetTag; });
        for (Node &item : items)
            stripMergeTags(item);
    }
}

} // namespace threatdock::compose
