#pragma once

#include "node.h"

namespace threatdock::compose {

/// Merges Compose files the way `docker compose -f a -f b` does (the Compose
/// Specification's merge rules, compose-go's override package), on raw trees before
/// normalisation: mappings merged recursively; `environment`, `labels`, `annotations`,
/// `build.args`, `sysctls`... merged by key; `ports` by host ip + published + target +
/// protocol; `volumes`, `secrets`, `configs` by target; `command`, `entrypoint`,
/// `healthcheck.test` replaced; `depends_on` normalised to a mapping first; `!reset`
/// removes a value and `!override` replaces it without merging. Origins follow the
/// value that wins.
///
/// Where compose-go's behaviour is surprising it is kept: a null override keeps the base
/// value (except for replaced attributes such as `command`); `ulimits.*` and
/// `models.*.runtime_flags` are replaced; `extra_hosts` drops only override entries
/// identical to a base entry. Entries made from a `KEY: value` mapping are sorted and
/// print numbers and booleans as Go does (`0x1F` becomes `31`). Two choices differ on
/// purpose: short port specs are split into ip, published, target and protocol, so
/// `"8080:80"` and its long syntax are the same port (the specification's rule;
/// compose-go compares the short spec as text), and `volumes.*.labels` is made unique by
/// key like `networks.*.labels`.
class ComposeMerger final
{
public:
    /// Merges override into base (both whole compose documents) and returns the result.
    /// Throws ComposeError for shapes that cannot merge (naming the override's origin).
    static Node merge(const Node &base, const Node &override);

    /// Removes duplicates Compose considers the same entry (ports, volumes, secrets,
    /// configs, env_file, profiles...), keeping the last one, as compose-go's
    /// EnforceUnicity does.
    static void enforceUnicity(Node &project);

    /// Removes every `!reset` value and drops the `!override` tag (used on a single file
    /// and after the last merge, so the tags never reach normalisation).
    static void stripMergeTags(Node &tree);
};

} // namespace threatdock::compose
