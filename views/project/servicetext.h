#pragma once

#include <QString>

namespace threatdock::compose {
struct Origin;
struct Service;
} // namespace threatdock::compose

namespace threatdock::views {

/// Short display texts for a service, shared by the views that list services.
namespace servicetext {

/// "nginx:1.25", or "build ./api" (context relative to workingDir), or both.
QString imageOrBuild(const compose::Service &service, const QString &workingDir);
/// Host-published ports as docker prints them: "0.0.0.0:8080→80/tcp, 127.0.0.1:5432→5432/tcp".
QString publishedPorts(const compose::Service &service);
/// "compose.yaml:12", the file relative to workingDir.
QString location(const compose::Origin &origin, const QString &workingDir);

} // namespace servicetext

} // namespace threatdock::views
