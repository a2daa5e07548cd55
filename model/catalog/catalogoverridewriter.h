#pragma once

#include "changereport.h"

#include <QString>

namespace threatdock::catalog {

/// Applies an import to the user's override directory: merges the report's
/// overrideUpdate into the override file of the same name (CatalogOverlay rules, so
/// earlier imports and hand edits of other entries survive) and saves it atomically
/// (QSaveFile). The built-in catalog is never written.
class CatalogOverrideWriter final
{
public:
    /// Returns false with *error ("path: reason") when the directory or file cannot be
    /// written or the existing override file is not valid YAML.
    static bool write(const ChangeReport &report, const QString &overrideDir, QString *error);
};

} // namespace threatdock::catalog
