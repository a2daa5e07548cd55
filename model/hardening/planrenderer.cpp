#include "planrenderer.h"

#include "dockerfilepatcher.h"
#include "overlaywriter.h"
#include "unifieddiff.h"

namespace threatdock::hardening {

const FileChange *RenderedPlan::file(const QString &path) const
{
    for (const FileChange &f : files)
        if (f.path == path)
            return &f;
    return nullptr;
}

namespace {

std::optional<QByteArray> contentOf(const HardeningPlan &plan, const QString &path)
{
    const SourceFile *s = plan.source(path);
    return s ? s->content : std::nullopt;
}

void addFile(const HardeningPlan &plan, RenderedPlan &out, FileChange::Kind kind,
             const QString &path, const QByteArray &after)
{
    FileChange f;
    f.kind = kind;
    f.path = path;
    f.relativePath = plan.relativePath(path);
    f.before = contentOf(plan, path);
    f.after = after;
    if (f.before && *f.before == after)
        return;
    f.diff = UnifiedDiff::diff(f.relativePath, f.before ? QString::fromUtf8(*f.before) : QString(),
                               QString::fromUtf8(after), !f.before);
    out.files << f;
}

} // namespace

RenderedPlan renderPlan(const HardeningPlan &plan)
{
    RenderedPlan out;
    out.overlay = OverlayWriter::overlay(plan);
    if (!out.overlay.isEmpty())
        addFile(plan, out, FileChange::Kind::Overlay, plan.overlayPath, out.overlay);
    if (const auto env = OverlayWriter::envExample(plan, contentOf(plan, plan.envExamplePath)))
        addFile(plan, out, FileChange::Kind::EnvExample, plan.envExamplePath, *env);

    QStringList dockerfiles;
    for (const HardeningChange &c : plan.changes)
        if (c.target == ChangeTarget::Dockerfile && !dockerfiles.contains(c.dockerfile))
            dockerfiles << c.dockerfile;
    for (const QString &path : std::as_const(dockerfiles)) {
        const std::optional<QByteArray> before = contentOf(plan, path);
        if (!before)
            continue;
        QList<DockerfileEdit> edits;
        for (const HardeningChange &c : plan.changes)
            if (c.accepted && c.target == ChangeTarget::Dockerfile && c.dockerfile == path)
                edits << c.edits;
        if (!edits.isEmpty())
            addFile(plan, out, FileChange::Kind::Dockerfile, path,
                    DockerfilePatcher::apply(*before, edits));
    }
    return out;
}

} // namespace threatdock::hardening
