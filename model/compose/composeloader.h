#pragma once

#include "composeproject.h"
#include "diagnostic.h"
#include "environment.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::compose {

/// Loads a Compose project the way `docker compose` (v2, the Compose Specification)
/// does: file discovery and overrides, `-f` merging, project name, `.env` and
/// `--env-file`, interpolation, `env_file`, `extends`, `include`, profiles, and
/// normalisation to the canonical model. Errors name the file and line; warnings
/// (unknown keys...) do not stop loading.
class ComposeLoader final
{
public:
    struct Options
    {
        /// A project directory or compose file; ignored when files is not empty.
        QString path;
        /// Explicit compose files (`-f`), merged in order. "-" is not supported.
        QStringList files;
        QString projectDirectory;
        QString projectName;
        QStringList envFiles;
        QStringList profiles;
        /// The process environment; the real one when not set.
        std::optional<Environment> processEnvironment;
        /// Analysis mode (analyze, the GUI): values Compose would refuse become warnings,
        /// so a half-broken project can still be reviewed. `config` is strict.
        bool lenient = false;
    };

    struct Result
    {
        std::optional<ComposeProject> project;
        Diagnostics warnings;
        std::optional<Diagnostic> error;
        bool ok() const { return project.has_value(); }
    };

    static Result load(const Options &options);
    static Result load(const QString &path)
    {
        Options options;
        options.path = path;
        return load(options);
    }

    /// The compose files Compose picks in a directory: the first of compose.yaml,
    /// compose.yml, docker-compose.yaml, docker-compose.yml, and its override file.
    static QStringList discoverFiles(const QString &directory);
    /// Compose's project-name normalisation: lower case, only [a-z0-9_-], must start
    /// with a letter or digit.
    static QString normalizeProjectName(const QString &name);
};

} // namespace threatdock::compose
