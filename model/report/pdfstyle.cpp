#include "pdfstyle.h"

#include <QPaintDevice>
#include <QPainter>

namespace threatdock::report {

QFont PdfStyle::paintFont(const QPainter &painter, qreal size, QFont::Weight weight, bool mono)
{
    QFont font(mono ? monoFamily() : family());
    const int dpi = painter.device() ? painter.device()->logicalDpiY() : 72;
    font.setPointSizeF(size * 72.0 / (dpi > 0 ? dpi : 72));
    font.setWeight(weight);
    font.setHintingPreference(QFont::PreferNoHinting);
    font.setLetterSpacing(QFont::AbsoluteSpacing, noLigatureSpacing);
    return font;
}

} // namespace threatdock::report
