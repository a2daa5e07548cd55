// Compose checks on resource limits, restarts, health and logging.

#include "composechecks_p.h"

namespace threatdock::rules::composechecks {

namespace {

/// Where to report a missing limit: the key when it is set to "no limit", else the
/// deepest part of deploy.resources.limits.<name> that exists, else the service.
Origin limitOrigin(const Service &s, const QString &key, const QString &deployName)
{
    if (nodeAt(s, key))
        return keyOrigin(s, key);
    if (nodeAt(s, QStringLiteral("deploy")))
        return s.originOf(QStringLiteral("deploy.resources.limits.") + deployName);
    return s.origin;
}

bool positive(const Service &s, const QString &keyPath)
{
    const Node *n = nodeAt(s, keyPath);
    return n && n->isScalar() && n->text().toDouble() > 0;
}

void checkMemory(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    if (s.memLimit.value_or(0) > 0)
        return;
    report(sink, s, limitOrigin(s, QStringLiteral("mem_limit"), QStringLiteral("memory")),
           QString(),
           QStringLiteral("neither mem_limit nor deploy.resources.limits.memory sets a memory "
                          "limit: one service can exhaust the host's memory."));
}

void checkCpu(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    if (s.cpus.value_or(0) > 0 || positive(s, QStringLiteral("cpu_quota"))
        || positive(s, QStringLiteral("cpu_shares"))
        || !s.node.value(QStringLiteral("cpuset")).text().isEmpty())
        return;
    report(sink, s, limitOrigin(s, QStringLiteral("cpus"), QStringLiteral("cpus")), QString(),
           QStringLiteral("none of cpus, cpu_quota, cpu_shares, cpuset or "
                          "deploy.resources.limits.cpus limits the CPU: one service can starve "
                          "the others."));
}

void checkPids(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    if (s.pidsLimit.value_or(0) > 0)
        return;
    Origin where = s.origin;
    QString why = QStringLiteral("pids_limit is not set: a fork bomb in the container can "
                                 "exhaust the host's process table.");
    for (const QString &key :
         {QStringLiteral("pids_limit"), QStringLiteral("deploy.resources.limits.pids")}) {
        if (const Node *n = nodeAt(s, key)) {
            where = keyOrigin(s, key);
            why = QStringLiteral("%1: %2 means no limit on processes: a fork bomb in the "
                                 "container can exhaust the host's process table.")
                      .arg(key.section(u'.', -1), n->text());
            break;
        }
    }
    report(sink, s, where, QString(), why);
}

void checkUlimits(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    const Node &ulimits = s.node.value(QStringLiteral("ulimits"));
    if (ulimits.contains(QStringLiteral("nofile")) || ulimits.contains(QStringLiteral("nproc")))
        return;
    report(sink, s, keyOrigin(s, QStringLiteral("ulimits")), QString(),
           QStringLiteral("ulimits sets neither nofile nor nproc: the engine's defaults "
                          "(often a million open files) apply."));
}

void checkRestart(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    const QString restart = s.restart.trimmed();
    if (!restart.isEmpty() && restart != u"no") {
        const QString policy = restart.section(u':', 0, 0);
        const QString count = restart.section(u':', 1);
        if (policy != u"on-failure" || count != u"5")
            report(sink, s, keyOrigin(s, QStringLiteral("restart")), QStringLiteral("restart"),
                   policy == u"on-failure" && !count.isEmpty()
                       ? QStringLiteral("restart: %1 retries %2 times, not the 5 that CIS 5.15 "
                                        "recommends.")
                             .arg(restart, count)
                       : QStringLiteral("restart: %1 restarts a failing container without "
                                        "limit: a crash loop keeps consuming the host.")
                             .arg(restart));
    }
    const Node *policy = nodeAt(s, QStringLiteral("deploy.restart_policy"));
    if (!policy || !policy->isMapping())
        return;
    const QString condition = policy->value(QStringLiteral("condition")).text();
    const Node &attempts = policy->value(QStringLiteral("max_attempts"));
    if (condition == u"none" || attempts.text() == u"5")
        return;
    report(sink, s,
           attempts.isNull() ? keyOrigin(s, QStringLiteral("deploy.restart_policy"))
                             : entryOrigin(*policy, QStringLiteral("max_attempts")),
           QStringLiteral("deploy.restart_policy"),
           attempts.isNull()
               ? QStringLiteral("deploy.restart_policy has no max_attempts: a failing "
                                "container restarts without limit.")
               : QStringLiteral("deploy.restart_policy.max_attempts is %1, not the 5 that CIS "
                                "5.15 recommends.")
                     .arg(attempts.text()));
}

void checkHealthcheck(const AnalysisInput &input, const Service &s, FindingSink &sink)
{
    if (s.healthcheck && s.healthcheck->disabled) {
        const bool byDisable = nodeAt(s, QStringLiteral("healthcheck.disable")) != nullptr
            && s.node.value(QStringLiteral("healthcheck"))
                   .value(QStringLiteral("disable"))
                   .toBool()
                   .value_or(false);
        const QString key = byDisable ? QStringLiteral("healthcheck.disable")
                                      : QStringLiteral("healthcheck.test");
        report(
            sink, s, keyOrigin(s, key), QString(),
            QStringLiteral("the healthcheck is turned off (%1): Docker cannot tell a hung "
                           "service from a healthy one.")
                .arg(byDisable ? QStringLiteral("disable: true") : QStringLiteral("test: NONE")));
        return;
    }
    if (s.healthcheck)
        return;
    QString why = QStringLiteral("healthcheck is not set and the image's own HEALTHCHECK is "
                                 "not known here: Docker may not tell a hung service from a "
                                 "healthy one.");
    if (const DockerfileInput *d = dockerfileOf(input, s); d && d->finalStage()) {
        const auto *hc = d->dockerfile.effective(*d->finalStage(), QStringLiteral("HEALTHCHECK"));
        if (hc && !hc->arguments.trimmed().toUpper().startsWith(u"NONE"))
            return;
        why = QStringLiteral("healthcheck is not set and the Dockerfile has no HEALTHCHECK: "
                             "Docker cannot tell a hung service from a healthy one.");
    }
    report(sink, s, s.origin, QString(), why);
}

void checkOomKill(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    if (!s.node.value(QStringLiteral("oom_kill_disable")).toBool().value_or(false))
        return;
    report(sink, s, keyOrigin(s, QStringLiteral("oom_kill_disable")), QString(),
           s.memLimit.value_or(0) > 0
               ? QStringLiteral("oom_kill_disable: true stops the kernel from killing the "
                                "container when it reaches its memory limit: it hangs instead.")
               : QStringLiteral("oom_kill_disable: true without a memory limit lets the "
                                "container take the host's memory while the kernel kills "
                                "other processes."));
}

void checkLogging(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    if (s.loggingDriver.trimmed() != u"none")
        return;
    report(sink, s, keyOrigin(s, QStringLiteral("logging.driver")), QString(),
           QStringLiteral("logging.driver: none discards the container's output: there is no "
                          "record of what happened in it."));
}

} // namespace

void registerResourceChecks(CheckRegistry &registry)
{
    addServiceCheck(registry, QStringLiteral("CMP-RES-001"), checkMemory);
    addServiceCheck(registry, QStringLiteral("CMP-RES-002"), checkCpu);
    addServiceCheck(registry, QStringLiteral("CMP-RES-003"), checkPids);
    addServiceCheck(registry, QStringLiteral("CMP-RES-004"), checkUlimits);
    addServiceCheck(registry, QStringLiteral("CMP-RES-005"), checkRestart);
    addServiceCheck(registry, QStringLiteral("CMP-RES-006"), checkHealthcheck);
    addServiceCheck(registry, QStringLiteral("CMP-RES-007"), checkOomKill);
    addServiceCheck(registry, QStringLiteral("CMP-LOG-001"), checkLogging);
}

} // namespace threatdock::rules::composechecks
