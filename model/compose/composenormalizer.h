#pragma once

#include "diagnostic.h"
#include "environment.h"
#include "node.h"

#include <QString>

namespace threatdock::compose {

/// Turns a merged, interpolated Compose document (extends and include already applied)
/// into the canonical long-syntax shape that `docker compose config --format json`
/// prints: ports as {target, published, host_ip, protocol, mode}, volumes as
/// {type, source, target, read_only, ...}, environment as a mapping (list form
/// converted; a bare KEY takes its value from the project environment, or null),
/// depends_on as a mapping of {condition, required, restart}, networks as a mapping,
/// healthcheck durations as Go duration strings, build as {context, dockerfile, ...},
/// env_file contents folded into environment, relative paths made absolute. Canonical
/// strings are quoted nodes; numbers and booleans are plain nodes. Every value keeps
/// the origin of the text it came from.
class ComposeNormalizer final
{
public:
    struct Context
    {
        /// Directory that relative paths in the document are relative to.
        QString workingDir;
        /// The project environment (process environment over .env): used for bare
        /// environment keys and to expand variables inside env_file files.
        Environment environment;
        /// Analysis mode: a value Compose would refuse becomes a warning and is dropped
        /// (or read as closely as it can be), so a half-broken project is still analysed.
        /// `config` stays strict, as `docker compose config` is.
        bool lenient = false;
    };

    /// Throws ComposeError naming the origin on values of the wrong type or shape
    /// (`ports: ["abc:80"]`, `mem_limit: lots`). Unknown keys are reported as warnings.
    static Node normalize(const Node &project, const Context &context, Diagnostics &warnings);

    /// Makes the relative paths of one raw (not yet normalised) service absolute against
    /// baseDir: build (string or context), bind-mount volume sources (short and long
    /// syntax), env_file entries, extends.file. Used for services that come from another
    /// directory (extends from another file, include).
    static void resolveServicePaths(Node &service, const QString &baseDir);

    /// Parses a duration as Compose accepts it ("1m30s", "10s", "500ms", "1h") into
    /// nanoseconds; nullopt when it is not one.
    static std::optional<qint64> parseDuration(const QString &text);
    /// Parses a byte size ("512m", "1g", "1024", "2GB") into bytes; nullopt if invalid.
    static std::optional<qint64> parseByteSize(const QString &text);
};

} // namespace threatdock::compose
