// The built-in Compose rules: each family fires where it should, on the right line, and
// stays quiet on the hardened form of the same service.
#include "compose/composeloader.h"
#include "projectfixture.h"
#include "rules/analysisinput.h"
#include "rules/checkregistry.h"
#include "rules/ruleengine.h"

#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace threatdock;
using namespace threatdock::testing;

namespace {

/// A service with every hardening the rules ask for; rows change one thing in it.
const char *const hardened = R"(services:
  app:
    image: registry.k8s.io/pause:3.9@sha256:7031c1b283388d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097
    user: "1000:1000"
    read_only: true
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
    mem_limit: 256m
    cpus: 0.5
    pids_limit: 100
    ulimits: {nofile: {soft: 1024, hard: 2048}}
    restart: on-failure:5
    healthcheck: {test: ["CMD", "true"]}
    ports: ["127.0.0.1:8080:8080"]
)";

struct Run
{
    QString composeFile;
    QList<rules::Finding> findings;
    QString error;
};

Run analyse(const QByteArray &compose, const QByteArray &dockerfile = {})
{
    ProjectFixture fixture({{"compose.yaml", compose.constData()}});
    if (!dockerfile.isEmpty())
        fixture.write(QStringLiteral("Dockerfile"), dockerfile);
    compose::ComposeLoader::Options options;
    options.path = fixture.path();
    options.processEnvironment = compose::Environment{};
    const auto loaded = compose::ComposeLoader::load(options);
    Run run;
    run.composeFile = fixture.path(QStringLiteral("compose.yaml"));
    if (!loaded.ok()) {
        run.error = loaded.error->toString();
        return run;
    }
    run.findings = rules::RuleEngine().run(rules::AnalysisInput::fromProject(*loaded.project));
    return run;
}

QList<int> linesOf(const Run &run, const QString &rule)
{
    QList<int> lines;
    for (const rules::Finding &f : run.findings)
        if (f.ruleId == rule)
            lines << f.line;
    std::sort(lines.begin(), lines.end());
    return lines;
}

void row(const char *name, const QByteArray &compose, const char *rule, const QList<int> &lines,
         const QByteArray &dockerfile = {})
{
    QTest::newRow(name) << compose << dockerfile << QString::fromLatin1(rule) << lines;
}

/// Rows: privileged mode, capabilities, security options, user.
void privilegeRows()
{
    const QByteArray h(hardened);
    row("privileged", h + "    privileged: true\n", "CMP-PRIV-001", {15});
    row("privileged false", h + "    privileged: false\n", "CMP-PRIV-001", {});
    row("cap_add SYS_ADMIN", h + "    cap_add: [SYS_ADMIN]\n", "CMP-PRIV-002", {15});
    row("cap_add default cap", h + "    cap_add: [NET_BIND_SERVICE]\n", "CMP-PRIV-002", {});
    row("cap_drop missing", QByteArray(h).replace("    cap_drop: [ALL]\n", ""), "CMP-PRIV-003",
        {2});
    row("cap_drop partial", QByteArray(h).replace("[ALL]", "[CHOWN]"), "CMP-PRIV-003", {6});
    row("no-new-privileges missing",
        QByteArray(h).replace("    security_opt: [\"no-new-privileges:true\"]\n", ""),
        "CMP-PRIV-004", {2});
    row("no-new-privileges false", QByteArray(h).replace(":true", ":false"), "CMP-PRIV-004", {7});
    row("no-new-privileges bare", QByteArray(h).replace(":true", ""), "CMP-PRIV-004", {});
    const auto secopt = [&h](const char *option) {
        return QByteArray(h).replace("\"no-new-privileges:true\"",
                                     QByteArray("\"no-new-privileges:true\", \"") + option + '"');
    };
    row("seccomp unconfined", secopt("seccomp=unconfined"), "CMP-PRIV-005", {7});
    row("seccomp profile", secopt("seccomp=./profile.json"), "CMP-PRIV-005", {});
    row("apparmor unconfined", secopt("apparmor:unconfined"), "CMP-PRIV-006", {7});
    row("selinux disabled", secopt("label=disable"), "CMP-PRIV-006", {7});
    row("apparmor profile", secopt("apparmor=docker-default"), "CMP-PRIV-006", {});
    row("systempaths unconfined", secopt("systempaths=unconfined"), "CMP-PRIV-011", {7});
    row("user root", QByteArray(h).replace("\"1000:1000\"", "root"), "CMP-PRIV-007", {4});
    row("user 0:0", QByteArray(h).replace("1000:1000", "0:0"), "CMP-PRIV-007", {4});
    row("user unset, image", QByteArray(h).replace("    user: \"1000:1000\"\n", ""), "CMP-PRIV-007",
        {2});
    row("user unset, Dockerfile without USER", "services:\n  app:\n    build: .\n", "CMP-PRIV-007",
        {2}, "FROM debian:12\nRUN true\n");
    row("user unset, Dockerfile USER app", "services:\n  app:\n    build: .\n", "CMP-PRIV-007", {},
        "FROM debian:12\nUSER app\n");
    row("userns host", h + "    userns_mode: host\n", "CMP-PRIV-008", {15});
    row("devices", h + "    devices:\n      - /dev/sda:/dev/xvda\n", "CMP-PRIV-009", {16});
    row("device bind", h + "    volumes:\n      - /dev/kmsg:/dev/kmsg\n", "CMP-PRIV-009", {16});
    row("device rule all", h + "    device_cgroup_rules: ['a *:* rwm']\n", "CMP-PRIV-009", {15});
    row("cgroup_parent", h + "    cgroup_parent: custom\n", "CMP-PRIV-010", {15});
}

