#pragma once

#include "diagramitem.h"

#include "layout/diagram.h"

namespace threatdock::views {

/// A trust boundary of the architecture diagram: a dashed rounded cluster with its name;
/// an internal network (no route out) is drawn green with "(internal)" and a lock.
class DiagramClusterItem final : public DiagramItem
{
public:
    enum { Type = UserType + 3 };

    /// z orders nested boundaries above the ones that hold them (below 1, the flows).
    DiagramClusterItem(const layout::DiagramCluster &cluster, const DiagramLook *look, qreal z);

    int type() const override { return Type; }
    QString boundaryId() const { return m_cluster.boundaryId; }
    const layout::DiagramCluster &cluster() const { return m_cluster; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    layout::DiagramCluster m_cluster;
};

} // namespace threatdock::views
