// Dockerfile checks on what the build fetches and how: DKF-SUP-001 to DKF-SUP-008.

#include "dockerfilechecks_p.h"

#include <QRegularExpression>

namespace threatdock::rules::dockerfilechecks {

namespace {

bool isUrl(const QString &src)
{
    static const QRegularExpression re(QStringLiteral("^(https?|ftp)://|^git@|\\.git(#.*)?$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(src).hasMatch();
}

bool isArchive(const QString &src)
{
    static const QRegularExpression re(
        QStringLiteral("\\.(tar|tar\\.(gz|bz2|xz|zst|lz|lzma)|tgz|tbz2?|txz|tzst)$"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(src).hasMatch();
}

QStringList sources(const Instruction &ins)
{
    const QStringList args = ins.execForm ? ins.execArgs : ins.words();
    return args.mid(0, args.size() - 1);
}

void addRemoteUrl(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"ADD" || ins->flag(QStringLiteral("checksum")))
            continue;
        for (const QString &src : sources(*ins))
            if (isUrl(src))
                ctx.report(*ins,
                           QStringLiteral("ADD downloads %1 at build time with no "
                                          "checksum (--checksum): whoever controls the "
                                          "server or the network controls the file")
                               .arg(src),
                           src);
    }
}

void addLocalFiles(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"ADD" || !ins->heredocs.isEmpty())
            continue;
        QStringList local;
        for (const QString &src : sources(*ins))
            if (!isUrl(src) && !isArchive(src))
                local << src;
        if (!local.isEmpty())
            ctx.report(*ins,
                       QStringLiteral("ADD copies local %1: ADD also fetches URLs and "
                                      "unpacks archives, COPY does only what is meant")
                           .arg(local.join(QStringLiteral(", "))));
    }
}

bool isDownloader(const QString &name)
{
    return name == u"curl" || name == u"wget" || name == u"fetch";
}

bool isInterpreter(const QString &name)
{
    static const QRegularExpression re(
        QStringLiteral("^(sh|bash|dash|ash|zsh|ksh|python[0-9.]*|perl|ruby|node|php|pwsh)$"));
    return re.match(name).hasMatch();
}

void remoteScriptPiped(Context &ctx)
{
    static const QRegularExpression substituted(
        QStringLiteral("(\\$\\(|`|<\\()\\s*(curl|wget|fetch)\\b"));
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        QHash<int, QString> downloaders; // pipeline → downloader seen earlier in it
        for (const Command &c : ctx.script(*ins).commands()) {
            const QString name = c.name();
            if (isInterpreter(name) && downloaders.contains(c.pipeline)) {
                ctx.report(*ins,
                           QStringLiteral("the output of %1 is piped into %2: a script "
                                          "from the network runs unverified")
                               .arg(downloaders.value(c.pipeline), name));
                break;
            }
            if (isInterpreter(name) && substituted.match(c.words.join(u' ')).hasMatch()) {
                ctx.report(*ins,
                           QStringLiteral("%1 runs a script downloaded by command "
                                          "substitution: it runs unverified")
                               .arg(name));
                break;
            }
            if (isDownloader(name) && c.pipesToNext)
                downloaders.insert(c.pipeline, name);
        }
    }
}

/// Why a command turns TLS or signature verification off, or "" when it does not.
QString tlsOff(const Command &c)
{
    const QString name = c.name();
    const QStringList args = c.args();
    static const QRegularExpression curlShort(QStringLiteral("^-[a-zA-Z]*k"));
    static const QRegularExpression sslFalse(
        QStringLiteral("(http\\.sslverify|strict-ssl|sslverify)[= ]*(false|0|no)$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression aptInsecure(
        QStringLiteral("(--allow-unauthenticated|--allow-insecure-repositories|"
                       "Verify-Peer\\s*=\\s*(false|0)|AllowInsecureRepositories\\s*=\\s*(true|1)|"
                       "--no-check-certificate|--nogpgcheck|--allow-untrusted|--nosignature|"
                       "gpgcheck\\s*=\\s*0|sslverify\\s*=\\s*(0|false))"),
        QRegularExpression::CaseInsensitiveOption);
    const QString joined = args.join(u' ');
    if (name == u"curl")
        for (const QString &a : args)
            if (a == u"--insecure"
                || (!a.startsWith(QStringLiteral("--")) && curlShort.match(a).hasMatch()))
                return QStringLiteral("curl %1 skips certificate checks").arg(a);
    if (name.startsWith(QStringLiteral("pip")) && joined.contains(QStringLiteral("--trusted-host")))
        return QStringLiteral("pip --trusted-host accepts that host without TLS verification");
    if ((name == u"npm" || name == u"yarn" || name == u"pnpm" || name == u"git")
        && sslFalse.match(joined).hasMatch())
        return QStringLiteral("%1 is configured with TLS verification off").arg(name);
    if (const auto m = aptInsecure.match(joined); m.hasMatch())
        return QStringLiteral("%1 %2 turns off TLS or signature verification")
            .arg(name, m.captured(1));
    return QString();
}

/// Environment variables that turn TLS verification off for a tool, with a bad value.
QString insecureVariable(const QString &name, const QString &value)
{
    const QString v = value.trimmed().toLower();
    const bool off = v == u"0" || v == u"false" || v == u"no";
    const QString n = name.toUpper();
    if ((n == u"GIT_SSL_NO_VERIFY" && !v.isEmpty() && !off)
        || (n == u"NODE_TLS_REJECT_UNAUTHORIZED" && v == u"0")
        || (n == u"PYTHONHTTPSVERIFY" && v == u"0")
        || ((n == u"NPM_CONFIG_STRICT_SSL" || n == u"YARN_STRICT_SSL") && off)
        || (n == u"PIP_TRUSTED_HOST" && !v.isEmpty()))
        return QStringLiteral("%1=%2 turns TLS verification off").arg(name, value);
    return QString();
}

void tlsVerificationOff(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword == u"ENV" || ins->keyword == u"ARG") {
            const QStringList words = ins->words();
            const bool legacy
                = ins->keyword == u"ENV" && !words.isEmpty() && !words.first().contains(u'=');
            for (const QString &w : words) {
                const QString why = legacy
                    ? insecureVariable(words.first(), words.value(1))
                    : insecureVariable(w.section(u'=', 0, 0), w.section(u'=', 1));
                if (!why.isEmpty()) {
                    ctx.report(*ins, why, w.section(u'=', 0, 0));
                    break;
                }
            }
        } else if (ins->keyword == u"RUN") {
            for (const Command &c : ctx.script(*ins).commands()) {
                QString why = tlsOff(c);
                QStringList assigned = c.assignments;
                if (c.name() == u"export")
                    assigned += c.args();
                for (const QString &a : std::as_const(assigned))
                    if (why.isEmpty())
                        why = insecureVariable(a.section(u'=', 0, 0), a.section(u'=', 1));
                if (!why.isEmpty()) {
                    ctx.report(*ins, why, c.name());
                    break;
                }
            }
        }
    }
}

