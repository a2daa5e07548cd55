#pragma once

#include "compose/composeloader.h"

#include <QTextStream>

#include <optional>

namespace threatdock::cli {

/// Loads a compose project for a subcommand: every warning goes to err as
/// "warning: file:line: ...", a failure as one "error: file:line: ..." line.
std::optional<compose::ComposeProject> loadProject(const compose::ComposeLoader::Options &options,
                                                   QTextStream &err);

} // namespace threatdock::cli
