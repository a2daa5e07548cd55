#pragma once

#include <QColor>
#include <QRectF>
#include <QString>

class QPainter;

namespace threatdock::views {

/// The small kind icon of an element, drawn as vector strokes so that it stays sharp at
/// any zoom and takes the colour of the element's outline. Processes: web (browser
/// window), api (braces), worker (gear), database (cylinder), cache (lightning), queue
/// (stacked messages), proxy (two-way arrows), service (cube); data stores: volume
/// (disk), bind-mount (folder), secret (key); external entities: internet (globe),
/// localhost (screen), docker-host (server), external-network (cloud).
class RoleIcon final
{
public:
    /// Whether there is an icon for the role.
    static bool has(const QString &role);
    /// Paints the role's icon into box (square is best) with strokes of the colour.
    static void paint(QPainter &painter, const QRectF &box, const QString &role,
                      const QColor &color);
};

} // namespace threatdock::views
