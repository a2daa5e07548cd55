#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::dockerfile {

/// A heredoc attached to an instruction (`RUN <<EOF ... EOF`).
struct Heredoc
{
    QString delimiter;
    QString content;
    int line = 0; ///< first content line
};

/// One Dockerfile instruction with its place in the file.
struct Instruction
{
    QString keyword;       ///< upper case: FROM, RUN, COPY, ...
    QString arguments;     ///< text after the keyword and its flags, continuations joined
    QStringList flags;     ///< leading `--name=value` options, as written
    bool execForm = false; ///< JSON array form (`CMD ["a", "b"]`)
    QStringList execArgs;  ///< the array's strings when execForm
    QList<Heredoc> heredocs;
    int line = 0;     ///< 1-based first line
    int endLine = 0;  ///< 1-based last line (continuations and heredocs included)
    QString original; ///< the instruction's text as written (first line..endLine)

    /// The value of a flag (`--from=builder` → "builder"), or nullopt when absent.
    std::optional<QString> flag(const QString &name) const;
    /// Whitespace-separated words of the arguments, honouring simple quotes.
    QStringList words() const;
};

/// A build stage: FROM and the instructions up to the next FROM.
struct Stage
{
    int index = 0;
    QString name;              ///< `AS name`, lower case, empty when unnamed
    QString baseImage;         ///< as written after FROM (may hold ${ARG})
    QString resolvedBaseImage; ///< with ARGs before FROM substituted
    int line = 0;
    QList<Instruction> instructions; ///< FROM first

    /// The last instruction with keyword in this stage, or nullptr.
    const Instruction *last(const QString &keyword) const;
    QList<const Instruction *> all(const QString &keyword) const;
};

/// A parsed Dockerfile.
struct Dockerfile
{
    QString path;
    QChar escape = u'\\';
    QMap<QString, QString> directives; ///< parser directives (`# syntax=...`)
    QList<Instruction> globalArgs;     ///< ARGs before the first FROM
    QList<Stage> stages;

    const Stage *finalStage() const { return stages.isEmpty() ? nullptr : &stages.last(); }
    const Stage *stage(const QString &nameOrIndex) const;
    /// The stage a stage builds on, when its FROM names an earlier stage.
    const Stage *parentStage(const Stage &stage) const;
    /// The instruction in effect at the end of a stage (following FROM <stage> chains):
    /// effective USER, HEALTHCHECK, ENTRYPOINT, CMD, WORKDIR, SHELL.
    const Instruction *effective(const Stage &stage, const QString &keyword) const;
    /// Every instruction of every stage, in file order.
    QList<const Instruction *> instructions() const;
};

} // namespace threatdock::dockerfile
