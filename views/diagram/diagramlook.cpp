#include "diagramlook.h"

#include "layout/diagramstyle.h"

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QPalette>

#include <cmath>

namespace threatdock::views {

namespace {

using layout::DiagramStyle;

/// WCAG relative luminance.
qreal luminance(const QColor &color)
{
    const auto channel
        = [](qreal c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF());
}

qreal contrast(const QColor &a, const QColor &b)
{
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

/// The colour with its lightness moved away from the background's until the WCAG
/// contrast ratio is reached (3 for strokes, 4.5 for text); the hue stays.
QColor withContrast(const QColor &color, const QColor &background, qreal ratio)
{
    const bool lighten = luminance(background) < 0.18;
    QColor c = color.toHsl();
    for (int step = 0; step < 40 && contrast(c, background) < ratio; ++step) {
        const qreal l = std::clamp(c.lightnessF() + (lighten ? 0.025 : -0.025), 0.0, 1.0);
        c.setHslF(c.hslHueF(), c.hslSaturationF(), l, c.alphaF());
    }
    return c.toRgb();
}

QColor mixed(const QColor &a, const QColor &b, qreal towardsB)
{
    const auto mix = [towardsB](qreal x, qreal y) { return x + (y - x) * towardsB; };
    return QColor::fromRgbF(float(mix(a.redF(), b.redF())), float(mix(a.greenF(), b.greenF())),
                            float(mix(a.blueF(), b.blueF())));
}

} // namespace

DiagramLook DiagramLook::light()
{
    DiagramLook look;
    look.m_background = Qt::white;
    look.m_text = DiagramStyle::textColor();
    look.m_selection = QColor(0x19, 0x76, 0xd2);
    look.m_current = QColor(0xff, 0xa0, 0x00);
    return look;
}

DiagramLook DiagramLook::forPalette(const QPalette &palette)
{
    DiagramLook look;
    look.m_background = palette.color(QPalette::Base);
    look.m_dark = luminance(look.m_background) < 0.18;
    look.m_text = withContrast(palette.color(QPalette::Text), look.m_background, 4.5);
    look.m_selection = withContrast(palette.color(QPalette::Highlight), look.m_background, 3.0);
    look.m_current = QColor(0xff, 0xa0, 0x00);
    return look;
}

void DiagramLook::setPresentation(bool presentation)
{
    m_strokeScale = presentation ? 1.8 : 1.0;
    m_fontScale = presentation ? 1.2 : 1.0;
}

QColor DiagramLook::nodeFill(const QString &shape) const
{
    if (!m_dark)
        return DiagramStyle::nodeFill(shape);
    return mixed(DiagramStyle::nodeStroke(shape), m_background, 0.72);
}

QColor DiagramLook::nodeStroke(const QString &shape) const
{
    return readableStroke(DiagramStyle::nodeStroke(shape));
}

QColor DiagramLook::roleText(const QString &shape) const
{
    return withContrast(nodeStroke(shape), nodeFill(shape), 4.5);
}

QColor DiagramLook::clusterFill(const layout::DiagramCluster &cluster) const
{
    if (!m_dark)
        return DiagramStyle::clusterFill(cluster);
    return mixed(DiagramStyle::clusterStroke(cluster), m_background, 0.88);
}

QColor DiagramLook::clusterStroke(const layout::DiagramCluster &cluster) const
{
    return readableStroke(DiagramStyle::clusterStroke(cluster));
}

QColor DiagramLook::edgeColor(const QString &exposure) const
{
    return readableStroke(DiagramStyle::edgeColor(exposure));
}

QColor DiagramLook::readableStroke(const QColor &color) const
{
    return withContrast(color, m_background, 3.0);
}

QColor DiagramLook::edgeLabelText(const QColor &edgeColor) const
{
    const QColor base = m_dark ? edgeColor : edgeColor.darker(130);
    return withContrast(base, m_background, 4.5);
}

QColor DiagramLook::labelBackground() const
{
    QColor c = m_background;
    c.setAlpha(225);
    return c;
}

QFont DiagramLook::font(const QPainter &painter, qreal size, QFont::Weight weight) const
{
    QFont f(DiagramStyle::fontFamily());
    const int dpi = painter.device() ? painter.device()->logicalDpiY() : 72;
    f.setPointSizeF(size * m_fontScale * 72.0 / (dpi > 0 ? dpi : 72));
    f.setWeight(weight);
    f.setHintingPreference(QFont::PreferNoHinting);
    return f;
}

QFont DiagramLook::fittingFont(const QPainter &painter, qreal size, QFont::Weight weight,
                               const QString &text, qreal width) const
{
    QFont f = font(painter, size, weight);
    const qreal smallest = f.pointSizeF() / m_fontScale;
    // Advances do not scale exactly with the size: a few steps converge.
    for (int step = 0; step < 4 && f.pointSizeF() > smallest; ++step) {
        const qreal needed = QFontMetricsF(f, painter.device()).horizontalAdvance(text);
        if (needed <= width || needed <= 0)
            break;
        f.setPointSizeF(std::max(smallest, f.pointSizeF() * 0.99 * width / needed));
    }
    return f;
}

} // namespace threatdock::views
