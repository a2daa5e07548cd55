#pragma once

#include <QGraphicsItem>

namespace threatdock::views {

class DiagramLook;

/// What the element and flow items of the architecture view share: the look they draw
/// with (owned by the view), the walkthrough's halo, and fading while a filter hides
/// everything about them.
class DiagramItem : public QGraphicsItem
{
public:
    void setCurrent(bool current);
    bool isCurrent() const { return m_current; }
    void setDimmed(bool dimmed);
    bool isDimmed() const { return m_dimmed; }
    /// The look changed (palette, presentation): sizes and colours are recomputed.
    void lookChanged();

protected:
    DiagramItem(const DiagramLook *look, qreal dimmedOpacity, qreal z);

    const DiagramLook &look() const { return *m_look; }

private:
    const DiagramLook *m_look;
    qreal m_dimmedOpacity;
    bool m_current = false;
    bool m_dimmed = false;
};

} // namespace threatdock::views
