#include "hardeningcatalog.h"

#include "compose/nodefields.h"
#include "compose/yamlreader.h"

#include <QSet>

namespace threatdock::hardening {

using compose::ComposeError;
using compose::MapEntry;
using compose::Node;

ImageReference ImageReference::parse(const QString &reference)
{
    ImageReference r;
    QString rest = reference.trimmed();
    if (const qsizetype at = rest.indexOf(u'@'); at >= 0) {
        r.digest = rest.mid(at + 1);
        rest.truncate(at);
    }
    const qsizetype slash = rest.lastIndexOf(u'/');
    if (const qsizetype colon = rest.lastIndexOf(u':'); colon > slash) {
        r.tag = rest.mid(colon + 1);
        rest.truncate(colon);
    }
    QStringList parts = rest.split(u'/');
    const QString first = parts.first();
    const bool registry = parts.size() > 1
        && (first.contains(u'.') || first.contains(u':') || first == u"localhost");
    const bool dockerHub = !registry || first == u"docker.io" || first == u"index.docker.io";
    if (registry && dockerHub)
        parts.removeFirst();
    if (dockerHub && parts.size() == 2 && parts.first() == u"library")
        parts.removeFirst();
    r.repository = parts.join(u'/').toLower();
    return r;
}

QString ImageProfile::userFor(const QString &reference) const
{
    const ImageReference ref = ImageReference::parse(reference);
    if (!ref.floating() && ref.tag.contains(QStringLiteral("alpine")) && !alpineUser.isEmpty())
        return alpineUser;
    return user;
}

/// Reads hardening.yaml into a HardeningCatalog; throws ComposeError at file:line.
class HardeningCatalogReader final
{
public:
    static HardeningCatalog read(const Node &doc)
    {
        if (!doc.isMapping())
            throw ComposeError(doc.origin(),
                               QStringLiteral("the hardening catalog must be a "
                                              "mapping"));
        checkKeys(doc,
                  {QStringLiteral("defaults"), QStringLiteral("kinds"), QStringLiteral("probes"),
                   QStringLiteral("http_probe_kinds"), QStringLiteral("images")},
                  QStringLiteral("catalog"));
        HardeningCatalog c;
        readDefaults(c, doc.value(QStringLiteral("defaults")));
        for (const MapEntry &e : mapping(doc, QStringLiteral("kinds")).entries())
            c.m_kinds.insert(e.key, limits(e.value));
        if (!c.m_kinds.contains(QStringLiteral("service")))
            throw ComposeError(doc.origin(), QStringLiteral("kinds needs \"service\""));
        for (const MapEntry &e : mapping(doc, QStringLiteral("probes")).entries())
            c.m_probes.insert(e.key, compose::stringListField(e.value, e.key));
        c.m_httpProbeKinds = compose::stringListField(doc.value(QStringLiteral("http_probe_kinds")),
                                                      QStringLiteral("http_probe_kinds"));
        const Node &images = doc.value(QStringLiteral("images"));
        if (!images.isSequence())
            throw ComposeError(images.origin(), QStringLiteral("images must be a list"));
        for (const Node &i : images.items())
            c.m_images << image(i, c);
        return c;
    }

private:
    static void checkKeys(const Node &n, const QSet<QString> &known, const QString &owner)
    {
        for (const MapEntry &e : n.entries())
            if (!known.contains(e.key))
                throw ComposeError(e.keyOrigin,
                                   QStringLiteral("unknown %1 key \"%2\"").arg(owner, e.key));
    }

    static const Node &mapping(const Node &parent, const QString &key)
    {
        const Node &n = parent.value(key);
        if (!n.isMapping())
            throw ComposeError(n.isNull() ? parent.origin() : n.origin(),
                               QStringLiteral("\"%1\" must be a mapping").arg(key));
        return n;
    }

    static qint64 integer(const Node &parent, const QString &key)
    {
        const Node &n = parent.value(key);
        const std::optional<qint64> v = n.toInt();
        if (!v || *v <= 0)
            throw ComposeError(n.isNull() ? parent.origin() : n.origin(),
                               QStringLiteral("\"%1\" must be a positive number").arg(key));
        return *v;
    }

    static ResourceLimits limits(const Node &n)
    {
        if (!n.isMapping())
            throw ComposeError(n.origin(), QStringLiteral("limits must be a mapping"));
        const QString owner = QStringLiteral("limits");
        checkKeys(
            n, {QStringLiteral("mem_limit"), QStringLiteral("pids_limit"), QStringLiteral("cpus")},
            owner);
        ResourceLimits l;
        l.memLimit = compose::scalarField(n, QStringLiteral("mem_limit"), owner, true);
        l.pidsLimit = integer(n, QStringLiteral("pids_limit"));
        l.cpus = compose::scalarField(n, QStringLiteral("cpus"), owner, true);
        if (!n.value(QStringLiteral("cpus")).toDouble())
            throw ComposeError(n.value(QStringLiteral("cpus")).origin(),
                               QStringLiteral("\"cpus\" must be a number"));
        return l;
    }

    static std::pair<qint64, qint64> nofile(const Node &n)
    {
        if (!n.isMapping())
            throw ComposeError(n.origin(), QStringLiteral("ulimits must be a mapping"));
        return {integer(n, QStringLiteral("soft")), integer(n, QStringLiteral("hard"))};
    }

