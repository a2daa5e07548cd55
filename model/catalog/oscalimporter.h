#pragma once

#include "catalog.h"
#include "changereport.h"

#include <QString>

namespace threatdock::catalog {

/// Reads NIST SP 800-53 r5 content in OSCAL JSON and compares it with a catalog:
/// - a catalog (the full one or a resolved baseline profile catalog): groups, controls and
///   their enhancements at any depth, OSCAL ids (`ac-6.1`) read as `AC-6(1)`; updates the
///   titles of the catalog's controls and marks withdrawn ones;
/// - a profile (`imports` / `include-controls` / `with-ids`, `include-all`,
///   `exclude-controls`) of the LOW, MODERATE or HIGH baseline: updates which baselines the
///   catalog's controls belong to.
/// Controls of the file that the catalog does not cite are counted as ignored. The
/// report's overrideUpdate holds the changed entries for nist-800-53.yaml.
class OscalImporter final
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
