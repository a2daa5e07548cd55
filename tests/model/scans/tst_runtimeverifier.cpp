// Runtime verification from real `docker inspect` output (tests/data/scans/docker/,
// recorded from the hardened sample and two unhardened containers on Debian's docker.io
// 20.10 with docker-compose 1.29; environment values masked): the checks, their evidence
// on the analysis's threats and findings, the JSON and the review's scan run.

#include "testsupport.h"

#include "analysis/projectanalysis.h"
#include "report/findingsjson.h"
#include "review/reviewstore.h"
#include "rules/ruleset.h"
#include "scans/runtimeevidence.h"
#include "scans/runtimereport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace threatdock;
using namespace threatdock::scans;
using Status = RuntimeCheck::Status;

namespace {

QJsonArray fixture(const QString &name)
{
    return testing::readJson(testing::testDataPath(QStringLiteral("scans/docker/") + name)).array();
}

QString samplePath(const QString &name)
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/") + name;
}

report::AnalysisReport analyse(const QString &sample)
{
    analysis::AnalysisRequest request;
    request.load.path = samplePath(sample);
    request.layoutDiagram = false;
    const analysis::AnalysisResult result = analysis::analyzeProject(request);
    if (!result.ok())
        qFatal("%s", qPrintable(result.error->toString()));
    return result.report;
}

const ContainerVerification *byService(const QList<ContainerVerification> &containers,
                                       const QString &service)
{
    for (const ContainerVerification &c : containers)
        if (c.service == service)
            return &c;
    return nullptr;
}

/// The container of the fixture with one HostConfig or Config field changed.
QJsonObject edited(QJsonObject container, const QString &section, const QString &key,
                   const QJsonValue &value)
{
    QJsonObject part = container.value(section).toObject();
    part.insert(key, value);
    container.insert(section, part);
    return container;
}

/// The unhardened "intruder" container relabelled as a service of the sample.
QJsonArray asService(const QString &service)
{
    QJsonArray containers;
    for (const QJsonValue &v : fixture(QStringLiteral("unhardened-containers.json"))) {
        QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("Name")).toString() != u"/threatdock-intruder")
            continue;
        QJsonObject labels = c.value(QStringLiteral("Config"))
                                 .toObject()
                                 .value(QStringLiteral("Labels"))
                                 .toObject();
        labels.insert(QStringLiteral("com.docker.compose.service"), service);
        containers.append(edited(c, QStringLiteral("Config"), QStringLiteral("Labels"), labels));
    }
    return containers;
}

QString mebibytes(qint64 bytes)
{
    return QStringLiteral("Memory=%1 MiB").arg(bytes / (1024 * 1024));
}

} // namespace

class TestRuntimeVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hardenedSamplePassesEveryCheck()
    {
        const QList<ContainerVerification> containers
            = RuntimeVerifier::verify(fixture(QStringLiteral("hardened-containers.json")),
                                      fixture(QStringLiteral("images.json")));
        QCOMPARE(containers.size(), 2);
        QCOMPARE(containers.at(0).service, QStringLiteral("api")); // sorted by service
        QCOMPARE(containers.at(1).service, QStringLiteral("redis"));
        // What the compose file asks for is what docker inspect shows.
        const auto loaded = compose::ComposeLoader::load(samplePath(QStringLiteral("hardened")));
        QVERIFY(loaded.ok());
        for (const ContainerVerification &c : containers) {
            QCOMPARE(c.checks.size(), 9);
            for (const RuntimeCheck &check : c.checks)
                QVERIFY2(check.status == Status::Passed,
                         qPrintable(c.service + u' ' + check.id + u' ' + check.observed));
            const compose::Service *service = loaded.project->service(c.service);
            QVERIFY(service);
            QCOMPARE(c.check(QStringLiteral("user"))->observed,
                     QStringLiteral("User=") + service->user);
            QCOMPARE(c.check(QStringLiteral("memory-limit"))->observed,
                     mebibytes(*service->memLimit));
            QCOMPARE(c.check(QStringLiteral("pids-limit"))->observed,
                     QStringLiteral("PidsLimit=%1").arg(*service->pidsLimit));
            QVERIFY(c.check(QStringLiteral("cpu-limit"))
                        ->observed.endsWith(QStringLiteral("(%1 CPUs)").arg(*service->cpus)));
            QCOMPARE(c.health, QStringLiteral("healthy"));
            QCOMPARE(c.state, QStringLiteral("running"));
        }
        QCOMPARE(containers.at(0).name, QStringLiteral("threatdock-sample-hardened_api_1"));
        QCOMPARE(containers.at(0).image, QStringLiteral("threatdock-sample/api:hardened"));
    }

    void defaultsAndAnExitedContainerFail()
    {
        const QList<ContainerVerification> containers
            = RuntimeVerifier::verify(fixture(QStringLiteral("unhardened-containers.json")),
                                      fixture(QStringLiteral("images.json")));
        const ContainerVerification *intruder = byService(containers, QStringLiteral("intruder"));
        QVERIFY(intruder);
        const auto status = [intruder](const char *id) {
            return intruder->check(QString::fromLatin1(id))->status;
        };
        QCOMPARE(status("running"), Status::Passed);
        for (const char *id : {"user", "read-only-rootfs", "no-new-privileges", "capabilities",
                               "memory-limit", "pids-limit", "cpu-limit", "health"})
            QVERIFY2(status(id) == Status::Failed, id);
        QCOMPARE(intruder->check(QStringLiteral("user"))->observed,
                 QStringLiteral("User=\"\" (no user: root)"));
        QCOMPARE(intruder->check(QStringLiteral("pids-limit"))->observed,
                 QStringLiteral("PidsLimit=null (unlimited)"));
        QCOMPARE(intruder->check(QStringLiteral("health"))->observed,
                 QStringLiteral("no healthcheck"));

        // docker run --cap-add NET_ADMIN --read-only --memory 64m --security-opt
        // no-new-privileges ... sh -c 'exit 3'
        const ContainerVerification *crashed = byService(containers, QStringLiteral("crashed"));
        QVERIFY(crashed);
        QCOMPARE(crashed->check(QStringLiteral("running"))->observed,
                 QStringLiteral("State.Status=exited (exit code 3)"));
        QCOMPARE(crashed->check(QStringLiteral("health"))->status, Status::NotApplicable);
        QCOMPARE(crashed->check(QStringLiteral("read-only-rootfs"))->status, Status::Passed);
        QCOMPARE(crashed->check(QStringLiteral("no-new-privileges"))->status, Status::Passed);
        QCOMPARE(crashed->check(QStringLiteral("memory-limit"))->observed,
                 mebibytes(64 * 1024 * 1024));
        QCOMPARE(crashed->check(QStringLiteral("capabilities"))->status, Status::Failed);
        QVERIFY(crashed->check(QStringLiteral("capabilities"))
                    ->observed.contains(QStringLiteral("CAP_NET_ADMIN")));
    }

    void edgeCases_data()
    {
        QTest::addColumn<QString>("section");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("check");
        QTest::addColumn<int>("status");
        const int passed = int(Status::Passed);
        const int failed = int(Status::Failed);
        const QString host = QStringLiteral("HostConfig");
        const QString config = QStringLiteral("Config");
        QTest::newRow("user root:root")
            << config << "User" << QJsonValue(QStringLiteral("root:root")) << "user" << failed;
        QTest::newRow("user 0") << config << "User" << QJsonValue(QStringLiteral("0:1000"))
                                << "user" << failed;
        QTest::newRow("user by name")
            << config << "User" << QJsonValue(QStringLiteral("nobody")) << "user" << passed;
        QTest::newRow("privileged despite cap_drop ALL")
            << host << "Privileged" << QJsonValue(true) << "capabilities" << failed;
        QTest::newRow("no-new-privileges=true")
            << host << "SecurityOpt"
            << QJsonValue(QJsonArray{QStringLiteral("no-new-privileges=true")})
            << "no-new-privileges" << passed;
        QTest::newRow("no-new-privileges:false")
            << host << "SecurityOpt"
            << QJsonValue(QJsonArray{QStringLiteral("no-new-privileges:false")})
            << "no-new-privileges" << failed;
        QTest::newRow("pids -1") << host << "PidsLimit" << QJsonValue(-1) << "pids-limit" << failed;
        QTest::newRow("pids 0") << host << "PidsLimit" << QJsonValue(0) << "pids-limit" << failed;
        QTest::newRow("writable") << host << "ReadonlyRootfs" << QJsonValue(false)
                                  << "read-only-rootfs" << failed;
        QTest::newRow("no memory limit")
            << host << "Memory" << QJsonValue(0) << "memory-limit" << failed;
    }

    void edgeCases()
    {
        QFETCH(QString, section);
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, check);
        QFETCH(int, status);
        const QJsonObject api
            = fixture(QStringLiteral("hardened-containers.json")).at(0).toObject();
        const ContainerVerification v
            = RuntimeVerifier::verifyContainer(edited(api, section, key, value), {});
        QCOMPARE(int(v.check(check)->status), status);
    }

    void cpuQuotaCountsAsALimit()
    {
        QJsonObject api = fixture(QStringLiteral("hardened-containers.json")).at(0).toObject();
        api = edited(api, QStringLiteral("HostConfig"), QStringLiteral("NanoCpus"), 0);
        api = edited(api, QStringLiteral("HostConfig"), QStringLiteral("CpuQuota"), 50000);
        const ContainerVerification v = RuntimeVerifier::verifyContainer(api, {});
        QCOMPARE(v.check(QStringLiteral("cpu-limit"))->status, Status::Passed);
        QCOMPARE(v.check(QStringLiteral("cpu-limit"))->observed,
                 QStringLiteral("CpuQuota=50000 CpuPeriod=100000"));
    }

    void theImagesOwnUserIsNamedWhenItDiffers()
    {
        const QJsonObject api
            = fixture(QStringLiteral("hardened-containers.json")).at(0).toObject();
        const QJsonObject image{{QStringLiteral("Config"),
                                 QJsonObject{{QStringLiteral("User"), QStringLiteral("app")}}}};
        const ContainerVerification v = RuntimeVerifier::verifyContainer(api, image);
        QCOMPARE(v.check(QStringLiteral("user"))->observed,
                 QStringLiteral("User=10001:10001 (the image's USER is app)"));
    }

    void evidenceOnThreatsAndFindings()
    {
        const report::AnalysisReport report = analyse(QStringLiteral("vulnerable"));
        RuntimeVerification verification;
        verification.project = report.project.name;
        verification.containers = RuntimeVerifier::verify(asService(QStringLiteral("api")), {});
        const RuntimeEvidence evidence = RuntimeEvidence::attach(report, verification);

        const auto checks = [](const QList<RuntimeEvidenceItem> &items) {
            QStringList ids;
            for (const RuntimeEvidenceItem &i : items)
                ids << i.check.id;
            return ids;
        };
        // The escape threat's mitigations cite root, capabilities and no-new-privileges.
        const QStringList escape
            = checks(evidence.forThreat(QStringLiteral("STRIDE-E-escape@service:api")));
        QVERIFY2(escape.contains(QStringLiteral("user"))
                     && escape.contains(QStringLiteral("capabilities"))
                     && escape.contains(QStringLiteral("no-new-privileges")),
                 qPrintable(escape.join(u',')));
        QVERIFY(!escape.contains(QStringLiteral("memory-limit")));
        const QStringList exhaustion = checks(
            evidence.forThreat(QStringLiteral("STRIDE-D-resource-exhaustion@service:api")));
        QCOMPARE(exhaustion,
                 (QStringList{QStringLiteral("memory-limit"), QStringLiteral("pids-limit"),
                              QStringLiteral("cpu-limit")}));
        // Only threats of the container's service.
        QVERIFY(evidence.forThreat(QStringLiteral("STRIDE-E-escape@service:redis")).isEmpty());

        // Findings: the rule a check confirms, on the same service.
        int withEvidence = 0;
        for (const rules::Finding &f : report.findings) {
            const QList<RuntimeEvidenceItem> items = evidence.forFinding(f.id);
            if (f.service != u"api") {
                QVERIFY2(items.isEmpty(), qPrintable(f.id));
                continue;
            }
            for (const RuntimeEvidenceItem &i : items) {
                QVERIFY2(i.check.rules.contains(f.ruleId), qPrintable(f.id + u' ' + i.check.id));
                QVERIFY(i.text().startsWith(
                    QStringLiteral("verified at runtime: api (threatdock-intruder): ")));
            }
            withEvidence += items.isEmpty() ? 0 : 1;
        }
        QVERIFY(withEvidence >= 3); // root, writable root filesystem, no limits...
    }

    void jsonAddsRuntimeAndKeepsTheAnalyzeFormat()
    {
        const report::AnalysisReport report = analyse(QStringLiteral("vulnerable"));
        RuntimeVerification verification;
        verification.project = report.project.name;
        verification.containers = RuntimeVerifier::verify(asService(QStringLiteral("api")), {});
        const RuntimeEvidence evidence = RuntimeEvidence::attach(report, verification);
        const QJsonObject json = RuntimeReport::toJson(report, verification, evidence);
        const QJsonObject plain = report::FindingsJson::toJson(report);
        for (const QString &list : {QStringLiteral("findings"), QStringLiteral("threats")}) {
            const QJsonArray with = json.value(list).toArray();
            const QJsonArray without = plain.value(list).toArray();
            QCOMPARE(with.size(), without.size());
            for (qsizetype i = 0; i < with.size(); ++i) {
                QJsonObject entry = with.at(i).toObject();
                const QString id = entry.value(QStringLiteral("id")).toString();
                const auto items
                    = list == u"findings" ? evidence.forFinding(id) : evidence.forThreat(id);
                QCOMPARE(entry.value(QStringLiteral("runtime")).toArray().size(), items.size());
                entry.remove(QStringLiteral("runtime"));
                QCOMPARE(entry, without.at(i).toObject()); // everything else as analyze writes it
            }
        }
        QCOMPARE(json.value(QStringLiteral("system")), plain.value(QStringLiteral("system")));
        const QJsonObject runtime = json.value(QStringLiteral("runtime")).toObject();
        QCOMPARE(runtime.value(QStringLiteral("failed")).toInt(),
                 verification.count(Status::Failed));
        QCOMPARE(runtime.value(QStringLiteral("passed")).toInt(),
                 verification.count(Status::Passed));
        QCOMPARE(runtime.value(QStringLiteral("containers")).toArray().size(), 1);
    }

    void findingsForTheReviewFile()
    {
        const report::AnalysisReport report = analyse(QStringLiteral("hardened"));
        RuntimeVerification verification;
        verification.project = report.project.name;
        verification.startedAt = QDateTime::currentDateTimeUtc();
        verification.finishedAt = verification.startedAt;
        QJsonArray containers = fixture(QStringLiteral("hardened-containers.json"));
        containers.append(asService(QStringLiteral("api")).at(0)); // a second api container
        verification.containers
            = RuntimeVerifier::verify(containers, fixture(QStringLiteral("images.json")));
        const QList<rules::Finding> findings = RuntimeReport::findings(report, verification);
        QCOMPARE(findings.size(), 3 * 9);
        QSet<QString> ids;
        for (const rules::Finding &f : findings) {
            ids.insert(f.id);
            QCOMPARE(f.source, QStringLiteral("docker"));
            QVERIFY(f.evidence.startsWith(QStringLiteral("verified at runtime: ")));
            QVERIFY(f.file.endsWith(QStringLiteral("/hardened/compose.yaml")));
            QVERIFY(f.line > 0);
        }
        QCOMPARE(ids.size(), findings.size()); // two api containers: the container names it
        QVERIFY(ids.contains(QStringLiteral("RUNTIME-USER@service:redis")));
        QVERIFY(
            ids.contains(QStringLiteral("RUNTIME-USER@service:api/container:threatdock-intruder")));
        for (const rules::Finding &f : findings) {
            if (f.id == u"RUNTIME-USER@service:api/container:threatdock-intruder") {
                const rules::Rule *rule
                    = rules::RuleSet::builtIn().find(QStringLiteral("CMP-PRIV-007"));
                QVERIFY(rule);
                QCOMPARE(f.severity, rule->severity);
                QCOMPARE(f.attack, rule->attack);
            }
            if (f.id == u"RUNTIME-USER@service:redis")
                QCOMPARE(f.severity, rules::Severity::Info);
        }

        // Saved as a scan run and read back.
        QTemporaryDir dir;
        auto store = review::ReviewStore::create(dir.filePath(QStringLiteral("r.threatdock")));
        QVERIFY(store.ok());
        review::ScanRun run;
        run.tool = QStringLiteral("docker");
        run.target = verification.project;
        run.findings = findings;
        QVERIFY(store.value->addScanRun(run).ok());
        const auto runs = store.value->scanRuns();
        QVERIFY(runs.ok());
        QCOMPARE(runs.value.first().findings.size(), findings.size());
        QCOMPARE(runs.value.first().findings.last().id, findings.last().id);
    }

    void textNamesEveryCheck()
    {
        const report::AnalysisReport report = analyse(QStringLiteral("hardened"));
        RuntimeVerification verification;
        verification.project = report.project.name;
        verification.containers
            = RuntimeVerifier::verify(fixture(QStringLiteral("unhardened-containers.json")), {});
        const QString text = QString::fromUtf8(RuntimeReport::text(
            report, verification, RuntimeEvidence::attach(report, verification)));
        QVERIFY(text.contains(
            QStringLiteral("  FAIL Runs as a non-root user: User=\"\" (no user: root)\n")));
        QVERIFY(text.contains(QStringLiteral("  N/A  Healthcheck passing: not running\n")));
        QVERIFY(text.endsWith(
            QStringLiteral("%1: 2 containers, %2 passed, %3 failed, 1 not applicable\n")
                .arg(report.project.name)
                .arg(verification.count(Status::Passed))
                .arg(verification.count(Status::Failed))));
    }
};

QTEST_GUILESS_MAIN(TestRuntimeVerifier)
#include "tst_runtimeverifier.moc"
