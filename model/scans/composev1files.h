#pragma once

#include "compose/node.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace threatdock::scans {

/// The compose files as Compose v1 (Debian's docker-compose 1.29) can read them, in a
/// private temporary folder (0700, files 0600) that lives as long as the last copy of
/// this value. The user's files are never changed.
///  - Files v1 reads as they are stay as they are, except that v1 refuses the Compose
///    Specification's top-level `name:` ("'name' does not match any of the regexes:
///    '^x-'"): ThreatDock passes the project name with -p anyway, so such a file is
///    handed over as a copy where that line is a comment (same line numbers; relative
///    paths still resolve against --project-directory).
///  - When a file uses what v1 cannot parse at all (`include:`, the `!reset` and
///    `!override` tags), v1 gets one file instead of all of them: ThreatDock's own
///    merge of the project (the loaded model, see ComposeV1Writer). It holds the
///    resolved values, secrets included, which is why it is private. Without a model,
///    or when the model uses what v1 cannot do, error names the file and line.
struct ComposeV1Files
{
    QStringList files; ///< what to pass with -f, in order
    QString error;     ///< "compose.yaml:3: docker-compose 1.29 (Compose v1) does not ..."
    /// Set when v1 gets the merge: what it cannot read, and where ("!override" at
    /// "/p/compose.hardening.yaml:41").
    QString unsupported;
    QString unsupportedAt;
    QStringList mergedFrom; ///< the project's files the merge replaces
    QStringList notes;      ///< what the merge leaves out for v1 (ComposeV1Writer::Result)
    std::shared_ptr<QTemporaryDir> copies; ///< keeps the copies while commands use them

    bool ok() const { return error.isEmpty(); }
    bool merged() const { return !unsupported.isEmpty() && ok(); }

    /// model is the loaded project's canonical model (compose::ComposeProject::model),
    /// used only when a file needs the merge.
    static ComposeV1Files prepare(const QStringList &files,
                                  const compose::Node &model = compose::Node());
};

} // namespace threatdock::scans
