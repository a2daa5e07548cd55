#pragma once

#include "diagnostic.h"
#include "environment.h"
#include "origin.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace threatdock::compose {

/// Reads `.env` files (project `.env`, `--env-file`, a service's `env_file`) the way
/// Compose does (compose-go's dotenv): `KEY=value`, `KEY: value`, `export KEY=value`,
/// comments, single/double/unquoted values, escapes in double quotes, multi-line quoted
/// values, a UTF-8 BOM, a bare `KEY` that inherits from the lookup, and `${VAR}`
/// expansion of earlier keys and looked-up variables.
///
/// Precedence follows compose-go: `${VAR}` in a value looks in the lookup (the process
/// environment) first, then in the variables defined before it; the file's own value of
/// a key is what the Result holds, and toEnvironment(processEnv) gives the project
/// environment in which the process environment wins. Single-quoted values are literal
/// (only `\'` drops its backslash); double-quoted values take `\n \r \t \a \b \f \v \\ \"
/// \$` and `\0` + three octal digits, other backslashes stay. Unquoted values end at the
/// line end or at ` #`, and are trimmed. A bare `KEY` on the last line without a line
/// break inherits like any other bare key.
class DotEnv final
{
public:
    struct Result
    {
        /// Variables in file order (a later definition of a key replaces the earlier one).
        QList<std::pair<QString, QString>> variables;
        /// The 1-based line each variable was defined on, same order as variables.
        QList<int> lines;
        /// The file and line each variable was defined on, same order as variables
        /// (readFiles() merges several files).
        QList<Origin> origins;
        std::optional<Diagnostic> error;
        /// Variables used in a `${VAR}` without a value (Compose warns), with their line.
        Diagnostics warnings;

        bool ok() const { return !error.has_value(); }
        Environment toEnvironment() const;
        /// The project environment Compose interpolates with: these variables, overridden
        /// by the process environment.
        Environment toEnvironment(const Environment &processEnv) const;
        /// The value of name, or nullopt when the file does not define it.
        std::optional<QString> value(const QString &name) const;
    };

    /// Parses text. lookup supplies variables from outside the file (the process
    /// environment): used for bare `KEY` lines and for expansion.
    static Result parse(const QByteArray &text, const QString &fileName,
                        const VariableLookup &lookup = {});
    /// Parses text as one of several env files read in order: earlier holds the variables
    /// of the files read before; expansion looks in lookup, then in this file's variables
    /// defined so far, then in earlier. The Result holds this file's variables only.
    static Result parse(const QByteArray &text, const QString &fileName,
                        const VariableLookup &lookup, const Environment &earlier);
    /// Reads and parses a file; a missing file is an error naming it.
    static Result readFile(const QString &path, const VariableLookup &lookup = {});
    /// Reads env files in order into one set of variables, as Compose reads `--env-file`
    /// options: a later file overrides an earlier one (see parse() with earlier). On an
    /// error, the Result holds the variables read before it.
    static Result readFiles(const QStringList &paths, const VariableLookup &lookup = {});
};

} // namespace threatdock::compose
