#include "analysisinput.h"

#include "dockerfile/dockerfileparser.h"

#include <QDir>
#include <QFileInfo>

namespace threatdock::rules {

const dockerfile::Stage *DockerfileInput::finalStage() const
{
    if (!targetStage.isEmpty())
        if (const dockerfile::Stage *s = dockerfile.stage(targetStage))
            return s;
    return dockerfile.finalStage();
}

AnalysisInput AnalysisInput::fromProject(const compose::ComposeProject &project,
                                         QStringList *problems)
{
    AnalysisInput input;
    input.project = project;
    input.hasProject = true;
    input.envFiles = project.envFiles;
    for (const compose::Service &service : project.services) {
        for (const compose::EnvironmentVariable &v : service.environment) {
            if (v.origin.isKnown() && !project.composeFiles.contains(v.origin.file)
                && !input.envFiles.contains(v.origin.file)
                && !v.origin.file.endsWith(QStringLiteral(".yaml"))
                && !v.origin.file.endsWith(QStringLiteral(".yml")))
                input.envFiles << v.origin.file;
        }
        if (!service.build)
            continue;
        const compose::BuildSpec &build = *service.build;
        const QString inlineText = service.node.value(QStringLiteral("build"))
                                       .value(QStringLiteral("dockerfile_inline"))
                                       .text();
        QString path;
        if (inlineText.isEmpty()) {
            const QString name
                = build.dockerfile.isEmpty() ? QStringLiteral("Dockerfile") : build.dockerfile;
            path = QDir::cleanPath(QDir(build.context).absoluteFilePath(name));
        }
        bool merged = false;
        for (DockerfileInput &existing : input.dockerfiles) {
            if (!path.isEmpty() && existing.path == path && existing.targetStage == build.target) {
                existing.services << service.name;
                merged = true;
            }
        }
        if (merged)
            continue;
        const auto parsed = path.isEmpty()
            ? dockerfile::DockerfileParser::parse(inlineText.toUtf8(), QString())
            : dockerfile::DockerfileParser::readFile(path);
        if (!parsed.ok()) {
            if (problems)
                *problems << parsed.error;
            continue;
        }
        input.dockerfiles << DockerfileInput{
            path, *parsed.dockerfile, {service.name}, build.target};
    }
    return input;
}

AnalysisInput AnalysisInput::fromDockerfile(const QString &path, QStringList *problems)
{
    AnalysisInput input;
    const QString abs = QFileInfo(path).absoluteFilePath();
    const auto parsed = dockerfile::DockerfileParser::readFile(abs);
    if (!parsed.ok()) {
        if (problems)
            *problems << parsed.error;
        return input;
    }
    input.dockerfiles << DockerfileInput{abs, *parsed.dockerfile, {}, QString()};
    return input;
}

} // namespace threatdock::rules
