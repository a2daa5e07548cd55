#include "catalogoverlay.h"

#include "catalogids.h"

#include <algorithm>

namespace threatdock::catalog {

using compose::Node;

namespace {

bool isEntryList(const Node &node)
{
    return node.isSequence()
        && std::all_of(node.items().cbegin(), node.items().cend(), [](const Node &item) {
               return item.isMapping() && !CatalogOverlay::entryKey(item).isEmpty();
           });
}

/// Ids compare in their canonical spelling, so "ac-6.1" overrides "AC-6(1)".
QString canonical(const QString &key)
{
    for (const QString &id : {CatalogIds::control(key), CatalogIds::technique(key)}) {
        if (!id.isEmpty())
            return id;
    }
    return key;
}

} // namespace

QString CatalogOverlay::entryKey(const Node &entry)
{
    for (const QString &key : {QStringLiteral("id"), QStringLiteral("technique")}) {
        const Node *value = entry.find(key);
        if (value && value->isScalar())
            return value->text().trimmed();
    }
    return QString();
}

void CatalogOverlay::merge(Node &base, const Node &overlay)
{
    if (base.isMapping() && overlay.isMapping()) {
        for (const compose::MapEntry &e : overlay.entries()) {
            if (Node *existing = base.find(e.key))
                merge(*existing, e.value);
            else
                base.insert(e.key, e.value, e.keyOrigin);
        }
        return;
    }
    if (isEntryList(base) && isEntryList(overlay)) {
        for (const Node &entry : overlay.items()) {
            const QString key = canonical(entryKey(entry));
            const auto it
                = std::find_if(base.items().begin(), base.items().end(),
                               [&](const Node &b) { return canonical(entryKey(b)) == key; });
            if (it == base.items().end()) {
                base.append(entry);
                continue;
            }
            for (const compose::MapEntry &e : entry.entries()) {
                // The entry keeps the id spelling of the built-in file.
                if (e.key == u"id" || e.key == u"technique")
                    continue;
                it->insert(e.key, e.value, e.keyOrigin);
            }
        }
        return;
    }
    base = overlay;
}

} // namespace threatdock::catalog
