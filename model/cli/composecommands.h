#pragma once

#include <QStringList>
#include <QTextStream>

namespace threatdock::cli {

/// `threatdock-cli build PATH [-f FILE]... [--env-file F]... [--profile P]...
/// [--build-arg KEY=VALUE]... [--no-cache] [--pull] [--timeout SECONDS]`: builds the
/// project's images with `docker compose build` (or docker-compose v1), then prints each
/// built service and its image on out. Progress and the builder's output go to err.
int runBuildCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

/// `threatdock-cli up PATH [project options] [--build] [--wait-timeout SECONDS]
/// [--no-wait] [--timeout SECONDS]`: `docker compose up -d`, then waits until every
/// container runs and those with a healthcheck are healthy; prints each container's
/// state on out. On failure the last log lines of the services that are not ready go
/// to err before the one-line reason.
int runUpCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

/// `threatdock-cli down PATH [project options] [--volumes] [--timeout SECONDS]`:
/// `docker compose down --remove-orphans` (and the named volumes with --volumes).
int runDownCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace threatdock::cli