void aptUnpinned(Context &ctx)
{
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        QStringList unpinned;
        for (const PackageCommand &pc : packageCommands(ctx, *ins))
            if (pc.family == u"apt" && pc.installs())
                for (const QString &p : registryPackages(pc))
                    if (!p.contains(u'='))
                        unpinned << p;
        if (!unpinned.isEmpty())
            ctx.report(*ins,
                       QStringLiteral("apt installs %1 without a version (package=version): "
                                      "each build may get a different, unreviewed version")
                           .arg(unpinned.join(QStringLiteral(", "))));
    }
}

bool languagePackagePinned(const PackageCommand &pc, const QString &p, int count)
{
    if (pc.family == u"pip") {
        static const QRegularExpression spec(QStringLiteral("[=<>~!@]"));
        return spec.match(p).hasMatch();
    }
    if (pc.family == u"npm" || pc.family == u"go") {
        const qsizetype at = p.lastIndexOf(u'@');
        const QString version = at > 0 ? p.mid(at + 1) : QString();
        return !version.isEmpty() && version != u"latest" && version != u"next";
    }
    if (pc.family == u"gem")
        return p.contains(u':')
            || (count == 1 && pc.hasOption({QStringLiteral("-v"), QStringLiteral("--version")}));
    return true;
}

