#include "yamlreader.h"

#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>

namespace threatdock::compose {

namespace {

/// Builds Node trees from yaml-cpp's parse events. Aliases are expanded by copying the
/// anchored tree, charged against a node budget so an alias bomb is refused early.
class TreeBuilder final : public YAML::EventHandler
{
public:
    TreeBuilder(const QString &file, const YamlReader::Limits &limits)
        : m_file(file)
        , m_limits(limits)
    { }

    std::vector<Node> documents;

    void OnDocumentStart(const YAML::Mark &) override { m_root.reset(); }
    void OnDocumentEnd() override { documents.push_back(m_root.value_or(Node())); }

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        add(Node::null(origin(mark)), anchor);
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        auto it = m_anchors.find(anchor);
        if (it == m_anchors.end())
            throw ComposeError(origin(mark), QStringLiteral("unknown anchor referenced"));
        m_nodeCount += it->second.size;
        m_aliasNodes += it->second.size;
        if (m_aliasNodes > m_limits.maxAliasNodes || m_nodeCount > m_limits.maxNodes) {
            throw ComposeError(origin(mark),
                               QStringLiteral("alias expansion exceeds %1 nodes (a YAML alias "
                                              "bomb?); refusing to load")
                                   .arg(m_limits.maxAliasNodes));
        }
        Node copy = it->second.node;
        add(copy, 0, /*counted=*/true);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        const QString text = QString::fromStdString(value);
        const bool quoted = tag == "!";
        const bool explicitTag = !tag.empty() && tag != "?" && tag != "!";
        const Origin o = origin(mark);
        Node n;
        if (!quoted && !explicitTag
            && (text.isEmpty() || text == u"~" || text == u"null" || text == u"Null"
                || text == u"NULL")) {
            n = Node::null(o);
        } else {
            n = Node::scalar(text, o, quoted || tag == "tag:yaml.org,2002:str");
        }
        if (explicitTag)
            n.setTag(QString::fromStdString(tag));
        add(n, anchor);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(Node::sequence(origin(mark)), tag, anchor, mark);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(Node::mapping(origin(mark)), tag, anchor, mark);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame
    {
        Node node;
        YAML::anchor_t anchor = 0;
        // For mappings: the key waiting for its value.
        std::optional<Node> pendingKey;
    };
    struct Anchored
    {
        Node node;
        qsizetype size = 0;
    };

    Origin origin(const YAML::Mark &mark) const
    {
        return Origin{m_file, mark.line + 1, mark.column + 1};
    }

    void open(Node n, const std::string &tag, YAML::anchor_t anchor, const YAML::Mark &mark)
    {
        if (int(m_stack.size()) >= m_limits.maxDepth) {
            throw ComposeError(origin(mark),
                               QStringLiteral("nesting deeper than %1 levels; refusing to load")
                                   .arg(m_limits.maxDepth));
        }
        if (!tag.empty() && tag != "?" && tag != "!")
            n.setTag(QString::fromStdString(tag));
        m_stack.push_back(Frame{std::move(n), anchor, std::nullopt});
    }

    void close()
    {
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        if (f.node.isMapping())
            resolveMergeKeys(f.node);
        add(std::move(f.node), f.anchor);
    }

    void add(Node n, YAML::anchor_t anchor, bool counted = false)
    {
        if (!counted && ++m_nodeCount > m_limits.maxNodes) {
            throw ComposeError(n.origin(),
                               QStringLiteral("document has more than %1 nodes; "
                                              "refusing to load")
                                   .arg(m_limits.maxNodes));
        }
        if (anchor != 0)
            m_anchors[anchor] = Anchored{n, n.treeSize()};
        if (m_stack.empty()) {
            m_root = std::move(n);
            return;
        }
        Frame &top = m_stack.back();
        if (top.node.isSequence()) {
            top.node.append(n);
            return;
        }
        if (!top.pendingKey) {
            if (!n.isScalar() && !n.isNull())
                throw ComposeError(n.origin(),
                                   QStringLiteral("mapping keys must be strings, "
                                                  "not a %1")
                                       .arg(n.kindName()));
            top.pendingKey = std::move(n);
            return;
        }
        const Node key = std::move(*top.pendingKey);
        top.pendingKey.reset();
        const QString keyText = key.isNull() ? QStringLiteral("null") : key.text();
        if (const MapEntry *dup = top.node.entry(keyText)) {
            throw ComposeError(key.origin(),
                               QStringLiteral("mapping key \"%1\" already defined at line %2")
                                   .arg(keyText)
                                   .arg(dup->keyOrigin.line));
        }
        MapEntry e{keyText, key.origin(), std::move(n)};
        // Remember that a merge key was written plain, so "<<" quoted stays a normal key.
        if (keyText == u"<<" && !key.isQuoted())
            e.value.setTag(e.value.tag().isEmpty() ? QStringLiteral("!<<merge>>") : e.value.tag());
        top.node.entries().push_back(std::move(e));
    }

