#include "diagramview.h"

#include "diagramclusteritem.h"
#include "diagramedgeitem.h"
#include "diagramnodeitem.h"
#include "diagramtooltip.h"
#include "sceneimagewriter.h"
#include "threattally.h"
#include "zoomoverlay.h"

#include "document/reviewdocument.h"
#include "layout/diagrampainter.h"
#include "layout/diagramstyle.h"

#include <QApplication>
#include <QGraphicsScene>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <QtMath>

#include <algorithm>

namespace threatdock::views {

namespace {

constexpr qreal zoomStep = 1.25;
/// A wheel notch (120 eighths of a degree) zooms by 2^(1/4), about 19 %.
constexpr qreal wheelNotchesPerDoubling = 4 * 120;
constexpr int overlayMargin = 8;
constexpr int fitMargin = 12; ///< pixels left free around a fitted diagram

enum class ZoomKey { None, In, Out, Fit };

ZoomKey zoomKeyOf(const QKeyEvent &event)
{
    const bool ctrl = event.modifiers().testFlag(Qt::ControlModifier);
    if (event.matches(QKeySequence::ZoomIn)
        || (ctrl && (event.key() == Qt::Key_Equal || event.key() == Qt::Key_Plus)))
        return ZoomKey::In;
    if (event.matches(QKeySequence::ZoomOut) || (ctrl && event.key() == Qt::Key_Minus))
        return ZoomKey::Out;
    if (ctrl && event.key() == Qt::Key_0)
        return ZoomKey::Fit;
    return ZoomKey::None;
}

bool isPlainSpace(const QKeyEvent &event)
{
    return event.key() == Qt::Key_Space && event.modifiers() == Qt::NoModifier;
}

} // namespace

DiagramView::DiagramView(ReviewDocument *document, QWidget *parent)
    : QGraphicsView(parent)
    , m_document(document)
    , m_scene(new QGraphicsScene(this))
    , m_overlay(new ZoomOverlay(this))
    , m_look(DiagramLook::forPalette(palette()))
{
    setObjectName(QStringLiteral("diagramView"));
    setAccessibleName(tr("Architecture diagram"));
    setScene(m_scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                   | QPainter::SmoothPixmapTransform);
    // Navigation is by dragging, the wheel and the keys; scroll bars would only take room.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setDragMode(QGraphicsView::NoDrag);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setBackgroundBrush(m_look.background());

    connect(m_overlay, &ZoomOverlay::zoomInRequested, this, &DiagramView::zoomIn);
    connect(m_overlay, &ZoomOverlay::zoomOutRequested, this, &DiagramView::zoomOut);
    connect(m_overlay, &ZoomOverlay::fitRequested, this, &DiagramView::fitToView);

    connect(m_document, &ReviewDocument::analysisChanged, this, &DiagramView::rebuild);
    connect(m_document, &ReviewDocument::decisionChanged, this, &DiagramView::updateBadgesOf);
    connect(m_document, &ReviewDocument::filterChanged, this, &DiagramView::updateBadges);
    connect(m_document, &ReviewDocument::selectionChanged, this, &DiagramView::showSelection);
    connect(m_document, &ReviewDocument::currentThreatChanged, this,
            &DiagramView::updateHighlights);
    if (m_document->hasAnalysis())
        rebuild();
    placeOverlay();
}

DiagramView::~DiagramView() = default;

// ---- Building the scene from the document --------------------------------------------

void DiagramView::rebuild()
{
    endPan();
    m_scene->clear();
    m_nodes.clear();
    m_edges.clear();
    m_clusters.clear();
    const layout::Diagram &diagram = m_document->diagram();
    QList<const layout::DiagramCluster *> clusters;
    for (const layout::DiagramCluster &c : diagram.clusters)
        clusters << &c;
    // Outer boundaries below nested ones.
    std::stable_sort(clusters.begin(), clusters.end(), [](const auto *a, const auto *b) {
        return a->rect.width() * a->rect.height() > b->rect.width() * b->rect.height();
    });
    for (qsizetype i = 0; i < clusters.size(); ++i) {
        auto *item = new DiagramClusterItem(*clusters.at(i), &m_look,
                                            qreal(i) / qreal(clusters.size() + 1));
        m_scene->addItem(item);
        m_clusters << item;
    }
    for (const layout::DiagramEdge &e : diagram.edges) {
        auto *item = new DiagramEdgeItem(e, &m_look);
        m_scene->addItem(item);
        m_edges.insert(e.flowId, item);
    }
    for (const layout::DiagramNode &n : diagram.nodes) {
        auto *item = new DiagramNodeItem(n, &m_look);
        m_scene->addItem(item);
        m_nodes.insert(n.elementId, item);
    }
    updateBadges();
    updateHighlights();
    // Room around the diagram so that it can be panned to any edge of the view.
    const QRectF content = contentRect();
    const qreal room = std::max({content.width(), content.height(), 600.0});
    m_scene->setSceneRect(content.adjusted(-room, -room, room, room));
    if (m_autoFit)
        fitToView();
}

QRectF DiagramView::contentRect() const
{
    const layout::Diagram &diagram = m_document->diagram();
    QRectF rect = diagram.nodes.isEmpty() ? QRectF() : layout::DiagramPainter::paintedRect(diagram);
    for (const DiagramNodeItem *n : m_nodes)
        rect = rect.united(n->sceneBoundingRect());
    return rect;
}

void DiagramView::updateBadges()
{
    const bool filtering = ThreatTally::filterActive(*m_document);
    const QHash<QString, ThreatTally> tallies = ThreatTally::ofAll(*m_document);
    for (DiagramNodeItem *node : std::as_const(m_nodes))
        showTally(node, tallies.value(node->elementId()), filtering);
    // After the nodes: a flow's look depends on its ends.
    for (DiagramEdgeItem *edge : std::as_const(m_edges))
        showTally(edge, tallies.value(edge->flowId()), filtering);
}

void DiagramView::updateBadgesOf(const QString &threatId)
{
    const threats::Threat *threat = m_document->threat(threatId);
    if (!threat)
        return;
    const QString &id = threat->elementId;
    const bool filtering = ThreatTally::filterActive(*m_document);
    if (DiagramNodeItem *node = m_nodes.value(id))
        showTally(node, ThreatTally::of(*m_document, id), filtering);
    for (DiagramEdgeItem *edge : std::as_const(m_edges)) {
        const layout::DiagramEdge &e = edge->edge();
        if (e.flowId == id || e.from == id || e.to == id)
            showTally(edge, ThreatTally::of(*m_document, e.flowId), filtering);
    }
}

void DiagramView::showTally(DiagramNodeItem *node, const ThreatTally &tally, bool filtering)
{
    node->setBadge(tally.open, tally.worstOpen);
    node->setDimmed(filtering && tally.passingFilter == 0);
}

void DiagramView::showTally(DiagramEdgeItem *edge, const ThreatTally &tally, bool filtering)
{
    const layout::DiagramEdge &e = edge->edge();
    const DiagramNodeItem *source = m_nodes.value(e.from);
    const DiagramNodeItem *target = m_nodes.value(e.to);
    // A flow from the Internet takes the colour of the worst open threat it leads to.
    QColor accent;
    if (e.exposure == u"internet" && target && target->badgeSeverity())
        accent = layout::DiagramStyle::severityColor(*target->badgeSeverity());
    edge->setAccent(accent);
    const bool endsDimmed = (!source || source->isDimmed()) && (!target || target->isDimmed());
    edge->setDimmed(filtering && endsDimmed && tally.passingFilter == 0);
}

void DiagramView::updateHighlights()
{
    const threats::Threat *current = m_document->threat(m_document->currentThreat());
    m_currentElement = current ? current->elementId : QString();
    const QString selected = m_document->selectedElement();
    for (DiagramNodeItem *node : std::as_const(m_nodes)) {
        node->setSelectedElement(node->elementId() == selected);
        node->setCurrent(node->elementId() == m_currentElement);
    }
    for (DiagramEdgeItem *edge : std::as_const(m_edges))
        edge->setCurrent(edge->flowId() == m_currentElement);
}

void DiagramView::showSelection(const QString &elementId)
{
    updateHighlights();
    const DiagramNodeItem *node = m_nodes.value(elementId);
    if (!node)
        return;
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    if (!visible.contains(node->sceneBoundingRect()))
        centerOn(node);
}

void DiagramView::applyLook(const DiagramLook &look)
{
    m_look = look;
    setBackgroundBrush(m_look.background());
    for (DiagramClusterItem *c : std::as_const(m_clusters))
        c->lookChanged();
    for (DiagramEdgeItem *e : std::as_const(m_edges))
        e->lookChanged();
    for (DiagramNodeItem *n : std::as_const(m_nodes))
        n->lookChanged();
}

void DiagramView::setPresentationMode(bool on)
{
    m_presentation = on;
    DiagramLook look = m_look;
    look.setPresentation(on);
    applyLook(look);
    fitToView();
}

// ---- Zoom -------------------------------------------------------------------------------

qreal DiagramView::zoomFactor() const
{
    return transform().m11();
}

void DiagramView::zoomTo(qreal factor, const QPointF &viewportAnchor)
{
    factor = std::clamp(factor, minimumZoom, maximumZoom);
    if (qFuzzyCompare(factor, zoomFactor()))
        return;
    // Keep the scene point under the anchor where it is.
    const QPointF sceneAnchor = viewportTransform().inverted().map(viewportAnchor);
    setTransform(QTransform::fromScale(factor, factor));
    const QPointF viewCentre = QRectF(viewport()->rect()).center();
    centerOn(sceneAnchor + (viewCentre - viewportAnchor) / factor);
    m_overlay->setZoom(factor);
    Q_EMIT zoomChanged(factor);
}

void DiagramView::zoomIn()
{
    m_autoFit = false;
    zoomTo(zoomFactor() * zoomStep, QRectF(viewport()->rect()).center());
}

void DiagramView::zoomOut()
{
    m_autoFit = false;
    zoomTo(zoomFactor() / zoomStep, QRectF(viewport()->rect()).center());
}

void DiagramView::fitToView()
{
    m_autoFit = true;
    const QRectF content = contentRect();
    const QRectF room
        = QRectF(viewport()->rect()).adjusted(fitMargin, fitMargin, -fitMargin, -fitMargin);
    qreal factor = 1.0;
    if (!content.isEmpty() && !room.isEmpty()) {
        const qreal largest = m_presentation ? maximumZoom : maximumFitZoom;
        factor
            = std::clamp(std::min(room.width() / content.width(), room.height() / content.height()),
                         minimumZoom, largest);
    }
    setTransform(QTransform::fromScale(factor, factor));
    centerOn(content.center());
    m_overlay->setZoom(factor);
    Q_EMIT zoomChanged(factor);
}

// ---- Input ------------------------------------------------------------------------------

bool DiagramView::event(QEvent *event)
{
    // Our zoom keys and Space win over window shortcuts while the diagram has the focus.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (zoomKeyOf(*key) != ZoomKey::None || isPlainSpace(*key)) {
            event->accept();
            return true;
        }
    }
    return QGraphicsView::event(event);
}

