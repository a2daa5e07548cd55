#pragma once

// Shared by the built-in Dockerfile checks (dockerfilechecks*.cpp); not a public header.

#include "analysisinput.h"
#include "checkregistry.h"
#include "findingsink.h"
#include "shellscript.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::rules::dockerfilechecks {

using dockerfile::Instruction;
using dockerfile::Stage;
using Command = ShellScript::Command;

/// One Dockerfile as one rule sees it: which stages reach the image, what each RUN runs,
/// and reporting with stable finding ids.
class Context final
{
public:
    Context(const DockerfileInput &input, FindingSink &sink);

    const dockerfile::Dockerfile &file() const { return m_input.dockerfile; }
    /// The stage that becomes the image (build target or last stage).
    const Stage *imageStage() const { return m_input.finalStage(); }
    /// Whether a stage's files and settings can end up in an image: false only for
    /// builder stages, whose output other stages take with COPY --from and that are
    /// neither the image stage nor a stage it is built FROM.
    bool ships(const Stage &stage) const { return !m_builders.contains(stage.index); }
    /// The stage an instruction belongs to.
    const Stage &stageOf(const Instruction &ins) const;
    /// "stage:<name>" or "stage:<index>".
    static QString stageLabel(const Stage &stage);

    /// The commands a RUN (or HEALTHCHECK/CMD) runs: exec form, shell form, heredoc script.
    const ShellScript &script(const Instruction &ins) const;
    /// Whether a RUN mounts a build cache on a path starting with one of prefixes.
    static bool hasCacheMount(const Instruction &ins, const QStringList &prefixes);

    /// Reports a finding at an instruction. detail tells apart several findings of the
    /// rule on one instruction ("pip", "port:22"); the finding id does not use the line.
    /// evidence replaces the instruction's text when that text would show a secret.
    void report(const Instruction &at, const QString &why, const QString &detail = {},
                const QString &evidence = {});

private:
    const DockerfileInput &m_input;
    FindingSink &m_sink;
    QSet<int> m_builders;
    mutable QHash<const Instruction *, ShellScript> m_scripts;
    QHash<QString, QString> m_subjects; ///< instruction/detail → subject
    QSet<QString> m_usedSubjects;
};

using DockerfileCheck = void (*)(Context &);
/// A registry Check that runs fn on every Dockerfile of the input.
Check perDockerfile(DockerfileCheck fn);

/// A package manager command: `apt-get install -y curl`, `pip3 install flask==3.0`.
struct PackageCommand
{
    QString tool;         ///< the program: apt-get, apk, dnf, pip, npm, gem...
    QString family;       ///< apt, apk, rpm, zypper, pacman, pip, npm, gem, go
    QString action;       ///< the subcommand (install, add, update, clean...), "" when none
    QStringList options;  ///< every option, with its value when given as --opt=value
    QStringList operands; ///< words after the action that are not options or their values
    const Command *command = nullptr;

    bool hasOption(const QStringList &names) const;
    /// Whether a short-option cluster (-qy, -vy) or a long option in names is present.
    bool hasFlag(QChar shortFlag, const QStringList &longNames) const;
    bool installs() const;
};

/// Reads a command as a package manager call, or nullopt when it is none.
std::optional<PackageCommand> packageCommand(const Command &command);
/// Every package manager call of a RUN instruction.
QList<PackageCommand> packageCommands(const Context &ctx, const Instruction &run);
/// Operands that name a package from a registry (not a file, URL, path or variable).
QStringList registryPackages(const PackageCommand &pc);

void registerUserChecks(CheckRegistry &registry);
void registerSupplyChainChecks(CheckRegistry &registry);
void registerPackageChecks(CheckRegistry &registry);
void registerPackageVersionChecks(CheckRegistry &registry);
void registerLintChecks(CheckRegistry &registry);
void registerStyleChecks(CheckRegistry &registry);

} // namespace threatdock::rules::dockerfilechecks
