// Scalar and collection conversions shared by the ComposeNormalizer stages.

#include "composenormalizer_p.h"

#include <QDir>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

namespace threatdock::compose {

namespace normalizer {

namespace {

QString describe(const Node &value)
{
    switch (value.kind()) {
    case Node::Kind::Null:
        return QStringLiteral("null");
    case Node::Kind::Scalar: {
        QString text = value.text();
        if (text.size() > 60)
            text = text.left(57) + QStringLiteral("...");
        return u'"' + text + u'"';
    }
    case Node::Kind::Sequence:
        return QStringLiteral("a list");
    case Node::Kind::Mapping:
        return QStringLiteral("a mapping");
    }
    return QString();
}

std::optional<qint64> parseInteger(const QString &text)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok, 10);
    return ok ? std::optional<qint64>(v) : std::nullopt;
}

bool isShellSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n';
}

/// Appends the fraction of v below 10^precision to out like Go's fmtFrac, returns the
/// whole part.
qint64 appendFraction(QString &out, qint64 v, int precision)
{
    QString digits;
    bool print = false;
    for (int i = 0; i < precision; ++i) {
        const qint64 digit = v % 10;
        print = print || digit != 0;
        if (print)
            digits.prepend(QChar(u'0' + int(digit)));
        v /= 10;
    }
    if (print)
        out += u'.' + digits;
    return v;
}

} // namespace

void fail(const Node &value, const QString &path, const QString &expected)
{
    throw ComposeError(
        value.origin(),
        QStringLiteral("%1: expected %2, got %3").arg(path, expected, describe(value)));
}

Node stringNode(const QString &text, const Origin &origin)
{
    return Node::scalar(text, origin, true);
}

Node intNode(qint64 value, const Origin &origin)
{
    return Node::scalar(QString::number(value), origin);
}

Node boolNode(bool value, const Origin &origin)
{
    return Node::scalar(value ? QStringLiteral("true") : QStringLiteral("false"), origin);
}

Node numberNode(double value, const Origin &origin)
{
    return Node::scalar(QString::number(value, 'g', 15), origin);
}

QString scalarText(const Node &value, const QString &path)
{
    if (!value.isScalar())
        fail(value, path, QStringLiteral("a string"));
    return value.text();
}

Node toStringValue(const Node &value, const QString &path)
{
    return stringNode(scalarText(value, path), value.origin());
}

Node toIntValue(const Node &value, const QString &path)
{
    std::optional<qint64> v = value.toInt();
    if (!v && value.isScalar() && value.isQuoted())
        v = parseInteger(value.text());
    if (!v)
        fail(value, path, QStringLiteral("an integer"));
    return intNode(*v, value.origin());
}

Node toBoolValue(const Node &value, const QString &path)
{
    std::optional<bool> v = value.toBool();
    if (!v && value.isScalar() && value.isQuoted()) {
        // Go's strconv.ParseBool, which compose applies to string values.
        static const QStringList truthy{QStringLiteral("1"),    QStringLiteral("t"),
                                        QStringLiteral("T"),    QStringLiteral("true"),
                                        QStringLiteral("True"), QStringLiteral("TRUE")};
        static const QStringList falsy{QStringLiteral("0"),     QStringLiteral("f"),
                                       QStringLiteral("F"),     QStringLiteral("false"),
                                       QStringLiteral("False"), QStringLiteral("FALSE")};
        if (truthy.contains(value.text()))
            v = true;
        else if (falsy.contains(value.text()))
            v = false;
    }
    if (!v)
        fail(value, path, QStringLiteral("a boolean"));
    return boolNode(*v, value.origin());
}

Node toNumberValue(const Node &value, const QString &path)
{
    std::optional<double> v = value.toDouble();
    if (!v && value.isScalar() && value.isQuoted())
        v = Node::scalar(value.text().trimmed()).toDouble();
    if (!v)
        fail(value, path, QStringLiteral("a number"));
    if (const std::optional<qint64> i = value.toInt())
        return intNode(*i, value.origin());
    return numberNode(*v, value.origin());
}

Node toDurationValue(const Node &value, const QString &path)
{
    const std::optional<qint64> ns
        = value.isScalar() ? ComposeNormalizer::parseDuration(value.text()) : std::nullopt;
    if (!ns)
        fail(value, path, QStringLiteral("a duration such as \"1m30s\""));
    return stringNode(formatGoDuration(*ns), value.origin());
}

Node toByteCountValue(const Node &value, const QString &path)
{
    if (const std::optional<qint64> i = value.toInt())
        return intNode(*i, value.origin());
    const std::optional<qint64> bytes
        = value.isScalar() ? ComposeNormalizer::parseByteSize(value.text()) : std::nullopt;
    if (!bytes)
        fail(value, path, QStringLiteral("a byte size such as \"512m\""));
    return intNode(*bytes, value.origin());
}

