#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <optional>

namespace threatdock::layout {

/// A graph as handed to Graphviz, in plain Qt types: no Graphviz header is needed to
/// describe it or to read its layout. Names are unique; clusters are listed parents first.
struct GraphvizGraph
{
    struct Node
    {
        QString name;
        QString label;
        QString shape; ///< Graphviz shape: "box", "cylinder"
        bool rounded = false;
        QSizeF size;     ///< points, fixed
        QString cluster; ///< name of the innermost cluster, "" = root graph
    };
    struct Edge
    {
        QString name;
        QString tail;
        QString head;
        QString label;
    };
    struct Cluster
    {
        QString name; ///< "cluster_..."
        QString label;
        QString parent; ///< enclosing cluster name, "" = root graph
    };

    QList<Node> nodes;
    QList<Edge> edges;
    QList<Cluster> clusters;
};

/// The geometry Graphviz computed, converted to points with y down and the origin at
/// the top-left corner of the graph's bounding box.
struct GraphvizLayout
{
    struct Edge
    {
        QList<QPointF> bezier; ///< 1 + 3n control points of a cubic spline
        std::optional<QPointF> arrowTip;
        std::optional<QPointF> arrowTail;
        std::optional<QPointF> labelPos;
    };
    QRectF bounds;
    QMap<QString, QRectF> nodes;
    QMap<QString, Edge> edges;
    QMap<QString, QRectF> clusters;
    QMap<QString, QPointF> clusterLabels;
};

/// Runs Graphviz (libgvc, dot engine, rankdir LR) on a GraphvizGraph. Graphviz is not
/// thread-safe, so every call is serialised by one mutex; each call creates and frees
/// its own context and graph.
class GraphvizEngine final
{
public:
    /// Lays the graph out; nullopt and an error message when Graphviz fails.
    static std::optional<GraphvizLayout> layout(const GraphvizGraph &graph,
                                                QString *error = nullptr);
    /// The DOT source of the graph exactly as it is laid out.
    static QByteArray dotSource(const GraphvizGraph &graph);
};

} // namespace threatdock::layout
