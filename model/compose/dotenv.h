#pragma once

#include "diagnostic.h"
#include "environment.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace threatdock::compose {

/// Reads `.env` files (project `.env`, `--env-file`, a service's `env_file`) the way
/// Compose does (compose-go's dotenv): `KEY=value`, `KEY: value`, `export KEY=value`,
/// comments, single/double/unquoted values, escapes in double quotes, multi-line quoted
/// values, a UTF-8 BOM, a bare `KEY` that inherits from the lookup, and `${VAR}`
/// expansion of earlier keys and looked-up variables.
class DotEnv final
{
public:
    struct Result
    {
        /// Variables in file order (a later definition of a key replaces the earlier one).
        QList<std::pair<QString, QString>> variables;
        /// The 1-based line each variable was defined on, same order as variables.
        QList<int> lines;
        std::optional<Diagnostic> error;

        bool ok() const { return !error.has_value(); }
        Environment toEnvironment() const;
    };

    /// Parses text. lookup supplies variables from outside the file (the process
    /// environment): used for bare `KEY` lines and for expansion.
    static Result parse(const QByteArray &text, const QString &fileName,
                        const VariableLookup &lookup = {});
    /// Reads and parses a file; a missing file is an error naming it.
    static Result readFile(const QString &path, const VariableLookup &lookup = {});
};

} // namespace threatdock::compose
