#include "dockercompose.h"

#include "compose/composeproject.h"

#include <QRegularExpression>

namespace threatdock::scans {

namespace {

constexpr int versionTimeoutMs = 20000;

/// `docker compose version` through the runner; the version, or nullopt when the plugin
/// is not there (docker then says "unknown command" or "'compose' is not a docker
/// command" and exits non-zero).
std::optional<QString> pluginVersion(const QString &docker, const QProcessEnvironment &environment)
{
    ScanRunner runner;
    ToolCommand command;
    command.program = docker;
    command.arguments = {QStringLiteral("compose"), QStringLiteral("version")};
    command.environment = environment;
    command.timeoutMs = versionTimeoutMs;
    const RunResult result = runner.run(command);
    if (!result.finished() || result.exitCode != 0)
        return std::nullopt;
    // "Docker Compose version v2.24.6": the v is glued to the number.
    static const QRegularExpression number(QStringLiteral("v?(\\d+\\.\\d+(?:\\.\\d+)*)"));
    const QRegularExpressionMatch m = number.match(QString::fromUtf8(result.standardOutput));
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1);
}

} // namespace

QString ComposeTool::describe() const
{
    const QString name = flavor == Flavor::Plugin ? QStringLiteral("docker compose")
                                                  : QStringLiteral("docker-compose");
    return version.isEmpty() ? name : name + u' ' + version;
}

ComposeProjectRef ComposeProjectRef::from(const compose::ComposeProject &project,
                                          const QStringList &envFiles, const QStringList &profiles)
{
    ComposeProjectRef ref;
    ref.name = project.name;
    ref.workingDir = project.workingDir;
    ref.files = project.composeFiles;
    ref.envFiles = envFiles;
    ref.profiles = profiles;
    ref.model = project.model;
    return ref;
}

ToolSpec DockerCompose::dockerSpec()
{
    return {QStringLiteral("docker"),
            {QStringLiteral("--version")},
            QStringLiteral("apt-get install docker.io")};
}

ToolSpec DockerCompose::standaloneSpec()
{
    return {QStringLiteral("docker-compose"),
            {QStringLiteral("version")},
            QStringLiteral("apt-get install docker-compose")};
}

ComposeTool DockerCompose::locate(const QProcessEnvironment &environment,
                                  const QStringList &searchPath)
{
    ComposeTool tool;
    const ToolInfo docker = ToolLocator::locate(dockerSpec(), QString(), searchPath);
    if (!docker.found()) {
        tool.error = docker.error;
        return tool;
    }
    tool.docker = docker.path;
    tool.dockerVersion = docker.version;
    if (const auto version = pluginVersion(docker.path, environment)) {
        tool.flavor = ComposeTool::Flavor::Plugin;
        tool.program = docker.path;
        tool.prefix = {QStringLiteral("compose")};
        tool.version = *version;
        return tool;
    }
    const ToolInfo standalone = ToolLocator::locate(standaloneSpec(), QString(), searchPath);
    if (!standalone.found()) {
        tool.error = QStringLiteral("docker compose not found (neither the docker compose "
                                    "plugin nor docker-compose): apt-get install docker-compose");
        return tool;
    }
    tool.flavor = ComposeTool::Flavor::Standalone;
    tool.program = standalone.path;
    tool.version = standalone.version;
    return tool;
}

DockerCompose::DockerCompose(const ComposeTool &tool, const ComposeProjectRef &project,
                             const QProcessEnvironment &environment)
    : m_tool(tool)
    , m_project(project)
    , m_environment(environment)
{
    if (m_tool.isV1())
        m_v1Files = ComposeV1Files::prepare(m_project.files, m_project.model);
}

std::optional<QString> DockerCompose::problem() const
{
    if (m_tool.isV1() && !m_v1Files.ok())
        return m_v1Files.error;
    if (m_tool.isV1() && m_project.envFiles.size() > 1)
        return QStringLiteral("%1 reads one --env-file only; merge the files or install the "
                              "docker compose plugin (v2)")
            .arg(m_tool.describe());
    return std::nullopt;
}

std::optional<QString> DockerCompose::problem(const BuildOptions &build) const
{
    if (const auto general = problem())
        return general;
    static const QRegularExpression keyValue(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*="));
    for (const QString &arg : build.buildArgs)
        if (!keyValue.match(arg).hasMatch())
            return QStringLiteral("--build-arg \"%1\" is not KEY=VALUE").arg(arg);
    return std::nullopt;
}

ToolCommand DockerCompose::command(const QStringList &subcommand, const QStringList &services,
                                   int timeoutMs) const
{
    ToolCommand c;
    c.program = m_tool.program;
    c.arguments = m_tool.prefix;
    for (const QString &file : m_tool.isV1() ? m_v1Files.files : m_project.files)
        c.arguments << QStringLiteral("-f") << file;
    if (!m_project.name.isEmpty())
        c.arguments << QStringLiteral("-p") << m_project.name;
    if (!m_project.workingDir.isEmpty())
        c.arguments << QStringLiteral("--project-directory") << m_project.workingDir;
    for (const QString &envFile : m_project.envFiles)
        c.arguments << QStringLiteral("--env-file") << envFile;
    for (const QString &profile : m_project.profiles)
        c.arguments << QStringLiteral("--profile") << profile;
    // Plain progress lines, no colour codes or cursor movement in a console or log.
    c.arguments << QStringLiteral("--ansi") << QStringLiteral("never");
    c.arguments << subcommand;
    if (!services.isEmpty())
        c.arguments << QStringLiteral("--") << services;
    c.workingDirectory = m_project.workingDir;
    c.environment = m_environment;
    c.timeoutMs = timeoutMs;
    return c;
}

ToolCommand DockerCompose::build(const BuildOptions &options, int timeoutMs) const
{
    QStringList sub{QStringLiteral("build")};
    for (const QString &arg : options.buildArgs)
        sub << QStringLiteral("--build-arg") << arg;
    if (options.noCache)
        sub << QStringLiteral("--no-cache");
    if (options.pull)
        sub << QStringLiteral("--pull");
    return command(sub, options.services, timeoutMs);
}

ToolCommand DockerCompose::up(const UpOptions &options, int timeoutMs) const
{
    QStringList sub{QStringLiteral("up"), QStringLiteral("-d"),
                    options.build ? QStringLiteral("--build") : QStringLiteral("--no-build")};
    if (options.noDeps)
        sub << QStringLiteral("--no-deps");
    return command(sub, options.services, timeoutMs);
}

ToolCommand DockerCompose::ps(int timeoutMs) const
{
    return command({QStringLiteral("ps"), QStringLiteral("-a")}, {}, timeoutMs);
}

ToolCommand DockerCompose::logs(const QStringList &services, int tail, int timeoutMs) const
{
    QStringList sub{QStringLiteral("logs"), QStringLiteral("--no-color")};
    if (tail >= 0)
        sub << QStringLiteral("--tail") << QString::number(tail);
    return command(sub, services, timeoutMs);
}

ToolCommand DockerCompose::down(const DownOptions &options, int timeoutMs) const
{
    QStringList sub{QStringLiteral("down"), QStringLiteral("--remove-orphans")};
    if (options.volumes)
        sub << QStringLiteral("--volumes");
    if (options.stopTimeout >= 0)
        sub << QStringLiteral("--timeout") << QString::number(options.stopTimeout);
    return command(sub, {}, timeoutMs);
}

} // namespace threatdock::scans
