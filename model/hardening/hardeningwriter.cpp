#include "hardeningwriter.h"

#include "overlaywriter.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace threatdock::hardening {

namespace {

/// Read-only for us: no write permission for its owner (so also for root, whom access()
/// would let through), or none for this process.
bool readOnly(const QFileInfo &info)
{
    return !(info.permissions() & QFileDevice::WriteOwner) || !info.isWritable();
}

/// Why a file cannot be written as planned, or "".
QString problem(const HardeningPlan &plan, const FileChange &f)
{
    const SourceFile *source = plan.source(f.path);
    if (!source)
        return QStringLiteral("%1: not read by the planner; plan again").arg(f.path);
    const QFileInfo info(f.path);
    std::optional<QByteArray> now;
    if (info.exists()) {
        QFile file(f.path);
        if (!file.open(QIODevice::ReadOnly))
            return QStringLiteral("%1: cannot read: %2").arg(f.path, file.errorString());
        now = file.readAll();
    }
    if (now.has_value() != source->content.has_value()
        || (now && QCryptographicHash::hash(*now, QCryptographicHash::Sha256) != source->sha256))
        return QStringLiteral("%1: changed on disk since it was read; plan again").arg(f.path);
    if (f.kind == FileChange::Kind::Overlay && now
        && !now->startsWith(OverlayWriter::marker().toUtf8()))
        return QStringLiteral("%1: not written by ThreatDock; move it away before writing the "
                              "overlay")
            .arg(f.path);
    if (info.exists() && readOnly(info))
        return QStringLiteral("%1: the file is read-only").arg(f.path);
    if (const QFileInfo backup(f.path + QStringLiteral(".bak"));
        now && backup.exists() && readOnly(backup))
        return QStringLiteral("%1: the backup file is read-only").arg(backup.filePath());
    const QFileInfo dir(info.absolutePath());
    if (!dir.isDir() || readOnly(dir))
        return QStringLiteral("%1: the directory %2 is read-only").arg(f.path, dir.filePath());
    return QString();
}

QString save(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    return QString();
}

} // namespace

HardeningWriter::Result HardeningWriter::write(const HardeningPlan &plan,
                                               const RenderedPlan &rendered)
{
    Result result;
    for (const FileChange &f : rendered.files) {
        result.error = problem(plan, f);
        if (!result.ok())
            return result;
    }
    for (const FileChange &f : rendered.files) {
        if (f.before) {
            const QString backup = f.path + QStringLiteral(".bak");
            result.error = save(backup, *f.before);
            if (!result.ok())
                break;
            result.backups << backup;
        }
        result.error = save(f.path, f.after);
        if (!result.ok())
            break;
        result.written << f.path;
    }
    if (!result.ok() && !result.written.isEmpty())
        result.error += QStringLiteral(" (already written: %1)")
                            .arg(result.written.join(QStringLiteral(", ")));
    return result;
}

} // namespace threatdock::hardening
