// The hardening planner on the bundled vulnerable sample and on small projects: the overlay
// merges after the user's files, re-analysis shows the claimed findings gone, --only and
// --exclude, rejected changes stay unchanged, the Dockerfile diff applies with patch(1).

#include "compose/composeloader.h"
#include "compose/nodewriter.h"
#include "hardening/dockerfilepatcher.h"
#include "hardening/hardeningcatalog.h"
#include "hardening/hardeningplanner.h"
#include "hardening/hardeningwriter.h"
#include "hardening/planrenderer.h"
#include "model/hardening/hardeningfixture.h"
#include "projectfixture.h"
#include "testsupport.h"

#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace threatdock;
using namespace threatdock::hardening;
using namespace threatdock::testing;

namespace {

QStringList claimedRules(const HardeningPlan &plan)
{
    QStringList rules;
    for (const HardeningChange &c : plan.changes)
        for (const QString &r : c.rules)
            if (!rules.contains(r))
                rules << r;
    return rules;
}

bool hasFinding(const analysis::AnalysisResult &r, const QString &id)
{
    return std::any_of(r.report.findings.cbegin(), r.report.findings.cend(),
                       [&id](const rules::Finding &f) { return f.id == id; });
}

qsizetype countRule(const analysis::AnalysisResult &r, const QString &ruleId)
{
    return std::count_if(r.report.findings.cbegin(), r.report.findings.cend(),
                         [&ruleId](const rules::Finding &f) { return f.ruleId == ruleId; });
}

} // namespace

class TestHardeningPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogReads();
    void catalogErrorsNameTheLine();
    void imageReference_data();
    void imageReference();
    void overlayMergesAfterBase();
    void reanalysisFixesClaimedFindings();
    void changesNameFindingsAndThreats();
    void onlyAndExclude();
    void rejectedChangesStayUnchanged();
    void publicPortKeepsItsBinding();
    void dockerfileDiffAppliesWithPatch();
    void dockerfileFixesOnAnotherProject();
    void patcherKeepsLineEndings();
    void healthProbes();
};

void TestHardeningPlanner::catalogReads()
{
    const auto read = HardeningCatalog::readFile(QStringLiteral(":/catalog/hardening.yaml"));
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error->toString()));
    const HardeningCatalog &c = *read.catalog;
    QCOMPARE(c.defaultUser(), HardeningCatalog::builtIn().defaultUser());
    const ImageProfile *redis = c.image(QStringLiteral("docker.io/library/redis:latest"));
    QVERIFY(redis);
    QVERIFY(!redis->tag.isEmpty());
    QVERIFY(!redis->user.isEmpty());
    QVERIFY(!c.image(QStringLiteral("example.com/acme/unknown-thing:1")));
    // The user of the variant a reference names.
    QCOMPARE(redis->userFor(QStringLiteral("redis:7.2-alpine")), redis->alpineUser);
    QCOMPARE(redis->userFor(QStringLiteral("redis")), redis->user);
    QVERIFY(redis->alpineUser != redis->user);
    // Every kind the system model gives a service has limits of its own.
    for (const QString &kind :
         {QStringLiteral("web"), QStringLiteral("api"), QStringLiteral("worker"),
          QStringLiteral("database"), QStringLiteral("cache"), QStringLiteral("queue"),
          QStringLiteral("proxy"), QStringLiteral("service")})
        QVERIFY2(!c.limitsFor(kind).memLimit.isEmpty(), qPrintable(kind));
    QCOMPARE(c.probe(QStringLiteral("python"), 8080).join(u' ').count(QStringLiteral("8080")), 1);
}

