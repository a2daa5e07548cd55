#include "nodewriter.h"

#include <QRegularExpression>

namespace threatdock::compose {

namespace {

enum class ScalarType { String, Bool, Number, Null };

/// What a scalar node is: quoted scalars are strings, plain ones follow YAML 1.2 core.
ScalarType typeOf(const Node &n)
{
    if (n.isNull())
        return ScalarType::Null;
    if (n.isQuoted())
        return ScalarType::String;
    if (n.toBool())
        return ScalarType::Bool;
    if (n.toInt() || n.toDouble())
        return ScalarType::Number;
    return ScalarType::String;
}

QString jsonNumber(const Node &n)
{
    static const QRegularExpression json(
        QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"));
    if (json.match(n.text()).hasMatch())
        return n.text();
    if (const std::optional<qint64> i = n.toInt())
        return QString::number(*i);
    return QString::number(*n.toDouble(), 'g', 17);
}

QString jsonString(const QString &s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += u'"';
    for (const QChar c : s) {
        switch (c.unicode()) {
        case u'"':
            out += QStringLiteral("\\\"");
            break;
        case u'\\':
            out += QStringLiteral("\\\\");
            break;
        case u'\n':
            out += QStringLiteral("\\n");
            break;
        case u'\r':
            out += QStringLiteral("\\r");
            break;
        case u'\t':
            out += QStringLiteral("\\t");
            break;
        case u'\b':
            out += QStringLiteral("\\b");
            break;
        case u'\f':
            out += QStringLiteral("\\f");
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x2028 || c.unicode() == 0x2029)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QChar(u'0'));
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

void writeJson(const Node &n, bool indented, int depth, QString &out)
{
    const QString newline = indented ? QStringLiteral("\n") : QString();
    const QString inner = indented ? QString(2 * (depth + 1), u' ') : QString();
    const QString outer = indented ? QString(2 * depth, u' ') : QString();
    switch (n.kind()) {
    case Node::Kind::Null:
        out += QStringLiteral("null");
        return;
    case Node::Kind::Scalar:
        switch (typeOf(n)) {
        case ScalarType::Bool:
            out += *n.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            return;
        case ScalarType::Number: {
            const std::optional<double> d = n.toDouble();
            // .inf and .nan have no JSON form.
            if (n.toInt() || (d && qIsFinite(*d)))
                out += jsonNumber(n);
            else
                out += jsonString(n.text());
            return;
        }
        default:
            out += jsonString(n.text());
            return;
        }
    case Node::Kind::Sequence:
        if (n.items().empty()) {
            out += QStringLiteral("[]");
            return;
        }
        out += u'[' + newline;
        for (std::size_t i = 0; i < n.items().size(); ++i) {
            out += inner;
            writeJson(n.items()[i], indented, depth + 1, out);
            out += (i + 1 < n.items().size() ? QStringLiteral(",") : QString()) + newline;
        }
        out += outer + u']';
        return;
    case Node::Kind::Mapping:
        if (n.entries().empty()) {
            out += QStringLiteral("{}");
            return;
        }
        out += u'{' + newline;
        for (std::size_t i = 0; i < n.entries().size(); ++i) {
            const MapEntry &e = n.entries()[i];
            out += inner + jsonString(e.key)
                + (indented ? QStringLiteral(": ") : QStringLiteral(":"));
            writeJson(e.value, indented, depth + 1, out);
            out += (i + 1 < n.entries().size() ? QStringLiteral(",") : QString()) + newline;
        }
        out += outer + u'}';
        return;
    }
}

/// True when text, written plain, reads back as the same string in block context.
bool isSafePlain(const QString &text)
{
    if (text.isEmpty() || text.front().isSpace() || text.back().isSpace())
        return false;
    const QChar first = text.front();
    if (first == u'-' || first == u'?' || first == u':') {
        // Allowed when followed by a non-space, like "-foo"; "---" starts a document.
        if (text.size() == 1 || text[1].isSpace() || text.startsWith(QStringLiteral("---")))
            return false;
    } else if (QStringLiteral(",[]{}#&*!|>'\"%@`").contains(first)) {
        return false;
    }
    if (text.contains(QStringLiteral(": ")) || text.contains(QStringLiteral(" #"))
        || text.endsWith(u':'))
        return false;
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.unicode() == 0xfeff
            || c.unicode() == 0x85 || c.unicode() == 0x2028 || c.unicode() == 0x2029)
            return false;
    }
    return true;
}

/// True when a plain scalar with this text would not read as a string (YAML 1.2 core),
/// or would in YAML 1.1 readers (yes/no/on/off, 0-prefixed octal, 1:20 sexagesimal).
bool looksTyped(const QString &text)
{
    static const QRegularExpression typed(
        QStringLiteral("^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|"
                       "[yY]|[yY]es|YES|[nN]|[nN]o|NO|[oO]n|ON|[oO]ff|OFF|"
                       "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[-+]?\\.?[0-9].*)$"));
    return typed.match(text).hasMatch();
}

QString yamlDoubleQuoted(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == u'"' || u == u'\\')
            out += u'\\' + QString(c);
        else if (u == u'\n')
            out += QStringLiteral("\\n");
        else if (u == u'\t')
            out += QStringLiteral("\\t");
        else if (u == u'\r')
            out += QStringLiteral("\\r");
        else if (u < 0x20 || u == 0x7f || u == 0x85 || u == 0xfeff || u == 0x2028 || u == 0x2029)
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QChar(u'0'));
        else
            out += c;
    }
    return out + u'"';
}

