#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace threatdock::cli {

/// Parses a subcommand's arguments. A usage error goes to err as one line
/// "threatdock-cli NAME: ..." (exit code 2); --help prints the help to out (exit code 0).
/// nullopt when the command goes on.
std::optional<int> parseSubcommand(QCommandLineParser &parser, const QString &name,
                                   const QStringList &arguments, const QCommandLineOption &help,
                                   QTextStream &out, QTextStream &err);

/// Checks a --format value: exit code 2 with "unknown format" on err when it is not one
/// of accepted, nullopt when it is.
std::optional<int> checkFormat(const QString &name, const QString &format,
                               const QStringList &accepted, QTextStream &err);

} // namespace threatdock::cli
