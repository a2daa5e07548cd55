#pragma once

#include "scanrunner.h"

#include <QJsonArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace threatdock::scans {

/// What `docker inspect` and `docker image inspect` said about a project's containers.
struct ProjectInspection
{
    QJsonArray containers; ///< `docker inspect` objects, one per container
    QJsonArray images;     ///< `docker image inspect` objects of their images
    QString error;         ///< why nothing could be inspected; "" when it worked

    bool ok() const { return error.isEmpty(); }
};

/// Finds a compose project's containers by the label Compose puts on them
/// (com.docker.compose.project=NAME) and inspects them and their images with the docker
/// CLI, through ScanRunner (argument lists, `--` before ids and image names). The
/// environment (DOCKER_HOST) says which engine.
class ContainerInspector final
{
public:
    ContainerInspector(ScanRunner &runner, const QString &docker,
                       const QProcessEnvironment &environment
                       = QProcessEnvironment::systemEnvironment(),
                       int timeoutMs = 60000);

    ToolCommand listCommand(const QString &projectName) const;
    ToolCommand inspectCommand(const QStringList &containerIds) const;
    ToolCommand imageInspectCommand(const QStringList &images) const;

    /// Every container of the project (running or not) and, when withImages, their
    /// images. No container is not an error: containers is then empty.
    ProjectInspection inspect(const QString &projectName, bool withImages = true);

private:
    ToolCommand docker(const QStringList &arguments) const;
    /// Runs command and parses its stdout as a JSON array; error set on failure.
    QJsonArray runJson(const ToolCommand &command, QString &error);

    ScanRunner &m_runner;
    QString m_docker;
    QProcessEnvironment m_environment;
    int m_timeoutMs;
};

/// "docker inspect --type container -- ID exited with code 1: Error: No such object: ID":
/// the command, how it ended and the last line of its stderr.
QString describeFailure(const ToolCommand &command, const RunResult &run);

/// The label Compose puts on every container of a project, and on its service.
inline QString composeProjectLabel()
{
    return QStringLiteral("com.docker.compose.project");
}
inline QString composeServiceLabel()
{
    return QStringLiteral("com.docker.compose.service");
}

} // namespace threatdock::scans
