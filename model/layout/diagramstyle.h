#pragma once

#include "diagram.h"
#include "rules/severity.h"

#include <QColor>
#include <QString>

namespace threatdock::layout {

/// The look of the architecture diagram, shared by the layout (text sizes), the
/// QPainter painter and the SVG writer so that every output shows the same picture.
/// Text widths are estimated from DejaVu Sans advance widths, so the layout never
/// needs a font database and gives the same geometry with or without a display.
class DiagramStyle final
{
public:
    static constexpr qreal nameFontSize = 10.0;   ///< element names, points
    static constexpr qreal smallFontSize = 7.5;   ///< role tags, edge labels, badges
    static constexpr qreal clusterFontSize = 9.0; ///< trust boundary captions
    static constexpr qreal margin = 16.0;         ///< around the whole diagram

    /// "DejaVu Sans" first, then the usual sans-serif fallbacks (CSS font-family list).
    static QString fontFamilies();
    static QString fontFamily();

    /// Estimated advance width of text at the given point size.
    static qreal textWidth(const QString &text, qreal pointSize);

    /// The node size the layout reserves for an element (points).
    static QSizeF nodeSize(const QString &shape, const QString &name, const QString &role);

    /// "backend (internal)" for an internal network, the name otherwise.
    static QString clusterCaption(const DiagramCluster &cluster);
    static QString clusterCaption(const QString &name, bool internal);

    /// "H 3": severity letter and open-threat count.
    static QString badgeText(const BadgeInfo &badge);
    static QChar severityLetter(rules::Severity severity);
    static QColor severityColor(rules::Severity severity);

    static QColor edgeColor(const QString &exposure);
    static qreal edgeWidth(const QString &exposure);

    static QColor nodeFill(const QString &shape);
    static QColor nodeStroke(const QString &shape);
    static QColor clusterFill(const DiagramCluster &cluster);
    static QColor clusterStroke(const DiagramCluster &cluster);
    static QColor textColor();
};

} // namespace threatdock::layout
