#pragma once

#include "layout/diagram.h"
#include "rules/severity.h"

#include <QColor>
#include <QFont>
#include <QString>

class QPainter;
class QPalette;

namespace threatdock::views {

/// The colours and sizes the architecture view draws with: layout::DiagramStyle's
/// picture (the one the CLI's PNG/SVG and the report PDF show), adapted to a widget
/// palette so that text and strokes stay readable on light and dark backgrounds, and
/// scaled up for presentation mode.
class DiagramLook final
{
public:
    /// DiagramStyle's colours on white: what exports and reports look like.
    static DiagramLook light();
    /// Background and text from the palette; on a dark palette fills are tinted from the
    /// background and strokes lightened until they contrast with it.
    static DiagramLook forPalette(const QPalette &palette);

    bool isDark() const { return m_dark; }
    QColor background() const { return m_background; }
    QColor text() const { return m_text; }
    /// Outline of the selected element (the palette's highlight).
    QColor selection() const { return m_selection; }
    /// Halo of the walkthrough's current element: amber, unlike any selection colour.
    QColor current() const { return m_current; }

    QColor nodeFill(const QString &shape) const;
    QColor nodeStroke(const QString &shape) const;
    /// The role tag's text and icon: the outline colour, readable on the node's fill.
    QColor roleText(const QString &shape) const;
    QColor clusterFill(const layout::DiagramCluster &cluster) const;
    QColor clusterStroke(const layout::DiagramCluster &cluster) const;
    /// A flow's colour by exposure, or the given severity colour for Internet flows.
    QColor edgeColor(const QString &exposure) const;
    QColor readableStroke(const QColor &color) const;
    QColor edgeLabelText(const QColor &edgeColor) const;
    QColor labelBackground() const;

    /// Line widths and font sizes are multiplied by these (presentation mode: larger).
    qreal strokeScale() const { return m_strokeScale; }
    qreal fontScale() const { return m_fontScale; }
    void setPresentation(bool presentation);

    /// A font of `size` diagram units (points before zooming) on the painter's device,
    /// times the font scale: 1 unit is 1 point on any device, as in DiagramPainter.
    QFont font(const QPainter &painter, qreal size, QFont::Weight weight = QFont::Normal) const;
    /// font(), made smaller (never below the unscaled size) when text would be wider
    /// than width: presentation mode enlarges labels only as far as the layout has room.
    QFont fittingFont(const QPainter &painter, qreal size, QFont::Weight weight,
                      const QString &text, qreal width) const;

private:
    bool m_dark = false;
    QColor m_background;
    QColor m_text;
    QColor m_selection;
    QColor m_current;
    qreal m_strokeScale = 1.0;
    qreal m_fontScale = 1.0;
};

} // namespace threatdock::views
