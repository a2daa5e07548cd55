// Dockerfile checks on which OS package versions a build gets: unpinned apk / yum / dnf /
// zypper installs, update in its own RUN, dist-upgrade: DKF-PKG-005 to DKF-PKG-008 and
// DKF-SUP-009.

#include "dockerfilechecks_p.h"

#include <QRegularExpression>

namespace threatdock::rules::dockerfilechecks {

namespace {

using PinTest = bool (*)(const PackageCommand &, const QString &);

void checkPinned(Context &ctx, const QString &family, PinTest pinned, const QString &how)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        for (const PackageCommand &pc : packageCommands(ctx, *ins)) {
            if (pc.family != family || !pc.installs())
                continue;
            QStringList unpinned;
            for (const QString &p : registryPackages(pc))
                if (!pinned(pc, p))
                    unpinned << p;
            if (unpinned.isEmpty())
                continue;
            ctx.report(*ins,
                       QStringLiteral("%1 installs %2 without a version (%3): each build "
                                      "may get a different, unreviewed version")
                           .arg(pc.tool, unpinned.join(QStringLiteral(", ")), how),
                       pc.tool);
        }
    }
}

void apkUnpinned(Context &ctx)
{
    checkPinned(
        ctx, QStringLiteral("apk"),
        [](const PackageCommand &, const QString &p) {
            return p.contains(u'=') || p.contains(u'~') || p.contains(u'<') || p.contains(u'>');
        },
        QStringLiteral("package=version"));
}

void rpmUnpinned(Context &ctx)
{
    checkPinned(
        ctx, QStringLiteral("rpm"),
        [](const PackageCommand &pc, const QString &p) {
            static const QRegularExpression versioned(QStringLiteral("-(\\d|\\$)|[=<>]"));
            return p.startsWith(u'@') || pc.action == u"groupinstall"
                || versioned.match(p).hasMatch();
        },
        QStringLiteral("package-version"));
}

void zypperUnpinned(Context &ctx)
{
    checkPinned(
        ctx, QStringLiteral("zypper"),
        [](const PackageCommand &pc, const QString &p) {
            return pc.hasOption({QStringLiteral("-t"), QStringLiteral("--type")})
                || p.contains(u'=') || p.contains(u'<') || p.contains(u'>');
        },
        QStringLiteral("package=version"));
}

/// Whether a call refreshes the package index (`apt-get update`, `apk add --update`...).
bool updatesIndex(const PackageCommand &pc)
{
    static const QRegularExpression pacmanSync(QStringLiteral("^-S[a-zA-Z]*y"));
    if (pc.family == u"apt" || pc.family == u"apk")
        return pc.action == u"update"
            || (pc.family == u"apk"
                && pc.hasFlag(u'U',
                              {QStringLiteral("--update"), QStringLiteral("--update-cache")}));
    if (pc.family == u"rpm")
        return (pc.action == u"update" || pc.action == u"upgrade" || pc.action == u"makecache"
                || pc.action == u"check-update")
            && pc.operands.isEmpty();
    if (pc.family == u"zypper")
        return pc.action == u"refresh" || pc.action == u"ref";
    if (pc.family == u"pacman")
        return pacmanSync.match(pc.action).hasMatch();
    return false;
}

void updateAlone(Context &ctx)
{
    static const QStringList osFamilies{QStringLiteral("apt"), QStringLiteral("apk"),
                                        QStringLiteral("rpm"), QStringLiteral("zypper"),
                                        QStringLiteral("pacman")};
    for (const Stage &s : ctx.file().stages) {
        QHash<QString, int> updatedAlone; // family → line of the RUN that only updated
        for (const Instruction &ins : s.instructions) {
            if (ins.keyword != u"RUN")
                continue;
            QSet<QString> updated, installed;
            for (const PackageCommand &pc : packageCommands(ctx, ins)) {
                if (!osFamilies.contains(pc.family))
                    continue;
                if (updatesIndex(pc))
                    updated.insert(pc.family);
                if (pc.installs())
                    installed.insert(pc.family);
            }
            for (const QString &family : std::as_const(installed)) {
                if (!updated.contains(family) && updatedAlone.contains(family))
                    ctx.report(ins,
                               QStringLiteral("this RUN installs %1 packages from the index "
                                              "refreshed by the RUN at line %2: with the "
                                              "layer cache, that index can be stale")
                                   .arg(family)
                                   .arg(updatedAlone.value(family)),
                               family);
            }
            for (const QString &family : std::as_const(updated)) {
                if (installed.contains(family))
                    updatedAlone.remove(family);
                else
                    updatedAlone.insert(family, ins.line);
            }
        }
    }
}

void distUpgrade(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        for (const PackageCommand &pc : packageCommands(ctx, *ins)) {
            const bool apt = pc.family == u"apt"
                && (pc.action == u"dist-upgrade" || pc.action == u"full-upgrade");
            const bool zypper
                = pc.family == u"zypper" && (pc.action == u"dist-upgrade" || pc.action == u"dup");
            if (apt || zypper)
                ctx.report(*ins,
                           QStringLiteral("%1 %2 may move the image to another "
                                          "distribution release than its base image")
                               .arg(pc.tool, pc.action),
                           pc.tool);
        }
    }
}

} // namespace

void registerPackageVersionChecks(CheckRegistry &registry)
{
    registry.add(QStringLiteral("DKF-PKG-005"), perDockerfile(apkUnpinned));
    registry.add(QStringLiteral("DKF-PKG-006"), perDockerfile(rpmUnpinned));
    registry.add(QStringLiteral("DKF-PKG-007"), perDockerfile(zypperUnpinned));
    registry.add(QStringLiteral("DKF-PKG-008"), perDockerfile(distUpgrade));
    registry.add(QStringLiteral("DKF-SUP-009"), perDockerfile(updateAlone));
}

} // namespace threatdock::rules::dockerfilechecks
