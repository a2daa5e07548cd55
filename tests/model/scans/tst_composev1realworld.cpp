// ThreatDock's merge for Compose v1 on real projects: the bundled vulnerable sample and
// every awesome-compose project of ../shared/conformance, each with the hardening overlay
// ThreatDock generates for it (`!override`, `!reset`: what Debian's docker-compose 1.29
// cannot parse). The merge written in v1's dialect must be accepted by the real
// `docker-compose config`, and what v1 makes of it must be what the model says: the same
// services, the same environment values (every `$` kept), and for the sample the ports
// bound to 127.0.0.1 only, as the overlay's `ports: !override` asks.

#include "compose/composeloader.h"
#include "compose/yamlreader.h"
#include "hardening/hardeningwriter.h"
#include "model/hardening/hardeningfixture.h"
#include "scans/composev1writer.h"
#include "testsupport.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace threatdock;
using namespace threatdock::testing;

namespace {

/// The sample's .env: secrets with `$` in them, written literally (single quotes).
const QByteArray sampleEnv = "ADMIN_PASSWORD='adm$in-$HOME-$$-${X}'\nREDIS_PASSWORD='r3d$s'\n";

struct V1Config
{
    int exitCode = -1;
    QString output; ///< stdout and stderr
    compose::Node document;
};

/// `docker-compose -f FILE -p NAME --project-directory DIR config`, read back.
V1Config v1Config(const QString &dockerCompose, const QString &file, const QString &name,
                  const QString &directory)
{
    QProcess p;
    p.setWorkingDirectory(directory);
    p.start(dockerCompose,
            {QStringLiteral("-f"), file, QStringLiteral("-p"), name,
             QStringLiteral("--project-directory"), directory, QStringLiteral("config")});
    V1Config c;
    if (p.waitForStarted() && p.waitForFinished(120000))
        c.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    const QByteArray out = p.readAllStandardOutput();
    c.output = QString::fromUtf8(out + p.readAllStandardError()).trimmed();
    const auto yaml = compose::YamlReader::readText(out, QStringLiteral("docker-compose config"));
    if (yaml.ok() && !yaml.documents.empty())
        c.document = yaml.documents.front();
    return c;
}

/// What differs between the model's environment values and those v1 resolved (v1's
/// config escapes `$` as `$$` again when it prints).
QStringList environmentDifferences(const compose::Node &model, const compose::Node &v1)
{
    QStringList differences;
    for (const compose::MapEntry &s : model.value(QStringLiteral("services")).entries()) {
        const compose::Node &printed = v1.value(QStringLiteral("services"))
                                           .value(s.key)
                                           .value(QStringLiteral("environment"));
        for (const compose::MapEntry &e : s.value.value(QStringLiteral("environment")).entries()) {
            if (!e.value.isScalar())
                continue;
            const QString got = QString(printed.value(e.key).text())
                                    .replace(QStringLiteral("$$"), QStringLiteral("$"));
            if (got != e.value.text())
                differences << s.key + u'.' + e.key; // the name, never the value
        }
    }
    return differences;
}

} // namespace

class TestComposeV1RealWorld : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void projects_data();
    void projects();
    void cleanupTestCase();

private:
    QString m_dockerCompose;
    int m_accepted = 0;
    int m_notes = 0;
};

void TestComposeV1RealWorld::initTestCase()
{
    m_dockerCompose = QStandardPaths::findExecutable(QStringLiteral("docker-compose"));
    if (m_dockerCompose.isEmpty())
        QFAIL("docker-compose is not installed (packaging/debian-packages.txt lists it)");
}

void TestComposeV1RealWorld::projects_data()
{
    QTest::addColumn<QString>("directory");
    QTest::newRow("sample/vulnerable") << sampleSource;
    QCOMPARE(addAwesomeComposeRows(), 39);
}

void TestComposeV1RealWorld::projects()
{
    QFETCH(QString, directory);
    const bool sample = directory == sampleSource;
    QTemporaryDir dir;
    const QString project = QDir(dir.path()).canonicalPath();
    QVERIFY(copyTree(directory, project));
    const analysis::AnalysisResult before = analyzeFiles(project);
    QVERIFY2(before.ok(), before.ok() ? "" : qPrintable(before.error->toString()));
    const hardening::HardeningPlan plan = hardening::HardeningPlanner::plan(before);
    const auto written = hardening::HardeningWriter::write(plan, hardening::renderPlan(plan));
    QVERIFY2(written.ok(), qPrintable(written.error));
    QVERIFY2(readAll(plan.overlayPath).contains("!override"),
             "the overlay uses what v1 cannot parse, so v1 needs the merge");
    if (sample) {
        QFile env(project + QStringLiteral("/.env"));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write(sampleEnv);
    }

    compose::ComposeLoader::Options options;
    options.files = withOverlay(plan);
    options.processEnvironment = compose::Environment{};
    options.lenient = true; // as threatdock-cli build/up/down load it
    const auto loaded = compose::ComposeLoader::load(options);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error->toString()));
    const compose::Node &model = loaded.project->model;

    const scans::ComposeV1Writer::Result v1 = scans::ComposeV1Writer::write(model);
    QVERIFY2(v1.ok(), qPrintable(v1.error));
    m_notes += int(v1.notes.size());
    for (const QString &note : v1.notes)
        qInfo("%s", qPrintable(note));
    const QString file = dir.filePath(QStringLiteral("compose.v1.yaml"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(v1.yaml);
    out.close();

    const V1Config config = v1Config(m_dockerCompose, file, loaded.project->name, project);
    QVERIFY2(config.exitCode == 0, qPrintable(config.output));
    QStringList names = config.document.value(QStringLiteral("services")).keys();
    QStringList expected = model.value(QStringLiteral("services")).keys();
    names.sort(); // v1 prints them sorted
    expected.sort();
    QCOMPARE(names, expected);
    const QStringList differences = environmentDifferences(model, config.document);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u' ')));
    ++m_accepted;

    if (!sample)
        return;
    // `ports: !override` replaced the sample's "5000:5000" and "6379:6379": v1 publishes
    // on the loopback interface only (without the merge it would add 0.0.0.0 bindings).
    const compose::Node &services = config.document.value(QStringLiteral("services"));
    QCOMPARE(services.value(QStringLiteral("api")).value(QStringLiteral("ports")).items().size(),
             std::size_t(1));
    QCOMPARE(services.value(QStringLiteral("api")).value(QStringLiteral("ports")).items()[0].text(),
             QStringLiteral("127.0.0.1:5000:5000/tcp"));
    QCOMPARE(services.value(QStringLiteral("redis")).value(QStringLiteral("ports")).items().size(),
             std::size_t(1));
    QCOMPARE(
        services.value(QStringLiteral("redis")).value(QStringLiteral("ports")).items()[0].text(),
        QStringLiteral("127.0.0.1:6379:6379/tcp"));
    QCOMPARE(services.value(QStringLiteral("api"))
                 .value(QStringLiteral("environment"))
                 .value(QStringLiteral("ADMIN_PASSWORD"))
                 .text(),
             QStringLiteral("adm$$in-$$HOME-$$$$-$${X}")); // v1 prints `$` escaped
}

void TestComposeV1RealWorld::cleanupTestCase()
{
    qInfo("docker-compose 1.29 accepted ThreatDock's merge of %d projects (with the overlay); "
          "%d notes about what it leaves out",
          m_accepted, m_notes);
}

THREATDOCK_CONFORMANCE_MAIN(TestComposeV1RealWorld)
#include "tst_composev1realworld.moc"
