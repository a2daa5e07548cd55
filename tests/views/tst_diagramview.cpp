// The architecture view on the analysed sample, with real clicks, keys and wheel events
// on the viewport (offscreen platform), a real review file and real Graphviz layout.

#include "testsupport.h"
#include "views/documentfixture.h"

#include "diagram/diagramedgeitem.h"
#include "diagram/diagramlook.h"
#include "diagram/diagramnodeitem.h"
#include "diagram/diagramview.h"
#include "diagram/zoomoverlay.h"

#include "document/reviewdocument.h"
#include "layout/diagramstyle.h"

#include <QApplication>
#include <QGraphicsScene>
#include <QHelpEvent>
#include <QImage>
#include <QMouseEvent>
#include <QSet>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QToolButton>
#include <QToolTip>
#include <QUndoStack>
#include <QWheelEvent>

#include <cmath>
#include <memory>

using threatdock::layout::DiagramStyle;
using threatdock::review::DecisionStatus;
using threatdock::rules::Severity;
using threatdock::views::DiagramEdgeItem;
using threatdock::views::DiagramNodeItem;
using threatdock::views::DiagramView;
using threatdock::views::ReviewDocument;

namespace {

const QString api = QStringLiteral("service:api");
const QString redis = QStringLiteral("service:redis");

/// Open threats of an element passing the document's filters, counted from the
/// document's threats and decisions (what the badge must say).
int expectedBadge(const ReviewDocument &document, const QString &elementId)
{
    int count = 0;
    for (const auto &t : document.report().threats)
        if (t.elementId == elementId && document.passesFilter(t)
            && document.decision(t.id).status == DecisionStatus::Open
            && !t.mitigatedByConfiguration())
            ++count;
    return count;
}

bool hasThreatPassingFilter(const ReviewDocument &document, const QString &elementId)
{
    for (const auto &t : document.report().threats)
        if (t.elementId == elementId && document.passesFilter(t))
            return true;
    return false;
}

qreal luminance(const QColor &c)
{
    const auto channel
        = [](qreal v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

qreal contrast(const QColor &a, const QColor &b)
{
    const qreal x = luminance(a);
    const qreal y = luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

QSet<QRgb> colours(const QImage &image)
{
    QSet<QRgb> set;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            set.insert(image.pixel(x, y));
    return set;
}

/// How many items of a type (DiagramNodeItem::Type...) the view's scene holds.
int itemsOfType(const DiagramView &view, int type)
{
    int count = 0;
    for (const QGraphicsItem *item : view.scene()->items())
        count += item->type() == type ? 1 : 0;
    return count;
}

void sendWheel(DiagramView &view, const QPoint &pos, int delta)
{
    QWheelEvent event(pos, view.viewport()->mapToGlobal(pos), QPoint(), QPoint(0, delta),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &event);
}

void sendMove(DiagramView &view, const QPoint &pos)
{
    QMouseEvent event(QEvent::MouseMove, pos, view.viewport()->mapToGlobal(pos), Qt::NoButton,
                      Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view.viewport(), &event);
}

} // namespace

class TestDiagramView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void oneNodePerLaidOutElement();
    void oneEdgePerLaidOutFlow();
    void clickSelectsAndBackgroundClears();
    void documentSelectionHighlightsAndCentres();
    void walkthroughElementHasItsOwnHighlight();
    void doubleClickActivates();
    void decisionLowersBadgeAndUndoRestoresIt();
    void internetFlowTakesTheTargetsSeverity();
    void keysZoomAndCtrlZeroFits();
    void zoomStaysWithinLimits();
    void wheelZoomsAroundThePointer();
    void overlayButtonsZoomAndFit();
    void dragOnBackgroundPans();
    void spaceDragPansOverANode();
    void strideFilterChangesBadgesAndDims();
    void severityFilterChangesBadges();
    void exportsPng();
    void exportsSvg();
    void exportErrorsNameTheFile();
    void tooltipsDescribeElementsAndFlows();
    void tooltipFollowsDecisions();
    void presentationModeEnlargesAndFits();
    void darkPaletteStaysReadable();
    void reanalysisRebuildsTheScene();
    void startsEmptyAndShowsTheFirstAnalysis();

private:
    QPoint backgroundPoint() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ReviewDocument> m_document;
    std::unique_ptr<DiagramView> m_view;
};

void TestDiagramView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestDiagramView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_document = threatdock::testing::makeDocument(*m_dir);
    QVERIFY(m_document);
    m_view = std::make_unique<DiagramView>(m_document.get());
    m_view->resize(1000, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->setFocus();
}

void TestDiagramView::cleanup()
{
    m_view.reset();
    m_document.reset();
    m_dir.reset();
}

/// A viewport point over no element, flow or boundary (the margin around the diagram).
QPoint TestDiagramView::backgroundPoint() const
{
    const QRect area = m_view->viewport()->rect();
    for (int y = area.bottom() - 2; y > 0; y -= 7)
        for (int x = 2; x < area.right(); x += 7)
            if (m_view->items(QPoint(x, y)).isEmpty())
                return QPoint(x, y);
    return QPoint(-1, -1);
}

void TestDiagramView::oneNodePerLaidOutElement()
{
    const auto &diagram = m_document->diagram();
    QStringList laidOut;
    for (const auto &n : diagram.nodes)
        laidOut << n.elementId;
    laidOut.sort();
    QVERIFY(!laidOut.isEmpty());
    QCOMPARE(m_view->nodeIds(), laidOut);
    // Every node stands for an element of the system model, and every element the
    // diagram lays out has exactly one item.
    QStringList modelElements;
    for (const auto &e : m_document->report().systemModel.elements)
        if (diagram.node(e.id))
            modelElements << e.id;
    modelElements.sort();
    QCOMPARE(m_view->nodeIds(), modelElements);
    QCOMPARE(itemsOfType(*m_view, DiagramNodeItem::Type), int(diagram.nodes.size()));
    QVERIFY(m_view->nodeIds().contains(api));
    QVERIFY(m_view->nodeIds().contains(redis));
    QVERIFY(m_view->nodeIds().contains(QStringLiteral("external:internet")));
    // Shapes follow the element kinds.
    QCOMPARE(m_view->nodeItem(api)->node().shape, QStringLiteral("process"));
    QCOMPARE(m_view->nodeItem(QStringLiteral("external:internet"))->node().shape,
             QStringLiteral("external"));
}

void TestDiagramView::oneEdgePerLaidOutFlow()
{
    const auto &diagram = m_document->diagram();
    QStringList laidOut;
    for (const auto &e : diagram.edges)
        laidOut << e.flowId;
    laidOut.sort();
    QVERIFY(laidOut.size() >= 2);
    QCOMPARE(m_view->flowIds(), laidOut);
    QCOMPARE(itemsOfType(*m_view, DiagramEdgeItem::Type), int(diagram.edges.size()));
    for (const QString &id : laidOut) {
        bool inModel = false;
        for (const auto &f : m_document->report().systemModel.flows)
            inModel = inModel || f.id == id;
        QVERIFY2(inModel, qPrintable(id));
    }
}

void TestDiagramView::clickSelectsAndBackgroundClears()
{
    QSignalSpy selections(m_document.get(), &ReviewDocument::selectionChanged);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->nodeViewportCenter(api));
    QCOMPARE(m_document->selectedElement(), api);
    QCOMPARE(selections.count(), 1);
    QCOMPARE(m_view->highlightedElement(), api);

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->nodeViewportCenter(redis));
    QCOMPARE(m_document->selectedElement(), redis);

