#pragma once

#include "catalog.h"

namespace threatdock::catalog {

/// Reads the catalog's YAML files (see Catalog::fileNames()) with YamlReader, merges the
/// override directory's files over the built-in ones (CatalogOverlay) and builds the
/// Catalog. Every problem is reported with the file and line it is about: a malformed
/// file, a missing or mistyped field, an invalid or duplicate id.
class CatalogReader final
{
public:
    static Catalog::LoadResult read(const QString &builtInDir, const QString &overrideDir);
};

} // namespace threatdock::catalog
