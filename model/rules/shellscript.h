#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace threatdock::rules {

/// A shell script split into the simple commands /bin/sh would run, for rules that need
/// to know what a RUN instruction does. It understands quoting, escapes, comments,
/// `&& || ; | &` and newlines, redirections (dropped), here-documents (skipped), command
/// substitution `$(...)` / backquotes / `<(...)` (their commands are listed too, marked
/// substituted) and `sh -c 'script'` (its script's commands are listed too). It never runs
/// anything and does not expand variables.
class ShellScript final
{
public:
    struct Command
    {
        /// The program and its arguments, quotes removed, with leading `NAME=value`
        /// assignments, shell keywords and wrappers (sudo, env, nice...) taken off.
        QStringList words;
        QStringList assignments; ///< leading `NAME=value` words
        QStringList wrappers;    ///< the wrapper programs that ran it, e.g. "sudo"
        int pipeline = 0;        ///< commands joined by `|` share a pipeline number
        bool pipesToNext = false;
        bool substituted = false; ///< ran inside `$(...)`, backquotes or `<(...)`
        bool nested = false;      ///< ran by `sh -c` or command substitution

        /// The program's base name ("/usr/bin/apt-get" → "apt-get"); "" when none.
        QString name() const;
        QStringList args() const { return words.mid(1); }
    };

    static ShellScript parse(const QString &script);
    /// An exec-form (JSON) command line. `["sh", "-c", "script"]` is parsed as a script;
    /// otherwise the elements are the words (an element holding spaces is split, as its
    /// author meant separate arguments).
    static ShellScript fromArgv(const QStringList &argv);

    const QList<Command> &commands() const { return m_commands; }
    /// Whether a pipe joins two commands (outside command substitution).
    bool hasPipe() const;
    /// The script's text after `-c` when argv runs a shell, else "".
    static QString shellScriptOf(const QStringList &argv);
    /// sh, bash, dash, ash, zsh, ksh, mksh, busybox sh.
    static bool isShell(const QString &name);

private:
    void append(const ShellScript &other);

    QList<Command> m_commands;
};

} // namespace threatdock::rules