    const QPoint background = backgroundPoint();
    QVERIFY(background.x() >= 0);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, background);
    QCOMPARE(m_document->selectedElement(), QString());
    QCOMPARE(m_view->highlightedElement(), QString());
}

void TestDiagramView::documentSelectionHighlightsAndCentres()
{
    const QRect nodeArea
        = m_view->mapFromScene(m_view->nodeItem(redis)->sceneBoundingRect()).boundingRect();
    const QImage before = m_view->viewport()->grab(nodeArea).toImage();
    m_document->selectElement(redis);
    QCOMPARE(m_view->highlightedElement(), redis);
    QVERIFY(m_view->nodeItem(redis)->isSelectedElement());
    QVERIFY(!m_view->nodeItem(api)->isSelectedElement());
    const QImage after = m_view->viewport()->grab(nodeArea).toImage();
    QVERIFY2(before != after, "the selection outline is not drawn");

    // Zoomed in far, a selection elsewhere is brought into view.
    for (int i = 0; i < 12; ++i)
        m_view->zoomIn();
    QString outside;
    for (const QString &id : m_view->nodeIds())
        if (!m_view->viewport()->rect().contains(m_view->nodeViewportCenter(id)))
            outside = id;
    QVERIFY(!outside.isEmpty());
    m_document->selectElement(QString());
    m_document->selectElement(outside);
    QVERIFY(m_view->viewport()->rect().contains(m_view->nodeViewportCenter(outside)));
}

