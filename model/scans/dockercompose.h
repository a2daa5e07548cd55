#pragma once

#include "compose/node.h"
#include "composev1files.h"
#include "scanrunner.h"
#include "toollocator.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::compose {
struct ComposeProject;
}

namespace threatdock::scans {

/// The Compose command line found on this machine: the `docker compose` plugin (v2), or
/// the standalone `docker-compose` (v1, Debian's 1.29) when the plugin is missing.
struct ComposeTool
{
    enum class Flavor {
        Plugin,    ///< `docker compose ...` (Compose v2)
        Standalone ///< `docker-compose ...` (Compose v1, or a standalone v2 binary)
    };
    Flavor flavor = Flavor::Plugin;
    QString program;    ///< absolute path of docker or docker-compose; "" when not found
    QStringList prefix; ///< {"compose"} for the plugin
    QString version;    ///< "2.24.6", "1.29.2"
    QString docker;     ///< absolute path of the docker CLI (inspect); "" when missing
    QString dockerVersion;
    QString error; ///< actionable: "docker not found: apt-get install docker.io"

    bool found() const { return !program.isEmpty(); }
    /// Compose v1 names containers project_service_1 and reads one --env-file only.
    bool isV1() const { return version.section(u'.', 0, 0) == u"1"; }
    /// "docker compose 2.24.6" or "docker-compose 1.29.2".
    QString describe() const;
};

/// Which compose project a command addresses: the files, name and directory ThreatDock
/// loaded, so Compose and ThreatDock agree on what the project is.
struct ComposeProjectRef
{
    QString name;
    QString workingDir;
    QStringList files;    ///< absolute, in merge order
    QStringList envFiles; ///< --env-file as the user gave them; "" = Compose's .env
    QStringList profiles;
    /// The loaded canonical model (compose::ComposeProject::model): what Compose v1 gets
    /// when it cannot read the files themselves (see ComposeV1Files).
    compose::Node model;

    static ComposeProjectRef from(const compose::ComposeProject &project,
                                  const QStringList &envFiles, const QStringList &profiles);
};

/// Builds the `docker compose` / `docker-compose` commands for build, up, ps, logs and
/// down of one project: argument lists (never a shell line), global options first (-f
/// for every compose file, -p, --project-directory, --env-file, --profile, --ansi
/// never), `--` before service names. The environment (DOCKER_HOST...) is passed on.
/// With Compose v1, files with a top-level `name:` are passed as private copies
/// without it, and a project whose files use `include:`, `!override` or `!reset` as
/// ThreatDock's own merge of it (see ComposeV1Files).
class DockerCompose final
{
public:
    static ToolSpec dockerSpec();
    static ToolSpec standaloneSpec();

    /// Finds docker (for inspect) and a Compose: `docker compose version` first, then
    /// `docker-compose version`. searchPath replaces PATH when not empty (tests).
    static ComposeTool locate(const QProcessEnvironment &environment
                              = QProcessEnvironment::systemEnvironment(),
                              const QStringList &searchPath = QStringList());

    struct BuildOptions
    {
        QStringList buildArgs; ///< "KEY=VALUE"
        bool noCache = false;
        bool pull = false;
        QStringList services;
    };
    struct UpOptions
    {
        bool build = false; ///< --build (default --no-build: build is its own step)
        bool noDeps = false;
        QStringList services;
    };
    struct DownOptions
    {
        bool volumes = false; ///< also remove the project's named volumes
        int stopTimeout = -1; ///< seconds before SIGKILL; -1 = Compose's default
    };

    DockerCompose(const ComposeTool &tool, const ComposeProjectRef &project,
                  const QProcessEnvironment &environment
                  = QProcessEnvironment::systemEnvironment());

    /// Why this project cannot be handed to this Compose (v1 reads one --env-file, and
    /// some of what the Compose Specification has it cannot do even in ThreatDock's
    /// merge); nullopt when it can.
    std::optional<QString> problem() const;
    /// The same, and a build argument that is not KEY=VALUE.
    std::optional<QString> problem(const BuildOptions &build) const;

    ToolCommand build(const BuildOptions &options, int timeoutMs = 0) const;
    ToolCommand up(const UpOptions &options, int timeoutMs = 0) const;
    ToolCommand ps(int timeoutMs = 0) const;
    ToolCommand logs(const QStringList &services, int tail, int timeoutMs = 0) const;
    ToolCommand down(const DownOptions &options, int timeoutMs = 0) const;

    const ComposeTool &tool() const { return m_tool; }
    const ComposeProjectRef &project() const { return m_project; }
    /// The files as Compose v1 gets them (v1 only; empty otherwise).
    const ComposeV1Files &v1Files() const { return m_v1Files; }
    const QProcessEnvironment &environment() const { return m_environment; }

private:
    ToolCommand command(const QStringList &subcommand, const QStringList &services,
                        int timeoutMs) const;

    ComposeTool m_tool;
    ComposeProjectRef m_project;
    QProcessEnvironment m_environment;
    ComposeV1Files m_v1Files; ///< the files as v1 reads them (v1 only)
};

} // namespace threatdock::scans
