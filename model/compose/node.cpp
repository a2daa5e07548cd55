#include "node.h"

#include <QRegularExpression>

namespace threatdock::compose {

Node Node::null(const Origin &origin)
{
    Node n;
    n.m_origin = origin;
    return n;
}

Node Node::scalar(const QString &text, const Origin &origin, bool quoted)
{
    Node n;
    n.m_kind = Kind::Scalar;
    n.m_text = text;
    n.m_origin = origin;
    n.m_quoted = quoted;
    return n;
}

Node Node::sequence(const Origin &origin)
{
    Node n;
    n.m_kind = Kind::Sequence;
    n.m_origin = origin;
    return n;
}

Node Node::mapping(const Origin &origin)
{
    Node n;
    n.m_kind = Kind::Mapping;
    n.m_origin = origin;
    return n;
}

QString Node::kindName() const
{
    switch (m_kind) {
    case Kind::Null:
        return QStringLiteral("null");
    case Kind::Scalar:
        return QStringLiteral("string");
    case Kind::Sequence:
        return QStringLiteral("sequence");
    case Kind::Mapping:
        return QStringLiteral("mapping");
    }
    return QString();
}

std::optional<bool> Node::toBool() const
{
    if (m_kind != Kind::Scalar || m_quoted)
        return std::nullopt;
    if (m_text == u"true" || m_text == u"True" || m_text == u"TRUE")
        return true;
    if (m_text == u"false" || m_text == u"False" || m_text == u"FALSE")
        return false;
    return std::nullopt;
}

std::optional<qint64> Node::toInt() const
{
    if (m_kind != Kind::Scalar || m_quoted || m_text.isEmpty())
        return std::nullopt;
    bool ok = false;
    qint64 v = 0;
    QString t = m_text;
    if (t.startsWith(u'+'))
        t.remove(0, 1);
    if (t.startsWith(u"0x"))
        v = t.mid(2).toLongLong(&ok, 16);
    else if (t.startsWith(u"0o"))
        v = t.mid(2).toLongLong(&ok, 8);
    else
        v = t.toLongLong(&ok, 10);
    if (!ok)
        return std::nullopt;
    return v;
}

std::optional<double> Node::toDouble() const
{
    if (m_kind != Kind::Scalar || m_quoted || m_text.isEmpty())
        return std::nullopt;
    static const QRegularExpression number(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    if (!number.match(m_text).hasMatch())
        return std::nullopt;
    return m_text.toDouble();
}

const Node *Node::find(const QString &key) const
{
    for (const MapEntry &e : m_entries) {
        if (e.key == key)
            return &e.value;
    }
    return nullptr;
}

Node *Node::find(const QString &key)
{
    for (MapEntry &e : m_entries) {
        if (e.key == key)
            return &e.value;
    }
    return nullptr;
}

const Node &Node::value(const QString &key) const
{
    static const Node absent;
    const Node *n = find(key);
    return n ? *n : absent;
}

const MapEntry *Node::entry(const QString &key) const
{
    for (const MapEntry &e : m_entries) {
        if (e.key == key)
            return &e;
    }
    return nullptr;
}

void Node::insert(const QString &key, const Node &value, const Origin &keyOrigin)
{
    m_kind = Kind::Mapping;
    for (MapEntry &e : m_entries) {
        if (e.key == key) {
            e.value = value;
            if (keyOrigin.isKnown())
                e.keyOrigin = keyOrigin;
            return;
        }
    }
    m_entries.push_back(MapEntry{key, keyOrigin.isKnown() ? keyOrigin : value.origin(), value});
}

bool Node::remove(const QString &key)
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->key == key) {
            m_entries.erase(it);
            return true;
        }
    }
    return false;
}

QStringList Node::keys() const
{
    QStringList out;
    out.reserve(qsizetype(m_entries.size()));
    for (const MapEntry &e : m_entries)
        out << e.key;
    return out;
}

qsizetype Node::treeSize() const
{
    qsizetype n = 1;
    for (const Node &i : m_items)
        n += i.treeSize();
    for (const MapEntry &e : m_entries)
        n += e.value.treeSize();
    return n;
}

} // namespace threatdock::compose
