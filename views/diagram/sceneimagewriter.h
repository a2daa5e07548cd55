#pragma once

#include <QRectF>
#include <QString>

class QGraphicsScene;

namespace threatdock::views {

/// Writes an area of a graphics scene to an image file, atomically (QSaveFile): PNG at
/// two pixels per scene unit (less when it would exceed about 24 megapixels) or SVG
/// (QSvgGenerator, one unit per point), by the file's extension, on white.
class SceneImageWriter final
{
public:
    /// Whether the file name asks for a format this writer knows (.png, .svg).
    static bool knowsFormatOf(const QString &path);
    /// Renders source of the scene into path. On failure returns false and error says
    /// "PATH: reason".
    static bool write(QGraphicsScene &scene, const QRectF &source, const QString &path,
                      const QString &title, QString *error);
};

} // namespace threatdock::views
