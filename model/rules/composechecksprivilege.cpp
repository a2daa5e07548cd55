// Compose checks on privileges: privileged mode, capabilities, security options, user.

#include "composechecks_p.h"

#include <QRegularExpression>
#include <QSet>

namespace threatdock::rules::composechecks {

namespace {

/// A security_opt entry split at its first ':' or '=' ("seccomp:unconfined").
struct SecurityOption
{
    QString key;
    QString value;
    QString text;
    Origin origin;
};

QList<SecurityOption> securityOptions(const Service &service)
{
    QList<SecurityOption> out;
    for (const Node &item : service.node.value(QStringLiteral("security_opt")).items()) {
        if (!item.isScalar())
            continue;
        const QString text = item.text().trimmed();
        const qsizetype sep = text.indexOf(QRegularExpression(QStringLiteral("[:=]")));
        SecurityOption o;
        o.key = (sep < 0 ? text : text.left(sep)).trimmed().toLower();
        o.value = sep < 0 ? QString() : text.mid(sep + 1).trimmed().toLower();
        o.text = text;
        o.origin = item.origin();
        out << o;
    }
    return out;
}

void checkPrivileged(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    if (!s.privileged)
        return;
    report(sink, s, keyOrigin(s, QStringLiteral("privileged")), QString(),
           QStringLiteral("privileged: true gives the container every capability, all host "
                          "devices and no seccomp/AppArmor confinement; root in it is root on "
                          "the host."));
}

bool isDefaultCapability(const QString &cap)
{
    // Docker's default capability set (moby oci/caps/defaults.go).
    static const QSet<QString> defaults{QStringLiteral("CHOWN"),
                                        QStringLiteral("DAC_OVERRIDE"),
                                        QStringLiteral("FSETID"),
                                        QStringLiteral("FOWNER"),
                                        QStringLiteral("MKNOD"),
                                        QStringLiteral("NET_RAW"),
                                        QStringLiteral("SETGID"),
                                        QStringLiteral("SETUID"),
                                        QStringLiteral("SETFCAP"),
                                        QStringLiteral("SETPCAP"),
                                        QStringLiteral("NET_BIND_SERVICE"),
                                        QStringLiteral("SYS_CHROOT"),
                                        QStringLiteral("KILL"),
                                        QStringLiteral("AUDIT_WRITE")};
    return defaults.contains(cap);
}

void checkCapAdd(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    for (const QString &raw : s.capAdd) {
        const QString cap = capabilityName(raw);
        if (isDefaultCapability(cap))
            continue;
        const QString why = cap == u"ALL"
            ? QStringLiteral("cap_add: ALL grants every Linux capability, close to "
                             "privileged mode.")
            : QStringLiteral("cap_add grants %1, which Docker does not give by default; "
                             "with it a compromised process can reach beyond the container.")
                  .arg(cap);
        report(sink, s, keyOrigin(s, QStringLiteral("cap_add")), QStringLiteral("cap:") + cap, why,
               QStringLiteral("cap_add: ") + raw);
    }
}

void checkCapDrop(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    if (hasCapability(s.capDrop, QStringLiteral("ALL")))
        return;
    const QString why = s.capDrop.isEmpty()
        ? QStringLiteral("cap_drop is not set: the container keeps Docker's 14 default "
                         "capabilities (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID, ...).")
        : QStringLiteral("cap_drop removes only %1, not ALL: the other default capabilities "
                         "stay.")
              .arg(s.capDrop.join(QStringLiteral(", ")));
    report(sink, s, keyOrigin(s, QStringLiteral("cap_drop")), QString(), why);
}

void checkNoNewPrivileges(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    QString found;
    for (const SecurityOption &o : securityOptions(s)) {
        if (o.key != u"no-new-privileges")
            continue;
        if (o.value.isEmpty() || o.value == u"true")
            return;
        found = o.text;
    }
    QString why;
    if (!found.isEmpty())
        why = QStringLiteral("security_opt sets \"%1\": setuid binaries and file "
                             "capabilities can raise a process's privileges.")
                  .arg(found);
    else if (s.node.contains(QStringLiteral("security_opt")))
        why = QStringLiteral("security_opt has no no-new-privileges:true: setuid binaries "
                             "and file capabilities can raise a process's privileges.");
    else
        why = QStringLiteral("security_opt is not set, so no-new-privileges is off: setuid "
                             "binaries and file capabilities can raise a process's "
                             "privileges.");
    report(sink, s, keyOrigin(s, QStringLiteral("security_opt")), QString(), why);
}

void checkSeccomp(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    for (const SecurityOption &o : securityOptions(s)) {
        if (!o.text.toLower().contains(QRegularExpression(QStringLiteral("seccomp[:=]unconfined"))))
            continue;
        report(sink, s, o.origin, QString(),
               QStringLiteral("security_opt \"%1\" turns off Docker's default seccomp profile: "
                              "every system call reaches the host kernel.")
                   .arg(o.text));
    }
}

void checkMandatoryAccessControl(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    for (const SecurityOption &o : securityOptions(s)) {
        QString why;
        if (o.key == u"apparmor" && o.value == u"unconfined")
            why = QStringLiteral("security_opt \"%1\" runs the container without an AppArmor "
                                 "profile.");
        else if (o.key == u"label" && (o.value == u"disable" || o.value == u"type:spc_t"))
            why = QStringLiteral("security_opt \"%1\" turns off SELinux separation for the "
                                 "container.");
        if (!why.isEmpty())
            report(sink, s, o.origin, o.key, why.arg(o.text));
    }
}

void checkSystemPaths(const AnalysisInput &, const Service &s, FindingSink &sink)
{
    for (const SecurityOption &o : securityOptions(s)) {
        if (o.key == u"systempaths" && o.value == u"unconfined")
            report(sink, s, o.origin, QString(),
                   QStringLiteral("security_opt \"%1\" unmasks /proc and /sys paths (kcore, "
                                  "sysrq-trigger, ...) that Docker normally hides.")
                       .arg(o.text));
    }
}

bool isRootUser(const QString &user)
{
    const QString name = user.section(u':', 0, 0).trimmed();
    return name == u"root" || name == u"0";
}

void checkUser(const AnalysisInput &input, const Service &s, FindingSink &sink)
{
    if (!s.user.isEmpty()) {
        if (isRootUser(s.user))
            report(sink, s, keyOrigin(s, QStringLiteral("user")), QString(),
                   QStringLiteral("user: %1 runs the container's processes as root.").arg(s.user));
        return;
    }
    QString why;
    if (const DockerfileInput *d = dockerfileOf(input, s); d && d->finalStage()) {
        const auto *user = d->dockerfile.effective(*d->finalStage(), QStringLiteral("USER"));
        if (user && !isRootUser(user->arguments))
            return;
        why = user
            ? QStringLiteral("user is not set and %1:%2 sets USER %3.")
                  .arg(d->path)
                  .arg(user->line)
                  .arg(user->arguments)
            : QStringLiteral("user is not set and %1 has no USER instruction: the "
                             "container runs as root.")
                  .arg(d->path.isEmpty() ? QStringLiteral("the inline Dockerfile") : d->path);
    } else {
        why = QStringLiteral("user is not set, so %1's default user applies; it is not known "
                             "here, and most images run as root.")
                  .arg(s.image.isEmpty() ? QStringLiteral("the image") : s.image);
    }
    report(sink, s, s.origin, QString(), why);
}

} // namespace

void registerPrivilegeChecks(CheckRegistry &registry)
{
    addServiceCheck(registry, QStringLiteral("CMP-PRIV-001"), checkPrivileged);
    addServiceCheck(registry, QStringLiteral("CMP-PRIV-002"), checkCapAdd);
    addServiceCheck(registry, QStringLiteral("CMP-PRIV-003"), checkCapDrop);
    addServiceCheck(registry, QStringLiteral("CMP-PRIV-004"), checkNoNewPrivileges);
    addServiceCheck(registry, QStringLiteral("CMP-PRIV-005"), checkSeccomp);
    addServiceCheck(registry, QStringLiteral("CMP-PRIV-006"), checkMandatoryAccessControl);
    addServiceCheck(registry, QStringLiteral("CMP-PRIV-007"), checkUser);
    addServiceCheck(registry, QStringLiteral("CMP-PRIV-011"), checkSystemPaths);
}

} // namespace threatdock::rules::composechecks
