#pragma once

#include "origin.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace threatdock::compose {

struct MapEntry;

/// A YAML value with its origin: the tree every stage of the Compose loader works on
/// (parsing, interpolation, merge, extends, normalisation). Scalars are kept as text,
/// as YAML 1.2's core schema reads them; typed accessors interpret them on demand.
/// Mappings keep their keys in document order.
class Node
{
public:
    enum class Kind { Null, Scalar, Sequence, Mapping };

    Node() = default;
    static Node null(const Origin &origin = {});
    static Node scalar(const QString &text, const Origin &origin = {}, bool quoted = false);
    static Node sequence(const Origin &origin = {});
    static Node mapping(const Origin &origin = {});

    Kind kind() const { return m_kind; }
    bool isNull() const { return m_kind == Kind::Null; }
    bool isScalar() const { return m_kind == Kind::Scalar; }
    bool isSequence() const { return m_kind == Kind::Sequence; }
    bool isMapping() const { return m_kind == Kind::Mapping; }
    /// "null", "string", "sequence" or "mapping": for error messages.
    QString kindName() const;

    const Origin &origin() const { return m_origin; }
    void setOrigin(const Origin &origin) { m_origin = origin; }
    /// The explicit YAML tag (`!reset`, `!override`, `!!str`...), empty when none.
    const QString &tag() const { return m_tag; }
    void setTag(const QString &tag) { m_tag = tag; }

    // Scalars
    const QString &text() const { return m_text; }
    void setText(const QString &text) { m_text = text; }
    /// True when the scalar was written quoted (or as a block scalar): it is then a string,
    /// never a number, boolean or null.
    bool isQuoted() const { return m_quoted; }
    void setQuoted(bool quoted) { m_quoted = quoted; }
    /// YAML 1.2 core schema: true/True/TRUE, false/False/FALSE (plain scalars only).
    std::optional<bool> toBool() const;
    /// Integer value of a plain scalar (decimal, 0x hex, 0o octal), if it is one.
    std::optional<qint64> toInt() const;
    /// Floating-point value of a plain scalar, if it is a number.
    std::optional<double> toDouble() const;

    // Sequences
    const std::vector<Node> &items() const { return m_items; }
    std::vector<Node> &items() { return m_items; }
    void append(const Node &item) { m_items.push_back(item); }

    // Mappings
    const std::vector<MapEntry> &entries() const { return m_entries; }
    std::vector<MapEntry> &entries() { return m_entries; }
    bool contains(const QString &key) const { return find(key) != nullptr; }
    const Node *find(const QString &key) const;
    Node *find(const QString &key);
    /// The value for key, or a shared Null node when absent. A reference into this tree:
    /// chains like `doc.value("a").value("b").entries()` are safe while doc lives.
    const Node &value(const QString &key) const;
    const MapEntry *entry(const QString &key) const;
    /// Sets key to value: replaces in place when present, appends otherwise.
    void insert(const QString &key, const Node &value, const Origin &keyOrigin = {});
    bool remove(const QString &key);
    QStringList keys() const;

    /// Number of nodes in this tree (this one included).
    qsizetype treeSize() const;

private:
    Kind m_kind = Kind::Null;
    bool m_quoted = false;
    QString m_text;
    QString m_tag;
    Origin m_origin;
    std::vector<Node> m_items;
    std::vector<MapEntry> m_entries;
};

struct MapEntry
{
    QString key;
    Origin keyOrigin;
    Node value;
};

} // namespace threatdock::compose
