#include "diagramitem.h"

namespace threatdock::views {

DiagramItem::DiagramItem(const DiagramLook *look, qreal dimmedOpacity, qreal z)
    : m_look(look)
    , m_dimmedOpacity(dimmedOpacity)
{
    // The view handles clicks; items only draw and answer hit tests.
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(z);
}

void DiagramItem::setCurrent(bool current)
{
    if (current == m_current)
        return;
    m_current = current;
    update();
}

void DiagramItem::setDimmed(bool dimmed)
{
    m_dimmed = dimmed;
    setOpacity(dimmed ? m_dimmedOpacity : 1.0);
}

void DiagramItem::lookChanged()
{
    prepareGeometryChange();
    update();
}

} // namespace threatdock::views
