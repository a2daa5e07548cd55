#pragma once

#include "rules/severity.h"

#include <QList>
#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <optional>

namespace threatdock::layout {

/// What a node's badge says: the worst open threat of the element and how many are open.
struct BadgeInfo
{
    rules::Severity severity = rules::Severity::Info;
    int openThreats = 0;
};

/// A laid-out element: the box it occupies and how to draw it.
struct DiagramNode
{
    QString elementId;
    QString label;
    QString shape; ///< "process" (rounded box), "datastore" (cylinder), "external" (rectangle)
    QString role;  ///< element role, for the kind icon
    QRectF rect;   ///< in points, y down
    std::optional<rules::Severity> badge; ///< worst open threat, when any
    int openThreats = 0;
};

/// A laid-out flow: the spline and where its label sits.
struct DiagramEdge
{
    QString flowId;
    QString from;
    QString to;
    QString label;     ///< as drawn: the flow's label, shortened in the middle when long
    QString exposure;  ///< "internet", "host", "internal": how to colour it
    QPainterPath path; ///< cubic Bézier spline from Graphviz, y down
    QPointF arrowTip;  ///< where the arrow head points
    QPointF labelPos;  ///< centre of the label
};

/// A laid-out trust boundary (a Graphviz cluster).
struct DiagramCluster
{
    QString boundaryId;
    QString label;
    QString kind; ///< "host", "network", ...
    bool internal = false;
    QRectF rect;
    QPointF labelPos;
};

/// Pure geometry of the architecture diagram: what views, the CLI and the PDF draw.
struct Diagram
{
    QRectF bounds;
    QList<DiagramNode> nodes;
    QList<DiagramEdge> edges;
    QList<DiagramCluster> clusters;

    const DiagramNode *node(const QString &elementId) const;
};

} // namespace threatdock::layout