void languagePackagesUnpinned(Context &ctx)
{
    static const QStringList families{QStringLiteral("pip"), QStringLiteral("npm"),
                                      QStringLiteral("gem"), QStringLiteral("go")};
    for (const Instruction *ins : ctx.file().instructions()) {
        if (ins->keyword != u"RUN")
            continue;
        for (const PackageCommand &pc : packageCommands(ctx, *ins)) {
            if (!families.contains(pc.family) || !pc.installs())
                continue;
            const QStringList packages = registryPackages(pc);
            QStringList unpinned;
            for (const QString &p : packages)
                if (!languagePackagePinned(pc, p, int(packages.size())))
                    unpinned << p;
            if (!unpinned.isEmpty())
                ctx.report(*ins,
                           QStringLiteral("%1 installs %2 without a pinned version: each "
                                          "build may pull a different release, or a "
                                          "hijacked one")
                               .arg(pc.tool, unpinned.join(QStringLiteral(", "))),
                           pc.family);
        }
    }
}

struct ImageRef
{
    QString tag;
    bool digest = false;
};

/// The external image a stage starts from, or nullopt for scratch, earlier stages and
/// references that stay unresolved (`$IMAGE` with no global ARG default).
std::optional<ImageRef> externalBase(const Context &ctx, const Stage &s)
{
    const QString image = s.resolvedBaseImage.trimmed();
    if (image.isEmpty() || image.contains(u'$')
        || image.compare(QStringLiteral("scratch"), Qt::CaseInsensitive) == 0)
        return std::nullopt;
    for (const Stage &earlier : ctx.file().stages)
        if (earlier.index < s.index && !earlier.name.isEmpty() && earlier.name == image.toLower())
            return std::nullopt;
    ImageRef ref;
    ref.digest = image.contains(QStringLiteral("@sha256:"));
    const QString name = image.section(u'@', 0, 0);
    const QString last = name.mid(name.lastIndexOf(u'/') + 1);
    if (last.contains(u':'))
        ref.tag = last.section(u':', 1);
    return ref;
}

void fromLatest(Context &ctx)
{
    for (const Stage &s : ctx.file().stages) {
        const auto ref = externalBase(ctx, s);
        if (!ref || ref->digest || (!ref->tag.isEmpty() && ref->tag != u"latest"))
            continue;
        ctx.report(
            s.instructions.first(),
            ref->tag.isEmpty()
                ? QStringLiteral("FROM %1 names no tag, so it means :latest, whatever "
                                 "that is on the day of the build")
                      .arg(s.resolvedBaseImage)
                : QStringLiteral("FROM %1 uses the moving :latest tag").arg(s.resolvedBaseImage));
    }
}

void fromWithoutDigest(Context &ctx)
{
    for (const Stage &s : ctx.file().stages) {
        const auto ref = externalBase(ctx, s);
        if (ref && !ref->digest)
            ctx.report(s.instructions.first(),
                       QStringLiteral("FROM %1 is not pinned by digest (@sha256:...): the tag "
                                      "can be moved to other content")
                           .arg(s.resolvedBaseImage));
    }
}

} // namespace

void registerSupplyChainChecks(CheckRegistry &registry)
{
    registry.add(QStringLiteral("DKF-SUP-001"), perDockerfile(addRemoteUrl));
    registry.add(QStringLiteral("DKF-SUP-002"), perDockerfile(addLocalFiles));
    registry.add(QStringLiteral("DKF-SUP-003"), perDockerfile(remoteScriptPiped));
    registry.add(QStringLiteral("DKF-SUP-004"), perDockerfile(tlsVerificationOff));
    registry.add(QStringLiteral("DKF-SUP-005"), perDockerfile(aptUnpinned));
    registry.add(QStringLiteral("DKF-SUP-006"), perDockerfile(languagePackagesUnpinned));
    registry.add(QStringLiteral("DKF-SUP-007"), perDockerfile(fromLatest));
    registry.add(QStringLiteral("DKF-SUP-008"), perDockerfile(fromWithoutDigest));
}

} // namespace threatdock::rules::dockerfilechecks
