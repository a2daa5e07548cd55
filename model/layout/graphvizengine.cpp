#include "graphvizengine.h"

#include <QMutex>
#include <QMutexLocker>
#include <QStringList>

#include <map>
#include <string>
#include <utility>

// Graphviz last: its headers define short macros (MIN, MAX, ROUND...).
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

namespace threatdock::layout {

namespace {

// Graphviz's accessors are C macros full of old-style casts; they are wrapped here,
// once, so that the rest of the file is plain C++.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
pointf nodeCoord(Agnode_t *n)
{
    return ND_coord(n);
}
QSizeF nodeSizePoints(Agnode_t *n)
{
    return {ND_width(n) * 72.0, ND_height(n) * 72.0};
}
const splines *edgeSplines(Agedge_t *e)
{
    return ED_spl(e);
}
const textlabel_t *edgeLabel(Agedge_t *e)
{
    return ED_label(e);
}
boxf graphBox(Agraph_t *g)
{
    return GD_bb(g);
}
const textlabel_t *graphLabel(Agraph_t *g)
{
    return GD_label(g);
}
#pragma GCC diagnostic pop

/// Serialises every use of Graphviz, which keeps global state (error buffers,
/// plugin tables, the layout's static variables).
QMutex &graphvizMutex()
{
    static QMutex mutex;
    return mutex;
}

/// Messages Graphviz reports while the mutex is held, instead of printing them.
QStringList &graphvizMessages()
{
    static QStringList messages;
    return messages;
}

int collectMessage(char *message)
{
    graphvizMessages().append(QString::fromUtf8(message).trimmed());
    return 0;
}

QByteArray inches(qreal points)
{
    return QByteArray::number(points / 72.0, 'f', 4);
}

void set(void *object, const char *name, const QByteArray &value)
{
    QByteArray n(name);
    QByteArray v(value);
    QByteArray empty;
    agsafeset(object, n.data(), v.data(), empty.data());
}

void set(void *object, const char *name, const QString &value)
{
    set(object, name, value.toUtf8());
}

/// Converts Graphviz points (y up) to ours (y down, origin top-left of the graph).
struct Flip
{
    boxf bb;
    QPointF operator()(pointf p) const { return {p.x - bb.LL.x, bb.UR.y - p.y}; }
    QRectF operator()(boxf b) const
    {
        return QRectF((*this)(pointf{b.LL.x, b.UR.y}), (*this)(pointf{b.UR.x, b.LL.y}));
    }
};

/// Object ids in creation order. Graphviz's default id discipline uses the address of
/// the interned name as the id of a named object, and keeps subgraphs ordered by id: the
/// cluster order (and with it the layout and the DOT text) would follow the heap. This
/// discipline numbers objects as they are created and keeps the names itself (cgraph's
/// own fallback name map is never freed), so the same graph always gives the same ids.
struct SequentialIds
{
    Agraph_t *graph = nullptr;
    IDTYPE next = 1;
    std::map<std::pair<int, std::string>, IDTYPE> byName;
    /// Interned with agstrdup: cgraph reads its reference-string header (HTML flag).
    std::map<IDTYPE, char *> names;
};

void *idOpen(Agraph_t *graph, Agdisc_t *)
{
    auto *ids = new SequentialIds;
    ids->graph = graph;
    return ids;
}

long idMap(void *state, int objtype, char *name, IDTYPE *id, int create)
{
    auto *ids = static_cast<SequentialIds *>(state);
    if (name) {
        const auto key = std::make_pair(objtype, std::string(name));
        if (const auto it = ids->byName.find(key); it != ids->byName.end()) {
            *id = it->second;
            return 1;
        }
        if (!create)
            return 0;
        ids->byName.emplace(key, ids->next);
        ids->names.emplace(ids->next, agstrdup(ids->graph, name));
    }
    *id = ids->next;
    ids->next += 2; // odd, as cgraph's own anonymous ids
    return 1;
}

long idAlloc(void *, int, IDTYPE)
{
    return 0;
}

void idFree(void *state, int objtype, IDTYPE id)
{
    auto *ids = static_cast<SequentialIds *>(state);
    const auto it = ids->names.find(id);
    if (it == ids->names.end())
        return;
    ids->byName.erase(std::make_pair(objtype, std::string(it->second)));
    agstrfree(ids->graph, it->second);
    ids->names.erase(it);
}

char *idPrint(void *state, int, IDTYPE id)
{
    auto *ids = static_cast<SequentialIds *>(state);
    const auto it = ids->names.find(id);
    return it == ids->names.end() ? nullptr : it->second;
}

void idClose(void *state)
{
    // Names still held are released with the graph's string dictionary.
    delete static_cast<SequentialIds *>(state);
}

void idRegister(void *, int, void *) { }

Agiddisc_t sequentialIdDisc{idOpen, idMap, idAlloc, idFree, idPrint, idClose, idRegister};

/// One Graphviz graph built from a GraphvizGraph; frees itself.
class GraphBuilder
{
public:
    GraphBuilder(const GraphvizGraph &graph, Agdisc_t *disc)
    {
        QByteArray name("threatdock");
        m_graph = agopen(name.data(), Agdirected, disc);
        setGraphAttributes();
        for (const GraphvizGraph::Cluster &c : graph.clusters)
            addCluster(c);
        for (const GraphvizGraph::Node &n : graph.nodes)
            addNode(n);
        for (const GraphvizGraph::Edge &e : graph.edges)
            addEdge(e);
    }
    ~GraphBuilder() { agclose(m_graph); }
    GraphBuilder(const GraphBuilder &) = delete;
    GraphBuilder &operator=(const GraphBuilder &) = delete;

