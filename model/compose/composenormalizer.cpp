#include "composenormalizer.h"
#include "composenormalizer_p.h"

namespace threatdock::compose {

using namespace normalizer;

namespace {

const QStringList &topLevelKeys()
{
    // compose-spec.json, properties.
    static const QStringList keys{
        QStringLiteral("version"),  QStringLiteral("name"),    QStringLiteral("include"),
        QStringLiteral("services"), QStringLiteral("models"),  QStringLiteral("networks"),
        QStringLiteral("volumes"),  QStringLiteral("secrets"), QStringLiteral("configs")};
    return keys;
}

/// `external: true`, or the legacy `external: {name: x}`, which also names the resource.
Node external(const Node &value, const QString &path, Node &legacyName)
{
    if (value.isMapping()) {
        const Node name = value.value(QStringLiteral("name"));
        if (name.isScalar())
            legacyName = toStringValue(name, path + QStringLiteral(".name"));
        return boolNode(true, value.origin());
    }
    return toBoolValue(value, path);
}

/// One entry of top-level networks, volumes, secrets or configs.
Node resource(const QString &section, const MapEntry &entry, const QString &projectName,
              const ComposeNormalizer::Context &context, Diagnostics &warnings)
{
    const QString path = section + u'.' + entry.key;
    const Node &value = entry.value;
    const auto labels = [](const Node &v, const QString &p) {
        return toStringMapping(v, p, MissingValue::Empty);
    };
    const auto file = [&context](const Node &v, const QString &p) {
        Node f = toStringValue(v, p);
        f.setText(absolutePath(f.text(), context.workingDir));
        return f;
    };
    std::vector<FieldRule> rules{{QStringLiteral("name"), toStringValue},
                                 {QStringLiteral("external"), {}},
                                 {QStringLiteral("labels"), labels}};
    if (section == u"networks") {
        const auto ipam = [&warnings](const Node &v, const QString &p) {
            return convertFields(v, p,
                                 {{QStringLiteral("driver"), toStringValue},
                                  {QStringLiteral("config"), {}},
                                  {QStringLiteral("options"), {}}},
                                 warnings);
        };
        rules.insert(rules.end(),
                     {{QStringLiteral("driver"), toStringValue},
                      {QStringLiteral("driver_opts"), labels},
                      {QStringLiteral("ipam"), ipam},
                      {QStringLiteral("internal"), toBoolValue},
                      {QStringLiteral("enable_ipv4"), toBoolValue},
                      {QStringLiteral("enable_ipv6"), toBoolValue},
                      {QStringLiteral("attachable"), toBoolValue}});
    } else if (section == u"volumes") {
        rules.insert(
            rules.end(),
            {{QStringLiteral("driver"), toStringValue}, {QStringLiteral("driver_opts"), labels}});
    } else {
        rules.insert(rules.end(),
                     {{QStringLiteral("file"), file},
                      {QStringLiteral("environment"), toStringValue},
                      {QStringLiteral("content"), toStringValue},
                      {QStringLiteral("template_driver"), toStringValue}});
        if (section == u"secrets")
            rules.insert(rules.end(),
                         {{QStringLiteral("driver"), toStringValue},
                          {QStringLiteral("driver_opts"), labels}});
    }
    Node out = convertFields(value.isNull() ? Node::mapping(entry.keyOrigin) : value, path, rules,
                             warnings);
    Node legacyName;
    if (Node *ext = out.find(QStringLiteral("external")); ext && !ext->isNull())
        *ext = external(*ext, path + QStringLiteral(".external"), legacyName);
    if (legacyName.isScalar() && !out.value(QStringLiteral("name")).isScalar())
        out.insert(QStringLiteral("name"), legacyName);
    if (section == u"networks" && !out.contains(QStringLiteral("ipam")))
        out.insert(QStringLiteral("ipam"), Node::mapping(out.origin()), entry.keyOrigin);
    if (!out.value(QStringLiteral("name")).isScalar()) {
        out.remove(QStringLiteral("name"));
        QString name;
        if (out.value(QStringLiteral("external")).toBool() == true)
            name = entry.key;
        else if (!projectName.isEmpty())
            name = projectName + u'_' + entry.key;
        if (!name.isEmpty())
            out.entries().insert(out.entries().begin(),
                                 MapEntry{QStringLiteral("name"), entry.keyOrigin,
                                          stringNode(name, entry.keyOrigin)});
    }
    return out;
}

Node services(const Node &value, const ComposeNormalizer::Context &context, Diagnostics &warnings,
              const Origin **defaultNetworkUser)
{
    if (!value.isMapping() && !value.isNull())
        fail(value, QStringLiteral("services"), QStringLiteral("a mapping of service names"));
    Node out = Node::mapping(value.origin());
    for (const MapEntry &e : value.entries()) {
        Node service;
        try {
            service = normalizeService(e.key, e.value, context, warnings);
        } catch (const ComposeError &error) {
            if (!context.lenient || e.value.isMapping())
                throw;
            // Analysis mode: a service that is not a mapping is left out, with a warning.
            Diagnostic d = error.diagnostic();
            d.severity = Diagnostic::Severity::Warning;
            d.message += QStringLiteral(" (service ignored)");
            warnings << d;
            continue;
        }
        if (!*defaultNetworkUser
            && service.value(QStringLiteral("networks")).contains(QStringLiteral("default")))
            *defaultNetworkUser = &e.keyOrigin;
        out.insert(e.key, service, e.keyOrigin);
    }
    return out;
}

void relocateShortVolume(Node &item, const QString &baseDir)
{
    Node mount;
    try {
        mount = parseShortVolume(item, QStringLiteral("volumes"));
    } catch (const ComposeError &) {
        return; // normalize() reports it with its key path
    }
    const QString source = mount.value(QStringLiteral("source")).text();
    if (mount.value(QStringLiteral("type")).text() == u"bind" && source.startsWith(u'.'))
        item.setText(absolutePath(source, baseDir) + item.text().mid(source.size()));
}

} // namespace

Node ComposeNormalizer::normalize(const Node &project, const Context &context,
                                  Diagnostics &warnings)
{
    if (!project.isMapping())
        fail(project, QStringLiteral("the Compose file"), QStringLiteral("a mapping"));
    Node in = project;
    warnUnknownKeys(in, QStringLiteral("top level"), topLevelKeys(), warnings);
    const QString projectName = in.value(QStringLiteral("name")).isScalar()
        ? in.value(QStringLiteral("name")).text()
        : QString();

    Node out = Node::mapping(project.origin());
    const Origin *defaultNetworkUser = nullptr;
    for (const MapEntry &e : in.entries()) {
        if (e.key == u"version") {
            warnings.append(Diagnostic{Diagnostic::Severity::Warning, e.keyOrigin,
                                       QStringLiteral("the attribute \"version\" is obsolete "
                                                      "and is ignored")});
        } else if (e.key == u"include") {
            continue; // applied by the loader
        } else if (e.key == u"name") {
            out.insert(e.key, toStringValue(e.value, e.key), e.keyOrigin);
        } else if (e.key == u"services") {
            out.insert(e.key, services(e.value, context, warnings, &defaultNetworkUser),
                       e.keyOrigin);
        } else if (e.key == u"networks" || e.key == u"volumes" || e.key == u"secrets"
                   || e.key == u"configs") {
            const Node section = requireMapping(e.value, e.key);
            Node resources = Node::mapping(section.origin());
            for (const MapEntry &r : section.entries())
                resources.insert(r.key, resource(e.key, r, projectName, context, warnings),
                                 r.keyOrigin);
            out.insert(e.key, resources, e.keyOrigin);
        } else {
            out.entries().push_back(e);
        }
    }
    if (defaultNetworkUser) {
        Node *networks = out.find(QStringLiteral("networks"));
        if (!networks) {
            out.insert(QStringLiteral("networks"), Node::mapping(*defaultNetworkUser),
                       *defaultNetworkUser);
            networks = out.find(QStringLiteral("networks"));
        }
        if (!networks->contains(QStringLiteral("default"))) {
            const MapEntry entry{QStringLiteral("default"), *defaultNetworkUser,
                                 Node::null(*defaultNetworkUser)};
            networks->insert(
                entry.key,
                resource(QStringLiteral("networks"), entry, projectName, context, warnings),
                entry.keyOrigin);
        }
    }
    return out;
}

void ComposeNormalizer::resolveServicePaths(Node &service, const QString &baseDir)
{
    if (!service.isMapping())
        return;
    if (Node *build = service.find(QStringLiteral("build"))) {
        if (build->isScalar() && !isRemoteContext(build->text())) {
            build->setText(absolutePath(build->text(), baseDir));
        } else if (build->isMapping()) {
            Node *context = build->find(QStringLiteral("context"));
            if (!context || context->isNull())
                build->insert(QStringLiteral("context"), stringNode(baseDir, build->origin()));
            else if (context->isScalar() && !isRemoteContext(context->text()))
                context->setText(absolutePath(context->text(), baseDir));
        }
    }
    if (Node *volumes = service.find(QStringLiteral("volumes")); volumes && volumes->isSequence()) {
        for (Node &item : volumes->items()) {
            if (item.isScalar()) {
                relocateShortVolume(item, baseDir);
            } else if (item.isMapping() && item.value(QStringLiteral("type")).text() == u"bind") {
                Node *source = item.find(QStringLiteral("source"));
                if (source && source->isScalar() && !source->text().startsWith(u'~'))
                    source->setText(absolutePath(source->text(), baseDir));
            }
        }
    }
    auto resolveFile = [&baseDir](Node &n) {
        if (n.isScalar() && !n.text().startsWith(u'~'))
            n.setText(absolutePath(n.text(), baseDir));
    };
    for (const QString &key : {QStringLiteral("env_file"), QStringLiteral("label_file")}) {
        Node *files = service.find(key);
        if (!files)
            continue;
        resolveFile(*files);
        if (files->isSequence()) {
            for (Node &f : files->items()) {
                resolveFile(f);
                if (Node *p = f.isMapping() ? f.find(QStringLiteral("path")) : nullptr)
                    resolveFile(*p);
            }
        }
    }
    if (Node *extends = service.find(QStringLiteral("extends")); extends && extends->isMapping()) {
        if (Node *file = extends->find(QStringLiteral("file")))
            resolveFile(*file);
    }
}

} // namespace threatdock::compose
