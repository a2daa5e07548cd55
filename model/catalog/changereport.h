#pragma once

#include "compose/node.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace threatdock::catalog {

/// What an import would change, or changed, in the catalog.
struct CatalogChange
{
    enum class Type {
        Added,    ///< in the file, in scope, not in the catalog
        Renamed,  ///< the name or title differs
        Modified, ///< same name; tactics, mitigations or baselines differ
        Removed,  ///< revoked, deprecated or withdrawn in the file
        Unchanged,
        Absent, ///< in the catalog, not in the file (reported, never written)
    };
    QString kind; ///< "technique", "mitigation", "control"
    QString id;
    Type type = Type::Unchanged;
    QString oldName;
    QString newName;
    QString detail; ///< what else changed, for Modified and Removed

    static QString typeName(Type type);
};

/// The result of comparing an imported file with the current catalog, and the catalog
/// entries to write into the override directory to apply it.
class ChangeReport
{
public:
    QString sourceFile;
    QString format;       ///< "STIX 2.0 bundle", "OSCAL catalog", "OSCAL profile"
    QString version;      ///< of the imported content (ATT&CK or SP 800-53 release), if stated
    QString overrideFile; ///< the catalog file the import updates ("attack.yaml")
    QList<CatalogChange> changes;
    int ignored = 0;   ///< entries of the file outside the catalog's scope
    QStringList notes; ///< facts about the file worth telling (e.g. no collection object)
    /// Entries to merge into overrideFile in the override directory (CatalogOverlay rules).
    compose::Node overrideUpdate;

    int count(CatalogChange::Type type) const;
    /// Whether writing the override would change the catalog.
    bool hasChanges() const;
    QJsonObject toJson() const;
    /// A summary line, the notes, then one line per change (Unchanged and Absent entries
    /// are counted only; toJson() lists the absent ones).
    QString toText() const;
};

} // namespace threatdock::catalog
