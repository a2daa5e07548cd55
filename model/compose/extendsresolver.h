#pragma once

#include "diagnostic.h"
#include "node.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>

namespace threatdock::compose {

/// Applies `extends` to the services of one raw compose document: the base service
/// (same file, or `file:` relative to the extending file) is resolved recursively and
/// the extending service merged over it with Compose's merge rules. Cycles and missing
/// services or files are errors naming the `extends` line and the services involved.
class ExtendsResolver final
{
public:
    /// Returns the first document of a compose file, already interpolated. Throws
    /// ComposeError when it cannot be read.
    using FileReader = std::function<Node(const QString &absolutePath)>;

    explicit ExtendsResolver(FileReader reader);

    /// Resolves every service of doc (a document read from file) that uses extends.
    void apply(Node &doc, const QString &file);

private:
    Node resolve(const QString &file, const Node &doc, const QString &service,
                 const Origin &requestedAt, QStringList chain);
    const Node &document(const QString &file, const Origin &requestedAt);

    FileReader m_reader;
    QHash<QString, Node> m_documents;
};

} // namespace threatdock::compose
