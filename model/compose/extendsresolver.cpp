#include "extendsresolver.h"

#include "composemerger.h"
#include "composenormalizer.h"

#include <QDir>
#include <QFileInfo>

namespace threatdock::compose {

namespace {

Node wrapService(const QString &name, const Node &service)
{
    Node services = Node::mapping(service.origin());
    services.insert(name, service);
    Node doc = Node::mapping(service.origin());
    doc.insert(QStringLiteral("services"), services);
    return doc;
}

QString displayName(const QString &key)
{
    // key is "file#service": show "service (file name)"
    const qsizetype hash = key.lastIndexOf(u'#');
    return key.mid(hash + 1) + QStringLiteral(" (") + QFileInfo(key.left(hash)).fileName() + u')';
}

} // namespace

ExtendsResolver::ExtendsResolver(FileReader reader)
    : m_reader(std::move(reader))
{ }

void ExtendsResolver::apply(Node &doc, const QString &file)
{
    Node *services = doc.find(QStringLiteral("services"));
    if (!services || !services->isMapping())
        return;
    m_documents.insert(file, doc);
    for (MapEntry &e : services->entries()) {
        if (e.value.isMapping() && e.value.contains(QStringLiteral("extends")))
            e.value = resolve(file, doc, e.key, e.keyOrigin, {});
    }
}

const Node &ExtendsResolver::document(const QString &file, const Origin &requestedAt)
{
    auto it = m_documents.find(file);
    if (it == m_documents.end()) {
        if (!QFileInfo(file).isFile())
            throw ComposeError(requestedAt, QStringLiteral("extends: file %1 not found").arg(file));
        it = m_documents.insert(file, m_reader(file));
    }
    return *it;
}

Node ExtendsResolver::resolve(const QString &file, const Node &doc, const QString &name,
                              const Origin &requestedAt, QStringList chain)
{
    const QString key = file + u'#' + name;
    if (chain.contains(key)) {
        QStringList names;
        for (const QString &k : chain.mid(chain.indexOf(key)))
            names << displayName(k);
        names << displayName(key);
        throw ComposeError(
            requestedAt,
            QStringLiteral("circular extends: %1").arg(names.join(QStringLiteral(" -> "))));
    }
    chain << key;
    const Node services = doc.value(QStringLiteral("services"));
    const Node *service = services.find(name);
    if (!service)
        throw ComposeError(
            requestedAt, QStringLiteral("extends: service \"%1\" not found in %2").arg(name, file));
    if (!service->isMapping() || !service->contains(QStringLiteral("extends")))
        return *service;

    const Node ext = service->value(QStringLiteral("extends"));
    QString baseName;
    QString baseFile = file;
    if (ext.isScalar()) {
        baseName = ext.text();
    } else if (ext.isMapping()) {
        const Node s = ext.value(QStringLiteral("service"));
        if (!s.isScalar())
            throw ComposeError(ext.origin(), QStringLiteral("extends needs a \"service\""));
        baseName = s.text();
        const Node f = ext.value(QStringLiteral("file"));
        if (f.isScalar())
            baseFile = QDir::cleanPath(QFileInfo(file).absoluteDir().absoluteFilePath(f.text()));
    } else {
        throw ComposeError(ext.origin(),
                           QStringLiteral("extends must be a service name or a "
                                          "mapping with service and file"));
    }

    const Node &baseDoc = baseFile == file ? doc : document(baseFile, ext.origin());
    Node base = resolve(baseFile, baseDoc, baseName, ext.origin(), chain);
    const QString baseDir = QFileInfo(baseFile).absolutePath();
    if (baseDir != QFileInfo(file).absolutePath())
        ComposeNormalizer::resolveServicePaths(base, baseDir);

    Node derived = *service;
    derived.remove(QStringLiteral("extends"));
    const Node merged = ComposeMerger::merge(wrapService(name, base), wrapService(name, derived));
    Node out = merged.value(QStringLiteral("services")).value(name);
    out.setOrigin(service->origin());
    return out;
}

} // namespace threatdock::compose