void TestDiagramView::walkthroughElementHasItsOwnHighlight()
{
    const auto threats = m_document->threatsOf(redis);
    QVERIFY(!threats.isEmpty());
    const QRect nodeArea
        = m_view->mapFromScene(m_view->nodeItem(redis)->sceneBoundingRect()).boundingRect();
    const QImage plain = m_view->viewport()->grab(nodeArea).toImage();
    // The walkthrough's card selects its element; with the selection cleared the
    // element keeps the walkthrough's halo.
    m_document->setCurrentThreat(threats.constLast()->id);
    QCOMPARE(m_view->currentElement(), redis);
    QCOMPARE(m_view->highlightedElement(), redis);
    const QImage both = m_view->viewport()->grab(nodeArea).toImage();
    m_document->selectElement(QString());
    QCOMPARE(m_view->highlightedElement(), QString());
    QCOMPARE(m_view->currentElement(), redis);
    QVERIFY(m_view->nodeItem(redis)->isCurrent());
    QVERIFY(!m_view->nodeItem(api)->isCurrent());
    const QImage haloOnly = m_view->viewport()->grab(nodeArea).toImage();
    QVERIFY2(haloOnly != plain, "the walkthrough's halo is not drawn");
    QVERIFY2(haloOnly != both, "the selection outline looks like the halo");

    m_document->setCurrentThreat(m_document->threatsOf(api).constFirst()->id);
    QCOMPARE(m_view->currentElement(), api);
    QVERIFY(!m_view->nodeItem(redis)->isCurrent());
}

void TestDiagramView::doubleClickActivates()
{
    QSignalSpy activated(m_view.get(), &DiagramView::elementActivated);
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, m_view->nodeViewportCenter(api));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.constFirst().constFirst().toString(), api);
    QCOMPARE(m_document->selectedElement(), api);
}

void TestDiagramView::decisionLowersBadgeAndUndoRestoresIt()
{
    const int before = m_view->badgeCount(api);
    QCOMPARE(before, expectedBadge(*m_document, api));
    QVERIFY(before > 0);
    QString open;
    for (const auto *t : m_document->threatsOf(api))
        if (!t->mitigatedByConfiguration() && open.isEmpty())
            open = t->id;
    QVERIFY(!open.isEmpty());

    m_document->setStatus(open, DecisionStatus::Mitigated);
    QCOMPARE(m_view->badgeCount(api), before - 1);
    m_document->setStatus(open, DecisionStatus::Accepted);
    QCOMPARE(m_view->badgeCount(api), before - 1);
    m_document->undoStack()->undo();
    m_document->undoStack()->undo();
    QCOMPARE(m_view->badgeCount(api), before);
    m_document->undoStack()->redo();
    QCOMPARE(m_view->badgeCount(api), before - 1);
}

void TestDiagramView::internetFlowTakesTheTargetsSeverity()
{
    const DiagramEdgeItem *fromInternet = nullptr;
    for (const QString &id : m_view->flowIds()) {
        const DiagramEdgeItem *e = m_view->edgeItem(id);
        if (e->edge().exposure == u"internet" && e->edge().to == api)
            fromInternet = e;
    }
    QVERIFY(fromInternet);
    const auto worst = m_view->nodeItem(api)->badgeSeverity();
    QVERIFY(worst.has_value());
    QCOMPARE(fromInternet->color(),
             m_view->look().readableStroke(DiagramStyle::severityColor(*worst)));

    // With every threat of the api decided the flow keeps the plain Internet colour.
    m_document->undoStack()->beginMacro(QStringLiteral("decide all"));
    for (const auto *t : m_document->threatsOf(api))
        m_document->setStatus(t->id, DecisionStatus::Accepted);
    m_document->undoStack()->endMacro();
    QCOMPARE(m_view->badgeCount(api), 0);
    QCOMPARE(fromInternet->color(), m_view->look().edgeColor(QStringLiteral("internet")));
}