bool DiagramView::viewportEvent(QEvent *event)
{
    // Hover texts are written when asked for, so they always tell the current decisions.
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QGraphicsView::viewportEvent(event);
}

QString DiagramView::toolTipAt(const QPoint &viewportPos) const
{
    for (QGraphicsItem *item : items(viewportPos)) {
        if (const auto *node = qgraphicsitem_cast<DiagramNodeItem *>(item))
            return DiagramToolTip::forElement(*m_document, node->elementId());
        if (const auto *edge = qgraphicsitem_cast<DiagramEdgeItem *>(item))
            return DiagramToolTip::forFlow(*m_document, edge->flowId());
    }
    return {};
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    m_autoFit = false;
    zoomTo(zoomFactor() * std::pow(2.0, delta / wheelNotchesPerDoubling), event->position());
    event->accept();
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    switch (zoomKeyOf(*event)) {
    case ZoomKey::In:
        zoomIn();
        return;
    case ZoomKey::Out:
        zoomOut();
        return;
    case ZoomKey::Fit:
        fitToView();
        return;
    case ZoomKey::None:
        break;
    }
    if (isPlainSpace(*event)) {
        if (!event->isAutoRepeat() && !m_panning) {
            m_spaceHeld = true;
            viewport()->setCursor(Qt::OpenHandCursor);
        }
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        if (!m_panning)
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::focusOutEvent(QFocusEvent *event)
{
    m_spaceHeld = false;
    endPan();
    QGraphicsView::focusOutEvent(event);
}

DiagramNodeItem *DiagramView::nodeItemAt(const QPoint &viewportPos) const
{
    for (QGraphicsItem *item : items(viewportPos))
        if (auto *node = qgraphicsitem_cast<DiagramNodeItem *>(item))
            return node;
    return nullptr;
}

void DiagramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    event->accept();
    if (!m_spaceHeld) {
        if (const DiagramNodeItem *node = nodeItemAt(pos)) {
            m_document->selectElement(node->elementId());
            return;
        }
    }
    // The background (or anything, with Space held): a drag pans, a click clears.
    m_panning = true;
    m_panBySpace = m_spaceHeld;
    m_panMoved = false;
    m_panOrigin = pos;
    m_panLast = pos;
    if (m_panBySpace)
        viewport()->setCursor(Qt::ClosedHandCursor);
}

void DiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_panning) {
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    const QPoint delta = pos - m_panLast;
    m_panLast = pos;
    if (!m_panMoved && (pos - m_panOrigin).manhattanLength() >= QApplication::startDragDistance()) {
        m_panMoved = true;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    event->accept();
}

void DiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_panning || event->button() != Qt::LeftButton) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    const bool backgroundClick = !m_panMoved && !m_panBySpace;
    endPan();
    if (backgroundClick)
        m_document->selectElement(QString());
    event->accept();
}

