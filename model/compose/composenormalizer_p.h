#pragma once

// Private to ComposeNormalizer: the conversions its stages share. Every function takes
// the key path of the value ("services.web.ports[0]") for error messages and throws
// ComposeError at the value's origin when the value has the wrong type or shape.

#include "composenormalizer.h"

#include <QStringList>

#include <functional>
#include <vector>

namespace threatdock::compose::normalizer {

/// Throws "<path>: expected <expected>, got <what value is>" at value's origin.
[[noreturn]] void fail(const Node &value, const QString &path, const QString &expected);

/// A canonical string (a quoted scalar) or a plain number / boolean at origin.
Node stringNode(const QString &text, const Origin &origin);
Node intNode(qint64 value, const Origin &origin);
Node boolNode(bool value, const Origin &origin);
Node numberNode(double value, const Origin &origin);

/// The text of any scalar (string, number, boolean); throws for null and collections.
QString scalarText(const Node &value, const QString &path);
/// Scalars of any type as a canonical string.
Node toStringValue(const Node &value, const QString &path);
Node toIntValue(const Node &value, const QString &path);
Node toBoolValue(const Node &value, const QString &path);
Node toNumberValue(const Node &value, const QString &path);
/// A Go duration string ("1m30s").
Node toDurationValue(const Node &value, const QString &path);
/// A byte count ("512m" becomes 536870912).
Node toByteCountValue(const Node &value, const QString &path);
/// A file mode: numbers as YAML reads them (a leading 0 is octal), strings as octal.
Node toFileModeValue(const Node &value, const QString &path);
/// A list of strings; a single string becomes a one-item list when allowSingle.
Node toStringList(const Node &value, const QString &path, bool allowSingle);
/// A command: a string is split like a shell would (compose uses shellwords).
Node toCommandList(const Node &value, const QString &path);

/// How a list_or_dict conversion treats `KEY` (list) and `KEY:` (null) entries.
enum class MissingValue {
    Null,  ///< kept as null
    Empty, ///< becomes ""
};
/// `[K=V, ...]` or a mapping, as a mapping of canonical strings.
Node toStringMapping(const Node &value, const QString &path, MissingValue missing);
/// A mapping whose values are copied unchanged, keys checked; null becomes {}.
Node requireMapping(const Node &value, const QString &path);

/// Splits text into words the way mattn/go-shellwords does; false on unbalanced quotes.
bool splitShellWords(const QString &text, QStringList &words);
/// time.Duration.String() of Go: "1m30s", "500ms", "1h0m0s", "0s".
QString formatGoDuration(qint64 nanoseconds);
/// path made absolute against baseDir, `~` expanded to the home directory, cleaned.
QString absolutePath(const QString &path, const QString &baseDir);
/// A build context that names a Git repository or URL rather than a directory.
bool isRemoteContext(const QString &context);

/// ports: short and long syntax as a list of {mode, host_ip, target, published, protocol}.
Node normalizePorts(const Node &value, const QString &path, Diagnostics &warnings,
                    bool lenient = false);
/// volumes: short and long syntax as a list of {type, source, target, ...}.
Node normalizeVolumes(const Node &value, const QString &path, const QString &workingDir,
                      Diagnostics &warnings);
/// One short-syntax volume ("./data:/data:ro") in long syntax, source not yet absolute.
Node parseShortVolume(const Node &value, const QString &path);

/// A service's secrets or configs: a name becomes {source}; the long form is checked.
Node normalizeFileReferences(const Node &value, const QString &path, Diagnostics &warnings);
/// Mapping values that are null take their value from environment when it has one.
Node resolveMissing(Node mapping, const Environment &environment);
Node normalizeBuild(const Node &value, const QString &path,
                    const ComposeNormalizer::Context &context, Diagnostics &warnings);
Node normalizeHealthcheck(const Node &value, const QString &path, Diagnostics &warnings);
Node normalizeDeploy(const Node &value, const QString &path, Diagnostics &warnings);
Node normalizeUlimits(const Node &value, const QString &path, Diagnostics &warnings);
/// extra_hosts as a list of "host=ip" strings (the mapping form is converted).
Node normalizeExtraHosts(const Node &value, const QString &path);

/// One service in canonical shape.
Node normalizeService(const QString &name, const Node &service,
                      const ComposeNormalizer::Context &context, Diagnostics &warnings);

/// How one key of a mapping is converted; an empty convert copies the value unchanged.
struct FieldRule
{
    QString key;
    std::function<Node(const Node &value, const QString &path)> convert;
};
/// A mapping (null reads as {}) with each known key converted by its rule, in input
/// order; null values stay null, `x-` keys are copied, unknown keys dropped with a warning.
Node convertFields(const Node &value, const QString &path, const std::vector<FieldRule> &rules,
                   Diagnostics &warnings);

/// Drops (with a warning) keys that are neither known nor `x-` extensions.
void warnUnknownKeys(Node &mapping, const QString &path, const QStringList &known,
                     Diagnostics &warnings);

} // namespace threatdock::compose::normalizer