void TestHardeningPlanner::catalogErrorsNameTheLine()
{
    ProjectFixture files{{"hardening.yaml",
                          "defaults:\n  user: \"1:1\"\n  restart: no\n"
                          "  ulimits: {soft: 1, hard: 2}\n"
                          "  healthcheck: {interval: 5s}\n"
                          "kinds:\n  service: {mem_limit: 1m, pids_limit: 1, "
                          "cpus: 1}\nprobes: {}\nimages:\n"
                          "  - match: [x]\n    colour: blue\n"}};
    const auto read = HardeningCatalog::readFile(files.path(QStringLiteral("hardening.yaml")));
    QVERIFY(!read.ok());
    QCOMPARE(read.error->origin.line, 11);
    QVERIFY2(read.error->toString().contains(QStringLiteral("colour")),
             qPrintable(read.error->toString()));
}

void TestHardeningPlanner::imageReference_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("repository");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<bool>("floating");
    QTest::newRow("bare") << "redis"
                          << "redis"
                          << "" << true;
    QTest::newRow("latest") << "docker.io/library/redis:latest"
                            << "redis"
                            << "latest" << true;
    QTest::newRow("tagged") << "postgres:16-alpine"
                            << "postgres"
                            << "16-alpine" << false;
    QTest::newRow("user repo") << "grafana/grafana:10.4.1"
                               << "grafana/grafana"
                               << "10.4.1" << false;
    QTest::newRow("registry port") << "localhost:5000/team/app"
                                   << "localhost:5000/team/app"
                                   << "" << true;
    QTest::newRow("digest") << "redis@sha256:0123"
                            << "redis"
                            << "" << false;
}

void TestHardeningPlanner::imageReference()
{
    QFETCH(QString, reference);
    QFETCH(QString, repository);
    QFETCH(QString, tag);
    QFETCH(bool, floating);
    const ImageReference r = ImageReference::parse(reference);
    QCOMPARE(r.repository, repository);
    QCOMPARE(r.tag, tag);
    QCOMPARE(r.floating(), floating);
}

void TestHardeningPlanner::overlayMergesAfterBase()
{
    SampleProject s;
    const RenderedPlan rendered = renderPlan(s.plan);
    QVERIFY(!rendered.overlay.isEmpty());
    const HardeningWriter::Result written = HardeningWriter::write(s.plan, rendered);
    QVERIFY2(written.ok(), qPrintable(written.error));
    QVERIFY(written.written.contains(s.plan.overlayPath));

    // Strict, as `docker compose config` is: the merge must be valid Compose.
    compose::ComposeLoader::Options o;
    o.files = withOverlay(s.plan);
    o.processEnvironment = compose::Environment{};
    const auto loaded = compose::ComposeLoader::load(o);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error->toString()));
    const compose::Service *api = loaded.project->service(QStringLiteral("api"));
    const compose::Service *redis = loaded.project->service(QStringLiteral("redis"));
    QVERIFY(api && redis);
    QCOMPARE(api->user, HardeningCatalog::builtIn().defaultUser());
    QVERIFY(api->readOnly);
    QVERIFY(api->capDrop.contains(QStringLiteral("ALL")));
    QVERIFY(api->securityOpt.contains(QStringLiteral("no-new-privileges:true")));
    QVERIFY(api->memLimit.value_or(0) > 0);
    QVERIFY(api->healthcheck && !api->healthcheck->test.isEmpty());
    // Ports are replaced, not appended to: no binding on every interface is left.
    QCOMPARE(api->ports.size(), 1);
    QCOMPARE(api->ports.first().hostIp, QStringLiteral("127.0.0.1"));
    QCOMPARE(redis->ports.first().hostIp, QStringLiteral("127.0.0.1"));
    QCOMPARE(redis->user, HardeningCatalog::builtIn().image(QStringLiteral("redis"))->user);
    QVERIFY(redis->image.startsWith(QStringLiteral("redis:")));
    QCOMPARE(api->restart, QString()); // restart was not a finding: left alone
    // The secrets come from .env now (unset here), never from the compose file's literal.
    for (const compose::EnvironmentVariable &v : api->environment)
        if (v.name.endsWith(QStringLiteral("PASSWORD")))
            QCOMPARE(v.value.value_or(QString()), QString());
    // The user's file is untouched.
    QCOMPARE(readAll(s.file(QStringLiteral("compose.yaml"))),
             readAll(sampleSource + QStringLiteral("/compose.yaml")));
}

