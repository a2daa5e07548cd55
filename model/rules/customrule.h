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
class CustomRule final
{
public:
    /// Checks a rule's `match:` block; the error names the file:line of the bad part.
    static std::optional<compose::Diagnostic> validate(const Rule &rule);
    /// Reports a finding for every service / instruction the conditions hold for.
    static void evaluate(const Rule &rule, const AnalysisInput &input, FindingSink &sink);
};

} // namespace threatdock::rules
