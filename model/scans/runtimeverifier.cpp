#include "runtimeverifier.h"

#include "containerinspector.h"

#include <algorithm>

namespace threatdock::scans {

namespace {

using Status = RuntimeCheck::Status;

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list << v.toString();
    return list;
}

RuntimeCheck make(const QString &id, const QString &title, const QString &expected,
                  const QStringList &rules, const QStringList &facts,
                  const QStringList &properties = {})
{
    RuntimeCheck c;
    c.id = id;
    c.title = title;
    c.expected = expected;
    c.rules = rules;
    c.facts = facts;
    c.properties = properties;
    return c;
}

/// "0", "root", "0:0", "root:root", "" (the image default is root) are all root.
bool isRoot(const QString &user)
{
    const QString name = user.section(u':', 0, 0).trimmed();
    return name.isEmpty() || name == u"0" || name == u"root";
}

RuntimeCheck userCheck(const QJsonObject &config, const QJsonObject &imageConfig)
{
    RuntimeCheck c = make(QStringLiteral("user"), QStringLiteral("Runs as a non-root user"),
                          QStringLiteral("a user other than root (0)"),
                          {QStringLiteral("CMP-PRIV-007"), QStringLiteral("DKF-USR-001")},
                          {QStringLiteral("runs as root")}, {QStringLiteral("user")});
    const QString user = config.value(QStringLiteral("User")).toString();
    const QString imageUser = imageConfig.value(QStringLiteral("User")).toString();
    c.status = isRoot(user) ? Status::Failed : Status::Passed;
    c.observed = QStringLiteral("User=") + (user.isEmpty() ? QStringLiteral("\"\"") : user);
    if (user.isEmpty())
        c.observed += QStringLiteral(" (no user: root)");
    else if (!imageUser.isEmpty() && imageUser != user)
        c.observed += QStringLiteral(" (the image's USER is %1)").arg(imageUser);
    return c;
}

RuntimeCheck flagCheck(const QJsonObject &host, const QString &key, RuntimeCheck c)
{
    const bool on = host.value(key).toBool();
    c.status = on ? Status::Passed : Status::Failed;
    c.observed = key + u'=' + (on ? QStringLiteral("true") : QStringLiteral("false"));
    return c;
}

RuntimeCheck noNewPrivilegesCheck(const QJsonObject &host)
{
    RuntimeCheck c
        = make(QStringLiteral("no-new-privileges"), QStringLiteral("no-new-privileges set"),
               QStringLiteral("SecurityOpt holds no-new-privileges"),
               {QStringLiteral("CMP-PRIV-004")}, {QStringLiteral("no-new-privileges")});
    const QStringList options = strings(host.value(QStringLiteral("SecurityOpt")));
    const bool set = std::any_of(options.cbegin(), options.cend(), [](const QString &o) {
        const QString option = o.trimmed().toLower();
        return option == u"no-new-privileges" || option == u"no-new-privileges:true"
            || option == u"no-new-privileges=true";
    });
    c.status = set ? Status::Passed : Status::Failed;
    c.observed = QStringLiteral("SecurityOpt=[%1]").arg(options.join(QStringLiteral(", ")));
    return c;
}

RuntimeCheck capabilitiesCheck(const QJsonObject &host)
{
    RuntimeCheck c = make(QStringLiteral("capabilities"),
                          QStringLiteral("All capabilities dropped, not privileged"),
                          QStringLiteral("CapDrop holds ALL and Privileged is false"),
                          {QStringLiteral("CMP-PRIV-001"), QStringLiteral("CMP-PRIV-002"),
                           QStringLiteral("CMP-PRIV-003")},
                          {QStringLiteral("cap_drop ALL"), QStringLiteral("privileged")});
    const QStringList drop = strings(host.value(QStringLiteral("CapDrop")));
    const QStringList add = strings(host.value(QStringLiteral("CapAdd")));
    const bool privileged = host.value(QStringLiteral("Privileged")).toBool();
    const bool dropAll = std::any_of(drop.cbegin(), drop.cend(), [](const QString &cap) {
        return cap.compare(u"ALL", Qt::CaseInsensitive) == 0
            || cap.compare(u"CAP_ALL", Qt::CaseInsensitive) == 0;
    });
    c.status = dropAll && !privileged ? Status::Passed : Status::Failed;
    c.observed = QStringLiteral("CapDrop=[%1] CapAdd=[%2] Privileged=%3")
                     .arg(drop.join(QStringLiteral(", ")), add.join(QStringLiteral(", ")),
                          privileged ? QStringLiteral("true") : QStringLiteral("false"));
    return c;
}

QString mebibytes(double bytes)
{
    return QString::number(bytes / (1024.0 * 1024.0), 'g', 6) + QStringLiteral(" MiB");
}

RuntimeCheck memoryCheck(const QJsonObject &host)
{
    RuntimeCheck c = make(QStringLiteral("memory-limit"), QStringLiteral("Memory limit"),
                          QStringLiteral("Memory > 0"), {QStringLiteral("CMP-RES-001")},
                          {QStringLiteral("memory limit")});
    const double memory = host.value(QStringLiteral("Memory")).toDouble();
    c.status = memory > 0 ? Status::Passed : Status::Failed;
    c.observed = memory > 0 ? QStringLiteral("Memory=") + mebibytes(memory)
                            : QStringLiteral("Memory=0 (unlimited)");
    return c;
}

RuntimeCheck pidsCheck(const QJsonObject &host)
{
    RuntimeCheck c = make(QStringLiteral("pids-limit"), QStringLiteral("Process count limit"),
                          QStringLiteral("PidsLimit > 0"), {QStringLiteral("CMP-RES-003")},
                          {QStringLiteral("pids limit")});
    const QJsonValue value = host.value(QStringLiteral("PidsLimit"));
    const qint64 pids = value.isDouble() ? qint64(value.toDouble()) : 0;
    c.status = pids > 0 ? Status::Passed : Status::Failed;
    c.observed = pids > 0
        ? QStringLiteral("PidsLimit=%1").arg(pids)
        : QStringLiteral("PidsLimit=%1 (unlimited)")
              .arg(value.isDouble() ? QString::number(pids) : QStringLiteral("null"));
    return c;
}

RuntimeCheck cpuCheck(const QJsonObject &host)
{
    RuntimeCheck c = make(QStringLiteral("cpu-limit"), QStringLiteral("CPU limit"),
                          QStringLiteral("NanoCpus > 0 or CpuQuota > 0"),
                          {QStringLiteral("CMP-RES-002")}, {}, {QStringLiteral("cpus")});
    const double nano = host.value(QStringLiteral("NanoCpus")).toDouble();
    const double quota = host.value(QStringLiteral("CpuQuota")).toDouble();
    const double period = host.value(QStringLiteral("CpuPeriod")).toDouble();
    if (nano > 0) {
        c.status = Status::Passed;
        c.observed = QStringLiteral("NanoCpus=%1 (%2 CPUs)")
                         .arg(QString::number(nano, 'f', 0), QString::number(nano / 1e9, 'g', 6));
    } else if (quota > 0) {
        c.status = Status::Passed;
        c.observed = QStringLiteral("CpuQuota=%1 CpuPeriod=%2")
                         .arg(QString::number(quota, 'f', 0),
                              QString::number(period > 0 ? period : 100000, 'f', 0));
    } else {
        c.status = Status::Failed;
        c.observed = QStringLiteral("NanoCpus=0 CpuQuota=0 (unlimited)");
    }
    return c;
}

RuntimeCheck runningCheck(const QJsonObject &state)
{
    RuntimeCheck c = make(QStringLiteral("running"), QStringLiteral("Running"),
                          QStringLiteral("State.Status running"), {}, {});
    const QString status = state.value(QStringLiteral("Status")).toString();
    c.status = status == u"running" ? Status::Passed : Status::Failed;
    c.observed = QStringLiteral("State.Status=") + status;
    if (status == u"exited" || status == u"dead")
        c.observed += QStringLiteral(" (exit code %1)")
                          .arg(state.value(QStringLiteral("ExitCode")).toInt());
    return c;
}

RuntimeCheck healthCheck(const QJsonObject &state)
{
    RuntimeCheck c = make(QStringLiteral("health"), QStringLiteral("Healthcheck passing"),
                          QStringLiteral("State.Health.Status healthy"),
                          {QStringLiteral("CMP-RES-006"), QStringLiteral("DKF-HLT-001")},
                          {QStringLiteral("healthcheck")});
    const QString health = state.value(QStringLiteral("Health"))
                               .toObject()
                               .value(QStringLiteral("Status"))
                               .toString();
    if (state.value(QStringLiteral("Status")).toString() != u"running") {
        c.status = Status::NotApplicable;
        c.observed = QStringLiteral("not running");
    } else if (health.isEmpty()) {
        c.status = Status::Failed;
        c.observed = QStringLiteral("no healthcheck");
    } else {
        c.status = health == u"healthy" ? Status::Passed : Status::Failed;
        c.observed = QStringLiteral("State.Health.Status=") + health;
    }
    return c;
}

} // namespace

