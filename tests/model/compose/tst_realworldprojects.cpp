// Real projects: every awesome-compose project and every KICS compose sample loads.
#include "compose/composeloader.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QTest>

using namespace threatdock::compose;
using namespace threatdock::testing;

class TestRealWorldProjects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void awesomeCompose_data()
    {
        QTest::addColumn<QString>("directory");
        QCOMPARE(addAwesomeComposeRows(), 39);
    }

    void awesomeCompose()
    {
        QFETCH(QString, directory);
        ComposeLoader::Options o;
        o.path = directory;
        o.processEnvironment = Environment{};
        const ComposeLoader::Result r = ComposeLoader::load(o);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error->toString()));
        QVERIFY(!r.project->services.isEmpty());
        for (const Service &s : r.project->services) {
            QVERIFY2(!s.image.isEmpty() || s.build.has_value(), qPrintable(s.name));
            QVERIFY(s.origin.line > 0);
            for (const PortMapping &p : s.ports)
                QVERIFY2(p.target > 0 && p.origin.line > 0, qPrintable(s.name));
            for (const VolumeMount &v : s.volumes)
                QVERIFY2(!v.target.isEmpty() && v.origin.line > 0, qPrintable(s.name));
            if (s.build)
                QVERIFY2(QDir::isAbsolutePath(s.build->context), qPrintable(s.build->context));
        }
    }

    void kicsSamples_data()
    {
        QTest::addColumn<QString>("file");
        QDirIterator it(conformancePath(QStringLiteral("kics/compose")),
                        {QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files,
                        QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files << it.next();
        files.sort();
        QVERIFY(files.size() > 40);
        for (const QString &f : files) {
            const QString name = QFileInfo(f).dir().dirName() + u'/' + QFileInfo(f).fileName();
            QTest::newRow(qPrintable(name)) << f;
        }
    }

    void kicsSamples()
    {
        QFETCH(QString, file);
        ComposeLoader::Options o;
        o.files = {file};
        o.processEnvironment = Environment{};
        // KICS's samples are written for its scanner, and a few are not valid Compose
        // (a service that is a string, mismatched port ranges): analysis mode reads them
        // with warnings, as a reviewer needs.
        o.lenient = true;
        const ComposeLoader::Result r = ComposeLoader::load(o);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error->toString()));
        // A file whose only "service" is not one has none left, and says why.
        QVERIFY(!r.project->services.isEmpty() || !r.warnings.isEmpty());
    }
};

THREATDOCK_CONFORMANCE_MAIN(TestRealWorldProjects)
#include "tst_realworldprojects.moc"