void DiagramView::endPan()
{
    if (!m_panning)
        return;
    m_panning = false;
    if (m_spaceHeld)
        viewport()->setCursor(Qt::OpenHandCursor);
    else
        viewport()->unsetCursor();
}

void DiagramView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && !m_spaceHeld) {
        if (const DiagramNodeItem *node = nodeItemAt(event->position().toPoint())) {
            // Some platforms send no press before a double-click: it selects too.
            m_document->selectElement(node->elementId());
            Q_EMIT elementActivated(node->elementId());
            event->accept();
            return;
        }
    }
    event->accept();
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeOverlay();
    if (m_autoFit)
        fitToView();
}

void DiagramView::changeEvent(QEvent *event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        DiagramLook look = DiagramLook::forPalette(palette());
        look.setPresentation(m_presentation);
        applyLook(look);
    }
}

void DiagramView::placeOverlay()
{
    m_overlay->adjustSize();
    const QRect area = viewport()->geometry();
    m_overlay->move(area.right() - m_overlay->width() - overlayMargin + 1,
                    area.top() + overlayMargin);
    m_overlay->raise();
}

// ---- Export -----------------------------------------------------------------------------

bool DiagramView::exportImage(const QString &path, QString *error)
{
    if (!SceneImageWriter::knowsFormatOf(path)) // the writer's message names the formats
        return SceneImageWriter::write(*m_scene, {}, path, {}, error);
    if (m_nodes.isEmpty()) {
        if (error)
            *error = tr("%1: there is no diagram to export yet").arg(path);
        return false;
    }
    // Exports look like the CLI's and the report's: the light look on white, with the
    // review's badges but without the on-screen selection.
    const DiagramLook shown = m_look;
    DiagramLook exported = DiagramLook::light();
    exported.setPresentation(false);
    applyLook(exported);
    for (DiagramNodeItem *node : std::as_const(m_nodes)) {
        node->setSelectedElement(false);
        node->setCurrent(false);
    }
    for (DiagramEdgeItem *edge : std::as_const(m_edges))
        edge->setCurrent(false);
    const QString title = tr("%1 — architecture").arg(m_document->report().project.name);
    const bool ok = SceneImageWriter::write(*m_scene, contentRect(), path, title, error);
    applyLook(shown);
    updateHighlights();
    return ok;
}

