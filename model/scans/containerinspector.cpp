#include "containerinspector.h"

#include "banditscan.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace threatdock::scans {

QString describeFailure(const ToolCommand &command, const RunResult &run)
{
    const QString detail = lastErrorLine(run);
    return QStringLiteral("%1 %2%3").arg(command.displayString(), run.describe(),
                                         detail.isEmpty() ? QString()
                                                          : QStringLiteral(": ") + detail);
}

ContainerInspector::ContainerInspector(ScanRunner &runner, const QString &docker,
                                       const QProcessEnvironment &environment, int timeoutMs)
    : m_runner(runner)
    , m_docker(docker)
    , m_environment(environment)
    , m_timeoutMs(timeoutMs)
{ }

ToolCommand ContainerInspector::docker(const QStringList &arguments) const
{
    ToolCommand c;
    c.program = m_docker;
    c.arguments = arguments;
    c.environment = m_environment;
    c.timeoutMs = m_timeoutMs;
    return c;
}

ToolCommand ContainerInspector::listCommand(const QString &projectName) const
{
    return docker({QStringLiteral("ps"), QStringLiteral("--all"), QStringLiteral("--quiet"),
                   QStringLiteral("--no-trunc"), QStringLiteral("--filter"),
                   QStringLiteral("label=%1=%2").arg(composeProjectLabel(), projectName)});
}

ToolCommand ContainerInspector::inspectCommand(const QStringList &containerIds) const
{
    return docker(QStringList{QStringLiteral("inspect"), QStringLiteral("--type"),
                              QStringLiteral("container"), QStringLiteral("--")}
                  + containerIds);
}

ToolCommand ContainerInspector::imageInspectCommand(const QStringList &images) const
{
    return docker(
        QStringList{QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--")}
        + images);
}

QJsonArray ContainerInspector::runJson(const ToolCommand &command, QString &error)
{
    const RunResult run = m_runner.run(command);
    if (!run.finished() || run.exitCode != 0) {
        error = describeFailure(command, run);
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(run.standardOutput, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        error = QStringLiteral("%1: unreadable output at byte %2: %3")
                    .arg(command.displayString())
                    .arg(parseError.offset)
                    .arg(parseError.error != QJsonParseError::NoError
                             ? parseError.errorString()
                             : QStringLiteral("not a JSON array"));
        return {};
    }
    return document.array();
}

ProjectInspection ContainerInspector::inspect(const QString &projectName, bool withImages)
{
    ProjectInspection inspection;
    const ToolCommand list = listCommand(projectName);
    const RunResult listed = m_runner.run(list);
    if (!listed.finished() || listed.exitCode != 0) {
        inspection.error = describeFailure(list, listed);
        return inspection;
    }
    QStringList ids;
    for (const QString &line : QString::fromUtf8(listed.standardOutput).split(u'\n'))
        if (!line.trimmed().isEmpty())
            ids << line.trimmed();
    if (ids.isEmpty())
        return inspection;
    inspection.containers = runJson(inspectCommand(ids), inspection.error);
    if (!inspection.ok() || !withImages)
        return inspection;
    QStringList images;
    for (const QJsonValue &c : std::as_const(inspection.containers)) {
        const QString image = c.toObject().value(QStringLiteral("Image")).toString();
        if (!image.isEmpty() && !images.contains(image))
            images << image;
    }
    if (!images.isEmpty())
        inspection.images = runJson(imageInspectCommand(images), inspection.error);
    return inspection;
}

} // namespace threatdock::scans