/// The tag as written before a value, with its trailing space; empty when none.
QString yamlTag(const Node &n)
{
    if (n.tag().isEmpty())
        return QString();
    return (n.tag().startsWith(u'!') ? n.tag() : QStringLiteral("!<") + n.tag() + u'>') + u' ';
}

QString yamlScalar(const Node &n)
{
    const QString tag = yamlTag(n);
    if (n.isNull())
        return tag + QStringLiteral("null");
    const QString &text = n.text();
    if (!tag.isEmpty() && text.isEmpty())
        return tag + QStringLiteral("\"\"");
    if (n.isQuoted())
        return tag + (isSafePlain(text) && !looksTyped(text) ? text : yamlDoubleQuoted(text));
    // A plain scalar keeps its type when written plain, if it is safe to.
    return tag + (isSafePlain(text) ? text : yamlDoubleQuoted(text));
}

QString yamlKey(const QString &key)
{
    if (key == u"<<" || key == u"~" || key == u"null" || !isSafePlain(key))
        return yamlDoubleQuoted(key);
    return key;
}

bool isInline(const Node &n)
{
    return n.isNull() || n.isScalar() || (n.isSequence() && n.items().empty())
        || (n.isMapping() && n.entries().empty());
}

QString inlineValue(const Node &n)
{
    if (n.isSequence() || n.isMapping()) {
        return yamlTag(n) + (n.isSequence() ? QStringLiteral("[]") : QStringLiteral("{}"));
    }
    return yamlScalar(n);
}

/// Lines of a non-empty collection, not indented; the caller indents them.
QStringList yamlLines(const Node &n)
{
    QStringList lines;
    if (n.isMapping()) {
        for (const MapEntry &e : n.entries()) {
            if (isInline(e.value)) {
                lines << yamlKey(e.key) + QStringLiteral(": ") + inlineValue(e.value);
                continue;
            }
            lines << (yamlKey(e.key) + u':' + u' ' + yamlTag(e.value)).trimmed();
            for (const QString &l : yamlLines(e.value))
                lines << QStringLiteral("  ") + l;
        }
    } else {
        for (const Node &item : n.items()) {
            if (isInline(item)) {
                lines << QStringLiteral("- ") + inlineValue(item);
                continue;
            }
            QStringList sub = yamlLines(item);
            if (!item.tag().isEmpty()) {
                lines << (QStringLiteral("- ") + yamlTag(item)).trimmed();
                for (const QString &l : std::as_const(sub))
                    lines << QStringLiteral("  ") + l;
                continue;
            }
            for (qsizetype i = 0; i < sub.size(); ++i)
                lines << (i == 0 ? QStringLiteral("- ") : QStringLiteral("  ")) + sub[i];
        }
    }
    return lines;
}

} // namespace

QByteArray NodeWriter::toJson(const Node &node, bool indented)
{
    QString out;
    writeJson(node, indented, 0, out);
    if (indented)
        out += u'\n';
    return out.toUtf8();
}

QByteArray NodeWriter::toYaml(const Node &node)
{
    if (isInline(node))
        return (inlineValue(node) + u'\n').toUtf8();
    QString out;
    if (!node.tag().isEmpty())
        out += QStringLiteral("--- ") + yamlTag(node).trimmed() + u'\n';
    for (const QString &line : yamlLines(node))
        out += line + u'\n';
    return out.toUtf8();
}

} // namespace threatdock::compose
