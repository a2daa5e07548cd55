#pragma once

#include "analysisinput.h"
#include "compose/diagnostic.h"
#include "findingsink.h"
#include "rule.h"

namespace threatdock::rules {

/// User-defined rules: conditions written in YAML under a rule's `match:`.
///   match:
///     service:                      # conditions on each service (canonical keys)
///       all:                        # or any:
///         - {path: read_only, op: absent}
///         - {path: image, op: matches, value: ':latest$'}
///     dockerfile:                   # conditions on the final stage's instructions
///       instruction: RUN
///       args: 'curl .*\| *sh'
/// Operators: exists, absent, equals, not-equals, matches, contains, less, greater.
///
/// A match has exactly one of `service` or `dockerfile`. Service conditions nest with
/// `all:` / `any:`; a key path is dotted, with list indices and wildcards
/// (`deploy.resources.limits.memory`, `ports[0].published`, `cap_add[*]`, `volumes.*.type`).
/// A wildcard path holds when any node it reaches does; `not-equals` is the negation of
/// `equals` (an absent key is not-equal); `contains` looks for a list item, a mapping key or
/// a substring; `less` / `greater` compare numbers (byte sizes such as `512m` included).
/// A dockerfile condition takes `instruction`, an optional `args` regex (matched against
/// flags, arguments and heredocs), `stage: final|all` (default final) and
/// `op: exists|absent` (default exists: one finding per matching instruction; absent: one
/// per stage lacking it).
class CustomRule final
{
public:
    /// Checks a rule's `match:` block; the error names the file:line of the bad part.
    static std::optional<compose::Diagnostic> validate(const Rule &rule);
    /// Reports a finding for every service / instruction the conditions hold for.
    static void evaluate(const Rule &rule, const AnalysisInput &input, FindingSink &sink);
};

} // namespace threatdock::rules
