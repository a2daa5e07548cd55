#pragma once

#include <QStringList>
#include <QTextStream>

namespace threatdock::cli {

/// `threatdock-cli rules [--format text|json] [--rules FILE]`: every rule with its metadata,
/// the built-in catalog plus the user's rules file when given.
int runRulesCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace threatdock::cli
