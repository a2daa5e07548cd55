// Compose checks on image references: tags, digests, registries, pulls.

#include "composechecks_p.h"

#include <QRegularExpression>

namespace threatdock::rules::composechecks {

namespace {

/// The image a service pulls, "" when it builds its own (image: then names the result).
QString pulledImage(const Service &s)
{
    return s.build ? QString() : s.image.trimmed();
}

void checkMutableTag(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    const QString image = pulledImage(s);
    if (image.isEmpty())
        return;
    QString digest;
    const QString tag = imageTag(image, &digest);
    if (!digest.isEmpty() || (!tag.isEmpty() && tag != u"latest"))
        return;
    report(sink, s, keyOrigin(s, QStringLiteral("image")), QString(),
           tag.isEmpty() ? QStringLiteral("image %1 has no tag, so it means :latest: what runs "
                                          "changes whenever the image is pushed again.")
                               .arg(image)
                         : QStringLiteral("image %1 uses :latest: what runs changes whenever "
                                          "the image is pushed again.")
                               .arg(image));
}

void checkDigest(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    const QString image = pulledImage(s);
    if (image.isEmpty())
        return;
    QString digest;
    const QString tag = imageTag(image, &digest);
    if (!digest.isEmpty() || tag.isEmpty() || tag == u"latest")
        return;
    report(sink, s, keyOrigin(s, QStringLiteral("image")), QString(),
           QStringLiteral("image %1 is pinned by tag only: a tag can be moved to other "
                          "content; only a digest (@sha256:...) names fixed content.")
               .arg(image));
}

bool isWellKnownRegistry(const QString &registry)
{
    static const QStringList known{QStringLiteral("docker.io"),
                                   QStringLiteral("index.docker.io"),
                                   QStringLiteral("registry-1.docker.io"),
                                   QStringLiteral("ghcr.io"),
                                   QStringLiteral("quay.io"),
                                   QStringLiteral("gcr.io"),
                                   QStringLiteral("mcr.microsoft.com"),
                                   QStringLiteral("public.ecr.aws"),
                                   QStringLiteral("registry.k8s.io"),
                                   QStringLiteral("registry.gitlab.com"),
                                   QStringLiteral("docker.elastic.co"),
                                   QStringLiteral("cgr.dev")};
    static const QRegularExpression gcr(QStringLiteral("^[a-z]+\\.gcr\\.io$"));
    return known.contains(registry) || gcr.match(registry).hasMatch();
}

QString registryWhy(const QString &image, const QString &registry)
{
    return QStringLiteral("%1 comes from the registry %2, which is not one of the well-known "
                          "public registries: confirm that it is trusted and served over "
                          "TLS.")
        .arg(image, registry);
}

void checkServiceRegistry(const AnalysisInput &input, FindingSink &sink)
{
    if (!input.hasProject)
        return;
    for (const Service &s : input.project.services) {
        const QString image = pulledImage(s);
        const QString registry = image.isEmpty() ? QString() : imageRegistry(image);
        if (!image.isEmpty() && !isWellKnownRegistry(registry))
            report(sink, s, keyOrigin(s, QStringLiteral("image")), QString(),
                   registryWhy(image, registry));
    }
}

void checkBaseImageRegistry(const AnalysisInput &input, FindingSink &sink)
{
    for (const DockerfileInput &d : input.dockerfiles) {
        QStringList stageNames;
        for (const dockerfile::Stage &stage : d.dockerfile.stages) {
            const QString base = stage.resolvedBaseImage.trimmed();
            const bool local = base.isEmpty() || base.contains(u'$') || base.toLower() == u"scratch"
                || stageNames.contains(base.toLower());
            stageNames << stage.name;
            const QString registry = local ? QString() : imageRegistry(base);
            if (local || isWellKnownRegistry(registry))
                continue;
            const QString file = d.path.isEmpty() ? d.dockerfile.path : d.path;
            sink.report(d.services.value(0), Origin{file, stage.line, 1},
                        QStringLiteral("dockerfile:") + file,
                        QStringLiteral("stage:") + QString::number(stage.index),
                        registryWhy(base, registry));
        }
    }
}

void checkPullPolicy(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    const QString policy = s.node.value(QStringLiteral("pull_policy")).text().trimmed();
    if (policy != u"never" || pulledImage(s).isEmpty())
        return;
    report(sink, s, keyOrigin(s, QStringLiteral("pull_policy")), QString(),
           QStringLiteral("pull_policy: never keeps whatever copy of %1 is on the host: "
                          "patched images are never fetched.")
               .arg(s.image));
}

} // namespace

void registerImageChecks(CheckRegistry &registry)
{
    addServiceCheck(registry, QStringLiteral("CMP-IMG-001"), checkMutableTag);
    addServiceCheck(registry, QStringLiteral("CMP-IMG-002"), checkDigest);
    registry.add(QStringLiteral("IMG-REG-001"), [](const AnalysisInput &input, FindingSink &sink) {
        checkServiceRegistry(input, sink);
        checkBaseImageRegistry(input, sink);
    });
    addServiceCheck(registry, QStringLiteral("EXT-001"), checkPullPolicy);
}

} // namespace threatdock::rules::composechecks
