#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace threatdock::scans {

/// One hardening property checked on a running container.
struct RuntimeCheck
{
    enum class Status { Passed, Failed, NotApplicable };

    QString id;    ///< "user", "read-only-rootfs", "no-new-privileges", "capabilities"...
    QString title; ///< "Runs as a non-root user"
    Status status = Status::NotApplicable;
    QString observed; ///< what docker inspect showed: "10001:10001", "Memory=0 (unlimited)"
    QString expected; ///< what passes: "a user other than root"
    /// Rule ids whose findings this check confirms or refutes (CMP-PRIV-007...).
    QStringList rules;
    /// System-model facts and properties the check observes ("runs as root", "memory
    /// limit", property "cpus"): threat mitigations that cite them get the evidence.
    QStringList facts;
    QStringList properties;
};

/// "passed", "failed", "not-applicable".
QString runtimeStatusName(RuntimeCheck::Status status);

/// One container of the project as it runs, and its checks.
struct ContainerVerification
{
    QString id;      ///< full container id
    QString name;    ///< "threatdock-sample-hardened_api_1" (no leading slash)
    QString service; ///< its com.docker.compose.service label
    QString image;   ///< the image reference it was created from
    QString state;   ///< "running", "exited"...
    QString health;  ///< "healthy", "unhealthy", "starting", "" when no healthcheck
    QList<RuntimeCheck> checks;

    const RuntimeCheck *check(const QString &id) const;
};

/// The runtime verification of a compose project: every container, every check.
struct RuntimeVerification
{
    QString project;
    QString engine; ///< "docker 28.2.2 at unix:///run/docker.sock" (DOCKER_HOST or default)
    QDateTime startedAt;
    QDateTime finishedAt;
    QList<ContainerVerification> containers;

    int count(RuntimeCheck::Status status) const;
    bool allPassed() const
    {
        return !containers.isEmpty() && count(RuntimeCheck::Status::Failed) == 0;
    }
};

/// Reads `docker inspect` (container) and `docker image inspect` objects and checks the
/// hardening actually in effect: non-root user, read-only root filesystem,
/// no-new-privileges, capabilities (all dropped, not privileged), memory, process and
/// CPU limits, running, and health. A pure function of the JSON: no engine needed.
class RuntimeVerifier final
{
public:
    static ContainerVerification verifyContainer(const QJsonObject &container,
                                                 const QJsonObject &image);
    /// Containers sorted by service, then name; each matched with its image by id.
    static QList<ContainerVerification> verify(const QJsonArray &containers,
                                               const QJsonArray &images);
};

} // namespace threatdock::scans
