#include "layout/diagramlayout.h"
#include "layout/diagrampainter.h"
#include "layout/diagramstyle.h"
#include "layout/svgwriter.h"

#include <QImage>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>
#include <random>
#include <thread>
#include <vector>

using namespace threatdock;
using layout::Diagram;
using layout::DiagramLayout;
using system::ElementKind;

namespace {

system::Element element(const char *id, ElementKind kind, const char *name, const char *role,
                        const char *boundary)
{
    system::Element e;
    e.id = QString::fromUtf8(id);
    e.kind = kind;
    e.name = QString::fromUtf8(name);
    e.role = QString::fromUtf8(role);
    e.boundary = QString::fromUtf8(boundary);
    return e;
}

system::DataFlow flow(const char *from, const char *to, const char *label, const char *exposure)
{
    system::DataFlow f;
    f.from = QString::fromUtf8(from);
    f.to = QString::fromUtf8(to);
    f.id = QStringLiteral("flow:") + f.from + QStringLiteral("->") + f.to;
    f.label = QString::fromUtf8(label);
    f.exposure = QString::fromUtf8(exposure);
    return f;
}

system::TrustBoundary boundary(const char *id, const char *name, const char *kind,
                               const char *parent, bool internal = false)
{
    system::TrustBoundary b;
    b.id = QString::fromUtf8(id);
    b.name = QString::fromUtf8(name);
    b.kind = QString::fromUtf8(kind);
    b.parent = QString::fromUtf8(parent);
    b.internal = internal;
    return b;
}

/// A web shop: Internet → web → api → db, a local admin port, a volume, two networks
/// inside the host (the back one internal).
system::SystemModel shopModel()
{
    system::SystemModel m;
    m.projectName = QStringLiteral("shop");
    m.boundaries = {boundary("boundary:host", "Docker host", "host", ""),
                    boundary("network:front", "front", "network", "boundary:host"),
                    boundary("network:back", "back", "network", "boundary:host", true)};
    m.elements = {
        element("external:internet", ElementKind::ExternalEntity, "Internet / clients", "internet",
                ""),
        element("external:localhost", ElementKind::ExternalEntity, "Local clients", "localhost",
                ""),
        element("service:web", ElementKind::Process, "web", "proxy", "network:front"),
        element("service:api", ElementKind::Process, "api", "api", "network:back"),
        element("service:db", ElementKind::Process, "db", "database", "network:back"),
        element("datastore:db", ElementKind::DataStore, "db data", "database", "network:back"),
        element("volume:uploads", ElementKind::DataStore, "uploads", "volume", "boundary:host"),
    };
    m.flows = {flow("external:internet", "service:web", "8080→80/tcp", "internet"),
               flow("external:localhost", "service:api", "127.0.0.1:9000→9000/tcp", "host"),
               flow("service:web", "service:api", "http://api:9000", "internal"),
               flow("service:api", "service:db", "postgres://db:5432", "internal"),
               flow("service:db", "datastore:db", "rw /var/lib/postgresql/data", "internal"),
               flow("service:api", "volume:uploads", "rw /uploads", "internal")};
    return m;
}

qreal distance(QPointF p, const QRectF &r)
{
    const qreal dx = std::max({r.left() - p.x(), 0.0, p.x() - r.right()});
    const qreal dy = std::max({r.top() - p.y(), 0.0, p.y() - r.bottom()});
    return std::hypot(dx, dy);
}

const layout::DiagramCluster *cluster(const Diagram &d, const QString &id)
{
    for (const auto &c : d.clusters)
        if (c.boundaryId == id)
            return &c;
    return nullptr;
}

QString geometryText(const Diagram &d)
{
    QString s;
    QTextStream out(&s);
    out << d.bounds.x() << d.bounds.y() << d.bounds.width() << d.bounds.height() << '\n';
    for (const auto &n : d.nodes)
        out << n.elementId << n.rect.x() << ' ' << n.rect.y() << ' ' << n.rect.width() << '\n';
    for (const auto &e : d.edges) {
        out << e.flowId << e.labelPos.x() << ' ' << e.labelPos.y();
        for (int i = 0; i < e.path.elementCount(); ++i)
            out << ' ' << e.path.elementAt(i).x << ',' << e.path.elementAt(i).y;
        out << '\n';
    }
    for (const auto &c : d.clusters)
        out << c.boundaryId << c.rect.x() << ' ' << c.rect.y() << ' ' << c.rect.width() << ' '
            << c.rect.height() << '\n';
    return s;
}

} // namespace

class TestDiagramLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onePlacedNodePerElement()
    {
        const system::SystemModel m = shopModel();
        QString error;
        const Diagram d = DiagramLayout::compute(m, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(d.nodes.size(), m.elements.size());
        for (const system::Element &e : m.elements) {
            const layout::DiagramNode *n = d.node(e.id);
            QVERIFY2(n, qPrintable(e.id));
            QCOMPARE(n->label, e.name);
            QCOMPARE(n->role, e.role);
            QCOMPARE(n->shape, DiagramLayout::shapeName(e.kind));
            QVERIFY(n->rect.width() >= 90 && n->rect.height() >= 40);
            QVERIFY(d.bounds.contains(n->rect));
        }
        QCOMPARE(d.node(QStringLiteral("datastore:db"))->shape, QStringLiteral("datastore"));
        QCOMPARE(d.node(QStringLiteral("external:internet"))->shape, QStringLiteral("external"));
        QCOMPARE(d.node(QStringLiteral("service:api"))->shape, QStringLiteral("process"));
    }

    void nodesDoNotOverlap()
    {
        const Diagram d = DiagramLayout::compute(shopModel());
        for (qsizetype i = 0; i < d.nodes.size(); ++i)
            for (qsizetype j = i + 1; j < d.nodes.size(); ++j)
                QVERIFY2(!d.nodes.at(i).rect.intersects(d.nodes.at(j).rect),
                         qPrintable(d.nodes.at(i).elementId + u' ' + d.nodes.at(j).elementId));
    }

    void clustersContainTheirNodesAndNestedClusters()
    {
        const system::SystemModel m = shopModel();
        const Diagram d = DiagramLayout::compute(m);
        QCOMPARE(d.clusters.size(), 3);
        for (const system::Element &e : m.elements) {
            // The element's boundary and every enclosing one hold its box.
            for (const system::TrustBoundary *b = m.boundary(e.boundary); b;
                 b = m.boundary(b->parent)) {
                const layout::DiagramCluster *c = cluster(d, b->id);
                QVERIFY2(c, qPrintable(b->id));
                QVERIFY2(c->rect.contains(d.node(e.id)->rect), qPrintable(e.id + u' ' + b->id));
            }
        }
        const auto *host = cluster(d, QStringLiteral("boundary:host"));
        const auto *back = cluster(d, QStringLiteral("network:back"));
        const auto *front = cluster(d, QStringLiteral("network:front"));
        QVERIFY(host->rect.contains(back->rect));
        QVERIFY(host->rect.contains(front->rect));
        QVERIFY(!back->rect.intersects(front->rect));
        QVERIFY(back->internal);
        QCOMPARE(back->kind, QStringLiteral("network"));
        QCOMPARE(back->label, QStringLiteral("back"));
        QVERIFY(back->rect.contains(back->labelPos));
        // Nodes outside every boundary stay outside the host.
        QVERIFY(!host->rect.intersects(d.node(QStringLiteral("external:internet"))->rect));
    }

    void edgesRunBetweenTheirNodes()
    {
        const system::SystemModel m = shopModel();
        const Diagram d = DiagramLayout::compute(m);
        QCOMPARE(d.edges.size(), m.flows.size());
        for (const layout::DiagramEdge &e : d.edges) {
            QVERIFY2(!e.path.isEmpty(), qPrintable(e.flowId));
            const QRectF from = d.node(e.from)->rect;
            const QRectF to = d.node(e.to)->rect;
            const QPointF start = e.path.elementAt(0);
            QVERIFY2(distance(start, from) < 3, qPrintable(e.flowId));
            QVERIFY2(distance(e.arrowTip, to) < 3, qPrintable(e.flowId));
            QVERIFY2(distance(e.path.currentPosition(), to) < 15, qPrintable(e.flowId));
            QVERIFY(d.bounds.contains(e.labelPos));
        }
    }

    void edgesCarryLabelsAndExposure()
    {
        const system::SystemModel m = shopModel();
        const Diagram d = DiagramLayout::compute(m);
        for (const system::DataFlow &f : m.flows) {
            const auto it = std::find_if(d.edges.cbegin(), d.edges.cend(),
                                         [&f](const auto &e) { return e.flowId == f.id; });
            QVERIFY2(it != d.edges.cend(), qPrintable(f.id));
            QCOMPARE(it->label, f.label);
            QCOMPARE(it->exposure, f.exposure);
            QCOMPARE(it->from, f.from);
            QCOMPARE(it->to, f.to);
        }
        // Labels are placed apart from each other.
        for (qsizetype i = 0; i < d.edges.size(); ++i)
            for (qsizetype j = i + 1; j < d.edges.size(); ++j)
                QVERIFY(d.edges.at(i).labelPos != d.edges.at(j).labelPos);
    }

    void portAndProtocolWhenAFlowHasNoLabel()
    {
        system::SystemModel m = shopModel();
        m.flows[0].label.clear();
        m.flows[0].port = 443;
        m.flows[0].protocol = QStringLiteral("tcp");
        const Diagram d = DiagramLayout::compute(m);
        const auto it = std::find_if(d.edges.cbegin(), d.edges.cend(),
                                     [&m](const auto &e) { return e.flowId == m.flows[0].id; });
        QCOMPARE(it->label, QStringLiteral("443/tcp"));
    }

    void longLabelsAreShortenedInTheMiddle()
    {
        system::SystemModel m = shopModel();
        m.flows[0].label = QStringLiteral("rw ./logstash/pipeline/logstash-nginx.config:"
                                          "/usr/share/logstash/pipeline/logstash-nginx.config");
        const Diagram d = DiagramLayout::compute(m);
        const auto it = std::find_if(d.edges.cbegin(), d.edges.cend(),
                                     [&m](const auto &e) { return e.flowId == m.flows[0].id; });
        QCOMPARE(it->label.size(), 40);
        QVERIFY(it->label.startsWith(QStringLiteral("rw ./logstash/")));
        QVERIFY(it->label.endsWith(QStringLiteral("logstash-nginx.config")));
        QVERIFY(it->label.contains(QChar(0x2026)));
    }

    void deterministicWhateverTheInputOrder()
    {
        const system::SystemModel m = shopModel();
        const QString first = geometryText(DiagramLayout::compute(m));
        QCOMPARE(geometryText(DiagramLayout::compute(m)), first);
        system::SystemModel shuffled = m;
        std::mt19937 rng(7);
        std::shuffle(shuffled.elements.begin(), shuffled.elements.end(), rng);
        std::shuffle(shuffled.flows.begin(), shuffled.flows.end(), rng);
        std::shuffle(shuffled.boundaries.begin(), shuffled.boundaries.end(), rng);
        QCOMPARE(geometryText(DiagramLayout::compute(shuffled)), first);
        QCOMPARE(DiagramLayout::dotSource(shuffled), DiagramLayout::dotSource(m));
    }

    void badgesFromTheMap()
    {
        QMap<QString, layout::BadgeInfo> badges;
        badges.insert(QStringLiteral("service:api"), {rules::Severity::Critical, 4});
        badges.insert(QStringLiteral("unknown"), {rules::Severity::Low, 1});
        const Diagram d = DiagramLayout::compute(shopModel(), badges);
        const auto *api = d.node(QStringLiteral("service:api"));
        QCOMPARE(api->badge, std::optional(rules::Severity::Critical));
        QCOMPARE(api->openThreats, 4);
        QVERIFY(!d.node(QStringLiteral("service:web"))->badge);
        QCOMPARE(layout::DiagramStyle::badgeText({rules::Severity::Critical, 4}),
                 QStringLiteral("C 4"));
        QCOMPARE(layout::DiagramStyle::severityLetter(rules::Severity::Medium), QChar(u'M'));
    }

    void danglingFlowsAndUnknownBoundariesAreTolerated()
    {
        system::SystemModel m = shopModel();
        m.flows.append(flow("service:web", "service:gone", "x", "internal"));
        m.elements[2].boundary = QStringLiteral("network:unknown");
        m.boundaries.append(boundary("network:empty", "empty", "network", "boundary:host"));
        m.boundaries.append(boundary("loop:a", "a", "network", "loop:b"));
        m.boundaries.append(boundary("loop:b", "b", "network", "loop:a"));
        m.elements.append(element("service:looped", ElementKind::Process, "looped", "", "loop:a"));
        QString error;
        const Diagram d = DiagramLayout::compute(m, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(d.nodes.size(), m.elements.size());
        QCOMPARE(d.edges.size(), m.flows.size() - 1);
        QVERIFY(!cluster(d, QStringLiteral("network:empty")));
        QVERIFY(cluster(d, QStringLiteral("loop:a")));
    }

    void emptyModel()
    {
        QString error;
        const Diagram d = DiagramLayout::compute(system::SystemModel{}, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(d.nodes.isEmpty());
        QVERIFY(!layout::SvgWriter::write(d).isEmpty());
        QVERIFY(!layout::DiagramPainter::renderImage(d).isNull());
    }

    void dotSourceDescribesTheGraph()
    {
        const QByteArray dot = DiagramLayout::dotSource(shopModel());
        QVERIFY(dot.startsWith("digraph"));
        QVERIFY(dot.contains("rankdir=LR"));
        QVERIFY(dot.contains("\"cluster_network:back\""));
        QVERIFY(dot.contains("\"back (internal)\""));
        QVERIFY(dot.contains("cylinder"));
        QVERIFY(dot.contains("\"service:api\""));
        QVERIFY(dot.contains("postgres://db:5432"));
    }

    void concurrentLayoutsAgree()
    {
        const system::SystemModel m = shopModel();
        const QString expected = geometryText(DiagramLayout::compute(m));
        std::vector<QString> results(4);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < results.size(); ++i)
            threads.emplace_back(
                [&m, &results, i] { results[i] = geometryText(DiagramLayout::compute(m)); });
        for (std::thread &t : threads)
            t.join();
        for (const QString &r : results)
            QCOMPARE(r, expected);
    }

    void svgIsWellFormedWithOneShapeGroupPerElement()
    {
        QMap<QString, layout::BadgeInfo> badges;
        badges.insert(QStringLiteral("service:web"), {rules::Severity::High, 2});
        const system::SystemModel m = shopModel();
        const QByteArray svg = layout::SvgWriter::write(DiagramLayout::compute(m, badges));
        QXmlStreamReader xml(svg);
        QSet<QString> nodes;
        int edges = 0;
        int clusters = 0;
        int badgeCount = 0;
        int depthInNode = 0;
        int shapesInNode = 0;
        QString currentNode;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                const QString cls = xml.attributes().value(QStringLiteral("class")).toString();
                if (depthInNode > 0)
                    ++depthInNode;
                if (cls == u"node") {
                    currentNode = xml.attributes().value(QStringLiteral("data-element")).toString();
                    QVERIFY2(!nodes.contains(currentNode), qPrintable(currentNode));
                    nodes.insert(currentNode);
                    depthInNode = 1;
                    shapesInNode = 0;
                } else if (cls == u"shape") {
                    QVERIFY(depthInNode > 0);
                    ++shapesInNode;
                } else if (cls == u"edge") {
                    ++edges;
                } else if (cls == u"cluster") {
                    ++clusters;
                } else if (cls == u"badge") {
                    ++badgeCount;
                }
            } else if (xml.isEndElement() && depthInNode > 0 && --depthInNode == 0) {
                QCOMPARE(shapesInNode, 1);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(nodes.size(), m.elements.size());
        for (const system::Element &e : m.elements)
            QVERIFY(nodes.contains(e.id));
        QCOMPARE(edges, int(m.flows.size()));
        QCOMPARE(clusters, 3);
        QCOMPARE(badgeCount, 1);
        QVERIFY(svg.contains("Internet / clients"));
        QVERIFY(svg.contains("back (internal)"));
    }

    void pngIsADrawing()
    {
        QMap<QString, layout::BadgeInfo> badges;
        badges.insert(QStringLiteral("service:db"), {rules::Severity::Medium, 1});
        const Diagram d = DiagramLayout::compute(shopModel(), badges);
        const QByteArray png = layout::DiagramPainter::toPng(d);
        QVERIFY(png.startsWith("\x89PNG"));
        QImage image;
        QVERIFY(image.loadFromData(png, "PNG"));
        const QRectF area = layout::DiagramPainter::paintedRect(d);
        QCOMPARE(image.width(), qCeil(area.width() * 2));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
        // The Internet flow is drawn in its strong colour somewhere.
        const QRgb internet = layout::DiagramStyle::edgeColor(QStringLiteral("internet")).rgb();
        QVERIFY(colours.contains(internet));
    }

    void hugeImagesAreScaledDown()
    {
        Diagram d;
        d.bounds = QRectF(0, 0, 5000, 5000);
        const QImage image = layout::DiagramPainter::renderImage(d, 2.0);
        QVERIFY(qreal(image.width()) * image.height() <= 25e6);
    }
};

QTEST_MAIN(TestDiagramLayout)
#include "tst_diagramlayout.moc"
