// One service in canonical shape: the conversion table for its keys, environment with
// env_file folded in, depends_on, networks, secrets and configs, ulimits, logging.

#include "composenormalizer_p.h"
#include "dotenv.h"

#include <QFileInfo>
#include <QHash>

namespace threatdock::compose::normalizer {

namespace {

using Conversion = std::function<Node(const Node &value, const QString &path)>;

const QStringList &serviceKeys()
{
    // compose-spec.json, definitions.service.properties.
    static const QStringList keys{QStringLiteral("develop"),
                                  QStringLiteral("deploy"),
                                  QStringLiteral("annotations"),
                                  QStringLiteral("attach"),
                                  QStringLiteral("build"),
                                  QStringLiteral("blkio_config"),
                                  QStringLiteral("cap_add"),
                                  QStringLiteral("cap_drop"),
                                  QStringLiteral("cgroup"),
                                  QStringLiteral("cgroup_parent"),
                                  QStringLiteral("command"),
                                  QStringLiteral("configs"),
                                  QStringLiteral("container_name"),
                                  QStringLiteral("cpu_count"),
                                  QStringLiteral("cpu_percent"),
                                  QStringLiteral("cpu_shares"),
                                  QStringLiteral("cpu_quota"),
                                  QStringLiteral("cpu_period"),
                                  QStringLiteral("cpu_rt_period"),
                                  QStringLiteral("cpu_rt_runtime"),
                                  QStringLiteral("cpus"),
                                  QStringLiteral("cpuset"),
                                  QStringLiteral("credential_spec"),
                                  QStringLiteral("depends_on"),
                                  QStringLiteral("device_cgroup_rules"),
                                  QStringLiteral("devices"),
                                  QStringLiteral("dns"),
                                  QStringLiteral("dns_opt"),
                                  QStringLiteral("dns_search"),
                                  QStringLiteral("domainname"),
                                  QStringLiteral("entrypoint"),
                                  QStringLiteral("env_file"),
                                  QStringLiteral("label_file"),
                                  QStringLiteral("environment"),
                                  QStringLiteral("expose"),
                                  QStringLiteral("extends"),
                                  QStringLiteral("provider"),
                                  QStringLiteral("external_links"),
                                  QStringLiteral("extra_hosts"),
                                  QStringLiteral("gpus"),
                                  QStringLiteral("group_add"),
                                  QStringLiteral("healthcheck"),
                                  QStringLiteral("hostname"),
                                  QStringLiteral("image"),
                                  QStringLiteral("init"),
                                  QStringLiteral("ipc"),
                                  QStringLiteral("isolation"),
                                  QStringLiteral("labels"),
                                  QStringLiteral("links"),
                                  QStringLiteral("logging"),
                                  QStringLiteral("mac_address"),
                                  QStringLiteral("mem_limit"),
                                  QStringLiteral("mem_reservation"),
                                  QStringLiteral("mem_swappiness"),
                                  QStringLiteral("memswap_limit"),
                                  QStringLiteral("network_mode"),
                                  QStringLiteral("models"),
                                  QStringLiteral("networks"),
                                  QStringLiteral("oom_kill_disable"),
                                  QStringLiteral("oom_score_adj"),
                                  QStringLiteral("pid"),
                                  QStringLiteral("pids_limit"),
                                  QStringLiteral("platform"),
                                  QStringLiteral("ports"),
                                  QStringLiteral("post_start"),
                                  QStringLiteral("pre_stop"),
                                  QStringLiteral("privileged"),
                                  QStringLiteral("profiles"),
                                  QStringLiteral("pull_policy"),
                                  QStringLiteral("pull_refresh_after"),
                                  QStringLiteral("read_only"),
                                  QStringLiteral("restart"),
                                  QStringLiteral("runtime"),
                                  QStringLiteral("scale"),
                                  QStringLiteral("security_opt"),
                                  QStringLiteral("shm_size"),
                                  QStringLiteral("secrets"),
                                  QStringLiteral("sysctls"),
                                  QStringLiteral("stdin_open"),
                                  QStringLiteral("stop_grace_period"),
                                  QStringLiteral("stop_signal"),
                                  QStringLiteral("storage_opt"),
                                  QStringLiteral("tmpfs"),
                                  QStringLiteral("tty"),
                                  QStringLiteral("ulimits"),
                                  QStringLiteral("use_api_socket"),
                                  QStringLiteral("user"),
                                  QStringLiteral("uts"),
                                  QStringLiteral("userns_mode"),
                                  QStringLiteral("volumes"),
                                  QStringLiteral("volumes_from"),
                                  QStringLiteral("working_dir")};
    return keys;
}

Node stringListOrSingle(const Node &v, const QString &p)
{
    return toStringList(v, p, true);
}

Node stringListOnly(const Node &v, const QString &p)
{
    return toStringList(v, p, false);
}

Node intOrDuration(const Node &v, const QString &p)
{
    return v.toInt() ? toIntValue(v, p) : toDurationValue(v, p);
}

Node labelMapping(const Node &v, const QString &p)
{
    return toStringMapping(v, p, MissingValue::Empty);
}

Node devices(const Node &value, const QString &path)
{
    if (!value.isSequence())
        fail(value, path, QStringLiteral("a list of devices"));
    Node out = Node::sequence(value.origin());
    for (std::size_t i = 0; i < value.items().size(); ++i) {
        const Node &item = value.items()[i];
        const QString itemPath = path + QStringLiteral("[%1]").arg(i);
        out.append(item.isMapping() ? item : toStringValue(item, itemPath));
    }
    return out;
}

Node dependsOn(const Node &value, const QString &path, Diagnostics &warnings)
{
    Node out = Node::mapping(value.origin());
    auto dependency = [&](const QString &name, const Node &spec, const Origin &keyOrigin,
                          const QString &specPath) {
        const Node in = convertFields(spec, specPath,
                                      {{QStringLiteral("condition"), toStringValue},
                                       {QStringLiteral("restart"), toBoolValue},
                                       {QStringLiteral("required"), toBoolValue}},
                                      warnings);
        Node dep = Node::mapping(spec.isNull() ? keyOrigin : spec.origin());
        const Node condition = in.value(QStringLiteral("condition"));
        dep.insert(QStringLiteral("condition"),
                   condition.isScalar()
                       ? condition
                       : stringNode(QStringLiteral("service_started"), dep.origin()));
        if (const MapEntry *restart = in.entry(QStringLiteral("restart")))
            dep.insert(restart->key, restart->value, restart->keyOrigin);
        const Node required = in.value(QStringLiteral("required"));
        dep.insert(QStringLiteral("required"),
                   required.isScalar() ? required : boolNode(true, dep.origin()));
        for (const MapEntry &e : in.entries()) {
            if (!dep.contains(e.key))
                dep.entries().push_back(e);
        }
        out.insert(name, dep, keyOrigin);
    };
    if (value.isSequence()) {
        for (std::size_t i = 0; i < value.items().size(); ++i) {
            const Node &item = value.items()[i];
            const QString name = toStringValue(item, path + QStringLiteral("[%1]").arg(i)).text();
            dependency(name, Node::null(item.origin()), item.origin(), path);
        }
    } else if (value.isMapping()) {
        for (const MapEntry &e : value.entries())
            dependency(e.key, e.value, e.keyOrigin, path + u'.' + e.key);
    } else {
        fail(value, path, QStringLiteral("a list of service names or a mapping"));
    }
    return out;
}

Node serviceNetworks(const Node &value, const QString &path, Diagnostics &warnings)
{
    Node out = Node::mapping(value.origin());
    if (value.isSequence()) {
        for (std::size_t i = 0; i < value.items().size(); ++i) {
            const Node &item = value.items()[i];
            const Node name = toStringValue(item, path + QStringLiteral("[%1]").arg(i));
            out.insert(name.text(), Node::null(item.origin()), item.origin());
        }
        return out;
    }
    if (!value.isMapping())
        fail(value, path, QStringLiteral("a list of network names or a mapping"));
    for (const MapEntry &e : value.entries()) {
        if (e.value.isNull()) {
            out.insert(e.key, e.value, e.keyOrigin);
            continue;
        }
        const Node attachment = convertFields(e.value, path + u'.' + e.key,
                                              {{QStringLiteral("aliases"), stringListOnly},
                                               {QStringLiteral("interface_name"), toStringValue},
                                               {QStringLiteral("ipv4_address"), toStringValue},
                                               {QStringLiteral("ipv6_address"), toStringValue},
                                               {QStringLiteral("link_local_ips"), stringListOnly},
                                               {QStringLiteral("mac_address"), toStringValue},
                                               {QStringLiteral("driver_opts"), labelMapping},
                                               {QStringLiteral("priority"), toIntValue},
                                               {QStringLiteral("gw_priority"), toIntValue}},
                                              warnings);
        out.insert(e.key, attachment, e.keyOrigin);
    }
    return out;
}

Node logging(const Node &value, const QString &path, Diagnostics &warnings)
{
    return convertFields(value, path,
                         {{QStringLiteral("driver"), toStringValue},
                          {QStringLiteral("options"),
                           [](const Node &v, const QString &p) {
                               return toStringMapping(v, p, MissingValue::Null);
                           }}},
                         warnings);
}

/// The service's environment: env_file variables (later files win) under the explicit
/// `environment`, whose bare keys take their value from the project environment.
class EnvironmentBuilder final
{
public:
    EnvironmentBuilder(const QString &path, const ComposeNormalizer::Context &context)
        : m_path(path)
        , m_context(context)
    { }

