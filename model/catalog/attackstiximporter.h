#pragma once

#include "catalog.h"
#include "changereport.h"

#include <QString>

namespace threatdock::catalog {

/// Reads an official MITRE ATT&CK STIX bundle (STIX 2.0 or 2.1, with or without the
/// `x-mitre-collection` object) and compares it with a catalog: techniques (external id,
/// name, kill-chain tactics, revoked / deprecated flags) and their mitigations (live
/// `course-of-action` objects with a live `mitigates` relationship).
///
/// In scope are the techniques the catalog already has and the live techniques of the
/// Containers platform; other techniques of the bundle are counted as ignored. The
/// report's overrideUpdate holds the changed entries for attack.yaml.
class AttackStixImporter final
{
public:
    struct Result
    {
        ChangeReport report;
        QString error; ///< one line naming the file; empty on success
        bool ok() const { return error.isEmpty(); }
    };

    static Result import(const QString &path, const Catalog &current);
};

} // namespace threatdock::catalog
