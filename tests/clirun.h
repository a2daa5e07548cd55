#pragma once

// Runs `threatdock-cli` in-process for tests of the command-line contract.

#include "cli/commandline.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace threatdock::testing {

/// What one command printed and returned.
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs threatdock-cli with arguments (without the program name), capturing its output.
inline CliRun runCli(const QStringList &arguments)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.exitCode = threatdock::cli::runCommandLine(arguments, out, err);
    out.flush();
    err.flush();
    return run;
}

} // namespace threatdock::testing