    Node build(const Node &service)
    {
        const Node explicitEnv = service.value(QStringLiteral("environment"));
        const Node envFile = service.value(QStringLiteral("env_file"));
        const Origin origin = service.contains(QStringLiteral("environment")) ? explicitEnv.origin()
                                                                              : envFile.origin();
        Node out
            = resolveMissing(toStringMapping(explicitEnv, m_path + QStringLiteral(".environment"),
                                             MissingValue::Null),
                             m_context.environment);
        out.setOrigin(origin);
        m_explicit = out;
        if (!envFile.isNull())
            readEnvFiles(envFile, out);
        return out;
    }

private:
    void readEnvFiles(const Node &envFile, Node &out)
    {
        const QString path = m_path + QStringLiteral(".env_file");
        std::vector<std::pair<Node, bool>> files; // path node, required
        if (envFile.isScalar()) {
            files.emplace_back(toStringValue(envFile, path), true);
        } else if (envFile.isSequence()) {
            for (std::size_t i = 0; i < envFile.items().size(); ++i) {
                const Node &item = envFile.items()[i];
                const QString itemPath = path + QStringLiteral("[%1]").arg(i);
                if (item.isScalar()) {
                    files.emplace_back(toStringValue(item, itemPath), true);
                    continue;
                }
                if (!item.isMapping() || !item.value(QStringLiteral("path")).isScalar())
                    fail(item, itemPath, QStringLiteral("a path or a mapping with \"path\""));
                const Node required = item.value(QStringLiteral("required"));
                files.emplace_back(
                    toStringValue(item.value(QStringLiteral("path")), itemPath),
                    required.isNull() ? true : toBoolValue(required, itemPath).toBool() == true);
            }
        } else {
            fail(envFile, path, QStringLiteral("a path or a list of paths"));
        }
        for (const auto &[pathNode, required] : files)
            readEnvFile(pathNode, required, out);
    }

