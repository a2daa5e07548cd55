#pragma once

#include "diagramlook.h"

#include <QGraphicsView>
#include <QHash>
#include <QPoint>
#include <QString>
#include <QStringList>

namespace threatdock::views {

class DiagramClusterItem;
class DiagramEdgeItem;
class DiagramNodeItem;
class ReviewDocument;
class ZoomOverlay;
struct ThreatTally;

/// The Architecture view: the document's laid-out diagram (layout::Diagram from
/// Graphviz) drawn with data-flow conventions, with a badge of open threats on every
/// element, kept in step with the document's decisions, filters and shared selection.
///
/// - Click an element to select it everywhere, click the background to clear; the
///   selected element is outlined (and brought into view), the walkthrough's current
///   element has an amber halo; double-click emits elementActivated().
/// - Wheel zooms around the pointer; Ctrl+= / Ctrl++ / Ctrl+- zoom, Ctrl+0 fits; drag
///   the background (or anything with Space held) to pan; an overlay has the same.
/// - The scene only draws the document: it holds no state of its own that a save needs.
class DiagramView final : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagramView)

public:
    static constexpr qreal minimumZoom = 0.1;
    static constexpr qreal maximumZoom = 8.0;
    /// Fitting never magnifies a small diagram beyond this (presentation mode does).
    static constexpr qreal maximumFitZoom = 2.0;

    explicit DiagramView(ReviewDocument *document, QWidget *parent = nullptr);
    ~DiagramView() override;

    /// Writes the diagram as it is now (badges of the review) to path: PNG at twice the
    /// diagram's size or SVG, by extension, in the light look on white like every
    /// export. On failure returns false and error names the file and the reason.
    bool exportImage(const QString &path, QString *error = nullptr);

    /// For the projector: thicker strokes, larger labels, and the diagram fitted.
    void setPresentationMode(bool on);
    bool isPresentationMode() const { return m_presentation; }

    // ---- What is on screen (for tests and other views) ----------------------------
    QStringList nodeIds() const;
    QStringList flowIds() const;
    /// Where an element's node is in viewport coordinates (a null point when none).
    QPoint nodeViewportCenter(const QString &elementId) const;
    /// The number on the element's badge (0: no badge).
    int badgeCount(const QString &elementId) const;
    bool isDimmed(const QString &elementId) const;
    /// The hover text of the element or flow at a viewport point ("" over nothing).
    QString toolTipAt(const QPoint &viewportPos) const;
    /// The element drawn as selected, and the one with the walkthrough's halo.
    QString highlightedElement() const;
    QString currentElement() const;
    qreal zoomFactor() const;
    /// The colours and sizes the view draws with now.
    const DiagramLook &look() const { return m_look; }
    DiagramNodeItem *nodeItem(const QString &elementId) const;
    DiagramEdgeItem *edgeItem(const QString &flowId) const;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    /// The whole diagram in the view (and it stays fitted when the view is resized until
    /// the user zooms).
    void fitToView();

Q_SIGNALS:
    /// An element was double-clicked (e.g. to open its threats).
    void elementActivated(const QString &elementId);
    void zoomChanged(qreal factor);

protected:
    bool event(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void updateBadges();
    void updateBadgesOf(const QString &threatId);
    void showTally(DiagramNodeItem *node, const ThreatTally &tally, bool filtering);
    void showTally(DiagramEdgeItem *edge, const ThreatTally &tally, bool filtering);
    void updateHighlights();
    void showSelection(const QString &elementId);
    void applyLook(const DiagramLook &look);
    void zoomTo(qreal factor, const QPointF &viewportAnchor);
    void placeOverlay();
    void endPan();
    QRectF contentRect() const;
    DiagramNodeItem *nodeItemAt(const QPoint &viewportPos) const;

    ReviewDocument *m_document;
    QGraphicsScene *m_scene;
    ZoomOverlay *m_overlay;
    DiagramLook m_look;
    QHash<QString, DiagramNodeItem *> m_nodes;
    QHash<QString, DiagramEdgeItem *> m_edges;
    QList<DiagramClusterItem *> m_clusters;
    QString m_currentElement;
    bool m_presentation = false;
    bool m_autoFit = true;
    bool m_spaceHeld = false;
    bool m_panning = false;
    bool m_panMoved = false;
    bool m_panBySpace = false;
    QPoint m_panOrigin;
    QPoint m_panLast;
};

} // namespace threatdock::views
