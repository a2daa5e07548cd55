// The hardening planner on every awesome-compose project of ../shared/conformance: the
// overlay loads merged after the project's files, validates on its own against the Compose
// Specification's JSON schema (python3-jsonschema, run without a shell), re-analysis
// leaves none of the claimed findings open, and Debian's docker-compose 1.29 accepts the
// merge for the projects it can read (those it cannot are printed, as are the overlays
// whose `!override`/`!reset` tags it cannot parse: it then gets them resolved its way).

#include "compose/composeloader.h"
#include "compose/nodewriter.h"
#include "compose/yamlreader.h"
#include "hardening/hardeningplanner.h"
#include "hardening/hardeningwriter.h"
#include "hardening/planrenderer.h"
#include "model/hardening/hardeningfixture.h"
#include "testsupport.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace threatdock;
using namespace threatdock::hardening;
using namespace threatdock::testing;

namespace {

// Validates a YAML document against a JSON schema the way Compose does: `!reset` values
// are dropped and `!override` ones taken as they are before validation.
const char *const validator = R"(import json, sys
import jsonschema, yaml
RESET = object()
class Loader(yaml.SafeLoader):
    pass
def override(loader, node):
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    return loader.construct_scalar(node)
Loader.add_constructor("!reset", lambda loader, node: RESET)
Loader.add_constructor("!override", override)
def resolved(v):
    if isinstance(v, dict):
        return {k: resolved(x) for k, x in v.items() if x is not RESET}
    if isinstance(v, list):
        return [resolved(x) for x in v if x is not RESET]
    return v
schema = json.load(open(sys.argv[1], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
failed = 0
for path in sys.argv[2:]:
    document = resolved(yaml.load(open(path, encoding="utf-8"), Loader=Loader))
    errors = sorted(cls(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
    for e in errors[:5]:
        print(path + ": " + "/".join(str(p) for p in e.absolute_path), e.message)
    failed += bool(errors)
print(len(sys.argv) - 2 - failed, "valid")
sys.exit(1 if failed else 0)
)";

struct Run
{
    bool started = false;
    int exitCode = -1;
    QString output;
};

Run run(const QString &program, const QStringList &arguments, const QString &directory = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (!directory.isEmpty())
        p.setWorkingDirectory(directory);
    p.start(program, arguments);
    Run r;
    r.started = p.waitForStarted();
    if (r.started && p.waitForFinished(120000))
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll()).trimmed();
    return r;
}

/// The overlay as Compose v1 can read it: without tags, `!reset` keys removed,
/// `!override` values as they are (v1 then appends where v2 replaces).
compose::Node withoutTags(const compose::Node &n)
{
    compose::Node out = n;
    out.setTag(QString());
    if (n.isMapping()) {
        out = compose::Node::mapping(n.origin());
        for (const compose::MapEntry &e : n.entries())
            if (e.value.tag() != u"!reset")
                out.insert(e.key, withoutTags(e.value), e.keyOrigin);
    } else if (n.isSequence()) {
        out = compose::Node::sequence(n.origin());
        for (const compose::Node &i : n.items())
            if (i.tag() != u"!reset")
                out.append(withoutTags(i));
    }
    return out;
}

QStringList composeFileArguments(const QStringList &files)
{
    QStringList args;
    for (const QString &f : files)
        args << QStringLiteral("-f") << f;
    return args;
}

} // namespace

class TestHardeningRealWorld : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void awesomeCompose_data();
    void awesomeCompose();
    void overlaysValidateAgainstTheSchema();
    void cleanupTestCase();

private:
    void checkComposeV1(const QString &name, const HardeningPlan &plan);

    QTemporaryDir m_overlays; ///< a copy of each project's overlay, for the schema check

    QString m_dockerCompose;
    QStringList m_v1Skipped;
    QStringList m_v1Untagged;
    int m_v1Accepted = 0;
    qsizetype m_changes = 0;
    qsizetype m_fixed = 0;
};

void TestHardeningRealWorld::initTestCase()
{
    m_dockerCompose = QStandardPaths::findExecutable(QStringLiteral("docker-compose"));
    if (m_dockerCompose.isEmpty())
        QFAIL("docker-compose is not installed (packaging/debian-packages.txt lists it)");
}

void TestHardeningRealWorld::awesomeCompose_data()
{
    QTest::addColumn<QString>("directory");
    QCOMPARE(addAwesomeComposeRows(), 39);
}

void TestHardeningRealWorld::awesomeCompose()
{
    QFETCH(QString, directory);
    QTemporaryDir dir;
    const QString project = QDir(dir.path()).canonicalPath();
    QVERIFY(copyTree(directory, project));
    const analysis::AnalysisResult before = analyzeFiles(project);
    QVERIFY2(before.ok(), before.ok() ? "" : qPrintable(before.error->toString()));
    const HardeningPlan plan = HardeningPlanner::plan(before);
    QVERIFY2(!plan.changes.isEmpty(), "every awesome-compose project has something to harden");
    const RenderedPlan rendered = renderPlan(plan);
    const HardeningWriter::Result written = HardeningWriter::write(plan, rendered);
    QVERIFY2(written.ok(), qPrintable(written.error));
    m_changes += plan.changes.size();
    m_fixed += plan.fixedFindings().size();

    // Our loader merges the overlay after the project's files, as strictly as it reads
    // the project alone.
    compose::ComposeLoader::Options base;
    base.files = plan.composeFiles;
    base.processEnvironment = compose::Environment{};
    compose::ComposeLoader::Options merged = base;
    merged.files = withOverlay(plan);
    base.lenient = merged.lenient = !compose::ComposeLoader::load(base).ok();
    const auto loaded = compose::ComposeLoader::load(merged);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error->toString()));

    QVERIFY(QFile::copy(plan.overlayPath,
                        m_overlays.filePath(QDir(directory).dirName() + QStringLiteral(".yaml"))));

    const analysis::AnalysisResult after = analyzeFiles(QString(), withOverlay(plan));
    QVERIFY2(after.ok(), after.ok() ? "" : qPrintable(after.error->toString()));
    const QStringList open = stillOpen(plan, before, after);
    QVERIFY2(open.isEmpty(), qPrintable(open.join(u'\n')));

    checkComposeV1(QDir(directory).dirName(), plan);
}

