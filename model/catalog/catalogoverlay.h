#pragma once

#include "compose/node.h"

#include <QString>

namespace threatdock::catalog {

/// How an override file combines with a catalog file: mappings merge key by key; lists of
/// entries (mappings carrying an `id`, or a `technique` for mappings) merge entry by
/// entry, an override entry updating the keys it names of the entry with the same id and
/// new ids being appended; any other value is replaced. Values keep their own origins, so
/// a bad override value is reported at its line in the override file.
class CatalogOverlay final
{
public:
    static void merge(compose::Node &base, const compose::Node &overlay);
    /// The identity of a list entry: its `id` or `technique` scalar, else empty.
    static QString entryKey(const compose::Node &entry);
};

} // namespace threatdock::catalog
