#include "diagramlayout.h"

#include "diagramstyle.h"
#include "graphvizengine.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace threatdock::layout {

namespace {

using system::DataFlow;
using system::Element;
using system::SystemModel;
using system::TrustBoundary;

template<typename T> QList<const T *> sortedById(const QList<T> &items)
{
    QList<const T *> sorted;
    sorted.reserve(items.size());
    for (const T &item : items)
        sorted.append(&item);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const T *a, const T *b) { return a->id < b->id; });
    return sorted;
}

QString clusterName(const QString &boundaryId)
{
    return QStringLiteral("cluster_") + boundaryId;
}

/// The chain of boundary ids from the given one outwards; stops at unknown ids and cycles.
QStringList boundaryChain(const SystemModel &model, const QString &boundaryId)
{
    QStringList chain;
    for (const TrustBoundary *b = model.boundary(boundaryId); b && !chain.contains(b->id);
         b = model.boundary(b->parent))
        chain.append(b->id);
    return chain;
}

/// Long labels (bind mount paths, URLs) would widen their rank for the whole diagram:
/// they are shortened in the middle, keeping the mode and the container path's end.
QString shortened(const QString &label)
{
    constexpr qsizetype maxLength = 40;
    if (label.size() <= maxLength)
        return label;
    const qsizetype head = maxLength * 2 / 5;
    return label.left(head) + QChar(0x2026) + label.right(maxLength - head - 1);
}

QString edgeLabel(const DataFlow &flow)
{
    if (!flow.label.isEmpty())
        return shortened(flow.label);
    if (flow.port > 0)
        return flow.protocol.isEmpty() ? QString::number(flow.port)
                                       : QString::number(flow.port) + u'/' + flow.protocol;
    return flow.protocol;
}

/// Boundaries that hold at least one element (directly or in a nested boundary), outer
/// ones first, then by id; each with its parent among them ("" = root).
QList<GraphvizGraph::Cluster> clustersOf(const SystemModel &model)
{
    QSet<QString> used;
    for (const Element &e : model.elements)
        for (const QString &id : boundaryChain(model, e.boundary))
            used.insert(id);
    struct Entry
    {
        int depth;
        const TrustBoundary *boundary;
    };
    QList<Entry> entries;
    for (const TrustBoundary *b : sortedById(model.boundaries))
        if (used.contains(b->id)
            && !std::any_of(entries.cbegin(), entries.cend(),
                            [b](const Entry &x) { return x.boundary->id == b->id; }))
            entries.append({int(boundaryChain(model, b->id).size()), b});
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry &a, const Entry &b) { return a.depth < b.depth; });
    QList<GraphvizGraph::Cluster> clusters;
    for (const Entry &entry : entries) {
        const QStringList chain = boundaryChain(model, entry.boundary->id);
        clusters.append(
            {clusterName(entry.boundary->id),
             DiagramStyle::clusterCaption(entry.boundary->name, entry.boundary->internal),
             chain.size() > 1 ? clusterName(chain.at(1)) : QString()});
    }
    return clusters;
}

GraphvizGraph graphOf(const SystemModel &model)
{
    GraphvizGraph graph;
    graph.clusters = clustersOf(model);
    QSet<QString> nodeNames;
    for (const Element *e : sortedById(model.elements)) {
        if (nodeNames.contains(e->id))
            continue;
        nodeNames.insert(e->id);
        const QString shape = DiagramLayout::shapeName(e->kind);
        GraphvizGraph::Node node;
        node.name = e->id;
        node.label = e->name;
        node.shape = e->kind == system::ElementKind::DataStore ? QStringLiteral("cylinder")
                                                               : QStringLiteral("box");
        node.rounded = e->kind == system::ElementKind::Process;
        node.size = DiagramStyle::nodeSize(shape, e->name, e->role);
        node.cluster = model.boundary(e->boundary) ? clusterName(e->boundary) : QString();
        graph.nodes.append(node);
    }
    QSet<QString> edgeNames;
    for (const DataFlow *f : sortedById(model.flows)) {
        if (!nodeNames.contains(f->from) || !nodeNames.contains(f->to) || edgeNames.contains(f->id))
            continue;
        edgeNames.insert(f->id);
        graph.edges.append({f->id, f->from, f->to, edgeLabel(*f)});
    }
    return graph;
}

