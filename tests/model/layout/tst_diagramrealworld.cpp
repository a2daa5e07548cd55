#include "compose/composeloader.h"
#include "layout/diagramlayout.h"
#include "layout/svgwriter.h"
#include "system/systemmodelbuilder.h"
#include "testsupport.h"

#include <QDir>
#include <QSet>
#include <QXmlStreamReader>

using namespace threatdock;

/// Every awesome-compose project lays out and renders an SVG with one node per element.
class TestDiagramRealWorld : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersEveryProject_data()
    {
        QTest::addColumn<QString>("dir");
        const QDir root(testing::conformancePath(QStringLiteral("real-world/awesome-compose")));
        const QStringList projects = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(projects.size() > 20);
        for (const QString &name : projects)
            if (!compose::ComposeLoader::discoverFiles(root.filePath(name)).isEmpty())
                QTest::newRow(qPrintable(name)) << root.filePath(name);
    }

    void rendersEveryProject()
    {
        QFETCH(QString, dir);
        compose::ComposeLoader::Options options;
        options.path = dir;
        options.lenient = true;
        const auto loaded = compose::ComposeLoader::load(options);
        QVERIFY2(loaded.ok(), loaded.error ? qPrintable(loaded.error->toString()) : "");
        const system::SystemModel model = system::SystemModelBuilder::build(*loaded.project);
        QVERIFY(!model.elements.isEmpty());

        QString error;
        const layout::Diagram diagram = layout::DiagramLayout::compute(model, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(diagram.nodes.size(), model.elements.size());
        for (const layout::DiagramNode &n : diagram.nodes)
            QVERIFY2(diagram.bounds.contains(n.rect), qPrintable(n.elementId));

        const QByteArray svg = layout::SvgWriter::write(diagram);
        QXmlStreamReader xml(svg);
        QSet<QString> nodes;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.attributes().value(QStringLiteral("class")) == u"node")
                nodes.insert(xml.attributes().value(QStringLiteral("data-element")).toString());
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(nodes.size(), model.elements.size());
        for (const system::Element &e : model.elements)
            QVERIFY2(nodes.contains(e.id), qPrintable(e.id));
    }
};

THREATDOCK_CONFORMANCE_MAIN(TestDiagramRealWorld)
#include "tst_diagramrealworld.moc"
