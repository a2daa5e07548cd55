#pragma once

#include "diagnostic.h"
#include "node.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace threatdock::compose {

/// Bounds on what YamlReader accepts.
struct YamlLimits
{
    qint64 maxFileBytes = 16 * 1024 * 1024;
    int maxDepth = 256;
    qsizetype maxNodes = 2'000'000;
    /// Nodes that aliases may add by expansion (real Compose files use a few hundred).
    qsizetype maxAliasNodes = 200'000;
};

/// Reads YAML text into Node trees with the origin of every value. It defends against
/// hostile input: files over maxFileBytes, nesting deeper than maxDepth and alias
/// expansion ("billion laughs") past maxNodes are refused with a Diagnostic that names
/// the file and line, in bounded time and memory. Anchors, aliases and merge keys
/// (`<<`) are resolved; duplicate keys are errors; tags are kept on the nodes.
class YamlReader final
{
public:
    using Limits = YamlLimits;

    struct Result
    {
        std::vector<Node> documents;
        std::optional<Diagnostic> error;
        bool ok() const { return !error.has_value(); }
    };

    /// Reads a file (documents in order). A missing or unreadable file is an error.
    static Result readFile(const QString &path, const Limits &limits = {});
    /// Reads YAML text; fileName is used for origins and messages.
    static Result readText(const QByteArray &text, const QString &fileName,
                           const Limits &limits = {});
};

} // namespace threatdock::compose