// ---- What is on screen ------------------------------------------------------------------

QStringList DiagramView::nodeIds() const
{
    QStringList ids = m_nodes.keys();
    ids.sort();
    return ids;
}

QStringList DiagramView::flowIds() const
{
    QStringList ids = m_edges.keys();
    ids.sort();
    return ids;
}

DiagramNodeItem *DiagramView::nodeItem(const QString &elementId) const
{
    return m_nodes.value(elementId);
}

DiagramEdgeItem *DiagramView::edgeItem(const QString &flowId) const
{
    return m_edges.value(flowId);
}

QPoint DiagramView::nodeViewportCenter(const QString &elementId) const
{
    const DiagramNodeItem *node = m_nodes.value(elementId);
    return node ? mapFromScene(node->node().rect.center()) : QPoint();
}

int DiagramView::badgeCount(const QString &elementId) const
{
    const DiagramNodeItem *node = m_nodes.value(elementId);
    return node ? node->badgeCount() : 0;
}

bool DiagramView::isDimmed(const QString &elementId) const
{
    const DiagramNodeItem *node = m_nodes.value(elementId);
    return node && node->isDimmed();
}

QString DiagramView::highlightedElement() const
{
    for (const DiagramNodeItem *node : m_nodes)
        if (node->isSelectedElement())
            return node->elementId();
    return {};
}

QString DiagramView::currentElement() const
{
    return m_currentElement;
}

} // namespace threatdock::views
