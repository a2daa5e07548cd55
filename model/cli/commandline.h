#pragma once

#include <QStringList>
#include <QTextStream>

namespace threatdock::cli {

/// The `threatdock-cli` contract: parses the subcommand and its options and runs it.
/// Output goes to out, errors as one line to err; the return value is the exit code
/// (0 ok, 1 error, 2 usage).
int runCommandLine(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace threatdock::cli
