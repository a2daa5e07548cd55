#pragma once

#include "diagnostic.h"
#include "environment.h"
#include "node.h"

#include <QString>

#include <optional>

namespace threatdock::compose {

/// Compose variable interpolation (the Compose Specification, compose-go's template
/// package): `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
/// `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, nested expressions in defaults, `$$` as
/// an escaped `$`, and a lone `$` kept as it is.
class Interpolator final
{
public:
    struct Result
    {
        QString value;
        /// When set, why substitution failed (e.g. "required variable DB_PASSWORD is
        /// missing a value: set it in .env"), without file or line.
        std::optional<QString> error;
        bool ok() const { return !error.has_value(); }
    };

    /// Substitutes the variables of one string.
    static Result substitute(const QString &text, const VariableLookup &lookup);

    /// Substitutes in every scalar value of a tree (never in keys), in place. The first
    /// error is returned with the origin of the scalar it happened in.
    static std::optional<Diagnostic> interpolate(Node &tree, const VariableLookup &lookup);
};

} // namespace threatdock::compose
