#include "cli/commandline.h"
#include "clirun.h"
#include "projectfixture.h"
#include "testsupport.h"

#include <QImage>
#include <QProcess>
#include <QTest>
#include <QXmlStreamReader>

using threatdock::testing::ProjectFixture;
using threatdock::testing::readAll;

namespace {

using Run = threatdock::testing::CliRun;

Run cli(const QStringList &arguments)
{
    return threatdock::testing::runCli(arguments);
}

const char *kCompose = "name: shop\n"
                       "services:\n"
                       "  web:\n"
                       "    image: nginx:1.25\n"
                       "    ports: [\"8080:80\"]\n"
                       "    depends_on: [api]\n"
                       "  api:\n"
                       "    image: python:3.12-slim\n"
                       "    ports: [\"127.0.0.1:9000:9000\"]\n"
                       "    environment:\n"
                       "      DATABASE_URL: postgres://db:5432/shop\n"
                       "  db:\n"
                       "    image: postgres:16\n"
                       "    volumes: [\"db-data:/var/lib/postgresql/data\"]\n"
                       "volumes:\n"
                       "  db-data: {}\n";

QStringList svgNodeIds(const QByteArray &svg)
{
    QStringList ids;
    QXmlStreamReader xml(svg);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.attributes().value(QStringLiteral("class")) == u"node")
            ids << xml.attributes().value(QStringLiteral("data-element")).toString();
    }
    return xml.hasError() ? QStringList{QStringLiteral("XML error: ") + xml.errorString()} : ids;
}

} // namespace

class TestDiagramCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void svgByDefault()
    {
        ProjectFixture p{{"compose.yaml", kCompose}};
        const QString out = p.path() + QStringLiteral("/arch.svg");
        const Run r = cli({QStringLiteral("diagram"), p.path(), QStringLiteral("-o"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList ids = svgNodeIds(readAll(out));
        QVERIFY2(ids.contains(QStringLiteral("service:web")), qPrintable(ids.join(u' ')));
        QVERIFY(ids.contains(QStringLiteral("service:api")));
        QVERIFY(ids.contains(QStringLiteral("service:db")));
        QVERIFY(ids.contains(QStringLiteral("external:internet")));
        QCOMPARE(ids.size(), QSet<QString>(ids.cbegin(), ids.cend()).size());
    }

    void badgesShowOpenThreats()
    {
        ProjectFixture p{{"compose.yaml", kCompose}};
        const QString out = p.path() + QStringLiteral("/arch.svg");
        const Run r = cli({QStringLiteral("diagram"), p.path(), QStringLiteral("-o"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // web runs as root with a port open to the Internet: its node has a badge.
        QXmlStreamReader xml(readAll(out));
        QString currentNode;
        QStringList badged;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.attributes().value(QStringLiteral("class")) == u"node")
                currentNode = xml.attributes().value(QStringLiteral("data-element")).toString();
            if (xml.attributes().value(QStringLiteral("class")) == u"badge")
                badged << currentNode;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(badged.contains(QStringLiteral("service:web")), qPrintable(badged.join(u' ')));
    }

    void pngAndDotFormats()
    {
        ProjectFixture p{{"compose.yaml", kCompose}};
        const QString png = p.path() + QStringLiteral("/arch.png");
        Run r = cli({QStringLiteral("diagram"), p.path(), QStringLiteral("-o"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QImage image;
        QVERIFY(image.loadFromData(readAll(png), "PNG"));
        QVERIFY(image.width() > 200 && image.height() > 100);

        const QString dot = p.path() + QStringLiteral("/arch.txt");
        r = cli({QStringLiteral("diagram"), p.path(), QStringLiteral("--format"),
                 QStringLiteral("dot"), QStringLiteral("-o"), dot});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray source = readAll(dot);
        QVERIFY(source.startsWith("digraph"));
        QVERIFY(source.contains("\"service:api\""));
        QVERIFY(source.contains("rankdir=LR"));
    }

    void composeFileAndProfile()
    {
        ProjectFixture p{{"base.yaml",
                          "services:\n  a:\n    image: busybox\n"
                          "  dbg:\n    image: busybox\n    profiles: [debug]\n"}};
        const QString out = p.path() + QStringLiteral("/arch.svg");
        Run r = cli({QStringLiteral("diagram"), QStringLiteral("-f"),
                     p.path(QStringLiteral("base.yaml")), QStringLiteral("-o"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!svgNodeIds(readAll(out)).contains(QStringLiteral("service:dbg")));
        r = cli({QStringLiteral("diagram"), QStringLiteral("-f"),
                 p.path(QStringLiteral("base.yaml")), QStringLiteral("--profile"),
                 QStringLiteral("debug"), QStringLiteral("-o"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(svgNodeIds(readAll(out)).contains(QStringLiteral("service:dbg")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no output") << QStringList{QStringLiteral("diagram"), QStringLiteral(".")};
        QTest::newRow("bad format") << QStringList{
            QStringLiteral("diagram"), QStringLiteral("."),  QStringLiteral("--format"),
            QStringLiteral("pdf"),     QStringLiteral("-o"), QStringLiteral("x.pdf")};
        QTest::newRow("two paths")
            << QStringList{QStringLiteral("diagram"), QStringLiteral("a"), QStringLiteral("b"),
                           QStringLiteral("-o"), QStringLiteral("x.svg")};
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("diagram"), QStringLiteral("--bogus")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.trimmed().count(u'\n'), 0);
        QVERIFY(r.err.startsWith(QStringLiteral("threatdock-cli diagram: ")));
    }

    void brokenProjectNamesFileAndLine()
    {
        ProjectFixture p{{"compose.yaml", "services:\n  web:\n    image: [unclosed\n"}};
        const QString out = p.path() + QStringLiteral("/arch.svg");
        const Run r = cli({QStringLiteral("diagram"), p.path(), QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 1);
        const QStringList errors
            = r.err.split(u'\n', Qt::SkipEmptyParts).filter(QStringLiteral("error: "));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QStringLiteral("compose.yaml:")), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }

    void unwritableOutput()
    {
        ProjectFixture p{{"compose.yaml", kCompose}};
        const Run r = cli({QStringLiteral("diagram"), p.path(), QStringLiteral("-o"),
                           p.path() + QStringLiteral("/missing/dir/arch.svg")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("cannot write")));
    }

    void executablePaintsWithoutADisplay()
    {
        ProjectFixture p{{"compose.yaml", kCompose}};
        const QString png = p.path() + QStringLiteral("/arch.png");
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(THREATDOCK_CLI),
                      {QStringLiteral("diagram"), p.path(), QStringLiteral("-o"), png});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QImage image;
        QVERIFY(image.loadFromData(readAll(png), "PNG"));
        QVERIFY(!image.isNull());
    }
};

QTEST_MAIN(TestDiagramCommand)
#include "tst_diagramcommand.moc"
