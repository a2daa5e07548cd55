#pragma once

#include <QStringList>
#include <QTextStream>

namespace threatdock::cli {

/// `threatdock-cli harden PATH [-f FILE]... [--write] [--only RULE,...] [--exclude RULE,...]
/// [--public SERVICE:PORT]... [--format text|json]`: plans the hardening of a project and
/// prints the plan, the overlay (compose.hardening.yaml), .env.example and the Dockerfile
/// diffs; with --write, writes them (the user's compose files are never changed).
int runHardenCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace threatdock::cli