QPainterPath pathOf(const QList<QPointF> &bezier)
{
    QPainterPath path;
    if (bezier.isEmpty())
        return path;
    path.moveTo(bezier.first());
    for (qsizetype i = 1; i + 2 < bezier.size(); i += 3)
        path.cubicTo(bezier.at(i), bezier.at(i + 1), bezier.at(i + 2));
    return path;
}

} // namespace

QString DiagramLayout::shapeName(system::ElementKind kind)
{
    switch (kind) {
    case system::ElementKind::DataStore:
        return QStringLiteral("datastore");
    case system::ElementKind::ExternalEntity:
        return QStringLiteral("external");
    case system::ElementKind::Process:
        break;
    }
    return QStringLiteral("process");
}

QByteArray DiagramLayout::dotSource(const system::SystemModel &model)
{
    return GraphvizEngine::dotSource(graphOf(model));
}

Diagram DiagramLayout::compute(const system::SystemModel &model,
                               const QMap<QString, BadgeInfo> &badges, QString *error)
{
    const GraphvizGraph graph = graphOf(model);
    const std::optional<GraphvizLayout> geometry = GraphvizEngine::layout(graph, error);
    Diagram diagram;
    if (!geometry)
        return diagram;
    diagram.bounds = geometry->bounds;
    for (const GraphvizGraph::Node &n : graph.nodes) {
        const Element *e = model.element(n.name);
        DiagramNode node;
        node.elementId = e->id;
        node.label = e->name;
        node.shape = shapeName(e->kind);
        node.role = e->role;
        node.rect = geometry->nodes.value(n.name);
        if (const auto badge = badges.find(e->id); badge != badges.end()) {
            node.badge = badge->severity;
            node.openThreats = badge->openThreats;
        }
        diagram.nodes.append(node);
    }
    QHash<QString, const DataFlow *> flows;
    for (const DataFlow &f : model.flows)
        flows.insert(f.id, &f);
    for (const GraphvizGraph::Edge &e : graph.edges) {
        const DataFlow *flow = flows.value(e.name);
        const GraphvizLayout::Edge geo = geometry->edges.value(e.name);
        DiagramEdge edge;
        edge.flowId = e.name;
        edge.from = e.tail;
        edge.to = e.head;
        edge.label = e.label;
        edge.exposure = flow ? flow->exposure : QString();
        edge.path = pathOf(geo.bezier);
        edge.arrowTip = geo.arrowTip.value_or(geo.bezier.isEmpty() ? QPointF() : geo.bezier.last());
        if (geo.labelPos)
            edge.labelPos = *geo.labelPos;
        else if (!edge.path.isEmpty())
            edge.labelPos = edge.path.pointAtPercent(0.5);
        diagram.edges.append(edge);
    }
    QHash<QString, const TrustBoundary *> boundaries;
    for (const TrustBoundary &b : model.boundaries)
        if (!boundaries.contains(clusterName(b.id)))
            boundaries.insert(clusterName(b.id), &b);
    for (const GraphvizGraph::Cluster &c : graph.clusters) {
        const TrustBoundary *b = boundaries.value(c.name);
        DiagramCluster cluster;
        cluster.boundaryId = b->id;
        cluster.label = b->name;
        cluster.kind = b->kind;
        cluster.internal = b->internal;
        cluster.rect = geometry->clusters.value(c.name);
        cluster.labelPos = geometry->clusterLabels.value(c.name, cluster.rect.topLeft());
        diagram.clusters.append(cluster);
    }
    return diagram;
}

QMap<QString, BadgeInfo> DiagramLayout::badgesFor(const QList<threats::Threat> &threats)
{
    QMap<QString, BadgeInfo> badges;
    for (const threats::Threat &t : threats) {
        if (t.mitigatedByConfiguration())
            continue;
        BadgeInfo &b = badges[t.elementId];
        if (b.openThreats == 0 || t.severity > b.severity)
            b.severity = t.severity;
        ++b.openThreats;
    }
    return badges;
}

} // namespace threatdock::layout