Node toFileModeValue(const Node &value, const QString &path)
{
    if (!value.isScalar())
        fail(value, path, QStringLiteral("a file mode such as 0440"));
    QString text = value.text().trimmed();
    static const QRegularExpression leadingZero(QStringLiteral("^0[0-7]+$"));
    const bool octal = value.isQuoted() || leadingZero.match(text).hasMatch();
    if (text.startsWith(QStringLiteral("0o")))
        text = text.mid(2);
    bool ok = false;
    const qint64 mode = octal ? text.toLongLong(&ok, 8) : text.toLongLong(&ok, 10);
    if (!ok || text.isEmpty() || mode < 0)
        fail(value, path, QStringLiteral("a file mode such as 0440"));
    return intNode(mode, value.origin());
}

Node toStringList(const Node &value, const QString &path, bool allowSingle)
{
    if (value.isScalar() && allowSingle) {
        Node list = Node::sequence(value.origin());
        list.append(toStringValue(value, path));
        return list;
    }
    if (!value.isSequence())
        fail(value, path,
             allowSingle ? QStringLiteral("a string or a list of strings")
                         : QStringLiteral("a list of strings"));
    Node list = Node::sequence(value.origin());
    for (std::size_t i = 0; i < value.items().size(); ++i)
        list.append(toStringValue(value.items()[i], path + QStringLiteral("[%1]").arg(i)));
    return list;
}

Node toCommandList(const Node &value, const QString &path)
{
    if (!value.isScalar())
        return toStringList(value, path, false);
    QStringList words;
    if (!splitShellWords(value.text(), words))
        fail(value, path, QStringLiteral("a command with balanced quotes"));
    Node list = Node::sequence(value.origin());
    for (const QString &w : std::as_const(words))
        list.append(stringNode(w, value.origin()));
    return list;
}

Node toStringMapping(const Node &value, const QString &path, MissingValue missing)
{
    auto missingNode = [missing](const Origin &origin) {
        return missing == MissingValue::Null ? Node::null(origin) : stringNode(QString(), origin);
    };
    Node out = Node::mapping(value.origin());
    if (value.isNull())
        return out;
    if (value.isSequence()) {
        for (std::size_t i = 0; i < value.items().size(); ++i) {
            const Node &item = value.items()[i];
            const QString itemPath = path + QStringLiteral("[%1]").arg(i);
            const QString text = scalarText(item, itemPath);
            const qsizetype eq = text.indexOf(u'=');
            if (eq == 0)
                fail(item, itemPath, QStringLiteral("KEY=VALUE"));
            if (eq < 0)
                out.insert(text, missingNode(item.origin()), item.origin());
            else
                out.insert(text.left(eq), stringNode(text.mid(eq + 1), item.origin()),
                           item.origin());
        }
        return out;
    }
    if (!value.isMapping())
        fail(value, path, QStringLiteral("a mapping or a list of KEY=VALUE strings"));
    for (const MapEntry &e : value.entries()) {
        const QString entryPath = path + u'.' + e.key;
        if (e.value.isNull())
            out.insert(e.key, missingNode(e.value.origin()), e.keyOrigin);
        else if (e.value.isScalar())
            out.insert(e.key, toStringValue(e.value, entryPath), e.keyOrigin);
        else
            fail(e.value, entryPath, QStringLiteral("a string, number or boolean"));
    }
    return out;
}

Node requireMapping(const Node &value, const QString &path)
{
    if (value.isNull())
        return Node::mapping(value.origin());
    if (!value.isMapping())
        fail(value, path, QStringLiteral("a mapping"));
    return value;
}

Node convertFields(const Node &value, const QString &path, const std::vector<FieldRule> &rules,
                   Diagnostics &warnings)
{
    QStringList known;
    for (const FieldRule &r : rules)
        known << r.key;
    Node in = requireMapping(value, path);
    warnUnknownKeys(in, path, known, warnings);
    Node out = Node::mapping(in.origin());
    for (const MapEntry &e : in.entries()) {
        const auto rule = std::find_if(rules.begin(), rules.end(),
                                       [&e](const FieldRule &r) { return r.key == e.key; });
        if (rule == rules.end() || !rule->convert || e.value.isNull())
            out.entries().push_back(e);
        else
            out.insert(e.key, rule->convert(e.value, path + u'.' + e.key), e.keyOrigin);
    }
    return out;
}

void warnUnknownKeys(Node &mapping, const QString &path, const QStringList &known,
                     Diagnostics &warnings)
{
    auto &entries = mapping.entries();
    for (auto it = entries.begin(); it != entries.end();) {
        if (known.contains(it->key) || it->key.startsWith(QStringLiteral("x-"))) {
            ++it;
            continue;
        }
        warnings.append(
            Diagnostic{Diagnostic::Severity::Warning, it->keyOrigin,
                       QStringLiteral("%1: unknown key \"%2\" ignored").arg(path, it->key)});
        it = entries.erase(it);
    }
}