    static void readDefaults(HardeningCatalog &c, const Node &n)
    {
        if (!n.isMapping())
            throw ComposeError(n.origin(), QStringLiteral("defaults must be a mapping"));
        const QString owner = QStringLiteral("defaults");
        checkKeys(n,
                  {QStringLiteral("user"), QStringLiteral("restart"), QStringLiteral("tmpfs"),
                   QStringLiteral("ulimits"), QStringLiteral("healthcheck")},
                  owner);
        c.m_defaultUser = compose::scalarField(n, QStringLiteral("user"), owner, true);
        c.m_restart = compose::scalarField(n, QStringLiteral("restart"), owner, true);
        c.m_defaultTmpfs
            = compose::stringListField(n.value(QStringLiteral("tmpfs")), QStringLiteral("tmpfs"));
        c.m_defaultNofile = nofile(n.value(QStringLiteral("ulimits")));
        for (const MapEntry &e : mapping(n, QStringLiteral("healthcheck")).entries()) {
            if (!e.value.isScalar())
                throw ComposeError(e.value.origin(),
                                   QStringLiteral("\"%1\" must be a string").arg(e.key));
            c.m_timing << std::pair{e.key, e.value.text()};
        }
    }

    static ImageProfile image(const Node &n, const HardeningCatalog &c)
    {
        if (!n.isMapping())
            throw ComposeError(n.origin(), QStringLiteral("an image must be a mapping"));
        const QString owner = QStringLiteral("image");
        checkKeys(n,
                  {QStringLiteral("match"), QStringLiteral("user"), QStringLiteral("alpine_user"),
                   QStringLiteral("tag"), QStringLiteral("kind"), QStringLiteral("runtime"),
                   QStringLiteral("tmpfs"), QStringLiteral("cap_add"),
                   QStringLiteral("healthcheck"), QStringLiteral("limits"),
                   QStringLiteral("ulimits")},
                  owner);
        ImageProfile p;
        p.match
            = compose::stringListField(n.value(QStringLiteral("match")), QStringLiteral("match"));
        if (p.match.isEmpty())
            throw ComposeError(n.origin(), QStringLiteral("image needs \"match\""));
        p.user = compose::scalarField(n, QStringLiteral("user"), owner);
        p.alpineUser = compose::scalarField(n, QStringLiteral("alpine_user"), owner);
        p.tag = compose::scalarField(n, QStringLiteral("tag"), owner);
        p.kind = compose::scalarField(n, QStringLiteral("kind"), owner);
        if (!p.kind.isEmpty() && !c.m_kinds.contains(p.kind))
            throw ComposeError(n.value(QStringLiteral("kind")).origin(),
                               QStringLiteral("unknown kind \"%1\"").arg(p.kind));
        p.runtime = compose::scalarField(n, QStringLiteral("runtime"), owner);
        if (!p.runtime.isEmpty() && !c.m_probes.contains(p.runtime))
            throw ComposeError(n.value(QStringLiteral("runtime")).origin(),
                               QStringLiteral("no probe for runtime \"%1\"").arg(p.runtime));
        p.tmpfs
            = compose::stringListField(n.value(QStringLiteral("tmpfs")), QStringLiteral("tmpfs"));
        p.capAdd = compose::stringListField(n.value(QStringLiteral("cap_add")),
                                            QStringLiteral("cap_add"));
        p.healthcheck = compose::stringListField(n.value(QStringLiteral("healthcheck")),
                                                 QStringLiteral("healthcheck"));
        if (n.contains(QStringLiteral("limits")))
            p.limits = limits(n.value(QStringLiteral("limits")));
        if (n.contains(QStringLiteral("ulimits")))
            p.nofile = nofile(n.value(QStringLiteral("ulimits")));
        return p;
    }
};

const HardeningCatalog &HardeningCatalog::builtIn()
{
    static const HardeningCatalog catalog = [] {
        LoadResult r = readFile(QStringLiteral(":/catalog/hardening.yaml"));
        if (!r.ok())
            qFatal("built-in hardening catalog: %s", qPrintable(r.error->toString()));
        return std::move(*r.catalog);
    }();
    return catalog;
}

HardeningCatalog::LoadResult HardeningCatalog::readFile(const QString &path)
{
    LoadResult result;
    const compose::YamlReader::Result yaml = compose::YamlReader::readFile(path);
    if (!yaml.ok()) {
        result.error = yaml.error;
        return result;
    }
    try {
        if (yaml.documents.size() != 1)
            throw ComposeError({path, 1, 1}, QStringLiteral("expected one YAML document"));
        result.catalog = HardeningCatalogReader::read(yaml.documents.front());
    } catch (const ComposeError &e) {
        result.error = e.diagnostic();
    }
    return result;
}

ResourceLimits HardeningCatalog::limitsFor(const QString &kind) const
{
    return m_kinds.value(kind, m_kinds.value(QStringLiteral("service")));
}

const ImageProfile *HardeningCatalog::image(const QString &reference) const
{
    const QString repository = ImageReference::parse(reference).repository;
    if (repository.isEmpty())
        return nullptr;
    for (const ImageProfile &p : m_images)
        if (p.match.contains(repository))
            return &p;
    return nullptr;
}

QStringList HardeningCatalog::probe(const QString &runtime, int port) const
{
    QStringList test = m_probes.value(runtime);
    if (port > 0)
        for (QString &word : test)
            word.replace(QStringLiteral("{port}"), QString::number(port));
    return test;
}

} // namespace threatdock::hardening
