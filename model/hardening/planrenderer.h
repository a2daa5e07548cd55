#pragma once

#include "hardeningplan.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace threatdock::hardening {

/// One file the accepted changes create or change: its content before (nullopt when it
/// does not exist yet) and after, and the unified diff between them.
struct FileChange
{
    enum class Kind { Overlay, EnvExample, Dockerfile };
    Kind kind = Kind::Overlay;
    QString path;         ///< absolute
    QString relativePath; ///< as shown: relative to the project directory
    std::optional<QByteArray> before;
    QByteArray after;
    QString diff; ///< `patch -p1` applies it in the project directory
};

/// What a plan's accepted changes amount to: the overlay, .env.example and each changed
/// Dockerfile (rejected changes contribute nothing). `files` lists only the files whose
/// content changes, overlay first.
struct RenderedPlan
{
    QByteArray overlay; ///< "" when no Compose change is accepted
    QList<FileChange> files;

    const FileChange *file(const QString &path) const;
};

/// Renders the accepted changes of a plan from the file contents the planner read.
RenderedPlan renderPlan(const HardeningPlan &plan);

} // namespace threatdock::hardening