QString runtimeStatusName(RuntimeCheck::Status status)
{
    switch (status) {
    case Status::Passed:
        return QStringLiteral("passed");
    case Status::Failed:
        return QStringLiteral("failed");
    case Status::NotApplicable:
        return QStringLiteral("not-applicable");
    }
    return QString();
}

const RuntimeCheck *ContainerVerification::check(const QString &checkId) const
{
    for (const RuntimeCheck &c : checks)
        if (c.id == checkId)
            return &c;
    return nullptr;
}

int RuntimeVerification::count(RuntimeCheck::Status status) const
{
    int n = 0;
    for (const ContainerVerification &c : containers)
        n += int(
            std::count_if(c.checks.cbegin(), c.checks.cend(),
                          [status](const RuntimeCheck &check) { return check.status == status; }));
    return n;
}

ContainerVerification RuntimeVerifier::verifyContainer(const QJsonObject &container,
                                                       const QJsonObject &image)
{
    const QJsonObject config = container.value(QStringLiteral("Config")).toObject();
    const QJsonObject host = container.value(QStringLiteral("HostConfig")).toObject();
    const QJsonObject state = container.value(QStringLiteral("State")).toObject();
    ContainerVerification v;
    v.id = container.value(QStringLiteral("Id")).toString();
    v.name = container.value(QStringLiteral("Name")).toString();
    if (v.name.startsWith(u'/'))
        v.name.remove(0, 1);
    v.service
        = config.value(QStringLiteral("Labels")).toObject().value(composeServiceLabel()).toString();
    v.image = config.value(QStringLiteral("Image")).toString();
    v.state = state.value(QStringLiteral("Status")).toString();
    v.health = state.value(QStringLiteral("Health"))
                   .toObject()
                   .value(QStringLiteral("Status"))
                   .toString();
    v.checks << runningCheck(state)
             << userCheck(config, image.value(QStringLiteral("Config")).toObject())
             << flagCheck(host, QStringLiteral("ReadonlyRootfs"),
                          make(QStringLiteral("read-only-rootfs"),
                               QStringLiteral("Read-only root filesystem"),
                               QStringLiteral("ReadonlyRootfs=true"),
                               {QStringLiteral("CMP-FS-001")},
                               {QStringLiteral("read-only root filesystem")}))
             << noNewPrivilegesCheck(host) << capabilitiesCheck(host) << memoryCheck(host)
             << pidsCheck(host) << cpuCheck(host) << healthCheck(state);
    return v;
}

QList<ContainerVerification> RuntimeVerifier::verify(const QJsonArray &containers,
                                                     const QJsonArray &images)
{
    QList<ContainerVerification> result;
    for (const QJsonValue &value : containers) {
        const QJsonObject container = value.toObject();
        const QString imageId = container.value(QStringLiteral("Image")).toString();
        QJsonObject image;
        for (const QJsonValue &i : images)
            if (i.toObject().value(QStringLiteral("Id")).toString() == imageId)
                image = i.toObject();
        result << verifyContainer(container, image);
    }
    std::sort(result.begin(), result.end(),
              [](const ContainerVerification &a, const ContainerVerification &b) {
                  return std::tie(a.service, a.name) < std::tie(b.service, b.name);
              });
    return result;
}

} // namespace threatdock::scans
