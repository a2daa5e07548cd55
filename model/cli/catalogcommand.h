#pragma once

#include <QStringList>
#include <QTextStream>

namespace threatdock::cli {

/// `threatdock-cli catalog`: `import-attack FILE` and `import-oscal FILE` compare an
/// official ATT&CK STIX bundle or NIST OSCAL catalog / profile with the catalog, print
/// what changed and write the changes into the user's catalog override directory
/// (unless --dry-run); `show [technique|control ID]` prints catalog entries.
int runCatalogCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace threatdock::cli