void TestHardeningPlanner::reanalysisFixesClaimedFindings()
{
    SampleProject s;
    const HardeningWriter::Result written = HardeningWriter::write(s.plan, renderPlan(s.plan));
    QVERIFY2(written.ok(), qPrintable(written.error));
    const analysis::AnalysisResult after = analyzeFiles(QString(), withOverlay(s.plan));
    QVERIFY2(after.ok(), after.ok() ? "" : qPrintable(after.error->toString()));
    const QStringList open = stillOpen(s.plan, s.before, after);
    QVERIFY2(open.isEmpty(), qPrintable(open.join(u'\n')));
    // What the issue asks the plan to fix on the sample.
    const QStringList rules = claimedRules(s.plan);
    for (const QString &rule : {QStringLiteral("CMP-PRIV-007"), QStringLiteral("CMP-FS-001"),
                                QStringLiteral("CMP-PRIV-003"), QStringLiteral("CMP-PRIV-004"),
                                QStringLiteral("CMP-RES-001"), QStringLiteral("CMP-RES-002"),
                                QStringLiteral("CMP-RES-003"), QStringLiteral("CMP-RES-006"),
                                QStringLiteral("CMP-NET-001"), QStringLiteral("CMP-NET-003"),
                                QStringLiteral("CMP-SEC-001"), QStringLiteral("CMP-IMG-001"),
                                QStringLiteral("DKF-USR-001"), QStringLiteral("DKF-HLT-001"),
                                QStringLiteral("DKF-PKG-004"), QStringLiteral("DKF-SUP-007")})
        QVERIFY2(rules.contains(rule), qPrintable(rule));
    QVERIFY(after.report.findings.size() < s.before.report.findings.size());
    // What is left is listed with its remediation, never silently dropped.
    for (const UnplannedFinding &u : s.plan.unplanned)
        QVERIFY2(!s.plan.fixedFindings().contains(u.findingId), qPrintable(u.findingId));
    QVERIFY(std::any_of(s.plan.unplanned.cbegin(), s.plan.unplanned.cend(),
                        [](const UnplannedFinding &u) { return u.ruleId == u"CMP-SEC-006"; }));
}

void TestHardeningPlanner::changesNameFindingsAndThreats()
{
    SampleProject s;
    QSet<QString> ids;
    QSet<QString> findingIds;
    for (const rules::Finding &f : s.before.report.findings)
        findingIds.insert(f.id);
    qsizetype mitigating = 0;
    for (const HardeningChange &c : s.plan.changes) {
        QVERIFY2(!ids.contains(c.id), qPrintable(c.id));
        ids.insert(c.id);
        QVERIFY(c.accepted);
        QVERIFY2(!c.fixes.isEmpty() && !c.title.isEmpty() && !c.description.isEmpty(),
                 qPrintable(c.id));
        for (const QString &f : c.fixes)
            QVERIFY2(findingIds.contains(f), qPrintable(f));
        QSet<QString> expected;
        for (const threats::Threat &t : s.before.report.threats)
            for (const QString &f : t.findings)
                if (c.fixes.contains(f))
                    expected.insert(t.id);
        QCOMPARE(QSet<QString>(c.mitigates.cbegin(), c.mitigates.cend()), expected);
        mitigating += !c.mitigates.isEmpty();
    }
    QVERIFY(mitigating > 0);
    // Re-planning gives the same ids (the GUI keeps decisions by id).
    const HardeningPlan again = HardeningPlanner::plan(s.before);
    QCOMPARE(again.changes.size(), s.plan.changes.size());
    for (qsizetype i = 0; i < again.changes.size(); ++i)
        QCOMPARE(again.changes.at(i).id, s.plan.changes.at(i).id);
    // The secrets' values are nowhere in what the plan renders.
    const RenderedPlan rendered = renderPlan(s.plan);
    for (const FileChange &f : rendered.files) {
        QVERIFY(!f.after.contains("Tr0ub4dor"));
        QVERIFY(!f.after.contains("redis-Pa55w0rd"));
    }
    const FileChange *env = rendered.file(s.plan.envExamplePath);
    QVERIFY(env);
    QVERIFY(env->after.contains("\nADMIN_PASSWORD=\n"));
    QVERIFY(env->after.contains("\nREDIS_PASSWORD=\n"));
}