    Agraph_t *graph() const { return m_graph; }
    const QMap<QString, Agnode_t *> &nodes() const { return m_nodes; }
    const QMap<QString, Agedge_t *> &edges() const { return m_edges; }
    const QMap<QString, Agraph_t *> &clusters() const { return m_clusters; }

private:
    void setGraphAttributes()
    {
        set(m_graph, "rankdir", QByteArray("LR"));
        set(m_graph, "ranksep", QByteArray("0.9"));
        set(m_graph, "nodesep", QByteArray("0.3"));
        set(m_graph, "fontname", QByteArray("DejaVu Sans"));
        set(m_graph, "fontsize", QByteArray("9"));
        set(m_graph, "labeljust", QByteArray("l"));
        set(m_graph, "margin", QByteArray("14"));
        set(m_graph, "mclimit", QByteArray("1.0"));
    }

    void addCluster(const GraphvizGraph::Cluster &c)
    {
        Agraph_t *parent = m_clusters.value(c.parent, m_graph);
        QByteArray name = c.name.toUtf8();
        Agraph_t *sub = agsubg(parent, name.data(), 1);
        set(sub, "label", c.label);
        set(sub, "style", QByteArray("dashed,rounded"));
        m_clusters.insert(c.name, sub);
    }

    void addNode(const GraphvizGraph::Node &n)
    {
        QByteArray name = n.name.toUtf8();
        Agnode_t *node = agnode(m_graph, name.data(), 1);
        set(node, "label", n.label);
        set(node, "shape", n.shape.toUtf8());
        set(node, "style", QByteArray(n.rounded ? "rounded" : "solid"));
        set(node, "fixedsize", QByteArray("true"));
        set(node, "width", inches(n.size.width()));
        set(node, "height", inches(n.size.height()));
        set(node, "fontname", QByteArray("DejaVu Sans"));
        set(node, "fontsize", QByteArray("10"));
        if (Agraph_t *cluster = m_clusters.value(n.cluster))
            agsubnode(cluster, node, 1);
        m_nodes.insert(n.name, node);
    }

    void addEdge(const GraphvizGraph::Edge &e)
    {
        Agnode_t *tail = m_nodes.value(e.tail);
        Agnode_t *head = m_nodes.value(e.head);
        if (!tail || !head)
            return;
        QByteArray name = e.name.toUtf8();
        Agedge_t *edge = agedge(m_graph, tail, head, name.data(), 1);
        if (!e.label.isEmpty()) {
            set(edge, "label", e.label);
            set(edge, "fontname", QByteArray("DejaVu Sans"));
            set(edge, "fontsize", QByteArray("7.5"));
        }
        m_edges.insert(e.name, edge);
    }