/// Rows: namespaces, devices, cgroups, kernel parameters.
void namespaceRows()
{
    const QByteArray h(hardened);
    row("network host", h + "    network_mode: host\n", "CMP-NS-001", {15});
    row("network none", h + "    network_mode: none\n", "CMP-NS-001", {});
    row("pid host", h + "    pid: host\n", "CMP-NS-002", {15});
    row("pid container", h + "    pid: container:other\n", "CMP-NS-002", {});
    row("ipc host", h + "    ipc: host\n", "CMP-NS-003", {15});
    row("ipc shareable", h + "    ipc: shareable\n", "CMP-NS-003", {});
    row("uts host", h + "    uts: host\n", "CMP-NS-004", {15});
    row("pid of another container", h + "    pid: container:other\n", "CMP-NS-005", {15});
    row("sysctl forwarding", h + "    sysctls:\n      net.ipv4.ip_forward: 1\n", "CMP-SYS-001",
        {16});
    row("sysctl somaxconn", h + "    sysctls:\n      net.core.somaxconn: 1024\n", "CMP-SYS-001",
        {});
}

/// Rows: mounts and the root filesystem.
void mountRows()
{
    const QByteArray h(hardened);
    row("docker socket", h + "    volumes:\n      - /var/run/docker.sock:/s.sock:ro\n",
        "CMP-MNT-001", {16});
    row("run directory", h + "    volumes:\n      - /run:/host-run\n", "CMP-MNT-001", {16});
    row("project directory", h + "    volumes:\n      - ./data:/data\n", "CMP-MNT-001", {});
    row("etc", h + "    volumes:\n      - /etc:/host/etc:ro\n", "CMP-MNT-002", {16});
    row("ssh keys", h + "    volumes:\n      - /home/dev/.ssh:/keys:ro\n", "CMP-MNT-002", {16});
    row("project config", h + "    volumes:\n      - ./etc:/etc/app:ro\n", "CMP-MNT-002", {});
    row("srv data", h + "    volumes:\n      - /srv/data:/data:ro\n", "CMP-MNT-002", {});
    row("volume device in etc",
        h
            + "    volumes: [conf:/conf]\nvolumes:\n  conf:\n    driver_opts:\n"
              "      type: none\n      o: bind\n      device: /etc\n",
        "CMP-MNT-002", {21});
    row("writable bind", h + "    volumes:\n      - /srv/data:/data\n", "CMP-MNT-003", {16});
    row("read-only bind", h + "    volumes:\n      - /srv/data:/data:ro\n", "CMP-MNT-003", {});
    row("propagation rshared",
        h
            + "    volumes:\n      - type: bind\n        source: /srv\n        target: /srv\n"
              "        bind:\n          propagation: rshared\n",
        "CMP-MNT-004", {20});
    row("propagation private",
        h
            + "    volumes:\n      - type: bind\n        source: /srv\n        target: /srv\n"
              "        bind:\n          propagation: rprivate\n",
        "CMP-MNT-004", {});
    row("shared volume",
        h
            + "    volumes: [\"shared:/in\"]\n  other:\n    image: busybox:1\n"
              "    volumes:\n      - shared:/out\nvolumes:\n  shared: {}\n",
        "CMP-MNT-005", {15, 19});
    row("shared read-only volume",
        h
            + "    volumes: [\"shared:/in:ro\"]\n  other:\n    image: busybox:1\n"
              "    volumes:\n      - shared:/out:ro\nvolumes:\n  shared: {}\n",
        "CMP-MNT-005", {});
    row("root filesystem writable", QByteArray(h).replace("    read_only: true\n", ""),
        "CMP-FS-001", {2});
    row("read_only false", QByteArray(h).replace("read_only: true", "read_only: false"),
        "CMP-FS-001", {5});
}

