// Dockerfile checks on build correctness: pipefail, exec-form CMD/ENTRYPOINT, WORKDIR,
// stage references, RUN cd: DKF-BLD-001 and DKF-BLD-003 to DKF-BLD-006.

#include "dockerfilechecks_p.h"

#include <QRegularExpression>

namespace threatdock::rules::dockerfilechecks {

namespace {

/// The SHELL in effect at an instruction: the last SHELL before it in its stage or in the
/// stages it is built FROM; empty for the default /bin/sh -c.
QStringList shellAt(const Context &ctx, const Stage &stage, const Instruction &at)
{
    for (const Stage *s = &stage; s; s = ctx.file().parentStage(*s)) {
        for (auto it = s->instructions.crbegin(); it != s->instructions.crend(); ++it) {
            if (s == &stage && it->line >= at.line)
                continue;
            if (it->keyword == u"SHELL")
                return it->execArgs;
        }
    }
    return {};
}

bool setsPipefail(const QStringList &args)
{
    for (qsizetype i = 1; i < args.size(); ++i)
        if (args.at(i) == u"pipefail" && args.at(i - 1).startsWith(u'-')
            && args.at(i - 1).contains(u'o'))
            return true;
    return false;
}

void pipeWithoutPipefail(Context &ctx)
{
    for (const Stage &s : ctx.file().stages) {
        for (const Instruction &ins : s.instructions) {
            if (ins.keyword != u"RUN")
                continue;
            const QStringList shell = ins.execForm ? ins.execArgs : shellAt(ctx, s, ins);
            const QString shellName = shell.value(0).mid(shell.value(0).lastIndexOf(u'/') + 1);
            if (!shell.isEmpty() && !ShellScript::isShell(shellName))
                continue; // PowerShell, cmd: other pipe semantics
            if (ins.execForm && ShellScript::shellScriptOf(ins.execArgs).isEmpty())
                continue; // no shell runs, so no pipe
            if (setsPipefail(shell))
                continue;
            bool pipefail = false;
            for (const Command &c : ctx.script(ins).commands()) {
                if (c.name() == u"set" && setsPipefail(c.words))
                    pipefail = true;
                if (c.pipesToNext && !c.substituted && !pipefail) {
                    ctx.report(ins,
                               QStringLiteral("RUN pipes %1 into another command without "
                                              "pipefail: if %1 fails, the build goes on "
                                              "with its partial output")
                                   .arg(c.name()));
                    break;
                }
            }
        }
    }
}

void shellFormCommand(Context &ctx)
{
    for (const Stage &s : ctx.file().stages) {
        if (!ctx.ships(s))
            continue;
        for (const Instruction &ins : s.instructions) {
            if ((ins.keyword == u"CMD" || ins.keyword == u"ENTRYPOINT") && !ins.execForm
                && !ins.arguments.trimmed().isEmpty())
                ctx.report(ins,
                           QStringLiteral("%1 in shell form runs under /bin/sh -c: the "
                                          "program is not PID 1 and never receives "
                                          "SIGTERM, so the container cannot stop cleanly")
                               .arg(ins.keyword));
        }
    }
}

void relativeWorkdir(Context &ctx)
{
    static const QRegularExpression absolute(QStringLiteral("^(/|\\$|[A-Za-z]:[\\\\/]|\\\\)"));
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"WORKDIR")
            continue;
        const QString dir = ins->words().value(0);
        if (!dir.isEmpty() && !absolute.match(dir).hasMatch())
            ctx.report(*ins,
                       QStringLiteral("WORKDIR %1 is relative: it depends on the "
                                      "previous WORKDIR, which may come from the base "
                                      "image")
                           .arg(dir));
    }
}

void copyFromReference(Context &ctx, const Stage &s, const Instruction &ins)
{
    const auto from = ins.flag(QStringLiteral("from"));
    if (!from || from->isEmpty() || from->contains(u'$'))
        return;
    const QString ref = from->toLower();
    bool isIndex = false;
    const int index = ref.toInt(&isIndex);
    const Stage *target = ctx.file().stage(ref);
    if (!s.name.isEmpty() && ref == s.name) {
        ctx.report(ins,
                   QStringLiteral("COPY --from=%1 names the stage it is in: a stage "
                                  "cannot copy from itself")
                       .arg(*from));
    } else if (isIndex ? index >= s.index : (target && target->index >= s.index)) {
        ctx.report(ins,
                   QStringLiteral("COPY --from=%1 refers to a stage that is not "
                                  "defined before this one")
                       .arg(*from));
    } else if (!isIndex && !target && !ref.contains(u':') && !ref.contains(u'/')
               && !ref.contains(u'@')) {
        ctx.report(ins,
                   QStringLiteral("COPY --from=%1 names no earlier stage: Docker will "
                                  "pull an image called \"%1\" instead")
                       .arg(*from));
    }
}

void stageReferences(Context &ctx)
{
    QHash<QString, const Stage *> firstByName;
    for (const Stage &s : ctx.file().stages) {
        if (!s.name.isEmpty()) {
            if (const Stage *first = firstByName.value(s.name)) {
                ctx.report(first->instructions.first(),
                           QStringLiteral("the stage name \"%1\" is defined at line %2 and "
                                          "again at line %3: references to it become "
                                          "ambiguous")
                               .arg(s.name)
                               .arg(first->line)
                               .arg(s.line),
                           QStringLiteral("alias:") + s.name);
            } else {
                firstByName.insert(s.name, &s);
            }
        }
        for (const Instruction &ins : s.instructions)
            if (ins.keyword == u"COPY")
                copyFromReference(ctx, s, ins);
    }
}

void runCd(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        const QList<Command> &cmds = ctx.script(*ins).commands();
        for (qsizetype i = 0; i < cmds.size(); ++i) {
            const Command &c = cmds.at(i);
            if (c.name() != u"cd" || c.substituted || c.nested)
                continue;
            QString dir;
            for (const QString &a : c.args())
                if (dir.isEmpty() && a != u"-P" && a != u"-L")
                    dir = a;
            const bool unclear = !dir.startsWith(u'/') || dir.contains(QStringLiteral(".."));
            const bool followed
                = i + 1 < cmds.size() && !cmds.at(i + 1).nested && !cmds.at(i + 1).substituted;
            if (dir.startsWith(u'$') || (!unclear && !followed))
                continue;
            ctx.report(*ins,
                       unclear ? QStringLiteral("RUN cd %1 moves to a relative or "
                                                "\"..\" path: use WORKDIR with an "
                                                "absolute path")
                                     .arg(dir.isEmpty() ? QStringLiteral("(home)") : dir)
                               : QStringLiteral("RUN cd %1 before other commands: WORKDIR "
                                                "says where commands run and keeps it "
                                                "for the following instructions")
                                     .arg(dir));
            break;
        }
    }
}

} // namespace

void registerLintChecks(CheckRegistry &registry)
{
    registry.add(QStringLiteral("DKF-BLD-001"), perDockerfile(pipeWithoutPipefail));
    registry.add(QStringLiteral("DKF-BLD-003"), perDockerfile(shellFormCommand));
    registry.add(QStringLiteral("DKF-BLD-004"), perDockerfile(relativeWorkdir));
    registry.add(QStringLiteral("DKF-BLD-005"), perDockerfile(stageReferences));
    registry.add(QStringLiteral("DKF-BLD-006"), perDockerfile(runCd));
    registerStyleChecks(registry);
}

} // namespace threatdock::rules::dockerfilechecks
