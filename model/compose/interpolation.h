#pragma once

#include "diagnostic.h"
#include "environment.h"
#include "node.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::compose {

/// Compose variable interpolation (the Compose Specification, compose-go's template
/// package): `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
/// `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, nested expressions in defaults, `$$` as
/// an escaped `$`, and a lone `$` kept as it is.
///
/// Names are `[_A-Za-z][_A-Za-z0-9]*`. A `${` must close with a matching `}` (braces
/// balance, so `${X:-{"a":1}}` yields `{"a":1}` when X is unset) and hold a name,
/// optionally followed by one operator: anything else is an invalid template. Defaults, alternate
/// values and error messages are substituted only when they are used. An unset variable
/// without a default becomes "" and is reported in Result::unsetVariables (Compose warns).
class Interpolator final
{
public:
    struct Result
    {
        /// The substituted text; "" when substitution failed.
        QString value;
        /// When set, why substitution failed (e.g. "required variable DB_PASSWORD is
        /// missing a value: set it in .env"), without file or line.
        std::optional<QString> error;
        /// Variables that were used without a value and replaced by "", in order of use.
        QStringList unsetVariables;
        bool ok() const { return !error.has_value(); }
    };

    /// Substitutes the variables of one string.
    static Result substitute(const QString &text, const VariableLookup &lookup);

    /// Substitutes in every scalar value of a tree (never in keys), in place, keeping each
    /// scalar's origin, tag and quoted flag. The first error is returned with the origin
    /// of the scalar it happened in and its path in the tree, as Compose words it:
    /// "error while interpolating services.web.image: required variable TAG is missing a
    /// value" or "invalid interpolation format for services.web.image.\n...". When
    /// warnings is given, each unset variable used without a default adds a warning there.
    static std::optional<Diagnostic> interpolate(Node &tree, const VariableLookup &lookup,
                                                 Diagnostics *warnings = nullptr);
};

} // namespace threatdock::compose