/// Rows: resource limits, restarts, health, logging.
void resourceRows()
{
    const QByteArray h(hardened);
    row("memory missing", QByteArray(h).replace("    mem_limit: 256m\n", ""), "CMP-RES-001", {2});
    row("memory missing in deploy limits",
        QByteArray(h).replace("    mem_limit: 256m\n",
                              "    deploy:\n      resources:\n        limits:\n"
                              "          cpus: '1'\n"),
        "CMP-RES-001", {10});
    row("memory in deploy limits",
        QByteArray(h).replace("    mem_limit: 256m\n",
                              "    deploy:\n      resources:\n        limits:\n"
                              "          memory: 128M\n"),
        "CMP-RES-001", {});
    row("cpu missing", QByteArray(h).replace("    cpus: 0.5\n", ""), "CMP-RES-002", {2});
    row("cpu shares", QByteArray(h).replace("cpus: 0.5", "cpu_shares: 512"), "CMP-RES-002", {});
    row("pids missing", QByteArray(h).replace("    pids_limit: 100\n", ""), "CMP-RES-003", {2});
    row("pids unlimited", QByteArray(h).replace("pids_limit: 100", "pids_limit: -1"), "CMP-RES-003",
        {10});
    row("ulimits missing",
        QByteArray(h).replace("    ulimits: {nofile: {soft: 1024, hard: 2048}}\n", ""),
        "CMP-RES-004", {2});
    row("restart always", QByteArray(h).replace("on-failure:5", "always"), "CMP-RES-005", {12});
    row("restart on-failure:10", QByteArray(h).replace(":5", ":10"), "CMP-RES-005", {12});
    row("restart unset", QByteArray(h).replace("    restart: on-failure:5\n", ""), "CMP-RES-005",
        {});
    row("restart_policy without max",
        h + "    deploy:\n      restart_policy:\n        condition: any\n", "CMP-RES-005", {16});
    row("healthcheck missing",
        QByteArray(h).replace("    healthcheck: {test: [\"CMD\", \"true\"]}\n", ""), "CMP-RES-006",
        {2});
    row("healthcheck disabled",
        QByteArray(h).replace("{test: [\"CMD\", \"true\"]}", "\n      disable: true"),
        "CMP-RES-006", {14});
    row("healthcheck in Dockerfile", "services:\n  app:\n    build: .\n", "CMP-RES-006", {},
        "FROM debian:12\nHEALTHCHECK CMD true\n");
    row("healthcheck NONE in Dockerfile", "services:\n  app:\n    build: .\n", "CMP-RES-006", {2},
        "FROM debian:12\nHEALTHCHECK NONE\n");
    row("oom killer disabled", h + "    oom_kill_disable: true\n", "CMP-RES-007", {15});
    row("logging none", h + "    logging:\n      driver: none\n", "CMP-LOG-001", {16});
    row("logging json-file", h + "    logging:\n      driver: json-file\n", "CMP-LOG-001", {});
}

/// Rows: published ports and networks.
void networkRows()
{
    const QByteArray h(hardened);
    row("all interfaces", QByteArray(h).replace("127.0.0.1:", ""), "CMP-NET-001", {14});
    row("all interfaces, explicit", QByteArray(h).replace("127.0.0.1", "0.0.0.0"), "CMP-NET-001",
        {14});
    row("address written in published",
        "services:\n  app:\n    image: nginx:1\n    ports:\n      - target: 80\n"
        "        published: 127.0.0.1:8080\n",
        "CMP-NET-001", {});
    row("privileged host port", QByteArray(h).replace(":8080:8080", ":80:8080"), "CMP-NET-002",
        {14});
    row("privileged container port, NET_BIND_SERVICE kept",
        QByteArray(h).replace("[ALL]", "[CHOWN]").replace(":8080:8080", ":8080:80"), "CMP-NET-002",
        {14});
    row("privileged container port, NET_BIND_SERVICE dropped",
        QByteArray(h).replace(":8080:8080", ":8080:80"), "CMP-NET-002", {});
    row("postgres published", QByteArray(h).replace("127.0.0.1:8080:8080", "5432:5432"),
        "CMP-NET-003", {14});
    row("postgres on loopback", QByteArray(h).replace("8080:8080", "5432:5432"), "CMP-NET-003", {});
    row("default bridge", h + "    network_mode: bridge\n", "CMP-NET-004", {15});
    row("docker api over tcp", h + "    environment:\n      DOCKER_HOST: tcp://dind:2375\n",
        "CMP-NET-005", {16});
    row("docker api over tls",
        h
            + "    environment:\n      DOCKER_HOST: tcp://dind:2376\n"
              "      DOCKER_TLS_VERIFY: \"1\"\n",
        "CMP-NET-005", {});
}