void TestHardeningPlanner::onlyAndExclude()
{
    PlannerOptions only;
    only.only = {QStringLiteral("CMP-PRIV-004")};
    SampleProject one(only);
    QCOMPARE(one.plan.changes.size(), countRule(one.before, QStringLiteral("CMP-PRIV-004")));
    QCOMPARE(claimedRules(one.plan), QStringList{QStringLiteral("CMP-PRIV-004")});
    QVERIFY(one.plan.unplanned.isEmpty());

    PlannerOptions prefix;
    prefix.only = {QStringLiteral("CMP-RES-*")};
    SampleProject res(prefix);
    QVERIFY(!res.plan.changes.isEmpty());
    for (const QString &r : claimedRules(res.plan))
        QVERIFY2(r.startsWith(QStringLiteral("CMP-RES-")), qPrintable(r));

    PlannerOptions exclude;
    exclude.exclude = {QStringLiteral("CMP-NET-*"), QStringLiteral("dkf-*")};
    SampleProject ex(exclude);
    QVERIFY(!ex.plan.changes.isEmpty());
    for (const HardeningChange &c : ex.plan.changes) {
        QCOMPARE(c.target, ChangeTarget::Compose);
        for (const QString &r : c.rules)
            QVERIFY2(!r.startsWith(QStringLiteral("CMP-NET-")), qPrintable(c.id));
    }
    for (const UnplannedFinding &u : ex.plan.unplanned)
        QVERIFY2(!u.ruleId.startsWith(QStringLiteral("CMP-NET-")), qPrintable(u.findingId));
    QVERIFY(HardeningWriter::write(ex.plan, renderPlan(ex.plan)).ok());
    const analysis::AnalysisResult after = analyzeFiles(QString(), withOverlay(ex.plan));
    QVERIFY(after.ok());
    QVERIFY(hasFinding(after, QStringLiteral("CMP-NET-001@service:api/port:5000/tcp")));
    QCOMPARE(countRule(after, QStringLiteral("DKF-USR-001")), 1);
    QVERIFY(stillOpen(ex.plan, ex.before, after).isEmpty());
}

void TestHardeningPlanner::rejectedChangesStayUnchanged()
{
    SampleProject s;
    for (const QString &id :
         {QStringLiteral("service:api/ports"), QStringLiteral("service:redis/user"),
          QStringLiteral("dockerfile:api/Dockerfile/add-user")})
        QVERIFY2(s.plan.setAccepted(id, false), qPrintable(id));
    QVERIFY(!s.plan.setAccepted(QStringLiteral("service:api/no-such-change"), false));
    const RenderedPlan rendered = renderPlan(s.plan);
    const FileChange *dockerfile = rendered.file(s.file(QStringLiteral("api/Dockerfile")));
    QVERIFY(dockerfile);
    QVERIFY(!dockerfile->after.contains("\nUSER "));
    QVERIFY(dockerfile->after.contains("\nHEALTHCHECK "));
    QVERIFY(HardeningWriter::write(s.plan, rendered).ok());

    compose::ComposeLoader::Options o;
    o.files = withOverlay(s.plan);
    o.processEnvironment = compose::Environment{};
    const auto loaded = compose::ComposeLoader::load(o);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.project->service(QStringLiteral("api"))->ports.first().hostIp, QString());
    QCOMPARE(loaded.project->service(QStringLiteral("redis"))->user, QString());

    const analysis::AnalysisResult after = analyzeFiles(QString(), withOverlay(s.plan));
    QVERIFY(after.ok());
    QVERIFY(hasFinding(after, QStringLiteral("CMP-NET-001@service:api/port:5000/tcp")));
    QVERIFY(hasFinding(after, QStringLiteral("CMP-PRIV-007@service:redis")));
    QCOMPARE(countRule(after, QStringLiteral("DKF-USR-001")), 1);
    // The accepted changes still do what they claim.
    const QStringList open = stillOpen(s.plan, s.before, after);
    QVERIFY2(open.isEmpty(), qPrintable(open.join(u'\n')));
}