bool splitShellWords(const QString &text, QStringList &words)
{
    words.clear();
    QString word;
    bool inWord = false;
    bool escaped = false;
    bool singleQuoted = false;
    bool doubleQuoted = false;
    for (const QChar c : text) {
        if (escaped) {
            word += c;
            escaped = false;
            inWord = true;
        } else if (c == u'\\' && !singleQuoted) {
            escaped = true;
        } else if (isShellSpace(c) && !singleQuoted && !doubleQuoted) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else if (c == u'"' && !singleQuoted) {
            doubleQuoted = !doubleQuoted;
            inWord = true;
        } else if (c == u'\'' && !doubleQuoted) {
            singleQuoted = !singleQuoted;
            inWord = true;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (escaped || singleQuoted || doubleQuoted)
        return false;
    if (inWord)
        words << word;
    return true;
}

QString formatGoDuration(qint64 nanoseconds)
{
    if (nanoseconds == 0)
        return QStringLiteral("0s");
    const bool negative = nanoseconds < 0;
    // The most negative value has no positive counterpart; Go prints it the same way.
    quint64 u = negative ? quint64(0) - quint64(nanoseconds) : quint64(nanoseconds);
    QString out;
    if (u < 1'000'000'000) {
        QString unit;
        int precision = 0;
        if (u < 1'000) {
            out = QString::number(u) + QStringLiteral("ns");
        } else {
            precision = u < 1'000'000 ? 3 : 6;
            unit = u < 1'000'000 ? QStringLiteral("µs") : QStringLiteral("ms");
            QString frac;
            const qint64 whole = appendFraction(frac, qint64(u), precision);
            out = QString::number(whole) + frac + unit;
        }
    } else {
        QString frac;
        u = quint64(appendFraction(frac, qint64(u), 9));
        out = QString::number(u % 60) + frac + u's';
        u /= 60;
        if (u > 0) {
            out.prepend(QString::number(u % 60) + u'm');
            u /= 60;
            if (u > 0)
                out.prepend(QString::number(u) + u'h');
        }
    }
    return negative ? u'-' + out : out;
}

QString absolutePath(const QString &path, const QString &baseDir)
{
    QString p = path;
    if (p == u"~" || p.startsWith(QStringLiteral("~/")))
        p = QDir::homePath() + p.mid(1);
    if (QDir::isAbsolutePath(p))
        return QDir::cleanPath(p);
    return QDir::cleanPath(baseDir + u'/' + p);
}

bool isRemoteContext(const QString &context)
{
    return context.contains(QStringLiteral("://")) || context.startsWith(QStringLiteral("git@"))
        || context.startsWith(QStringLiteral("github.com/"));
}

} // namespace normalizer

std::optional<qint64> ComposeNormalizer::parseDuration(const QString &text)
{
    QString s = text.trimmed();
    if (s.isEmpty())
        return std::nullopt;
    bool negative = false;
    if (s.startsWith(u'-') || s.startsWith(u'+')) {
        negative = s.startsWith(u'-');
        s.remove(0, 1);
    }
    if (s == u"0")
        return 0;
    static const QRegularExpression part(
        QStringLiteral("\\G([0-9]*)(?:\\.([0-9]*))?(ns|us|µs|μs|ms|s|m|h|d|w)"));
    struct Unit
    {
        const char16_t *name;
        qint64 ns;
    };
    static const Unit units[] = {{u"ns", 1},
                                 {u"us", 1'000},
                                 {u"µs", 1'000},
                                 {u"μs", 1'000},
                                 {u"ms", 1'000'000},
                                 {u"s", 1'000'000'000},
                                 {u"m", 60'000'000'000},
                                 {u"h", 3'600'000'000'000},
                                 {u"d", 86'400'000'000'000},
                                 {u"w", 604'800'000'000'000}};
    qint64 total = 0;
    qsizetype pos = 0;
    while (pos < s.size()) {
        const QRegularExpressionMatch m = part.match(s, pos);
        if (!m.hasMatch() || (m.capturedLength(1) == 0 && m.capturedLength(2) == 0))
            return std::nullopt;
        qint64 unit = 0;
        for (const Unit &u : units) {
            if (m.captured(3) == QStringView(u.name))
                unit = u.ns;
        }
        bool ok = true;
        const qint64 whole = m.capturedLength(1) ? m.captured(1).toLongLong(&ok) : 0;
        if (!ok || whole > std::numeric_limits<qint64>::max() / unit)
            return std::nullopt;
        const double fraction
            = m.capturedLength(2) ? (QStringLiteral("0.") + m.captured(2)).toDouble() : 0.0;
        const qint64 add = whole * unit + qint64(std::llround(fraction * double(unit)));
        if (add < 0 || total > std::numeric_limits<qint64>::max() - add)
            return std::nullopt;
        total += add;
        pos = m.capturedEnd(0);
    }
    return negative ? -total : total;
}

std::optional<qint64> ComposeNormalizer::parseByteSize(const QString &text)
{
    // docker/go-units RAMInBytes: binary multiples, suffix case-insensitive.
    static const QRegularExpression size(
        QStringLiteral("^([0-9]+(?:\\.[0-9]+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$"));
    const QRegularExpressionMatch m = size.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const QString unit = m.captured(2).toLower();
    int shift = 0;
    if (!unit.isEmpty())
        shift = 10 * int(QStringLiteral("kmgtp").indexOf(unit) + 1);
    const double value = m.captured(1).toDouble() * std::ldexp(1.0, shift);
    if (!(value < 9.2e18))
        return std::nullopt;
    return qint64(value);
}

} // namespace threatdock::compose