    void readEnvFile(const Node &pathNode, bool required, Node &out)
    {
        const QString file = absolutePath(pathNode.text(), m_context.workingDir);
        if (!QFileInfo(file).isFile()) {
            if (!required)
                return;
            throw ComposeError(
                pathNode.origin(),
                QStringLiteral("%1.env_file: env file %2 not found").arg(m_path, file));
        }
        // Expansion inside the file: project environment, then what is already defined.
        const Environment &project = m_context.environment;
        const Node &defined = out;
        const VariableLookup lookup = [&project, &defined](const QString &name) {
            if (auto it = project.constFind(name); it != project.constEnd())
                return std::optional<QString>(*it);
            const Node *v = defined.find(name);
            if (v && v->isScalar())
                return std::optional<QString>(v->text());
            return std::optional<QString>();
        };
        const DotEnv::Result result = DotEnv::readFile(file, lookup);
        if (!result.ok())
            throw ComposeError(result.error->origin.isKnown() ? result.error->origin
                                                              : pathNode.origin(),
                               result.error->message);
        for (qsizetype i = 0; i < result.variables.size(); ++i) {
            const auto &[key, value] = result.variables[i];
            if (m_explicit.contains(key))
                continue;
            Origin origin{file, i < result.lines.size() ? result.lines[i] : 0, 1};
            if (i < result.origins.size() && result.origins[i].isKnown())
                origin = result.origins[i];
            out.insert(key, stringNode(value, origin), origin);
        }
    }

