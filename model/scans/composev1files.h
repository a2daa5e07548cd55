#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace threatdock::scans {

/// The compose files as Compose v1 (Debian's docker-compose 1.29) can read them. v1
/// refuses the Compose Specification's top-level `name:` ("'name' does not match any of
/// the regexes: '^x-'"); ThreatDock passes the project name with -p anyway, so a file
/// with one is handed to v1 as a private copy (0600, in a temporary folder) where that
/// line is a comment: same line numbers, and relative paths still resolve against
/// --project-directory. The user's files are never changed. `include:` and the `!reset`
/// / `!override` tags have no v1 equivalent: error names the file and line.
struct ComposeV1Files
{
    QStringList files; ///< what to pass with -f, in order
    QString error;     ///< "compose.yaml:3: docker-compose 1.29 (Compose v1) does not ..."
    std::shared_ptr<QTemporaryDir> copies; ///< keeps the copies while commands use them

    bool ok() const { return error.isEmpty(); }

    static ComposeV1Files prepare(const QStringList &files);
};

} // namespace threatdock::scans
