#include "scantarget.h"

#include "compose/composeproject.h"

#include <QDir>
#include <QFileInfo>

namespace threatdock::scans {

namespace {

QString canonical(const QString &path)
{
    const QFileInfo info(path);
    const QString c = info.canonicalFilePath();
    return c.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : c;
}

bool contains(const QString &directory, const QString &file)
{
    return file.startsWith(directory + u'/');
}

/// "python:3.12" for "docker.io/library/python:3.12"; ":latest" added when untagged.
QString normalizedImage(QString image)
{
    image = image.trimmed();
    for (const QString &prefix :
         {QStringLiteral("docker.io/library/"), QStringLiteral("index.docker.io/library/"),
          QStringLiteral("docker.io/"), QStringLiteral("library/")})
        if (image.startsWith(prefix))
            image = image.mid(prefix.size());
    const qsizetype slash = image.lastIndexOf(u'/');
    if (!image.contains(u'@') && !image.mid(slash + 1).contains(u':'))
        image += QStringLiteral(":latest");
    return image;
}

} // namespace

ScanTarget ScanTarget::fromProject(const compose::ComposeProject &project)
{
    ScanTarget target;
    target.projectDir = canonical(project.workingDir);
    for (const compose::Service &s : project.services) {
        if (s.build && !s.build->context.isEmpty() && QFileInfo(s.build->context).isDir())
            target.buildContexts << BuildContext{s.name, canonical(s.build->context)};
        if (!s.image.isEmpty())
            target.images << ServiceImage{s.name, s.image};
    }
    return target;
}

ScanTarget ScanTarget::fromDirectory(const QString &directory)
{
    ScanTarget target;
    target.projectDir = canonical(directory);
    return target;
}

QStringList ScanTarget::contextDirectories() const
{
    QStringList dirs;
    for (const BuildContext &c : buildContexts)
        if (!dirs.contains(c.directory))
            dirs << c.directory;
    return dirs;
}

QString ScanTarget::serviceForFile(const QString &file) const
{
    const QString path = canonical(file);
    QString best;
    qsizetype bestLength = -1;
    for (const BuildContext &c : buildContexts) {
        if ((contains(c.directory, path) || path == c.directory)
            && c.directory.size() > bestLength) {
            best = c.service;
            bestLength = c.directory.size();
        }
    }
    return best;
}

QString ScanTarget::serviceForImage(const QString &image) const
{
    if (image.isEmpty())
        return QString();
    const QString wanted = normalizedImage(image);
    for (const ServiceImage &i : images)
        if (normalizedImage(i.image) == wanted)
            return i.service;
    return QString();
}

QString ScanTarget::resolve(const QString &reported, const QString &base) const
{
    if (reported.isEmpty())
        return reported;
    QStringList bases;
    if (!base.isEmpty())
        bases << base;
    bases << projectDir << contextDirectories();
    if (QFileInfo(reported).isRelative()) {
        for (const QString &b : std::as_const(bases)) {
            const QString candidate = QDir(b).filePath(reported);
            if (QFileInfo(candidate).isFile())
                return canonical(candidate);
        }
        return reported;
    }
    if (QFileInfo(reported).isFile())
        return canonical(reported);
    // A report made on another machine: the longest tail of the path that exists here.
    const QStringList parts = QDir::cleanPath(reported).split(u'/', Qt::SkipEmptyParts);
    for (qsizetype skip = 1; skip < parts.size(); ++skip) {
        const QString tail = parts.mid(skip).join(u'/');
        for (const QString &b : std::as_const(bases)) {
            const QString candidate = QDir(b).filePath(tail);
            if (QFileInfo(candidate).isFile())
                return canonical(candidate);
        }
    }
    return reported;
}

QString ScanTarget::relative(const QString &file) const
{
    if (projectDir.isEmpty() || QFileInfo(file).isRelative())
        return file;
    const QString path = canonical(file);
    return contains(projectDir, path) ? QDir(projectDir).relativeFilePath(path) : path;
}

} // namespace threatdock::scans