void TestDiagramView::keysZoomAndCtrlZeroFits()
{
    const qreal fitted = m_view->zoomFactor();
    QTest::keyClick(m_view.get(), Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(qFuzzyCompare(m_view->zoomFactor(), fitted * 1.25));
    QTest::keyClick(m_view.get(), Qt::Key_Plus, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(qFuzzyCompare(m_view->zoomFactor(), fitted * 1.25 * 1.25));
    QTest::keyClick(m_view.get(), Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(qFuzzyCompare(m_view->zoomFactor(), fitted * 1.25));
    QCOMPARE(m_view->findChild<threatdock::views::ZoomOverlay *>()->zoomText(),
             QStringLiteral("%1 %").arg(std::lround(fitted * 125)));

    QTest::keyClick(m_view.get(), Qt::Key_0, Qt::ControlModifier);
    QVERIFY(qFuzzyCompare(m_view->zoomFactor(), fitted));
    // Fitted: every node is inside the viewport.
    for (const QString &id : m_view->nodeIds()) {
        const QRect r = m_view->mapFromScene(m_view->nodeItem(id)->node().rect).boundingRect();
        QVERIFY2(m_view->viewport()->rect().contains(r), qPrintable(id));
    }
    // Fitting follows the view's size until the user zooms.
    m_view->resize(600, 420);
    QTRY_VERIFY(m_view->zoomFactor() < fitted);
}

void TestDiagramView::zoomStaysWithinLimits()
{
    for (int i = 0; i < 40; ++i)
        QTest::keyClick(m_view.get(), Qt::Key_Equal, Qt::ControlModifier);
    QCOMPARE(m_view->zoomFactor(), DiagramView::maximumZoom);
    for (int i = 0; i < 60; ++i)
        QTest::keyClick(m_view.get(), Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(m_view->zoomFactor(), DiagramView::minimumZoom);
}

void TestDiagramView::wheelZoomsAroundThePointer()
{
    const qreal before = m_view->zoomFactor();
    const QPoint pointer = m_view->nodeViewportCenter(redis);
    const QPointF scenePoint = m_view->mapToScene(pointer);
    sendWheel(*m_view, pointer, 120);
    QVERIFY(qFuzzyCompare(m_view->zoomFactor(), before * std::pow(2.0, 0.25)));
    // The point under the pointer stays under it.
    const QPoint now = m_view->mapFromScene(scenePoint);
    QVERIFY2((now - pointer).manhattanLength() <= 2,
             qPrintable(QStringLiteral("%1,%2").arg(now.x()).arg(now.y())));
    sendWheel(*m_view, pointer, -240);
    QVERIFY(qFuzzyCompare(m_view->zoomFactor(), before * std::pow(2.0, -0.25)));
}

void TestDiagramView::overlayButtonsZoomAndFit()
{
    const qreal fitted = m_view->zoomFactor();
    auto *in = m_view->findChild<QToolButton *>(QStringLiteral("zoomInButton"));
    auto *out = m_view->findChild<QToolButton *>(QStringLiteral("zoomOutButton"));
    auto *fit = m_view->findChild<QToolButton *>(QStringLiteral("fitButton"));
    QVERIFY(in && out && fit);
    QVERIFY(in->isVisible());
    QTest::mouseClick(in, Qt::LeftButton);
    QTest::mouseClick(in, Qt::LeftButton);
    QVERIFY(qFuzzyCompare(m_view->zoomFactor(), fitted * 1.25 * 1.25));
    QTest::mouseClick(out, Qt::LeftButton);
    QVERIFY(qFuzzyCompare(m_view->zoomFactor(), fitted * 1.25));
    QTest::mouseClick(fit, Qt::LeftButton);
    QVERIFY(qFuzzyCompare(m_view->zoomFactor(), fitted));
}

void TestDiagramView::dragOnBackgroundPans()
{
    m_document->selectElement(api);
    const QPoint start = backgroundPoint();
    QVERIFY(start.x() >= 0);
    const QPoint before = m_view->nodeViewportCenter(redis);
    const QPoint shift(60, -40);
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, start);
    sendMove(*m_view, start + shift / 2);
    sendMove(*m_view, start + shift);
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, start + shift);
    QCOMPARE(m_view->nodeViewportCenter(redis), before + shift);
    // A drag is not a click: the selection stays.
    QCOMPARE(m_document->selectedElement(), api);
}

void TestDiagramView::spaceDragPansOverANode()
{
    const QPoint start = m_view->nodeViewportCenter(api);
    const QPoint shift(-50, 30);
    QTest::keyPress(m_view.get(), Qt::Key_Space);
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, start);
    sendMove(*m_view, start + shift);
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, start + shift);
    QTest::keyRelease(m_view.get(), Qt::Key_Space);
    QCOMPARE(m_view->nodeViewportCenter(api), start + shift);
    QCOMPARE(m_document->selectedElement(), QString());
    // Without Space the same press selects.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->nodeViewportCenter(api));
    QCOMPARE(m_document->selectedElement(), api);
}

