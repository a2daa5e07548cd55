// Dockerfile checks on package manager use: caches, recommends, non-interactive flags,
// OS package pinning, update alone and dist-upgrade: DKF-MIN-001/002, DKF-BLD-002,
// DKF-SUP-009, DKF-PKG-001 to DKF-PKG-008.

#include "dockerfilechecks_p.h"

#include <QRegularExpression>

#include <functional>

namespace threatdock::rules::dockerfilechecks {

namespace {

/// A package cache that an install leaves in the layer unless the same RUN removes it.
struct CacheRule
{
    QStringList families;
    QStringList cachePaths; ///< removing one (rm) or mounting a cache there clears it
    std::function<bool(const PackageCommand &)> keepsCache; ///< the install leaves a cache
    std::function<bool(const PackageCommand &)> cleans;     ///< a command that clears it
    QString why;                                            ///< %1: the tool
};

bool removesPath(const Command &c, const QStringList &paths)
{
    if (c.name() != u"rm")
        return false;
    for (const QString &a : c.args())
        for (const QString &p : paths)
            if (a.startsWith(p)
                || (a.startsWith(u'~') && p.startsWith(QStringLiteral("/root"))
                    && a.mid(1).startsWith(p.mid(5))))
                return true;
    return false;
}

void checkCache(Context &ctx, const CacheRule &rule, const QSet<QString> &disabledByEnv = {})
{
    for (const Stage &s : ctx.file().stages) {
        if (!ctx.ships(s))
            continue;
        for (const Instruction &ins : s.instructions) {
            if (ins.keyword != u"RUN" || Context::hasCacheMount(ins, rule.cachePaths))
                continue;
            const QList<PackageCommand> pcs = packageCommands(ctx, ins);
            bool cleaned = false;
            for (const Command &c : ctx.script(ins).commands())
                cleaned = cleaned || removesPath(c, rule.cachePaths);
            for (const PackageCommand &pc : pcs)
                cleaned = cleaned || (rule.families.contains(pc.family) && rule.cleans(pc));
            if (cleaned)
                continue;
            for (const PackageCommand &pc : pcs) {
                if (rule.families.contains(pc.family) && pc.installs() && rule.keepsCache(pc)
                    && !disabledByEnv.contains(pc.family)) {
                    ctx.report(ins, rule.why.arg(pc.tool), pc.family);
                    break;
                }
            }
        }
    }
}

void aptListsKept(Context &ctx)
{
    static const CacheRule rule{
        {QStringLiteral("apt")},
        {QStringLiteral("/var/lib/apt/lists"), QStringLiteral("/var/cache/apt")},
        [](const PackageCommand &) { return true; },
        [](const PackageCommand &pc) { return pc.action == u"clean"; },
        QStringLiteral("%1 install leaves the package lists (/var/lib/apt/lists) and archives "
                       "in the layer: remove them in the same RUN")};
    checkCache(ctx, rule);
}

void apkCacheKept(Context &ctx)
{
    static const CacheRule rule{
        {QStringLiteral("apk")},
        {QStringLiteral("/var/cache/apk"), QStringLiteral("/etc/apk/cache")},
        [](const PackageCommand &pc) { return !pc.hasOption({QStringLiteral("--no-cache")}); },
        [](const PackageCommand &pc) {
            return pc.action == u"cache" && pc.operands.value(0) == u"clean";
        },
        QStringLiteral("%1 add without --no-cache keeps the package index in the layer")};
    checkCache(ctx, rule);
}

void rpmCacheKept(Context &ctx)
{
    static const CacheRule rule{
        {QStringLiteral("rpm")},
        {QStringLiteral("/var/cache/yum"), QStringLiteral("/var/cache/dnf")},
        [](const PackageCommand &) { return true; },
        [](const PackageCommand &pc) { return pc.action == u"clean"; },
        QStringLiteral("%1 install is not followed by \"%1 clean all\" in the same RUN: the "
                       "metadata and package cache stay in the layer")};
    checkCache(ctx, rule);
}

void zypperCacheKept(Context &ctx)
{
    static const CacheRule rule{
        {QStringLiteral("zypper")},
        {QStringLiteral("/var/cache/zypp")},
        [](const PackageCommand &) { return true; },
        [](const PackageCommand &pc) { return pc.action == u"clean" || pc.action == u"cc"; },
        QStringLiteral("%1 install is not followed by \"zypper clean\" in the same RUN: the "
                       "package cache stays in the layer")};
    checkCache(ctx, rule);
}

/// Whether the stage (or one it is built FROM) sets PIP_NO_CACHE_DIR before ins.
bool pipCacheOffByEnv(const Context &ctx, const Stage &stage)
{
    for (const Stage *s = &stage; s; s = ctx.file().parentStage(*s))
        for (const Instruction &ins : s->instructions)
            if (ins.keyword == u"ENV" && ins.arguments.contains(QStringLiteral("PIP_NO_CACHE_DIR")))
                return true;
    return false;
}

void pipCacheKept(Context &ctx)
{
    static const CacheRule rule{
        {QStringLiteral("pip")},
        {QStringLiteral("/root/.cache/pip"), QStringLiteral("/root/.cache")},
        [](const PackageCommand &pc) { return !pc.hasOption({QStringLiteral("--no-cache-dir")}); },
        [](const PackageCommand &pc) {
            return pc.action == u"cache" && pc.operands.value(0) == u"purge";
        },
        QStringLiteral("%1 install without --no-cache-dir keeps downloaded wheels in the "
                       "layer")};
    QSet<QString> off;
    if (pipCacheOffByEnv(ctx, *ctx.imageStage()))
        off.insert(QStringLiteral("pip"));
    checkCache(ctx, rule, off);
}

bool aptRecommendsOffInStage(const Context &ctx, const Stage &stage, const Instruction &before)
{
    static const QRegularExpression conf(QStringLiteral("Install-Recommends\\W+(0|false)"),
                                         QRegularExpression::CaseInsensitiveOption);
    for (const Stage *s = &stage; s; s = ctx.file().parentStage(*s))
        for (const Instruction &ins : s->instructions)
            if (&ins != &before && ins.line < before.line && ins.keyword == u"RUN"
                && conf.match(ins.original).hasMatch())
                return true;
    return false;
}

void aptRecommends(Context &ctx)
{
    static const QRegularExpression off(QStringLiteral("install-recommends=(false|0|no)"),
                                        QRegularExpression::CaseInsensitiveOption);
    for (const Stage &s : ctx.file().stages) {
        for (const Instruction &ins : s.instructions) {
            if (ins.keyword != u"RUN")
                continue;
            for (const PackageCommand &pc : packageCommands(ctx, ins)) {
                if (pc.family != u"apt" || !pc.installs() || pc.tool == u"aptitude"
                    || pc.hasOption({QStringLiteral("--no-install-recommends")})
                    || off.match(pc.command->words.join(u' ')).hasMatch()
                    || aptRecommendsOffInStage(ctx, s, ins))
                    continue;
                ctx.report(ins,
                           QStringLiteral("%1 install without --no-install-recommends "
                                          "also installs recommended packages the image "
                                          "does not need")
                               .arg(pc.tool),
                           pc.tool);
                break;
            }
        }
    }
}

/// Whether a package manager call will stop at a confirmation prompt.
bool prompts(const PackageCommand &pc)
{
    static const QStringList aptActions{
        QStringLiteral("install"),      QStringLiteral("upgrade"),   QStringLiteral("dist-upgrade"),
        QStringLiteral("full-upgrade"), QStringLiteral("remove"),    QStringLiteral("purge"),
        QStringLiteral("autoremove"),   QStringLiteral("build-dep"), QStringLiteral("reinstall")};
    static const QStringList rpmActions{
        QStringLiteral("install"),      QStringLiteral("in"),        QStringLiteral("localinstall"),
        QStringLiteral("groupinstall"), QStringLiteral("reinstall"), QStringLiteral("update"),
        QStringLiteral("upgrade"),      QStringLiteral("remove"),    QStringLiteral("erase"),
        QStringLiteral("distro-sync")};
    static const QStringList zypperActions{
        QStringLiteral("install"), QStringLiteral("in"),
        QStringLiteral("remove"),  QStringLiteral("rm"),
        QStringLiteral("update"),  QStringLiteral("up"),
        QStringLiteral("patch"),   QStringLiteral("dist-upgrade"),
        QStringLiteral("dup"),     QStringLiteral("source-install"),
        QStringLiteral("si")};
    if (pc.family == u"apt" && pc.tool != u"aptitude" && aptActions.contains(pc.action)) {
        int quiet = 0;
        for (const QString &o : pc.options) {
            if (o == u"-q=2" || o == u"--quiet=2"
                || o.contains(QStringLiteral("Assume-Yes=true"), Qt::CaseInsensitive))
                quiet = 2;
            else if (o == u"--quiet")
                ++quiet;
            else if (!o.startsWith(QStringLiteral("--")))
                quiet += int(o.section(u'=', 0, 0).count(u'q'));
        }
        return quiet < 2
            && !pc.hasFlag(u'y',
                           {QStringLiteral("--yes"), QStringLiteral("--assume-yes"),
                            QStringLiteral("--force-yes")});
    }
    if (pc.family == u"rpm" && pc.tool != u"microdnf" && rpmActions.contains(pc.action)
        && !pc.operands.isEmpty())
        return !pc.hasFlag(u'y', {QStringLiteral("--assumeyes")});
    if (pc.family == u"zypper" && zypperActions.contains(pc.action))
        return !pc.hasFlag(u'n',
                           {QStringLiteral("--non-interactive"), QStringLiteral("--no-confirm")})
            && !pc.hasFlag(u'y', {});
    return false;
}

void installerPrompts(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        for (const PackageCommand &pc : packageCommands(ctx, *ins)) {
            if (!prompts(pc))
                continue;
            ctx.report(
                *ins,
                QStringLiteral("%1 %2 runs without its non-interactive flag (%3): "
                               "it waits for a confirmation the build cannot give")
                    .arg(pc.tool, pc.action,
                         pc.family == u"zypper" ? QStringLiteral("-n") : QStringLiteral("-y")),
                pc.tool);
            break;
        }
    }
}

} // namespace

void registerPackageChecks(CheckRegistry &registry)
{
    registry.add(QStringLiteral("DKF-MIN-001"), perDockerfile(aptRecommends));
    registry.add(QStringLiteral("DKF-MIN-002"), perDockerfile(aptListsKept));
    registry.add(QStringLiteral("DKF-PKG-001"), perDockerfile(apkCacheKept));
    registry.add(QStringLiteral("DKF-PKG-002"), perDockerfile(rpmCacheKept));
    registry.add(QStringLiteral("DKF-PKG-003"), perDockerfile(zypperCacheKept));
    registry.add(QStringLiteral("DKF-PKG-004"), perDockerfile(pipCacheKept));
    registry.add(QStringLiteral("DKF-BLD-002"), perDockerfile(installerPrompts));
}

} // namespace threatdock::rules::dockerfilechecks
