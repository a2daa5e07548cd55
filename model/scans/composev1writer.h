#pragma once

#include "compose/node.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace threatdock::scans {

/// Writes a loaded Compose project as one file that docker-compose 1.29 (Compose v1,
/// Debian 12's only Compose) reads. The input is compose::ComposeProject::model, the
/// canonical document `threatdock-cli config` prints: the user's files already merged by
/// Compose v2's rules (`!override`, `!reset`, `include:`, `extends`), values interpolated,
/// paths absolute, only the active services. The output is that model in v1's dialect
/// (its schema is /usr/lib/python3/dist-packages/compose/config/compose_spec.json):
///  - no top-level `name` (ThreatDock passes it with -p);
///  - ports in the short form "IP:PUBLISHED:TARGET/PROTO" (v1 has no `host_ip`);
///  - binds whose host path Compose creates in the short form "SOURCE:TARGET:OPTIONS";
///  - `depends_on` with `condition` only, `extra_hosts` as "host:ip", devices as strings;
///  - tmpfs mounts with a mode as `tmpfs:` entries, service configs as read-only binds;
///  - deploy.resources limits and reservations as mem_limit, cpus, pids_limit,
///    mem_reservation (v2's precedence, which v1's own translation gets wrong);
///  - every `$` as `$$` (the values are interpolated already; v1 would do it again) and
///    every string quoted where YAML 1.1 (PyYAML) would read it as another type.
/// What v1 cannot do and does not change what runs (build tags, start_interval...) is left
/// out with a note; what would change it (build secrets, `uts`, inline contents...) is an
/// error. Notes and errors name the file and line and the key, never a value.
class ComposeV1Writer final
{
public:
    struct Result
    {
        QByteArray yaml;
        /// "compose.yaml:12: services.api.healthcheck.start_interval left out: ..."
        QStringList notes;
        /// "compose.yaml:12: services.api.build.ssh: docker-compose 1.29 (Compose v1)
        /// cannot ..."; empty when yaml was written.
        QString error;
        bool ok() const { return error.isEmpty(); }
    };

    static Result write(const compose::Node &model);
};

} // namespace threatdock::scans
