#pragma once

#include "compose/node.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::hardening {

/// One edit of a Dockerfile. Replace rewrites the text of the instruction on lines
/// `line`..`endLine` (continuation lines included): every match of `pattern` becomes
/// `replacement`, where `\1`..`\9` are the pattern's groups and `\\` is a backslash.
/// InsertBefore puts `replacement` (whole lines, without the final newline) before
/// `line`; the file's line count + 1 appends.
struct DockerfileEdit
{
    enum class Kind { Replace, InsertBefore };
    Kind kind = Kind::Replace;
    int line = 0;
    int endLine = 0;
    QString pattern;
    QString replacement;
};

/// Where a change goes: the service's entry in compose.hardening.yaml, or a Dockerfile.
enum class ChangeTarget { Compose, Dockerfile };

/// One hardening change, proposed because of open findings. Accepted by default; a
/// rejected change is left out of everything rendered and written.
struct HardeningChange
{
    /// Stable across re-planning: "service:api/read-only",
    /// "dockerfile:api/Dockerfile/add-user" (paths relative to the project).
    QString id;
    QString service; ///< the service it hardens (for a Dockerfile: the first built from it)
    ChangeTarget target = ChangeTarget::Compose;
    QString kind;        ///< "user", "read-only", ... or the Dockerfile action ("add-user")
    QString title;       ///< one line: what it sets
    QString description; ///< why, and what to check before applying it
    /// Compose: the keys merged into the service in the overlay (a mapping, with
    /// `!override` / `!reset` where a value of the user's files must be replaced).
    compose::Node compose;
    /// Compose: variables the overlay reads from the project's .env; their names (never
    /// values) go into .env.example.
    QStringList environmentNames;
    QString dockerfile; ///< Dockerfile: absolute path
    QList<DockerfileEdit> edits;
    QStringList fixes;     ///< ids of the findings it fixes
    QStringList rules;     ///< the rules of those findings
    QStringList mitigates; ///< ids of the threats whose evidence it removes
    bool accepted = true;
};

/// A file as the planner read it, to tell at write time whether it changed since.
struct SourceFile
{
    QString path;                      ///< absolute
    std::optional<QByteArray> content; ///< nullopt: the file did not exist
    QByteArray sha256;                 ///< of content; empty when it did not exist
};

/// An open finding the plan has no automatic change for, with what to do by hand.
struct UnplannedFinding
{
    QString findingId;
    QString ruleId;
    QString service;
    QString remediation;
};

/// The hardening plan of a project: changes per service, each accepted or rejected, and
/// the files they touch as they were read. A plain value: copy it, edit the decisions,
/// render it (renderPlan) and write it (HardeningWriter).
struct HardeningPlan
{
    QString projectDirectory; ///< absolute
    QStringList composeFiles; ///< the user's files the overlay is merged after, absolute
    QString overlayPath;      ///< <projectDirectory>/compose.hardening.yaml
    QString envExamplePath;   ///< <projectDirectory>/.env.example
    QList<HardeningChange> changes;
    QList<SourceFile> sources; ///< Dockerfiles, the overlay and .env.example as read
    QList<UnplannedFinding> unplanned;

    HardeningChange *change(const QString &id);
    const HardeningChange *change(const QString &id) const;
    /// Accepts or rejects a change; false when there is no change with that id.
    bool setAccepted(const QString &id, bool accepted);
    /// The services with changes, in plan order.
    QStringList services() const;
    QList<const HardeningChange *> changesFor(const QString &service) const;
    const SourceFile *source(const QString &path) const;
    /// Finding ids fixed, threat ids mitigated by the accepted changes (no duplicates).
    QStringList fixedFindings() const;
    QStringList mitigatedThreats() const;
    /// The path relative to the project directory, as outputs show it.
    QString relativePath(const QString &absolute) const;
};

} // namespace threatdock::hardening
