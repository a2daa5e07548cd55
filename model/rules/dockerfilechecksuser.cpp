// Dockerfile checks on the image's runtime identity, health check and exposed services:
// DKF-USR-*, DKF-HLT-001, DKF-NET-001. (Secrets in Dockerfiles, DKF-SEC-*, are checked
// with the other secret rules in secretchecks.cpp.)

#include "dockerfilechecks_p.h"

#include <QRegularExpression>

namespace threatdock::rules::dockerfilechecks {

namespace {

QString userName(const QString &userSpec)
{
    return userSpec.section(u':', 0, 0).trimmed();
}

bool isRoot(const QString &user)
{
    return user == u"root" || user == u"0";
}

bool isScratch(const Stage &s)
{
    return s.resolvedBaseImage.compare(QStringLiteral("scratch"), Qt::CaseInsensitive) == 0;
}

/// The first stage of the image's FROM chain, whose base image the image starts from.
const Stage &rootStage(const Context &ctx, const Stage &s)
{
    const Stage *cur = &s;
    QSet<int> seen;
    while (const Stage *p = ctx.file().parentStage(*cur)) {
        if (seen.contains(p->index))
            break;
        seen.insert(p->index);
        cur = p;
    }
    return *cur;
}

void imageRunsAsRoot(Context &ctx)
{
    const Stage *image = ctx.imageStage();
    const Instruction *user = ctx.file().effective(*image, QStringLiteral("USER"));
    if (!user) {
        if (isScratch(rootStage(ctx, *image)))
            return; // nothing but the copied files: no user database, no shell to escalate from
        ctx.report(image->instructions.first(),
                   QStringLiteral("the image stage %1 (FROM %2) sets no USER, so the container "
                                  "runs as the base image's user, which is root for almost "
                                  "every base image")
                       .arg(Context::stageLabel(*image), image->baseImage));
        return;
    }
    const QString name = userName(user->arguments);
    if (isRoot(name))
        ctx.report(*user,
                   QStringLiteral("the last USER of the image is \"%1\": the container's "
                                  "processes run as root")
                       .arg(name));
}

void runUsesSudo(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        for (const Command &c : ctx.script(*ins).commands()) {
            if (c.wrappers.contains(QStringLiteral("sudo")) || c.name() == u"sudo") {
                ctx.report(*ins,
                           QStringLiteral("RUN calls sudo (\"sudo %1\"): a build runs as "
                                          "root or as USER already, and sudo in the image "
                                          "lets its user become root")
                               .arg(c.words.value(0)));
                break;
            }
        }
    }
}

bool setsSpecialBits(const QString &mode)
{
    static const QRegularExpression symbolic(QStringLiteral("^[ugoa]*[+=][rwxXt]*s"));
    static const QRegularExpression numeric(QStringLiteral("^0?[2467][0-7]{3}$"));
    for (const QString &part : mode.split(u','))
        if (symbolic.match(part).hasMatch())
            return true;
    return numeric.match(mode).hasMatch();
}

void setuidBits(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword == u"RUN") {
            for (const Command &c : ctx.script(*ins).commands()) {
                const QStringList args = c.args();
                const bool chmod = c.name() == u"chmod";
                for (qsizetype i = 0; i < args.size(); ++i) {
                    const QString mode = chmod                            ? args.at(i)
                        : (c.name() == u"install" && args.at(i) == u"-m") ? args.value(i + 1)
                                                                          : QString();
                    if (!mode.isEmpty() && setsSpecialBits(mode)) {
                        ctx.report(*ins,
                                   QStringLiteral("%1 sets the setuid/setgid bit (mode "
                                                  "%2): the file runs with its owner's "
                                                  "rights, a path to root")
                                       .arg(c.name(), mode));
                        break;
                    }
                }
            }
        } else if ((ins->keyword == u"COPY" || ins->keyword == u"ADD")
                   && ins->flag(QStringLiteral("chmod"))
                   && setsSpecialBits(*ins->flag(QStringLiteral("chmod")))) {
            ctx.report(*ins,
                       QStringLiteral("%1 --chmod=%2 sets the setuid/setgid bit")
                           .arg(ins->keyword, *ins->flag(QStringLiteral("chmod"))));
        }
    }
}