/// Rows: image references and pulls.
void imageRows()
{
    row("untagged image", "services:\n  app:\n    image: nginx\n", "CMP-IMG-001", {3});
    row("latest image", "services:\n  app:\n    image: nginx:latest\n", "CMP-IMG-001", {3});
    row("tagged image", "services:\n  app:\n    image: nginx:1.25\n", "CMP-IMG-001", {});
    row("tag without digest", "services:\n  app:\n    image: nginx:1.25\n", "CMP-IMG-002", {3});
    row("built image", "services:\n  app:\n    build: .\n    image: app\n", "CMP-IMG-001", {},
        "FROM debian:12\n");
    row("unknown registry", "services:\n  app:\n    image: 10.0.0.5:5000/app:1.0\n", "IMG-REG-001",
        {3});
    row("known registry", "services:\n  app:\n    image: ghcr.io/org/app:1.0\n", "IMG-REG-001", {});
    row("base image from unknown registry", "services:\n  app:\n    build: .\n", "IMG-REG-001", {1},
        "FROM registry.example.net/base:1\n");
    row("pull never", "services:\n  app:\n    image: nginx:1\n    pull_policy: never\n", "EXT-001",
        {4});
}

} // namespace

class TestComposeChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void hardenedServiceIsQuiet()
    {
        const Run run = analyse(hardened);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        for (const rules::Finding &f : run.findings)
            QVERIFY2(!f.ruleId.startsWith(u"CMP-") && f.ruleId != u"IMG-REG-001"
                         && f.ruleId != u"EXT-001",
                     qPrintable(f.ruleId + QStringLiteral(": ") + f.why));
    }

    void rule_data()
    {
        QTest::addColumn<QByteArray>("compose");
        QTest::addColumn<QByteArray>("dockerfile");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QList<int>>("lines");
        privilegeRows();
        namespaceRows();
        mountRows();
        resourceRows();
        networkRows();
        imageRows();
    }

    void rule()
    {
        QFETCH(QByteArray, compose);
        QFETCH(QByteArray, dockerfile);
        QFETCH(QString, rule);
        QFETCH(QList<int>, lines);
        const Run run = analyse(compose, dockerfile);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(linesOf(run, rule), lines);
        for (const rules::Finding &f : run.findings) {
            if (f.ruleId != rule)
                continue;
            QVERIFY2(!f.why.isEmpty() && !f.evidence.isEmpty() && !f.title.isEmpty(),
                     qPrintable(f.id));
            QVERIFY(f.file == run.composeFile || f.file.endsWith(u"/Dockerfile"));
        }
    }

    void portRangeIsOneFinding()
    {
        const Run run = analyse("services:\n  app:\n    image: nginx:1\n    ports:\n"
                                "      - \"8000-8100:8000-8100\"\n      - \"9000:9000\"\n");
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QStringList ids;
        for (const rules::Finding &f : run.findings)
            if (f.ruleId == u"CMP-NET-001")
                ids << f.id;
        ids.sort();
        QCOMPARE(ids,
                 QStringList({QStringLiteral("CMP-NET-001@service:app/port:8000-8100/tcp"),
                              QStringLiteral("CMP-NET-001@service:app/port:9000/tcp")}));
        for (const rules::Finding &f : run.findings)
            if (f.ruleId == u"CMP-NET-001" && f.id.contains(u"8000-8100"))
                QCOMPARE(f.evidence, QStringLiteral("ports: 0.0.0.0:8000-8100->8000-8100/tcp"));
    }

    void everyComposeRuleHasACheck()
    {
        const rules::CheckRegistry &registry = rules::CheckRegistry::builtIn();
        const rules::RuleSet &set = rules::RuleSet::builtIn();
        int compose = 0;
        for (const rules::Rule &r : set.rules()) {
            if (!r.origin.file.endsWith(u"rules-compose.yaml"))
                continue;
            ++compose;
            QVERIFY2(registry.find(r.id), qPrintable(r.id));
            QVERIFY2(!r.rationale.isEmpty() && !r.remediation.isEmpty() && !r.stride.isEmpty()
                         && !r.attack.isEmpty() && !r.nist.isEmpty() && !r.cwe.isEmpty(),
                     qPrintable(r.id));
        }
        QVERIFY(compose >= 40);
        for (const QString &id : registry.ruleIds())
            if (id.startsWith(u"CMP-") || id.startsWith(u"EXT-") || id == u"IMG-REG-001")
                QVERIFY2(set.find(id), qPrintable(id));
    }
};

QTEST_GUILESS_MAIN(TestComposeChecks)
#include "tst_composechecks.moc"