    QString m_path;
    const ComposeNormalizer::Context &m_context;
    Node m_explicit;
};

QHash<QString, Conversion> conversions(const ComposeNormalizer::Context &context,
                                       Diagnostics &warnings)
{
    QHash<QString, Conversion> c;
    for (const char16_t *k : {u"container_name",
                              u"hostname",
                              u"domainname",
                              u"image",
                              u"ipc",
                              u"pid",
                              u"uts",
                              u"userns_mode",
                              u"network_mode",
                              u"restart",
                              u"user",
                              u"working_dir",
                              u"stop_signal",
                              u"platform",
                              u"pull_policy",
                              u"runtime",
                              u"isolation",
                              u"cgroup",
                              u"cgroup_parent",
                              u"mac_address",
                              u"cpuset",
                              u"pull_refresh_after"})
        c.insert(QString::fromUtf16(k), toStringValue);
    for (const char16_t *k :
         {u"cpu_count", u"cpu_percent", u"cpu_shares", u"cpu_quota", u"cpu_period",
          u"mem_swappiness", u"oom_score_adj", u"pids_limit", u"scale"})
        c.insert(QString::fromUtf16(k), toIntValue);
    for (const char16_t *k : {u"init", u"oom_kill_disable", u"privileged", u"read_only",
                              u"stdin_open", u"tty", u"attach", u"use_api_socket"})
        c.insert(QString::fromUtf16(k), toBoolValue);
    for (const char16_t *k : {u"mem_limit", u"mem_reservation", u"memswap_limit", u"shm_size"})
        c.insert(QString::fromUtf16(k), toByteCountValue);
    for (const char16_t *k : {u"dns", u"dns_search", u"tmpfs", u"dns_opt"})
        c.insert(QString::fromUtf16(k), stringListOrSingle);
    for (const char16_t *k :
         {u"cap_add", u"cap_drop", u"security_opt", u"expose", u"external_links", u"links",
          u"group_add", u"profiles", u"volumes_from", u"device_cgroup_rules"})
        c.insert(QString::fromUtf16(k), stringListOnly);
    for (const char16_t *k : {u"labels", u"annotations", u"sysctls"})
        c.insert(QString::fromUtf16(k), labelMapping);
    c.insert(QStringLiteral("cpu_rt_period"), intOrDuration);
    c.insert(QStringLiteral("cpu_rt_runtime"), intOrDuration);
    c.insert(QStringLiteral("cpus"), toNumberValue);
    c.insert(QStringLiteral("stop_grace_period"), toDurationValue);
    c.insert(QStringLiteral("command"), toCommandList);
    c.insert(QStringLiteral("entrypoint"), toCommandList);
    c.insert(QStringLiteral("devices"), devices);
    c.insert(QStringLiteral("storage_opt"), requireMapping);
    c.insert(QStringLiteral("extra_hosts"), normalizeExtraHosts);
    for (const char16_t *k : {u"secrets", u"configs"}) {
        c.insert(QString::fromUtf16(k), [&warnings](const Node &v, const QString &p) {
            return normalizeFileReferences(v, p, warnings);
        });
    }
    c.insert(QStringLiteral("ports"), [&warnings, &context](const Node &v, const QString &p) {
        return normalizePorts(v, p, warnings, context.lenient);
    });
    c.insert(QStringLiteral("volumes"), [&warnings, &context](const Node &v, const QString &p) {
        return normalizeVolumes(v, p, context.workingDir, warnings);
    });
    c.insert(QStringLiteral("depends_on"),
             [&warnings](const Node &v, const QString &p) { return dependsOn(v, p, warnings); });
    c.insert(QStringLiteral("networks"), [&warnings](const Node &v, const QString &p) {
        return serviceNetworks(v, p, warnings);
    });
    c.insert(QStringLiteral("logging"),
             [&warnings](const Node &v, const QString &p) { return logging(v, p, warnings); });
    c.insert(QStringLiteral("build"), [&warnings, &context](const Node &v, const QString &p) {
        return normalizeBuild(v, p, context, warnings);
    });
    c.insert(QStringLiteral("healthcheck"), [&warnings](const Node &v, const QString &p) {
        return normalizeHealthcheck(v, p, warnings);
    });
    c.insert(QStringLiteral("deploy"), [&warnings](const Node &v, const QString &p) {
        return normalizeDeploy(v, p, warnings);
    });
    c.insert(QStringLiteral("ulimits"), [&warnings](const Node &v, const QString &p) {
        return normalizeUlimits(v, p, warnings);
    });
    c.insert(QStringLiteral("label_file"), [&context](const Node &v, const QString &p) {
        Node files = toStringList(v, p, true);
        for (Node &f : files.items())
            f.setText(absolutePath(f.text(), context.workingDir));
        return files;
    });
    return c;
}

} // namespace

Node resolveMissing(Node mapping, const Environment &environment)
{
    for (MapEntry &e : mapping.entries()) {
        if (!e.value.isNull())
            continue;
        if (auto it = environment.constFind(e.key); it != environment.constEnd())
            e.value = stringNode(*it, e.value.origin());
    }
    return mapping;
}

Node normalizeFileReferences(const Node &value, const QString &path, Diagnostics &warnings)
{
    if (!value.isSequence())
        fail(value, path, QStringLiteral("a list of names or mappings"));
    Node out = Node::sequence(value.origin());
    for (std::size_t i = 0; i < value.items().size(); ++i) {
        const Node &item = value.items()[i];
        const QString itemPath = path + QStringLiteral("[%1]").arg(i);
        if (item.isScalar()) {
            Node ref = Node::mapping(item.origin());
            ref.insert(QStringLiteral("source"), toStringValue(item, itemPath));
            out.append(ref);
            continue;
        }
        if (!item.isMapping())
            fail(item, itemPath, QStringLiteral("a name or a mapping with \"source\""));
        out.append(convertFields(item, itemPath,
                                 {{QStringLiteral("source"), toStringValue},
                                  {QStringLiteral("target"), toStringValue},
                                  {QStringLiteral("uid"), toStringValue},
                                  {QStringLiteral("gid"), toStringValue},
                                  {QStringLiteral("mode"), toFileModeValue}},
                                 warnings));
    }
    return out;
}

Node normalizeService(const QString &name, const Node &service,
                      const ComposeNormalizer::Context &context, Diagnostics &warnings)
{
    const QString path = QStringLiteral("services.") + name;
    if (!service.isMapping())
        fail(service, path, QStringLiteral("a mapping (a service definition)"));
    Node in = service;
    warnUnknownKeys(in, path, serviceKeys(), warnings);
    const QHash<QString, Conversion> convert = conversions(context, warnings);

    Node out = Node::mapping(service.origin());
    for (const MapEntry &e : in.entries()) {
        const QString keyPath = path + u'.' + e.key;
        if (e.key == u"extends")
            continue; // already applied by the loader
        if (e.key == u"environment" || e.key == u"env_file") {
            if (!out.contains(QStringLiteral("environment")))
                out.insert(QStringLiteral("environment"),
                           EnvironmentBuilder(path, context).build(in), e.keyOrigin);
            continue;
        }
        if (e.value.isNull()) {
            if (e.key == u"command" || e.key == u"entrypoint")
                out.entries().push_back(e);
            continue;
        }
        const auto c = convert.constFind(e.key);
        if (c == convert.constEnd()) {
            out.entries().push_back(e);
            continue;
        }
        try {
            out.insert(e.key, (*c)(e.value, keyPath), e.keyOrigin);
        } catch (const ComposeError &error) {
            if (!context.lenient)
                throw;
            Diagnostic d = error.diagnostic();
            d.severity = Diagnostic::Severity::Warning;
            d.message += QStringLiteral(" (ignored)");
            warnings << d;
        }
    }
    // A service on no network and with no network_mode joins the project's default one.
    const Node networks = out.value(QStringLiteral("networks"));
    if ((!networks.isMapping() || networks.entries().empty())
        && !out.value(QStringLiteral("network_mode")).isScalar()) {
        Node joined = Node::mapping(service.origin());
        joined.insert(QStringLiteral("default"), Node::null(service.origin()));
        out.insert(QStringLiteral("networks"), joined, service.origin());
    }
    return out;
}

} // namespace threatdock::compose::normalizer
