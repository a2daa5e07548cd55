// Dockerfile lint checks on instructions and layers: DKF-LNT-001 to DKF-LNT-013.

#include "dockerfilechecks_p.h"

#include <QRegularExpression>

namespace threatdock::rules::dockerfilechecks {

namespace {

void repeated(Context &ctx, const QString &keyword)
{
    for (const Stage &s : ctx.file().stages) {
        if (!ctx.ships(s))
            continue;
        const QList<const Instruction *> all = s.all(keyword);
        for (qsizetype i = 0; i + 1 < all.size(); ++i)
            ctx.report(*all.at(i),
                       QStringLiteral("%1 at line %2 is replaced by the %1 at line "
                                      "%3 of the same stage: only the last one "
                                      "takes effect")
                           .arg(keyword)
                           .arg(all.at(i)->line)
                           .arg(all.last()->line));
    }
}

void multipleCmd(Context &ctx)
{
    repeated(ctx, QStringLiteral("CMD"));
}
void multipleEntrypoint(Context &ctx)
{
    repeated(ctx, QStringLiteral("ENTRYPOINT"));
}
void multipleHealthcheck(Context &ctx)
{
    repeated(ctx, QStringLiteral("HEALTHCHECK"));
}

void copyDestinationNotDirectory(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if ((ins->keyword != u"COPY" && ins->keyword != u"ADD") || !ins->heredocs.isEmpty())
            continue;
        const QStringList args = ins->execForm ? ins->execArgs : ins->words();
        const QString dest = args.value(args.size() - 1);
        if (args.size() > 2 && !dest.endsWith(u'/') && dest != u"." && dest != u".."
            && !dest.contains(u'$'))
            ctx.report(*ins,
                       QStringLiteral("%1 has %2 sources but its destination %3 does not "
                                      "end with /: the build fails")
                           .arg(ins->keyword)
                           .arg(args.size() - 1)
                           .arg(dest));
    }
}

void exposeOutOfRange(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"EXPOSE")
            continue;
        for (const QString &w : ins->words()) {
            if (w.contains(u'$'))
                continue;
            for (const QString &p : w.section(u'/', 0, 0).split(u'-')) {
                bool ok = false;
                const long port = p.toLong(&ok);
                if (!ok || port < 1 || port > 65535) {
                    ctx.report(*ins,
                               QStringLiteral("EXPOSE %1 is not a port number "
                                              "(1-65535)")
                                   .arg(w),
                               QStringLiteral("port:") + w);
                    break;
                }
            }
        }
    }
}

void maintainer(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions())
        if (ins->keyword == u"MAINTAINER")
            ctx.report(*ins,
                       QStringLiteral("MAINTAINER is deprecated: use LABEL "
                                      "org.opencontainers.image.authors"));
}

void fromPlatform(Context &ctx)
{
    for (const Stage &s : ctx.file().stages) {
        const auto platform = s.instructions.first().flag(QStringLiteral("platform"));
        if (platform && !platform->contains(u'$'))
            ctx.report(s.instructions.first(),
                       QStringLiteral("FROM --platform=%1 fixes the platform: the image no "
                                      "longer builds for the platform asked for")
                           .arg(*platform));
    }
}

void copyFromIndex(Context &ctx)
{
    static const QRegularExpression number(QStringLiteral("^[0-9]+$"));
    for (const Instruction *ins : ctx.file().instructions()) {
        const auto from = ins->flag(QStringLiteral("from"));
        if (ins->keyword == u"COPY" && from && number.match(*from).hasMatch())
            ctx.report(*ins,
                       QStringLiteral("COPY --from=%1 refers to a stage by position: "
                                      "name it (FROM ... AS name) so that adding a stage "
                                      "does not change what is copied")
                           .arg(*from));
    }
}

/// What makes two instructions candidates for one layer: keyword, flags and, for
/// COPY/ADD, the destination.
QString layerKey(const Instruction &ins)
{
    if (ins.keyword == u"RUN")
        return ins.keyword + ins.flags.join(u' ');
    if ((ins.keyword == u"COPY" || ins.keyword == u"ADD") && ins.heredocs.isEmpty()) {
        const QStringList args = ins.execForm ? ins.execArgs : ins.words();
        return ins.keyword + ins.flags.join(u' ') + u'>' + args.value(args.size() - 1);
    }
    return QString();
}