    Agraph_t *m_graph = nullptr;
    QMap<QString, Agnode_t *> m_nodes;
    QMap<QString, Agedge_t *> m_edges;
    QMap<QString, Agraph_t *> m_clusters;
};

GraphvizLayout::Edge readEdge(Agedge_t *e, const Flip &flip)
{
    GraphvizLayout::Edge out;
    if (const splines *spl = edgeSplines(e); spl && spl->size > 0) {
        const bezier &bz = spl->list[0];
        for (int i = 0; i < bz.size; ++i)
            out.bezier.append(flip(bz.list[i]));
        if (bz.eflag)
            out.arrowTip = flip(bz.ep);
        if (bz.sflag)
            out.arrowTail = flip(bz.sp);
    }
    if (const textlabel_t *label = edgeLabel(e); label && label->set)
        out.labelPos = flip(label->pos);
    return out;
}

GraphvizLayout readLayout(const GraphBuilder &built)
{
    GraphvizLayout out;
    const Flip flip{graphBox(built.graph())};
    out.bounds = flip(flip.bb);
    for (auto it = built.nodes().cbegin(); it != built.nodes().cend(); ++it) {
        const QSizeF size = nodeSizePoints(it.value());
        const QPointF centre = flip(nodeCoord(it.value()));
        out.nodes.insert(it.key(), QRectF(centre - QPointF(size.width(), size.height()) / 2, size));
    }
    for (auto it = built.edges().cbegin(); it != built.edges().cend(); ++it)
        out.edges.insert(it.key(), readEdge(it.value(), flip));
    for (auto it = built.clusters().cbegin(); it != built.clusters().cend(); ++it) {
        out.clusters.insert(it.key(), flip(graphBox(it.value())));
        if (const textlabel_t *label = graphLabel(it.value()))
            out.clusterLabels.insert(it.key(), flip(label->pos));
    }
    return out;
}

int appendToBuffer(void *chan, const char *str)
{
    static_cast<QByteArray *>(chan)->append(str);
    return 0;
}

int flushNothing(void *)
{
    return 0;
}

} // namespace

std::optional<GraphvizLayout> GraphvizEngine::layout(const GraphvizGraph &graph, QString *error)
{
    QMutexLocker lock(&graphvizMutex());
    graphvizMessages().clear();
    agseterr(AGWARN);
    const agusererrf previous = agseterrf(collectMessage);
    agreseterrors();

    // One context for the life of the process: Graphviz 2.42's pango plugin caches a
    // pointer to the font name that the context's font dictionary owns, so freeing a
    // context and laying out again reads freed memory (found by AddressSanitizer).
    static GVC_t *const gvc = gvContext();
    std::optional<GraphvizLayout> result;
    {
        Agdisc_t disc{&AgMemDisc, &sequentialIdDisc, &AgIoDisc};
        GraphBuilder built(graph, &disc);
        if (gvLayout(gvc, built.graph(), "dot") == 0) {
            result = readLayout(built);
            gvFreeLayout(gvc, built.graph());
        }
    }
    agseterrf(previous);
    if (!result && error) {
        *error = graphvizMessages().isEmpty()
            ? QStringLiteral("Graphviz could not lay out the diagram")
            : QStringLiteral("Graphviz: ") + graphvizMessages().join(u' ');
    }
    return result;
}

QByteArray GraphvizEngine::dotSource(const GraphvizGraph &graph)
{
    QMutexLocker lock(&graphvizMutex());
    graphvizMessages().clear();
    const agusererrf previous = agseterrf(collectMessage);
    Agiodisc_t io{AgIoDisc.afread, appendToBuffer, flushNothing};
    Agdisc_t disc{&AgMemDisc, &sequentialIdDisc, &io};
    QByteArray dot;
    {
        GraphBuilder built(graph, &disc);
        agwrite(built.graph(), &dot);
    }
    agseterrf(previous);
    return dot;
}

} // namespace threatdock::layout
