#pragma once

#include "diagramitem.h"

#include "layout/diagram.h"
#include "rules/severity.h"

#include <optional>

namespace threatdock::views {

/// One element of the architecture diagram as laid out by Graphviz: a process as a
/// rounded box, a data store as a cylinder, an external entity as a rectangle, each with
/// its kind icon, role and name, and a badge with the number of open threats in the
/// colour of the worst. Shows whether it is the selected element and whether it is the
/// walkthrough's current one. Draws with the view's look; holds no document state.
class DiagramNodeItem final : public DiagramItem
{
public:
    enum { Type = UserType + 1 };

    DiagramNodeItem(const layout::DiagramNode &node, const DiagramLook *look);

    int type() const override { return Type; }
    QString elementId() const { return m_node.elementId; }
    const layout::DiagramNode &node() const { return m_node; }

    /// The badge: open threats and the worst one's severity; no badge at 0.
    void setBadge(int openThreats, std::optional<rules::Severity> worst);
    int badgeCount() const { return m_openThreats; }
    std::optional<rules::Severity> badgeSeverity() const { return m_worst; }
    void setSelectedElement(bool selected);
    bool isSelectedElement() const { return m_selected; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF badgeRect() const;
    QString badgeText() const;
    QPainterPath outline(const QRectF &rect, qreal radius) const;
    void paintHighlights(QPainter &painter) const;
    void paintLabels(QPainter &painter) const;
    void paintBadge(QPainter &painter) const;

    layout::DiagramNode m_node;
    int m_openThreats = 0;
    std::optional<rules::Severity> m_worst;
    bool m_selected = false;
};

} // namespace threatdock::views
