#pragma once

#include <QList>
#include <QString>

namespace threatdock::compose {
struct ComposeProject;
}

namespace threatdock::scans {

/// A service's build context: the directory its image is built from.
struct BuildContext
{
    QString service;
    QString directory; ///< absolute, canonical when it exists
};

/// The image a service runs (its `image:`, also the tag of a built image).
struct ServiceImage
{
    QString service;
    QString image;
};

/// What a scan's findings are attached to: the project directory (paths in ids are
/// relative to it) and the services' build contexts (a finding in a file belongs to the
/// service whose build context holds the file; the innermost context wins).
struct ScanTarget
{
    QString projectDir; ///< absolute
    QList<BuildContext> buildContexts;
    QList<ServiceImage> images;

    static ScanTarget fromProject(const compose::ComposeProject &project);
    static ScanTarget fromDirectory(const QString &directory);

    /// The distinct build-context directories, in service order.
    QStringList contextDirectories() const;
    /// The service whose build context holds file (absolute), "" when none does.
    QString serviceForFile(const QString &file) const;
    /// The service that runs image ("python:3.12" matches "docker.io/library/python:3.12";
    /// an image without a tag means :latest), "" when none does.
    QString serviceForImage(const QString &image) const;
    /// A path as a scanner reported it, made absolute in this project: relative paths are
    /// tried against base, the project directory and each build context; an absolute path
    /// from another machine ("/src/app/app.py") is matched by its longest tail that
    /// exists here. Returns reported unchanged when nothing matches.
    QString resolve(const QString &reported, const QString &base = QString()) const;
    /// file relative to the project directory (ids and outputs), or file itself when it
    /// lies outside.
    QString relative(const QString &file) const;
};

} // namespace threatdock::scans
