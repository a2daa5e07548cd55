#pragma once

#include "compose/composeproject.h"
#include "dockerfile/dockerfile.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace threatdock::rules {

/// A Dockerfile taking part in the analysis: a service's build (with its target stage),
/// or a Dockerfile given on its own.
struct DockerfileInput
{
    QString path; ///< absolute; "" for build.dockerfile_inline
    dockerfile::Dockerfile dockerfile;
    QStringList services; ///< services built from it
    QString targetStage;  ///< build.target, "" = the last stage

    /// The stage that becomes the image (target or last).
    const dockerfile::Stage *finalStage() const;
};

/// Everything the rules look at. project may be empty (a Dockerfile analysed alone).
struct AnalysisInput
{
    compose::ComposeProject project;
    bool hasProject = false;
    QList<DockerfileInput> dockerfiles;
    /// Env files of the project and of its services (.env, env_file), absolute.
    QStringList envFiles;

    /// Builds the input for a loaded project: parses each service's Dockerfile (build
    /// context + dockerfile, target stage) once, and lists the env files. Dockerfiles
    /// that cannot be read are skipped and reported in problems as "file: message".
    static AnalysisInput fromProject(const compose::ComposeProject &project,
                                     QStringList *problems = nullptr);
    /// Input for a single Dockerfile.
    static AnalysisInput fromDockerfile(const QString &path, QStringList *problems = nullptr);
};

} // namespace threatdock::rules