void TestHardeningRealWorld::overlaysValidateAgainstTheSchema()
{
    QStringList overlays;
    for (const QString &f : QDir(m_overlays.path()).entryList({QStringLiteral("*.yaml")}))
        overlays << m_overlays.filePath(f);
    QCOMPARE(overlays.size(), 39);
    const Run python
        = run(QStringLiteral("python3"),
              QStringList{QStringLiteral("-c"), QString::fromUtf8(validator),
                          conformancePath(QStringLiteral("compose-spec/compose-spec.json"))}
                  + overlays);
    if (!python.started)
        QFAIL("python3 is not installed (packaging/debian-packages.txt lists python3-jsonschema)");
    if (python.output.contains(QStringLiteral("No module named")))
        QFAIL(qPrintable(python.output + QStringLiteral(" (see packaging/debian-packages.txt)")));
    QVERIFY2(python.exitCode == 0, qPrintable(python.output));
    QCOMPARE(python.output.section(u'\n', -1), QStringLiteral("39 valid"));
}

void TestHardeningRealWorld::checkComposeV1(const QString &name, const HardeningPlan &plan)
{
    const QStringList common{QStringLiteral("--project-directory"), plan.projectDirectory};
    const QStringList config{QStringLiteral("config"), QStringLiteral("-q")};
    QString overlay = plan.overlayPath;
    const auto yaml = compose::YamlReader::readFile(overlay);
    QVERIFY(yaml.ok() && yaml.documents.size() == 1);
    const compose::Node untagged = withoutTags(yaml.documents.front());
    if (compose::NodeWriter::toYaml(untagged)
        != compose::NodeWriter::toYaml(yaml.documents.front())) {
        // PyYAML's safe loader has no constructor for !override / !reset: v1 gets the
        // overlay with them resolved its way.
        overlay = plan.projectDirectory + QStringLiteral("/compose.v1.yaml");
        QFile f(overlay);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(compose::NodeWriter::toYaml(untagged));
        f.close();
        m_v1Untagged << name;
    }
    const Run merged
        = run(m_dockerCompose,
              common + composeFileArguments(plan.composeFiles + QStringList{overlay}) + config,
              plan.projectDirectory);
    if (merged.exitCode == 0) {
        ++m_v1Accepted;
        return;
    }
    const Run alone
        = run(m_dockerCompose, common + composeFileArguments(plan.composeFiles) + config,
              plan.projectDirectory);
    QVERIFY2(alone.exitCode != 0, qPrintable(name + QStringLiteral(": ") + merged.output));
    m_v1Skipped << QStringLiteral("%1 (%2)").arg(name, alone.output.section(u'\n', -1));
    m_v1Untagged.removeAll(name);
    qInfo("docker-compose 1.29 cannot read %s itself, skipped: %s", qPrintable(name),
          qPrintable(alone.output.section(u'\n', -1)));
}

void TestHardeningRealWorld::cleanupTestCase()
{
    qInfo("%lld changes fixing %lld findings; docker-compose 1.29 accepted %d merges (%lld of "
          "them with the tags resolved: %s); it cannot read %lld projects: %s",
          qint64(m_changes), qint64(m_fixed), m_v1Accepted, qint64(m_v1Untagged.size()),
          qPrintable(m_v1Untagged.join(QStringLiteral(", "))), qint64(m_v1Skipped.size()),
          qPrintable(m_v1Skipped.join(QStringLiteral("; "))));
}

THREATDOCK_CONFORMANCE_MAIN(TestHardeningRealWorld)
#include "tst_hardeningrealworld.moc"
