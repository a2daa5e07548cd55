#pragma once

#include <QStringList>
#include <QTextStream>

namespace threatdock::cli {

/// `threatdock-cli config`: prints the normalised Compose project with its resolved
/// values, in the shapes of `docker compose config` (the user asking for their own
/// configuration; analysis outputs redact secrets, this one does not).
int runConfigCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace threatdock::cli
