#pragma once

#include "projectoptions.h"

#include "compose/composeproject.h"
#include "scans/composedriver.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace threatdock::cli {

class InterruptGuard;

/// What the subcommands that drive Docker (build, up, down, verify) share: the command
/// line (PATH, the project options, --timeout, --help), loading the project, finding
/// docker and Compose, and a ComposeDriver whose progress and tool output go to err as
/// they come. Ctrl+C (SIGINT, SIGTERM) cancels the running tool and its process group.
class ComposeSession final
{
public:
    /// name: "build"; defaultTimeout: seconds before the Compose process is stopped.
    ComposeSession(const QString &name, const QString &description, int defaultTimeout);
    ~ComposeSession();

    QCommandLineParser &parser() { return m_parser; }
    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }

    /// Parses arguments; an exit code when the command ends here (help: 0, usage: 2,
    /// with the message on err).
    std::optional<int> parse(const QStringList &arguments, QTextStream &out, QTextStream &err);
    /// A usage error: "threatdock-cli NAME: message" on err; returns 2.
    int usage(const QString &message, QTextStream &err) const;

    /// Loads the project and finds docker and Compose; false (one error line on err)
    /// when either fails.
    bool open(QTextStream &err);

    const compose::ComposeProject &project() const { return *m_project; }
    const compose::ComposeLoader::Options &loadOptions() const { return m_load; }
    scans::ComposeDriver &driver() { return *m_driver; }
    int timeoutMs() const { return m_timeoutMs; }
    /// "error: NAME: reason" on err; returns 1. A cancel by signal says so.
    int fail(const QString &reason, QTextStream &err) const;

private:
    QString m_name;
    QCommandLineParser m_parser;
    ProjectOptions m_projectOptions;
    QCommandLineOption m_timeout;
    QCommandLineOption m_help;
    compose::ComposeLoader::Options m_load;
    int m_timeoutMs = 0;
    std::optional<compose::ComposeProject> m_project;
    std::unique_ptr<scans::ComposeDriver> m_driver;
    std::unique_ptr<InterruptGuard> m_interrupt;
};

/// A number of seconds from an option ("600"); nullopt when it is not one.
std::optional<int> secondsFrom(const QString &text);

} // namespace threatdock::cli
