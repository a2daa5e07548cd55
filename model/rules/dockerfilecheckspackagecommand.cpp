// Reading package manager command lines (apt-get, apk, yum/dnf, zypper, pacman, pip, npm,
// gem, go) for the Dockerfile checks.

#include "dockerfilechecks_p.h"

#include <QRegularExpression>

namespace threatdock::rules::dockerfilechecks {

namespace {

struct Grammar
{
    QString family;
    QStringList valueOptions; ///< options whose value is the next word
    QStringList actions;      ///< known subcommands; empty = the first operand
};

const Grammar *grammarFor(const QString &tool)
{
    static const Grammar apt{QStringLiteral("apt"),
                             QStringLiteral("-o -c -t --option --config-file --target-release "
                                            "--default-release")
                                 .split(u' '),
                             QStringLiteral("install update upgrade dist-upgrade full-upgrade "
                                            "remove purge autoremove clean autoclean build-dep "
                                            "source download check reinstall")
                                 .split(u' ')};
    static const Grammar apk{QStringLiteral("apk"),
                             QStringLiteral("-t --virtual -X --repository -p --root --keys-dir "
                                            "--repositories-file --arch --cache-dir "
                                            "--cache-max-age --timeout")
                                 .split(u' '),
                             {}};
    static const Grammar rpm{QStringLiteral("rpm"),
                             QStringLiteral("-c --config -d --debuglevel -e --errorlevel -x "
                                            "--exclude --enablerepo --disablerepo --repo "
                                            "--repoid --releasever --installroot --setopt "
                                            "--downloaddir --destdir --forcearch")
                                 .split(u' '),
                             {}};
    static const Grammar zypper{
        QStringLiteral("zypper"),
        QStringLiteral("-r --repo -R --root -c --config -t --type --from").split(u' '),
        {}};
    static const Grammar pacman{
        QStringLiteral("pacman"),
        QStringLiteral("-r --root -b --dbpath --cachedir --config").split(u' '),
        {}};
    static const Grammar pip{
        QStringLiteral("pip"),
        QStringLiteral("-r --requirement -c --constraint -e --editable -i --index-url "
                       "--extra-index-url -f --find-links --trusted-host -t --target --prefix "
                       "--root --src --cache-dir --platform --python-version --implementation "
                       "--abi --progress-bar --upgrade-strategy --log --proxy --retries "
                       "--timeout --cert --client-cert --exists-action --global-option "
                       "--install-option --no-binary --only-binary --config-settings -C")
            .split(u' '),
        {}};
    static const Grammar npm{QStringLiteral("npm"),
                             QStringLiteral("--prefix --registry --cache --tag --loglevel -w "
                                            "--workspace --omit --include")
                                 .split(u' '),
                             {}};
    static const Grammar gem{QStringLiteral("gem"),
                             QStringLiteral("-v --version -i --install-dir -n --bindir -s "
                                            "--source -P --trust-policy --platform -g --file")
                                 .split(u' '),
                             {}};
    static const Grammar go{QStringLiteral("go"), {QStringLiteral("-C")}, {}};
    static const QHash<QString, const Grammar *> tools{
        {QStringLiteral("apt-get"), &apt},   {QStringLiteral("apt"), &apt},
        {QStringLiteral("aptitude"), &apt},  {QStringLiteral("apk"), &apk},
        {QStringLiteral("yum"), &rpm},       {QStringLiteral("dnf"), &rpm},
        {QStringLiteral("microdnf"), &rpm},  {QStringLiteral("tdnf"), &rpm},
        {QStringLiteral("zypper"), &zypper}, {QStringLiteral("pacman"), &pacman},
        {QStringLiteral("pip"), &pip},       {QStringLiteral("npm"), &npm},
        {QStringLiteral("yarn"), &npm},      {QStringLiteral("pnpm"), &npm},
        {QStringLiteral("gem"), &gem},       {QStringLiteral("go"), &go}};
    static const QRegularExpression pipVersioned(QStringLiteral("^pip[0-9.]*$"));
    if (pipVersioned.match(tool).hasMatch())
        return &pip;
    return tools.value(tool);
}

/// `python3 -m pip install x` → the words from `pip` on; otherwise the words unchanged.
QStringList programWords(const Command &c)
{
    static const QRegularExpression python(QStringLiteral("^python[0-9.]*$"));
    if (python.match(c.name()).hasMatch() && c.words.size() > 2 && c.words.at(1) == u"-m")
        return c.words.mid(2);
    return c.words;
}

} // namespace

bool PackageCommand::hasOption(const QStringList &names) const
{
    for (const QString &o : options)
        if (names.contains(o.section(u'=', 0, 0)))
            return true;
    return false;
}

bool PackageCommand::hasFlag(QChar shortFlag, const QStringList &longNames) const
{
    for (const QString &o : options) {
        if (o.startsWith(QStringLiteral("--"))) {
            if (longNames.contains(o.section(u'=', 0, 0)))
                return true;
        } else if (o.size() > 1 && o.section(u'=', 0, 0).mid(1).contains(shortFlag)) {
            return true;
        }
    }
    return false;
}

bool PackageCommand::installs() const
{
    if (family == u"apt")
        return action == u"install";
    if (family == u"apk")
        return action == u"add";
    if (family == u"rpm")
        return QStringList{QStringLiteral("install"), QStringLiteral("in"),
                           QStringLiteral("localinstall"), QStringLiteral("groupinstall"),
                           QStringLiteral("reinstall")}
            .contains(action);
    if (family == u"zypper")
        return action == u"install" || action == u"in";
    if (family == u"pacman")
        return action.startsWith(QStringLiteral("-S")) && !action.contains(u'c')
            && !operands.isEmpty();
    if (family == u"npm") {
        static const QRegularExpression npmInstall(
            QStringLiteral("^(i|in|ins|inst|insta|instal|install|isnt|isnta|isntal|isntall|add)$"));
        return npmInstall.match(action).hasMatch();
    }
    if (family == u"gem")
        return action == u"install" || action == u"i";
    return action == u"install";
}

std::optional<PackageCommand> packageCommand(const Command &command)
{
    const QStringList words = programWords(command);
    if (words.isEmpty())
        return std::nullopt;
    const QString tool = words.first().mid(words.first().lastIndexOf(u'/') + 1);
    const Grammar *g = grammarFor(tool);
    if (!g)
        return std::nullopt;
    PackageCommand pc;
    pc.tool = tool;
    pc.family = g->family;
    pc.command = &command;
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString &w = words.at(i);
        if (w.startsWith(u'-') && w.size() > 1) {
            const bool takesValue = g->valueOptions.contains(w) && i + 1 < words.size();
            pc.options << (takesValue ? w + u'=' + words.at(++i) : w);
            if (pc.family == u"pacman" && pc.action.isEmpty() && w.size() > 1 && w.at(1).isUpper())
                pc.action = w;
        } else if (pc.action.isEmpty() && pc.family != u"pacman"
                   && (g->actions.isEmpty() || g->actions.contains(w))) {
            pc.action = w;
        } else if (!pc.action.isEmpty()) {
            pc.operands << w;
        }
    }
    if (pc.tool == u"yarn" && pc.action == u"global" && !pc.operands.isEmpty())
        pc.action = pc.operands.takeFirst();
    return pc;
}

QList<PackageCommand> packageCommands(const Context &ctx, const Instruction &run)
{
    QList<PackageCommand> out;
    for (const Command &c : ctx.script(run).commands())
        if (auto pc = packageCommand(c))
            out << *pc;
    return out;
}

QStringList registryPackages(const PackageCommand &pc)
{
    static const QRegularExpression localFile(
        QStringLiteral("\\.(deb|rpm|apk|whl|tar\\.gz|tgz|tar|zip|gem)$"));
    static const QRegularExpression notRegistry(
        QStringLiteral("^(\\.|/|~|git\\+|git:|github:|file:|https?:|\\$)|://|\\$"));
    QStringList out;
    for (const QString &op : pc.operands) {
        if (op.isEmpty() || localFile.match(op).hasMatch() || notRegistry.match(op).hasMatch())
            continue;
        if (pc.family == u"pip" && op.contains(u'/'))
            continue;
        out << op;
    }
    return out;
}

} // namespace threatdock::rules::dockerfilechecks