void consecutiveLayers(Context &ctx)
{
    for (const Stage &s : ctx.file().stages) {
        if (!ctx.ships(s))
            continue;
        const QList<Instruction> &list = s.instructions;
        for (qsizetype i = 0; i < list.size();) {
            const QString key = layerKey(list.at(i));
            qsizetype j = i + 1;
            while (!key.isEmpty() && j < list.size() && layerKey(list.at(j)) == key)
                ++j;
            if (j - i > 1)
                ctx.report(list.at(i),
                           QStringLiteral("%1 consecutive %2 instructions (lines "
                                          "%3-%4) each add a layer: combine them")
                               .arg(j - i)
                               .arg(list.at(i).keyword)
                               .arg(list.at(i).line)
                               .arg(list.at(j - 1).line));
            i = j;
        }
    }
}

void wgetAndCurl(Context &ctx)
{
    QString first;
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        for (const Command &c : ctx.script(*ins).commands()) {
            const QString name = c.name();
            if (name != u"curl" && name != u"wget")
                continue;
            if (first.isEmpty()) {
                first = name;
            } else if (name != first) {
                ctx.report(*ins,
                           QStringLiteral("RUN uses %1 where the Dockerfile already uses "
                                          "%2: one download tool is enough")
                               .arg(name, first));
                break;
            }
        }
    }
}

void aptInsteadOfAptGet(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        for (const Command &c : ctx.script(*ins).commands()) {
            if (c.name() == u"apt" && !c.args().isEmpty()) {
                ctx.report(*ins,
                           QStringLiteral("apt %1: apt's command line is meant for "
                                          "people and may change; scripts use apt-get")
                               .arg(c.args().first()));
                break;
            }
        }
    }
}

void shellChangedInRun(Context &ctx)
{
    static const QRegularExpression windowsShell(QStringLiteral("^(powershell|pwsh|cmd)(\\.exe)?$"),
                                                 QRegularExpression::CaseInsensitiveOption);
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        for (const Command &c : ctx.script(*ins).commands()) {
            const QStringList args = c.args();
            const bool relinksSh = (c.name() == u"ln" || c.name() == u"mv" || c.name() == u"cp")
                && !args.isEmpty() && (args.last() == u"/bin/sh" || args.last() == u"/usr/bin/sh");
            if (relinksSh || windowsShell.match(c.name()).hasMatch()) {
                ctx.report(*ins,
                           relinksSh ? QStringLiteral("RUN replaces /bin/sh (%1): use "
                                                      "the SHELL instruction instead")
                                           .arg(c.name())
                                     : QStringLiteral("RUN starts %1 itself: set it with "
                                                      "SHELL so every RUN uses it")
                                           .arg(c.name()));
                break;
            }
        }
    }
}

void interactiveTools(Context &ctx)
{
    static const QSet<QString> tools{
        QStringLiteral("ssh"),      QStringLiteral("vim"),  QStringLiteral("shutdown"),
        QStringLiteral("service"),  QStringLiteral("ps"),   QStringLiteral("free"),
        QStringLiteral("top"),      QStringLiteral("kill"), QStringLiteral("mount"),
        QStringLiteral("ifconfig"), QStringLiteral("nano")};
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        for (const Command &c : ctx.script(*ins).commands()) {
            if (tools.contains(c.name())) {
                ctx.report(*ins,
                           QStringLiteral("RUN %1: an interactive or system-management "
                                          "command that does nothing useful in an image "
                                          "build")
                               .arg(c.name()));
                break;
            }
        }
    }
}

} // namespace

void registerStyleChecks(CheckRegistry &registry)
{
    registry.add(QStringLiteral("DKF-LNT-001"), perDockerfile(multipleCmd));
    registry.add(QStringLiteral("DKF-LNT-002"), perDockerfile(multipleEntrypoint));
    registry.add(QStringLiteral("DKF-LNT-003"), perDockerfile(multipleHealthcheck));
    registry.add(QStringLiteral("DKF-LNT-004"), perDockerfile(copyDestinationNotDirectory));
    registry.add(QStringLiteral("DKF-LNT-005"), perDockerfile(exposeOutOfRange));
    registry.add(QStringLiteral("DKF-LNT-006"), perDockerfile(maintainer));
    registry.add(QStringLiteral("DKF-LNT-007"), perDockerfile(fromPlatform));
    registry.add(QStringLiteral("DKF-LNT-008"), perDockerfile(copyFromIndex));
    registry.add(QStringLiteral("DKF-LNT-009"), perDockerfile(consecutiveLayers));
    registry.add(QStringLiteral("DKF-LNT-010"), perDockerfile(wgetAndCurl));
    registry.add(QStringLiteral("DKF-LNT-011"), perDockerfile(aptInsteadOfAptGet));
    registry.add(QStringLiteral("DKF-LNT-012"), perDockerfile(shellChangedInRun));
    registry.add(QStringLiteral("DKF-LNT-013"), perDockerfile(interactiveTools));
}

} // namespace threatdock::rules::dockerfilechecks