void TestHardeningPlanner::publicPortKeepsItsBinding()
{
    PlannerOptions options;
    options.publicPorts = {QStringLiteral("api:5000")};
    SampleProject s(options);
    for (const QString &f : s.plan.fixedFindings())
        QVERIFY2(!f.startsWith(QStringLiteral("CMP-NET-001@service:api")), qPrintable(f));
    QVERIFY(
        s.plan.fixedFindings().contains(QStringLiteral("CMP-NET-001@service:redis/port:6379/tcp")));
    QVERIFY(HardeningWriter::write(s.plan, renderPlan(s.plan)).ok());
    const analysis::AnalysisResult after = analyzeFiles(QString(), withOverlay(s.plan));
    QVERIFY(hasFinding(after, QStringLiteral("CMP-NET-001@service:api/port:5000/tcp")));
    QVERIFY(!hasFinding(after, QStringLiteral("CMP-NET-001@service:redis/port:6379/tcp")));
}

void TestHardeningPlanner::dockerfileDiffAppliesWithPatch()
{
    SampleProject s;
    const RenderedPlan rendered = renderPlan(s.plan);
    const FileChange *change = rendered.file(s.file(QStringLiteral("api/Dockerfile")));
    QVERIFY(change && change->before);
    QVERIFY(
        change->diff.startsWith(QStringLiteral("--- a/api/Dockerfile\n+++ b/api/Dockerfile\n")));
    const QString diffFile = s.file(QStringLiteral("harden.diff"));
    QFile f(diffFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(change->diff.toUtf8());
    f.close();
    QProcess patch;
    patch.setProcessChannelMode(QProcess::MergedChannels);
    patch.start(
        QStringLiteral("patch"),
        {QStringLiteral("-p1"), QStringLiteral("-d"), s.path, QStringLiteral("-i"), diffFile});
    QVERIFY2(patch.waitForStarted(), "patch(1) is not installed");
    QVERIFY(patch.waitForFinished(30000));
    QVERIFY2(patch.exitCode() == 0, patch.readAll().constData());
    QCOMPARE(readAll(s.file(QStringLiteral("api/Dockerfile"))), change->after);

    // The patched Dockerfile (the compose file unchanged) loses its findings.
    const analysis::AnalysisResult after = analyzeFiles(s.path);
    QVERIFY(after.ok());
    for (const QString &rule : {QStringLiteral("DKF-USR-001"), QStringLiteral("DKF-HLT-001"),
                                QStringLiteral("DKF-PKG-004"), QStringLiteral("DKF-BLD-003"),
                                QStringLiteral("DKF-SUP-007")}) {
        QVERIFY2(countRule(s.before, rule) > 0, qPrintable(rule));
        QVERIFY2(countRule(after, rule) == 0, qPrintable(rule));
    }
    // USER and HEALTHCHECK in the image also satisfy the compose rules on their own.
    QVERIFY(!hasFinding(after, QStringLiteral("CMP-PRIV-007@service:api")));
    QVERIFY(!hasFinding(after, QStringLiteral("CMP-RES-006@service:api")));
}

void TestHardeningPlanner::dockerfileFixesOnAnotherProject()
{
    ProjectFixture p{
        {"compose.yaml",
         "services:\n"
         "  web:\n    build: ./web\n    ports: [\"80:8080\"]\n"
         "    environment:\n      DB_PASSWORD: \"Web-s3cret-Value-771\"\n"
         "  worker:\n    image: python:3.12-slim\n    command: [\"python3\", \"-m\", \"worker\"]\n"
         "    environment:\n      DB_PASSWORD: \"Wrk-s3cret-Value-993\"\n"},
        {"web/Dockerfile",
         "# a web app\nFROM python:latest\nADD app.py /app/\n"
         "RUN apt-get update && apt-get install -y curl\n"
         "RUN pip install flask \\\n    gunicorn\n"
         "RUN <<EOF\npip install requests\nEOF\n"
         "# start it\nCMD python3 /app/app.py\n"},
        {"web/app.py", "print('hi')\n"}};
    const analysis::AnalysisResult before = analyzeFiles(p.path());
    QVERIFY2(before.ok(), before.ok() ? "" : qPrintable(before.error->toString()));
    const HardeningPlan plan = HardeningPlanner::plan(before);
    QStringList kinds;
    for (const HardeningChange &c : plan.changes)
        if (c.target == ChangeTarget::Dockerfile)
            kinds << c.kind;
    for (const QString &k : {QStringLiteral("pin-base-image"), QStringLiteral("use-copy"),
                             QStringLiteral("apt-no-recommends"), QStringLiteral("apt-clean-lists"),
                             QStringLiteral("pip-no-cache"), QStringLiteral("use-json-cmd"),
                             QStringLiteral("add-user"), QStringLiteral("add-healthcheck")})
        QVERIFY2(kinds.contains(k), qPrintable(kinds.join(u' ')));
    const QByteArray original = readAll(p.path(QStringLiteral("web/Dockerfile")));
    QVERIFY(HardeningWriter::write(plan, renderPlan(plan)).ok());
    QCOMPARE(readAll(p.path(QStringLiteral("web/Dockerfile.bak"))), original);
    const QByteArray dockerfile = readAll(p.path(QStringLiteral("web/Dockerfile")));
    QVERIFY(dockerfile.contains("FROM python:3.12-bookworm\n"));
    QVERIFY(dockerfile.contains("COPY app.py /app/\n"));
    QVERIFY(dockerfile.contains("apt-get install --no-install-recommends -y curl"));
    QVERIFY(dockerfile.contains("&& rm -rf /var/lib/apt/lists/*\n"));
    QVERIFY(dockerfile.contains("pip install --no-cache-dir flask"));
    QVERIFY(dockerfile.contains("\npip install --no-cache-dir requests\nEOF\n"));
    QVERIFY(dockerfile.contains("CMD [\"python3\", \"/app/app.py\"]\n"));
    // USER and HEALTHCHECK go before the closing CMD and its comment.
    QVERIFY(dockerfile.indexOf("USER ") < dockerfile.indexOf("# start it"));
    QVERIFY(dockerfile.indexOf("HEALTHCHECK ") < dockerfile.indexOf("# start it"));
    QVERIFY(dockerfile.contains("8080"));

    // One name with two different values: a variable per service.
    const QByteArray env = readAll(plan.envExamplePath);
    QVERIFY2(env.contains("\nWEB_DB_PASSWORD=\n") && env.contains("\nWORKER_DB_PASSWORD=\n"),
             env.constData());
    QVERIFY(!env.contains("s3cret"));

    const analysis::AnalysisResult after = analyzeFiles(QString(), withOverlay(plan));
    QVERIFY2(after.ok(), after.ok() ? "" : qPrintable(after.error->toString()));
    const QStringList open = stillOpen(plan, before, after);
    QVERIFY2(open.isEmpty(), qPrintable(open.join(u'\n')));
    // The port below 1024 on the host maps to 8080 inside: no NET_BIND_SERVICE is added.
    const compose::Service *web = after.project.service(QStringLiteral("web"));
    QVERIFY(web && web->capAdd.isEmpty());
}

void TestHardeningPlanner::patcherKeepsLineEndings()
{
    const QList<DockerfileEdit> edits{
        {DockerfileEdit::Kind::InsertBefore, 3, 0, QString(), QStringLiteral("USER 1:1")},
        {DockerfileEdit::Kind::Replace, 2, 2, QStringLiteral("^ADD\\b"), QStringLiteral("COPY")},
        {DockerfileEdit::Kind::InsertBefore, 4, 0, QString(), QStringLiteral("# end")}};
    QCOMPARE(DockerfilePatcher::apply("FROM a\r\nADD x y\r\nCMD z\r\n", edits),
             QByteArray("FROM a\r\nCOPY x y\r\nUSER 1:1\r\nCMD z\r\n# end\r\n"));
    QCOMPARE(DockerfilePatcher::apply("FROM a\nADD x y\nCMD z", edits.mid(0, 2)),
             QByteArray("FROM a\nCOPY x y\nUSER 1:1\nCMD z"));
    QCOMPARE(DockerfilePatcher::replace(QStringLiteral("RUN a  "), QStringLiteral("(\\S)\\s*$"),
                                        QStringLiteral("\\1 \\\\ b")),
             QStringLiteral("RUN a \\ b"));
}

void TestHardeningPlanner::healthProbes()
{
    ProjectFixture p{
        {"compose.yaml",
         "services:\n"
         "  dns-web:\n    image: example/dns-admin:2\n"
         "    ports: [\"53:53/udp\", \"53:53\", \"8080:80\"]\n"
         "  cache:\n    image: redis:7.2\n"
         "  app:\n    build: ./app\n"
         "  static:\n    build: ./static\n    ports: [\"8081:8080\"]\n"
         "  worker:\n    image: example/jobs:1\n    command: [\"worker\"]\n"},
        {"app/Dockerfile", "FROM node:20-bookworm\nEXPOSE 3000\nCMD [\"node\", \"s.js\"]\n"},
        {"static/Dockerfile",
         "FROM golang:1.22 AS build\nRUN go build -o /s .\n"
         "FROM gcr.io/distroless/static\nCOPY --from=build /s /s\n"}};
    const analysis::AnalysisResult before = analyzeFiles(p.path());
    QVERIFY(before.ok());
    const HardeningPlan plan = HardeningPlanner::plan(before);
    const auto test = [&plan](const QString &service) {
        const HardeningChange *c
            = plan.change(QStringLiteral("service:%1/healthcheck").arg(service));
        return c ? QString::fromUtf8(compose::NodeWriter::toJson(
                   c->compose.value(QStringLiteral("healthcheck")).value(QStringLiteral("test")),
                   false))
                 : QString();
    };
    // An HTTP probe on the port that speaks HTTP, not on DNS.
    QVERIFY2(test(QStringLiteral("dns-web")).contains(QStringLiteral("http://127.0.0.1:80/")),
             qPrintable(test(QStringLiteral("dns-web"))));
    // The image's own check; the runtime's probe on the Dockerfile's EXPOSE.
    QVERIFY(test(QStringLiteral("cache")).contains(QStringLiteral("redis-cli ping")));
    QVERIFY2(test(QStringLiteral("app")).startsWith(QStringLiteral("[\"CMD\",\"node\"")),
             qPrintable(test(QStringLiteral("app"))));
    QVERIFY(test(QStringLiteral("app")).contains(QStringLiteral("3000")));
    // Nothing to probe with (distroless) or nothing to probe (a worker without a port).
    QCOMPARE(test(QStringLiteral("static")), QString());
    QCOMPARE(test(QStringLiteral("worker")), QString());
    QVERIFY(
        std::any_of(plan.unplanned.cbegin(), plan.unplanned.cend(), [](const UnplannedFinding &u) {
            return u.findingId == u"CMP-RES-006@service:worker";
        }));
}

QTEST_GUILESS_MAIN(TestHardeningPlanner)
#include "tst_hardeningplanner.moc"
