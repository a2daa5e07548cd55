// The structured service keys with their own sub-keys: build, healthcheck, deploy,
// ulimits, extra_hosts.

#include "composenormalizer_p.h"

namespace threatdock::compose::normalizer {

namespace {

Node stringList(const Node &v, const QString &p)
{
    return toStringList(v, p, false);
}

Node labels(const Node &v, const QString &p)
{
    return toStringMapping(v, p, MissingValue::Empty);
}

Node asIs(const Node &v, const QString &)
{
    return v;
}

Node ulimitValue(const Node &value, const QString &path, Diagnostics &warnings)
{
    if (value.isScalar()) {
        const Node n = toIntValue(value, path);
        Node limit = Node::mapping(value.origin());
        limit.insert(QStringLiteral("soft"), n);
        limit.insert(QStringLiteral("hard"), n);
        return limit;
    }
    if (!value.isMapping())
        fail(value, path, QStringLiteral("an integer or a mapping with soft and hard"));
    return convertFields(
        value, path, {{QStringLiteral("soft"), toIntValue}, {QStringLiteral("hard"), toIntValue}},
        warnings);
}

Node updateConfig(const Node &value, const QString &path, Diagnostics &warnings)
{
    return convertFields(value, path,
                         {{QStringLiteral("parallelism"), toIntValue},
                          {QStringLiteral("delay"), toDurationValue},
                          {QStringLiteral("failure_action"), toStringValue},
                          {QStringLiteral("monitor"), toDurationValue},
                          {QStringLiteral("max_failure_ratio"), toNumberValue},
                          {QStringLiteral("order"), toStringValue}},
                         warnings);
}

Node deviceRequests(const Node &value, const QString &path, Diagnostics &warnings)
{
    if (!value.isSequence())
        fail(value, path, QStringLiteral("a list of device requests"));
    const auto count = [](const Node &v, const QString &p) {
        if (v.isScalar() && v.text() == u"all")
            return stringNode(v.text(), v.origin());
        return toIntValue(v, p);
    };
    Node out = Node::sequence(value.origin());
    for (std::size_t i = 0; i < value.items().size(); ++i) {
        out.append(convertFields(value.items()[i], path + QStringLiteral("[%1]").arg(i),
                                 {{QStringLiteral("capabilities"), stringList},
                                  {QStringLiteral("count"), count},
                                  {QStringLiteral("device_ids"), stringList},
                                  {QStringLiteral("driver"), toStringValue},
                                  {QStringLiteral("options"), labels}},
                                 warnings));
    }
    return out;
}

Node resources(const Node &value, const QString &path, Diagnostics &warnings)
{
    const auto limits = [&warnings](const Node &v, const QString &p) {
        return convertFields(v, p,
                             {{QStringLiteral("cpus"), toNumberValue},
                              {QStringLiteral("memory"), toByteCountValue},
                              {QStringLiteral("pids"), toIntValue}},
                             warnings);
    };
    const auto reservations = [&warnings](const Node &v, const QString &p) {
        return convertFields(v, p,
                             {{QStringLiteral("cpus"), toNumberValue},
                              {QStringLiteral("memory"), toByteCountValue},
                              {QStringLiteral("generic_resources"), asIs},
                              {QStringLiteral("devices"),
                               [&warnings](const Node &d, const QString &dp) {
                                   return deviceRequests(d, dp, warnings);
                               }}},
                             warnings);
    };
    return convertFields(
        value, path,
        {{QStringLiteral("limits"), limits}, {QStringLiteral("reservations"), reservations}},
        warnings);
}

} // namespace

Node normalizeBuild(const Node &value, const QString &path,
                    const ComposeNormalizer::Context &context, Diagnostics &warnings)
{
    Node build;
    if (value.isScalar()) {
        build = Node::mapping(value.origin());
        build.insert(QStringLiteral("context"), toStringValue(value, path));
    } else {
        const auto args = [&context](const Node &v, const QString &p) {
            return resolveMissing(toStringMapping(v, p, MissingValue::Null), context.environment);
        };
        const auto secrets = [&warnings](const Node &v, const QString &p) {
            return normalizeFileReferences(v, p, warnings);
        };
        const auto ulimits = [&warnings](const Node &v, const QString &p) {
            return normalizeUlimits(v, p, warnings);
        };
        build = convertFields(value, path,
                              {{QStringLiteral("context"), toStringValue},
                               {QStringLiteral("dockerfile"), toStringValue},
                               {QStringLiteral("dockerfile_inline"), toStringValue},
                               {QStringLiteral("entitlements"), stringList},
                               {QStringLiteral("args"), args},
                               {QStringLiteral("ssh"), asIs},
                               {QStringLiteral("labels"), labels},
                               {QStringLiteral("cache_from"), stringList},
                               {QStringLiteral("cache_to"), stringList},
                               {QStringLiteral("no_cache"), toBoolValue},
                               {QStringLiteral("additional_contexts"), labels},
                               {QStringLiteral("network"), toStringValue},
                               {QStringLiteral("provenance"), asIs},
                               {QStringLiteral("sbom"), asIs},
                               {QStringLiteral("pull"), toBoolValue},
                               {QStringLiteral("target"), toStringValue},
                               {QStringLiteral("shm_size"), toByteCountValue},
                               {QStringLiteral("extra_hosts"), normalizeExtraHosts},
                               {QStringLiteral("isolation"), toStringValue},
                               {QStringLiteral("privileged"), toBoolValue},
                               {QStringLiteral("secrets"), secrets},
                               {QStringLiteral("tags"), stringList},
                               {QStringLiteral("ulimits"), ulimits},
                               {QStringLiteral("platforms"), stringList}},
                              warnings);
    }
    Node *buildContext = build.find(QStringLiteral("context"));
    if (!buildContext || buildContext->isNull()) {
        build.insert(QStringLiteral("context"), stringNode(QStringLiteral("."), build.origin()));
        buildContext = build.find(QStringLiteral("context"));
    }
    if (!isRemoteContext(buildContext->text()))
        buildContext->setText(absolutePath(buildContext->text(), context.workingDir));
    if (!build.contains(QStringLiteral("dockerfile"))
        && !build.contains(QStringLiteral("dockerfile_inline"))) {
        // compose prints dockerfile right after context.
        auto &entries = build.entries();
        const auto at = std::find_if(entries.begin(), entries.end(),
                                     [](const MapEntry &e) { return e.key == u"context"; });
        entries.insert(at + 1,
                       MapEntry{QStringLiteral("dockerfile"), build.origin(),
                                stringNode(QStringLiteral("Dockerfile"), build.origin())});
    }
    return build;
}

Node normalizeHealthcheck(const Node &value, const QString &path, Diagnostics &warnings)
{
    const auto test = [](const Node &v, const QString &p) {
        if (v.isScalar()) {
            Node list = Node::sequence(v.origin());
            list.append(stringNode(QStringLiteral("CMD-SHELL"), v.origin()));
            list.append(toStringValue(v, p));
            return list;
        }
        return toStringList(v, p, false);
    };
    return convertFields(value, path,
                         {{QStringLiteral("disable"), toBoolValue},
                          {QStringLiteral("interval"), toDurationValue},
                          {QStringLiteral("retries"), toIntValue},
                          {QStringLiteral("test"), test},
                          {QStringLiteral("timeout"), toDurationValue},
                          {QStringLiteral("start_period"), toDurationValue},
                          {QStringLiteral("start_interval"), toDurationValue}},
                         warnings);
}

Node normalizeDeploy(const Node &value, const QString &path, Diagnostics &warnings)
{
    const auto update
        = [&warnings](const Node &v, const QString &p) { return updateConfig(v, p, warnings); };
    const auto restartPolicy = [&warnings](const Node &v, const QString &p) {
        return convertFields(v, p,
                             {{QStringLiteral("condition"), toStringValue},
                              {QStringLiteral("delay"), toDurationValue},
                              {QStringLiteral("max_attempts"), toIntValue},
                              {QStringLiteral("window"), toDurationValue}},
                             warnings);
    };
    const auto resourcesOf
        = [&warnings](const Node &v, const QString &p) { return resources(v, p, warnings); };
    return convertFields(value, path,
                         {{QStringLiteral("mode"), toStringValue},
                          {QStringLiteral("endpoint_mode"), toStringValue},
                          {QStringLiteral("replicas"), toIntValue},
                          {QStringLiteral("labels"), labels},
                          {QStringLiteral("rollback_config"), update},
                          {QStringLiteral("update_config"), update},
                          {QStringLiteral("resources"), resourcesOf},
                          {QStringLiteral("restart_policy"), restartPolicy},
                          {QStringLiteral("placement"), asIs}},
                         warnings);
}

Node normalizeUlimits(const Node &value, const QString &path, Diagnostics &warnings)
{
    if (!value.isMapping())
        fail(value, path, QStringLiteral("a mapping of limit names"));
    Node out = Node::mapping(value.origin());
    for (const MapEntry &e : value.entries())
        out.insert(e.key, ulimitValue(e.value, path + u'.' + e.key, warnings), e.keyOrigin);
    return out;
}

Node normalizeExtraHosts(const Node &value, const QString &path)
{
    if (value.isSequence())
        return toStringList(value, path, false);
    if (!value.isMapping())
        fail(value, path, QStringLiteral("a list of \"host=ip\" or a mapping"));
    Node out = Node::sequence(value.origin());
    for (const MapEntry &e : value.entries()) {
        const QString entryPath = path + u'.' + e.key;
        if (e.value.isSequence()) {
            for (const Node &ip : e.value.items())
                out.append(stringNode(e.key + u'=' + scalarText(ip, entryPath), ip.origin()));
        } else {
            out.append(stringNode(e.key + u'=' + scalarText(e.value, entryPath), e.value.origin()));
        }
    }
    return out;
}

} // namespace threatdock::compose::normalizer