    /// YAML merge keys: `<<: *base` or `<<: [*a, *b]`. Keys written in the mapping win,
    /// then earlier merged mappings win over later ones.
    void resolveMergeKeys(Node &map)
    {
        bool hasMerge = false;
        for (const MapEntry &e : map.entries())
            hasMerge |= e.key == u"<<" && e.value.tag() == u"!<<merge>>";
        if (!hasMerge)
            return;
        std::vector<MapEntry> out;
        auto present = [&](const QString &key) {
            for (const MapEntry &e : out)
                if (e.key == key)
                    return true;
            for (const MapEntry &e : map.entries())
                if (e.key == key && !(e.key == u"<<" && e.value.tag() == u"!<<merge>>"))
                    return true;
            return false;
        };
        for (MapEntry &e : map.entries()) {
            if (!(e.key == u"<<" && e.value.tag() == u"!<<merge>>")) {
                out.push_back(e);
                continue;
            }
            std::vector<const Node *> sources;
            if (e.value.isMapping()) {
                sources.push_back(&e.value);
            } else if (e.value.isSequence()) {
                for (const Node &s : e.value.items())
                    sources.push_back(&s);
            }
            if (sources.empty())
                throw ComposeError(e.value.origin(),
                                   QStringLiteral("merge key \"<<\" needs a mapping or a list "
                                                  "of mappings, not a %1")
                                       .arg(e.value.kindName()));
            for (const Node *s : sources) {
                if (!s->isMapping())
                    throw ComposeError(s->origin(),
                                       QStringLiteral("merge key \"<<\" needs mappings, not a %1")
                                           .arg(s->kindName()));
                for (const MapEntry &m : s->entries()) {
                    if (!present(m.key))
                        out.push_back(m);
                }
            }
        }
        map.entries() = std::move(out);
    }

    QString m_file;
    YamlReader::Limits m_limits;
    std::vector<Frame> m_stack;
    std::optional<Node> m_root;
    std::map<YAML::anchor_t, Anchored> m_anchors;
    qsizetype m_nodeCount = 0;
    qsizetype m_aliasNodes = 0;
};

QString cleanYamlMessage(const std::string &msg)
{
    QString m = QString::fromStdString(msg);
    // yaml-cpp's exception text repeats the position: "yaml-cpp: error at line 3, column 1: x"
    const qsizetype colon = m.indexOf(QStringLiteral(": "), m.indexOf(QStringLiteral("column")));
    if (m.startsWith(QStringLiteral("yaml-cpp:")) && colon > 0)
        m = m.mid(colon + 2);
    return m;
}

} // namespace

YamlReader::Result YamlReader::readFile(const QString &path, const Limits &limits)
{
    Result r;
    QFileInfo info(path);
    if (!info.exists()) {
        r.error = Diagnostic{Diagnostic::Severity::Error, Origin{path, 0, 0},
                             QStringLiteral("no such file")};
        r.error->origin = Origin();
        r.error->message = path + QStringLiteral(": no such file");
        return r;
    }
    if (info.size() > limits.maxFileBytes) {
        r.error = Diagnostic{Diagnostic::Severity::Error, Origin{path, 1, 1},
                             QStringLiteral("file is %1 MiB, over the %2 MiB limit")
                                 .arg(double(info.size()) / (1024.0 * 1024.0), 0, 'f', 1)
                                 .arg(limits.maxFileBytes / (1024 * 1024))};
        return r;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        r.error = Diagnostic{Diagnostic::Severity::Error, Origin(),
                             path + QStringLiteral(": cannot read: ") + f.errorString()};
        return r;
    }
    return readText(f.read(limits.maxFileBytes + 1), path, limits);
}

YamlReader::Result YamlReader::readText(const QByteArray &text, const QString &fileName,
                                        const Limits &limits)
{
    Result r;
    if (text.size() > limits.maxFileBytes) {
        r.error = Diagnostic{Diagnostic::Severity::Error, Origin{fileName, 1, 1},
                             QStringLiteral("file is over the %1 MiB limit")
                                 .arg(limits.maxFileBytes / (1024 * 1024))};
        return r;
    }
    std::istringstream in(text.toStdString());
    TreeBuilder builder(fileName, limits);
    try {
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(builder)) { }
    } catch (const ComposeError &e) {
        r.error = e.diagnostic();
        return r;
    } catch (const YAML::DeepRecursion &e) {
        r.error = Diagnostic{Diagnostic::Severity::Error,
                             Origin{fileName, e.mark.line + 1, e.mark.column + 1},
                             QStringLiteral("nesting too deep; refusing to load")};
        return r;
    } catch (const YAML::Exception &e) {
        r.error = Diagnostic{Diagnostic::Severity::Error,
                             Origin{fileName, e.mark.line + 1, e.mark.column + 1},
                             QStringLiteral("invalid YAML: ") + cleanYamlMessage(e.what())};
        return r;
    }
    r.documents = std::move(builder.documents);
    return r;
}

} // namespace threatdock::compose
