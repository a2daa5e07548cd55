#pragma once

#include "compose/composeproject.h"
#include "systemmodel.h"

namespace threatdock::system {

/// Derives the data-flow diagram of a loaded compose project: processes (every active
/// service, with a role guessed from image and build), data stores (named volumes, bind
/// mounts, and for each database/cache/queue service the data it keeps,
/// "datastore:<service>", written by that service's process), external entities (Internet clients
/// and local clients by published host ip, the Docker host for binds, sockets, host namespaces and
/// devices, external networks), flows (published ports, depends_on, links, references to another
/// service in environment values and URLs, volume mounts) and trust boundaries (the host, each
/// compose network, privileged or host-namespaced containers collapsed into the host).
/// Deterministic for the same project.
class SystemModelBuilder final
{
public:
    static SystemModel build(const compose::ComposeProject &project);
};

} // namespace threatdock::system