void chownToRuntimeUser(Context &ctx)
{
    const Stage *image = ctx.imageStage();
    const Instruction *user = ctx.file().effective(*image, QStringLiteral("USER"));
    const QString runtime = user ? userName(user->arguments) : QString();
    if (runtime.isEmpty() || isRoot(runtime))
        return;
    for (const Stage *s = image; s; s = ctx.file().parentStage(*s)) {
        for (const Instruction &ins : s->instructions) {
            const auto chown = ins.flag(QStringLiteral("chown"));
            if ((ins.keyword != u"COPY" && ins.keyword != u"ADD") || !chown
                || userName(*chown) != runtime)
                continue;
            ctx.report(ins,
                       QStringLiteral("%1 --chown=%2 makes the copied files owned by %3, "
                                      "the user the container runs as: a compromised "
                                      "process can rewrite its own code")
                           .arg(ins.keyword, *chown, runtime));
        }
    }
}

void noHealthcheck(Context &ctx)
{
    const Stage *image = ctx.imageStage();
    const Instruction *hc = ctx.file().effective(*image, QStringLiteral("HEALTHCHECK"));
    if (!hc) {
        ctx.report(image->instructions.first(),
                   QStringLiteral("the image stage %1 has no HEALTHCHECK: nothing tells the "
                                  "engine or the orchestrator that the service stopped "
                                  "answering")
                       .arg(Context::stageLabel(*image)));
    } else if (hc->arguments.trimmed().compare(QStringLiteral("NONE"), Qt::CaseInsensitive) == 0) {
        ctx.report(*hc,
                   QStringLiteral("HEALTHCHECK NONE turns off the base image's health "
                                  "check"));
    }
}

bool coversPort(const QString &spec, int port)
{
    const QString ports = spec.section(u'/', 0, 0);
    bool okLow = false, okHigh = false;
    const int low = ports.section(u'-', 0, 0).toInt(&okLow);
    const int high = ports.contains(u'-') ? ports.section(u'-', 1).toInt(&okHigh) : low;
    return okLow && (okHigh || !ports.contains(u'-')) && low <= port && port <= high;
}

void sshExposed(Context &ctx)
{
    static const QRegularExpression sshServer(
        QStringLiteral("^(openssh-server|openssh|dropbear|openssh-server-pam)([=<>~-].*)?$"));
    for (const Stage &s : ctx.file().stages) {
        if (!ctx.ships(s))
            continue;
        for (const Instruction &ins : s.instructions) {
            if (ins.keyword == u"EXPOSE") {
                for (const QString &w : ins.words())
                    if (coversPort(w, 22))
                        ctx.report(ins,
                                   QStringLiteral("EXPOSE %1 publishes SSH (port 22): "
                                                  "containers are entered with docker "
                                                  "exec, an SSH server is an extra remote "
                                                  "login surface")
                                       .arg(w),
                                   QStringLiteral("port:22"));
            } else if (ins.keyword == u"RUN") {
                for (const PackageCommand &pc : packageCommands(ctx, ins))
                    for (const QString &p : pc.operands)
                        if (pc.installs() && sshServer.match(p).hasMatch())
                            ctx.report(ins,
                                       QStringLiteral("%1 installs %2, an SSH server, "
                                                      "into the image")
                                           .arg(pc.tool, p),
                                       QStringLiteral("sshd"));
            }
        }
    }
}

} // namespace

void registerUserChecks(CheckRegistry &registry)
{
    registry.add(QStringLiteral("DKF-USR-001"), perDockerfile(imageRunsAsRoot));
    registry.add(QStringLiteral("DKF-USR-002"), perDockerfile(runUsesSudo));
    registry.add(QStringLiteral("DKF-USR-003"), perDockerfile(setuidBits));
    registry.add(QStringLiteral("DKF-USR-004"), perDockerfile(chownToRuntimeUser));
    registry.add(QStringLiteral("DKF-HLT-001"), perDockerfile(noHealthcheck));
    registry.add(QStringLiteral("DKF-NET-001"), perDockerfile(sshExposed));
}

} // namespace threatdock::rules::dockerfilechecks