void TestDiagramView::strideFilterChangesBadgesAndDims()
{
    QHash<QString, int> unfiltered;
    for (const QString &id : m_view->nodeIds()) {
        unfiltered.insert(id, m_view->badgeCount(id));
        QCOMPARE(m_view->badgeCount(id), expectedBadge(*m_document, id));
        QVERIFY(!m_view->isDimmed(id));
    }
    m_document->setStrideFilter(QStringLiteral("S"));
    bool changed = false;
    bool dimmed = false;
    for (const QString &id : m_view->nodeIds()) {
        QCOMPARE(m_view->badgeCount(id), expectedBadge(*m_document, id));
        QCOMPARE(m_view->isDimmed(id), !hasThreatPassingFilter(*m_document, id));
        changed = changed || m_view->badgeCount(id) != unfiltered.value(id);
        dimmed = dimmed || m_view->isDimmed(id);
    }
    QVERIFY(changed);
    QVERIFY(dimmed);
    for (const QString &id : m_view->nodeIds())
        QCOMPARE(m_view->nodeItem(id)->opacity() < 1.0, m_view->isDimmed(id));

    m_document->setStrideFilter(QString());
    for (const QString &id : m_view->nodeIds()) {
        QCOMPARE(m_view->badgeCount(id), unfiltered.value(id));
        QVERIFY(!m_view->isDimmed(id));
    }
}

void TestDiagramView::severityFilterChangesBadges()
{
    const int before = m_view->badgeCount(api);
    m_document->setMinimumSeverity(Severity::High);
    QCOMPARE(m_view->badgeCount(api), expectedBadge(*m_document, api));
    QVERIFY(m_view->badgeCount(api) < before);
    if (m_view->badgeCount(api) > 0)
        QVERIFY(*m_view->nodeItem(api)->badgeSeverity() >= Severity::High);
}

void TestDiagramView::exportsPng()
{
    const QString path = m_dir->filePath(QStringLiteral("diagram.png"));
    QString error;
    m_document->selectElement(api);
    QVERIFY2(m_view->exportImage(path, &error), qPrintable(error));
    QImage image(path);
    QVERIFY(!image.isNull());
    // Rendered at two pixels per diagram point.
    const QRectF bounds = m_document->diagram().bounds;
    QVERIFY(image.width() >= 2 * bounds.width());
    QVERIFY(image.height() >= 2 * bounds.height());
    const QSet<QRgb> seen = colours(image);
    QVERIFY2(seen.size() > 20, qPrintable(QString::number(seen.size())));
    // White background, and the worst badge's colour is there.
    QCOMPARE(image.pixelColor(1, 1), QColor(Qt::white));
    const auto worst = m_view->nodeItem(api)->badgeSeverity();
    QVERIFY(worst.has_value());
    QVERIFY(seen.contains(DiagramStyle::severityColor(*worst).rgb()));
    // The on-screen selection is not exported and comes back afterwards.
    QVERIFY(!seen.contains(m_view->look().selection().rgb())
            || m_view->look().selection() == DiagramStyle::severityColor(*worst));
    QCOMPARE(m_view->highlightedElement(), api);
}

