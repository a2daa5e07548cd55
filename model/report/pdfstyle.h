#pragma once

#include <QColor>
#include <QFont>
#include <QMarginsF>
#include <QPageSize>
#include <QSizeF>
#include <QString>

class QPainter;

namespace threatdock::report {

/// The look of the report PDF: fonts, sizes and colours, and the page geometry.
class PdfStyle final
{
public:
    static constexpr qreal bodySize = 9.0; ///< points
    static constexpr qreal codeSize = 8.0;
    static constexpr qreal smallSize = 7.5;
    static constexpr qreal heading1Size = 17.0;
    static constexpr qreal heading2Size = 12.5;
    static constexpr qreal heading3Size = 10.0;
    /// Letter spacing too small to see that keeps Qt from shaping ligatures.
    static constexpr qreal noLigatureSpacing = 0.05; ///< at least 1/64, Qt's unit

    static QString family() { return QStringLiteral("DejaVu Sans"); }
    static QString monoFamily() { return QStringLiteral("DejaVu Sans Mono"); }

    static QColor ink() { return QColor(0x21, 0x21, 0x21); }
    static QColor muted() { return QColor(0x61, 0x6b, 0x75); }
    static QColor accent() { return QColor(0x1f, 0x3a, 0x5f); }
    static QColor link() { return QColor(0x15, 0x57, 0xa8); }
    static QColor rule() { return QColor(0xc3, 0xcb, 0xd4); }
    static QColor headerFill() { return QColor(0xe6, 0xec, 0xf2); }
    static QColor noticeFill() { return QColor(0xff, 0xf3, 0xe0); }

    /// A font of size points for a painter whose transform maps points to device units
    /// (fonts follow the device resolution, so the size is divided back), without
    /// ligatures.
    static QFont paintFont(const QPainter &painter, qreal size,
                           QFont::Weight weight = QFont::Normal, bool mono = false);
};

/// Where things go on a page, in points.
struct PdfPageGeometry
{
    QPageSize pageSize{QPageSize::A4};
    QMarginsF margins{54, 62, 54, 58}; ///< the running header and footer sit in them

    QSizeF portrait() const { return pageSize.size(QPageSize::Point); }
    QSizeF landscape() const { return portrait().transposed(); }
};

} // namespace threatdock::report
