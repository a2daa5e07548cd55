#include "sceneimagewriter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QtMath>

namespace threatdock::views {

namespace {

constexpr qreal pngScale = 2.0;
constexpr qreal pngMaxPixels = 24e6;
constexpr auto renderHints
    = QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform;

QString tr(const char *text)
{
    return QCoreApplication::translate("threatdock::views::SceneImageWriter", text);
}

QString formatOf(const QString &path)
{
    return QFileInfo(path).suffix().toLower();
}

bool writePng(QGraphicsScene &scene, const QRectF &source, QIODevice &file)
{
    qreal scale = pngScale;
    const qreal pixels = source.width() * source.height() * scale * scale;
    if (pixels > pngMaxPixels)
        scale *= std::sqrt(pngMaxPixels / pixels);
    const QSize size(std::max(1, qCeil(source.width() * scale)),
                     std::max(1, qCeil(source.height() * scale)));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    // 72 dpi: one scene unit is one point before scaling, as in layout::DiagramPainter.
    image.setDotsPerMeterX(2835);
    image.setDotsPerMeterY(2835);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(renderHints);
    scene.render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), source);
    painter.end();
    return image.save(&file, "PNG");
}

bool writeSvg(QGraphicsScene &scene, const QRectF &source, QIODevice &file, const QString &title)
{
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setResolution(72);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(title);
    generator.setDescription(tr("Drawn by ThreatDock"));
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    painter.setRenderHints(renderHints);
    painter.fillRect(generator.viewBoxF(), Qt::white);
    scene.render(&painter, generator.viewBoxF(), source);
    return painter.end();
}

} // namespace

bool SceneImageWriter::knowsFormatOf(const QString &path)
{
    const QString format = formatOf(path);
    return format == u"png" || format == u"svg";
}

bool SceneImageWriter::write(QGraphicsScene &scene, const QRectF &source, const QString &path,
                             const QString &title, QString *error)
{
    const auto fail = [&](const QString &reason) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, reason);
        return false;
    };
    if (!knowsFormatOf(path))
        return fail(tr("cannot write \"%1\" images: the file name must end in .png or .svg")
                        .arg(QFileInfo(path).suffix()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    if (formatOf(path) == u"png") {
        if (!writePng(scene, source, file))
            return fail(tr("cannot encode the PNG image"));
    } else if (!writeSvg(scene, source, file, title)) {
        return fail(tr("cannot write the SVG document"));
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

} // namespace threatdock::views