void TestDiagramView::exportsSvg()
{
    const QString path = m_dir->filePath(QStringLiteral("diagram.svg"));
    QString error;
    QVERIFY2(m_view->exportImage(path, &error), qPrintable(error));
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QVERIFY(!renderer.viewBoxF().isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    QVERIFY(svg.contains("<svg"));
    QVERIFY(svg.contains(">redis<") || svg.contains(">redis <"));
    // The same picture rendered from the SVG is not blank.
    QImage image(renderer.defaultSize(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    QVERIFY(colours(image).size() > 10);
}

void TestDiagramView::exportErrorsNameTheFile()
{
    QString error;
    const QString wrongType = m_dir->filePath(QStringLiteral("diagram.gif"));
    QVERIFY(!m_view->exportImage(wrongType, &error));
    QVERIFY2(error.startsWith(wrongType), qPrintable(error));
    const QString nowhere = m_dir->filePath(QStringLiteral("missing/dir/diagram.png"));
    QVERIFY(!m_view->exportImage(nowhere, &error));
    QVERIFY2(error.startsWith(nowhere), qPrintable(error));
    QVERIFY(!QFile::exists(nowhere));
}

void TestDiagramView::tooltipsDescribeElementsAndFlows()
{
    const auto *element = m_document->element(redis);
    QVERIFY(element);
    const QString image = element->properties.value(QStringLiteral("image"));
    QVERIFY(!image.isEmpty());

    const QPoint pos = m_view->nodeViewportCenter(redis);
    QHelpEvent help(QEvent::ToolTip, pos, m_view->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(m_view->viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QTextDocument text;
    text.setHtml(QToolTip::text());
    const QString plain = text.toPlainText();
    QVERIFY2(plain.contains(QStringLiteral("image")) && plain.contains(image), qPrintable(plain));
    QVERIFY2(plain.contains(QStringLiteral("open")), qPrintable(plain));
    for (const QString &fact : element->facts)
        QVERIFY2(plain.contains(fact), qPrintable(fact));
    // The password on redis's command line is never shown.
    QVERIFY(!plain.contains(QStringLiteral("redis-Pa55w0rd-2024")));

    const DiagramEdgeItem *edge = nullptr;
    for (const QString &id : m_view->flowIds())
        if (m_view->edgeItem(id)->edge().exposure == u"internet")
            edge = m_view->edgeItem(id);
    QVERIFY(edge);
    const QPoint onLabel = m_view->mapFromScene(edge->edge().labelPos);
    QHelpEvent overFlow(QEvent::ToolTip, onLabel, m_view->viewport()->mapToGlobal(onLabel));
    QApplication::sendEvent(m_view->viewport(), &overFlow);
    QTRY_VERIFY(QToolTip::isVisible());
    text.setHtml(QToolTip::text());
    const QString flowText = text.toPlainText();
    QVERIFY2(flowText.contains(QStringLiteral("internet")), qPrintable(flowText));
    QVERIFY2(flowText.contains(QStringLiteral("published-port")), qPrintable(flowText));
    QVERIFY2(flowText.contains(edge->edge().label.left(4)), qPrintable(flowText));

    // Over the background there is nothing to say.
    QCOMPARE(m_view->toolTipAt(backgroundPoint()), QString());
}

void TestDiagramView::tooltipFollowsDecisions()
{
    const QPoint pos = m_view->nodeViewportCenter(api);
    const QString before = m_view->toolTipAt(pos);
    QVERIFY(!before.isEmpty());
    for (const auto *t : m_document->threatsOf(api))
        m_document->setStatus(t->id, DecisionStatus::NotApplicable);
    QTextDocument text;
    text.setHtml(m_view->toolTipAt(pos));
    QVERIFY2(text.toPlainText().contains(QStringLiteral("no open threat")),
             qPrintable(text.toPlainText()));
}

void TestDiagramView::presentationModeEnlargesAndFits()
{
    const QRectF normalBounds = m_view->nodeItem(api)->boundingRect();
    const QRect nodeArea
        = m_view->mapFromScene(m_view->nodeItem(api)->sceneBoundingRect()).boundingRect();
    m_view->zoomIn();
    m_view->zoomIn();
    m_view->setPresentationMode(true);
    QVERIFY(m_view->isPresentationMode());
    QVERIFY(m_view->look().strokeScale() > 1.0);
    QVERIFY(m_view->look().fontScale() > 1.0);
    QVERIFY(m_view->nodeItem(api)->boundingRect().width() > normalBounds.width());
    for (const QString &id : m_view->nodeIds()) {
        const QRect r = m_view->mapFromScene(m_view->nodeItem(id)->node().rect).boundingRect();
        QVERIFY2(m_view->viewport()->rect().contains(r), qPrintable(id));
    }
    m_view->setPresentationMode(false);
    QCOMPARE(m_view->nodeItem(api)->boundingRect(), normalBounds);
    QCOMPARE(m_view->mapFromScene(m_view->nodeItem(api)->sceneBoundingRect()).boundingRect(),
             nodeArea);
}

void TestDiagramView::darkPaletteStaysReadable()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    m_view->setPalette(dark);
    const auto &look = m_view->look();
    QVERIFY(look.isDark());
    QCOMPARE(look.background(), QColor(0x1e, 0x1e, 0x1e));
    QCOMPARE(m_view->backgroundBrush().color(), look.background());
    for (const QString &shape :
         {QStringLiteral("process"), QStringLiteral("datastore"), QStringLiteral("external")}) {
        QVERIFY(contrast(look.text(), look.nodeFill(shape)) >= 4.5);
        QVERIFY(contrast(look.nodeStroke(shape), look.background()) >= 3.0);
    }
    for (const QString &exposure :
         {QStringLiteral("internet"), QStringLiteral("host"), QStringLiteral("internal")})
        QVERIFY2(contrast(look.edgeColor(exposure), look.background()) >= 3.0,
                 qPrintable(exposure));
    for (const auto &cluster : m_document->diagram().clusters)
        QVERIFY(contrast(look.clusterStroke(cluster), look.clusterFill(cluster)) >= 3.0);
    const QImage shot = m_view->viewport()->grab().toImage();
    const QPoint background = backgroundPoint();
    QCOMPARE(shot.pixelColor(background * shot.devicePixelRatio()), look.background());

    // Back to a light palette: the light picture.
    m_view->setPalette(QPalette(QColor(0xef, 0xef, 0xef)));
    QVERIFY(!m_view->look().isDark());
    QVERIFY(contrast(m_view->look().text(), m_view->look().background()) >= 4.5);
}

void TestDiagramView::reanalysisRebuildsTheScene()
{
    m_document->selectElement(redis);
    m_document->setAnalysis(threatdock::testing::analyzeForTest(
        threatdock::testing::sampleProject(QStringLiteral("hardened"))));
    QStringList laidOut;
    for (const auto &n : m_document->diagram().nodes)
        laidOut << n.elementId;
    laidOut.sort();
    QCOMPARE(m_view->nodeIds(), laidOut);
    QCOMPARE(itemsOfType(*m_view, DiagramNodeItem::Type), int(laidOut.size()));
    for (const QString &id : m_view->nodeIds())
        QCOMPARE(m_view->badgeCount(id), expectedBadge(*m_document, id));
    QCOMPARE(m_view->highlightedElement(), m_document->selectedElement());
}

void TestDiagramView::startsEmptyAndShowsTheFirstAnalysis()
{
    ReviewDocument document;
    DiagramView view(&document);
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.nodeIds().isEmpty());
    QCOMPARE(view.scene()->items().size(), 0);
    QString error;
    const QString path = m_dir->filePath(QStringLiteral("empty.png"));
    QVERIFY(!view.exportImage(path, &error));
    QVERIFY2(error.startsWith(path), qPrintable(error));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(400, 300));
    QTest::keyClick(&view, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(document.selectedElement(), QString());

    document.setAnalysis(threatdock::testing::analyzeForTest(threatdock::testing::sampleProject()));
    QCOMPARE(view.nodeIds().size(), document.diagram().nodes.size());
    // Without a review file every threat is open: badges count them all.
    for (const QString &id : view.nodeIds())
        QCOMPARE(view.badgeCount(id), expectedBadge(document, id));
    QVERIFY(view.badgeCount(api) > 0);
}

QTEST_MAIN(TestDiagramView)
#include "tst_diagramview.moc"
