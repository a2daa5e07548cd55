#pragma once

#include "compose/composeloader.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace threatdock::cli {

/// The options with which a subcommand says which compose project it works on, as
/// `docker compose` takes them: `-f/--file FILE` (repeatable, merged in order),
/// `--env-file FILE` (repeatable), `--profile P` (repeatable), plus the positional PATH.
/// One definition for every subcommand, so their help and behaviour agree.
class ProjectOptions final
{
public:
    ProjectOptions();

    void addTo(QCommandLineParser &parser) const;

    /// The loader options from a parsed command line: PATH is the first positional
    /// argument (a project directory or compose file; "" = the current directory).
    /// Analysis mode (lenient): values Compose would refuse become warnings.
    compose::ComposeLoader::Options loadOptions(const QCommandLineParser &parser) const;

private:
    QCommandLineOption m_file;
    QCommandLineOption m_envFile;
    QCommandLineOption m_profile;
};

} // namespace threatdock::cli
