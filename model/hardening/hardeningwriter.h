#pragma once

#include "hardeningplan.h"
#include "planrenderer.h"

#include <QString>
#include <QStringList>

namespace threatdock::hardening {

/// Writes a rendered plan: the overlay, .env.example and the changed Dockerfiles. All or
/// nothing as far as it can tell beforehand: it first checks every target and writes
/// nothing when one is read-only, changed on disk since the planner read it (content
/// hash), or an overlay that ThreatDock did not write. Each file is replaced atomically
/// (QSaveFile); an existing file is first copied to `<file>.bak`.
class HardeningWriter final
{
public:
    struct Result
    {
        QStringList written; ///< absolute paths of the files written (backups not listed)
        QStringList backups;
        QString error; ///< "path: reason", "" on success
        bool ok() const { return error.isEmpty(); }
    };

    static Result write(const HardeningPlan &plan, const RenderedPlan &rendered);
};

} // namespace threatdock::hardening
