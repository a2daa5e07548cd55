#include "dotenv.h"

#include "goquote.h"
#include "interpolation.h"

#include <QFile>
#include <QHash>

namespace threatdock::compose {

namespace {

/// Space that does not end a line (compose-go's isSpace).
bool isInlineSpace(char32_t c)
{
    switch (c) {
    case u'\t':
    case u'\v':
    case u'\f':
    case u'\r':
    case u' ':
    case 0x85:
    case 0xA0:
        return true;
    default:
        return false;
    }
}

/// Letters, digits and `_ . - [ ]`, as compose-go accepts in a variable name.
bool isKeyChar(char32_t c)
{
    switch (c) {
    case u'_':
    case u'.':
    case u'-':
    case u'[':
    case u']':
        return true;
    default:
        return QChar::isLetter(c) || QChar::isNumber(c);
    }
}

/// What a one-letter escape of a double-quoted value stands for, or nullopt when the
/// backslash stays (`\c`, `\x41`, `\ `...). `\$` becomes `$$` so that the expansion that
/// follows keeps a literal `$`.
std::optional<QString> simpleEscape(QChar letter)
{
    switch (letter.unicode()) {
    case u'a':
        return QString(QChar(0x07));
    case u'b':
        return QString(QChar(0x08));
    case u'f':
        return QString(QChar(0x0C));
    case u'n':
        return QStringLiteral("\n");
    case u'r':
        return QStringLiteral("\r");
    case u't':
        return QStringLiteral("\t");
    case u'v':
        return QString(QChar(0x0B));
    case u'\\':
    case u'"':
        return QString(letter);
    case u'$':
        return QStringLiteral("$$");
    default:
        return std::nullopt;
    }
}

/// The escapes of a double-quoted value (compose-go's expandEscapes).
QString expandEscapes(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c != u'\\' || i + 1 >= text.size()) {
            out += c;
        } else if (text[i + 1] == u'0') {
            // `\0` and up to three digits; only three octal digits up to 0377 make a
            // character, anything else stays as written.
            qsizetype end = i + 2;
            while (end < text.size() && end < i + 5 && text[end].unicode() >= u'0'
                   && text[end].unicode() <= u'9')
                ++end;
            const QStringView digits = text.mid(i + 2, end - i - 2);
            bool ok = digits.size() == 3;
            int code = 0;
            for (const QChar d : digits) {
                ok = ok && d.unicode() <= u'7';
                code = code * 8 + (d.unicode() - u'0');
            }
            if (ok && code <= 0377)
                out += QChar(code);
            else
                out += text.mid(i, end - i);
            i = end - 1;
        } else if (const std::optional<QString> escaped = simpleEscape(text[i + 1])) {
            out += *escaped;
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

/// One pass over the text of one env file.
class DotEnvParser
{
public:
    DotEnvParser(const QString &text, const QString &fileName, const VariableLookup &lookup,
                 const Environment &earlier)
        : m_text(text)
        , m_fileName(fileName)
        , m_lookup(lookup)
        , m_earlier(earlier)
    { }

    DotEnv::Result run();

private:
    /// Skips blank space and comment lines; false at the end of the text.
    bool skipToStatement();
    bool statement();
    bool value(const QString &key);
    bool quotedValue(QString &value);
    bool expand(const QString &raw, QString &value);
    void define(const QString &key, const QString &value);
    bool fail(const QString &message);
    char32_t codePointAt(qsizetype i, int &width) const;
    qsizetype lineEnd(qsizetype from) const;
    std::optional<QString> lookup(const QString &name) const
    {
        return m_lookup ? m_lookup(name) : std::nullopt;
    }

    const QString &m_text;
    const QString &m_fileName;
    const VariableLookup &m_lookup;
    const Environment &m_earlier;
    qsizetype m_pos = 0;
    int m_line = 1;
    qsizetype m_lineCountedTo = 0;
    /// The line the current statement starts on.
    int m_statementLine = 1;
    Environment m_defined;
    QHash<QString, qsizetype> m_index;
    DotEnv::Result m_result;
};

DotEnv::Result DotEnvParser::run()
{
    while (skipToStatement()) {
        if (!statement())
            break;
    }
    return m_result;
}

bool DotEnvParser::skipToStatement()
{
    const qsizetype n = m_text.size();
    for (;;) {
        while (m_pos < n && m_text[m_pos].isSpace())
            ++m_pos;
        if (m_pos >= n)
            return false;
        if (m_text[m_pos] != u'#')
            break;
        m_pos = lineEnd(m_pos);
    }
    m_line += QStringView(m_text).mid(m_lineCountedTo, m_pos - m_lineCountedTo).count(u'\n');
    m_lineCountedTo = m_pos;
    m_statementLine = m_line;
    return true;
}

qsizetype DotEnvParser::lineEnd(qsizetype from) const
{
    const qsizetype end = m_text.indexOf(u'\n', from);
    return end < 0 ? m_text.size() : end;
}

char32_t DotEnvParser::codePointAt(qsizetype i, int &width) const
{
    const QChar c = m_text[i];
    if (c.isHighSurrogate() && i + 1 < m_text.size() && m_text[i + 1].isLowSurrogate()) {
        width = 2;
        return QChar::surrogateToUcs4(c, m_text[i + 1]);
    }
    width = 1;
    return c.unicode();
}

bool DotEnvParser::statement()
{
    const qsizetype n = m_text.size();
    static const QString exportWord = QStringLiteral("export");
    if (QStringView(m_text).mid(m_pos).startsWith(exportWord) && m_pos + 6 < n
        && (isInlineSpace(m_text[m_pos + 6].unicode()) || m_text[m_pos + 6] == u'\n')) {
        m_pos += 6;
        while (m_pos < n && isInlineSpace(m_text[m_pos].unicode()))
            ++m_pos;
    }

    const qsizetype keyStart = m_pos;
    qsizetype end = keyStart;
    while (end < n) {
        int width = 1;
        const char32_t c = codePointAt(end, width);
        if (c == u'=' || c == u':' || c == u'\n')
            break;
        if (!isInlineSpace(c) && !isKeyChar(c)) {
            const QStringView name
                = QStringView(m_text).mid(keyStart, lineEnd(keyStart) - keyStart);
            return fail(QStringLiteral("unexpected character ")
                        + goQuoted(QStringView(m_text).mid(end, width))
                        + QStringLiteral(" in variable name ") + goQuoted(name));
        }
        end += width;
    }

    const QString key = QStringView(m_text).mid(keyStart, end - keyStart).trimmed().toString();
    if (key.contains(u' '))
        return fail(QStringLiteral("key cannot contain a space"));

    // A bare KEY (line break or end of text after it) takes its value from the lookup.
    if (end >= n || m_text[end] == u'\n') {
        if (std::optional<QString> inherited = lookup(key))
            define(key, *inherited);
        m_pos = end;
        return true;
    }

    m_pos = end + 1;
    while (m_pos < n && isInlineSpace(m_text[m_pos].unicode()))
        ++m_pos;
    return value(key);
}

bool DotEnvParser::value(const QString &key)
{
    QString value;
    if (m_pos < m_text.size() && (m_text[m_pos] == u'"' || m_text[m_pos] == u'\'')) {
        const QChar quote = m_text[m_pos];
        QString raw;
        if (!quotedValue(raw))
            return false;
        if (quote == u'\'')
            value = raw;
        else if (!expand(expandEscapes(raw), value))
            return false;
    } else {
        const qsizetype end = lineEnd(m_pos);
        QString raw = m_text.mid(m_pos, end - m_pos);
        const qsizetype comment = raw.indexOf(QStringLiteral(" #"));
        if (comment >= 0)
            raw.truncate(comment);
        qsizetype length = raw.size();
        while (length > 0 && raw[length - 1].isSpace())
            --length;
        raw.truncate(length);
        m_pos = end;
        if (!expand(raw, value))
            return false;
    }
    define(key, value);
    return true;
}

bool DotEnvParser::quotedValue(QString &value)
{
    const qsizetype start = m_pos;
    const QChar quote = m_text[start];
    bool escaped = false;
    for (qsizetype i = start + 1; i < m_text.size(); ++i) {
        const QChar c = m_text[i];
        if (escaped) {
            // An escaped quote drops its backslash; any other escape keeps it.
            escaped = false;
            if (c != quote)
                value += u'\\';
            value += c;
        } else if (c == u'\\') {
            escaped = true;
        } else if (c == quote) {
            m_pos = i + 1;
            return true;
        } else {
            value += c;
        }
    }
    return fail(QStringLiteral("unterminated quoted value ")
                + m_text.mid(start, lineEnd(start) - start));
}

bool DotEnvParser::expand(const QString &raw, QString &value)
{
    const VariableLookup variables = [this](const QString &name) -> std::optional<QString> {
        if (std::optional<QString> outside = lookup(name))
            return outside;
        if (auto it = m_defined.constFind(name); it != m_defined.constEnd())
            return *it;
        if (auto it = m_earlier.constFind(name); it != m_earlier.constEnd())
            return *it;
        return std::nullopt;
    };
    Interpolator::Result expanded = Interpolator::substitute(raw, variables);
    if (!expanded.ok())
        return fail(*expanded.error);
    for (const QString &name : std::as_const(expanded.unsetVariables)) {
        m_result.warnings.append(Diagnostic{
            Diagnostic::Severity::Warning, Origin{m_fileName, m_statementLine, 0},
            QStringLiteral("The \"") + name
                + QStringLiteral("\" variable is not set. Defaulting to a blank string.")});
    }
    value = expanded.value;
    return true;
}

void DotEnvParser::define(const QString &key, const QString &value)
{
    m_defined.insert(key, value);
    const Origin origin{m_fileName, m_statementLine, 0};
    if (auto it = m_index.constFind(key); it != m_index.constEnd()) {
        m_result.variables[*it].second = value;
        m_result.lines[*it] = m_statementLine;
        m_result.origins[*it] = origin;
        return;
    }
    m_index.insert(key, m_result.variables.size());
    m_result.variables.append({key, value});
    m_result.lines.append(m_statementLine);
    m_result.origins.append(origin);
}

bool DotEnvParser::fail(const QString &message)
{
    m_result.error
        = Diagnostic{Diagnostic::Severity::Error, Origin{m_fileName, m_statementLine, 0}, message};
    return false;
}

QString decode(const QByteArray &text)
{
    static const QByteArray bom("\xEF\xBB\xBF");
    return QString::fromUtf8(text.startsWith(bom) ? text.mid(bom.size()) : text);
}

/// Adds from's variables to into, a later definition replacing an earlier one in place.
void merge(DotEnv::Result &into, const DotEnv::Result &from)
{
    for (qsizetype i = 0; i < from.variables.size(); ++i) {
        const QString &key = from.variables[i].first;
        qsizetype at = -1;
        for (qsizetype j = 0; j < into.variables.size() && at < 0; ++j) {
            if (into.variables[j].first == key)
                at = j;
        }
        if (at < 0) {
            into.variables.append(from.variables[i]);
            into.lines.append(from.lines[i]);
            into.origins.append(from.origins[i]);
        } else {
            into.variables[at].second = from.variables[i].second;
            into.lines[at] = from.lines[i];
            into.origins[at] = from.origins[i];
        }
    }
    into.warnings += from.warnings;
}

} // namespace

Environment DotEnv::Result::toEnvironment() const
{
    Environment env;
    for (const auto &[key, value] : variables)
        env.insert(key, value);
    return env;
}

Environment DotEnv::Result::toEnvironment(const Environment &processEnv) const
{
    Environment env = toEnvironment();
    for (auto it = processEnv.constBegin(); it != processEnv.constEnd(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

std::optional<QString> DotEnv::Result::value(const QString &name) const
{
    for (const auto &[key, value] : variables) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

DotEnv::Result DotEnv::parse(const QByteArray &text, const QString &fileName,
                             const VariableLookup &lookup)
{
    return parse(text, fileName, lookup, Environment());
}

DotEnv::Result DotEnv::parse(const QByteArray &text, const QString &fileName,
                             const VariableLookup &lookup, const Environment &earlier)
{
    const QString decoded = decode(text);
    return DotEnvParser(decoded, fileName, lookup, earlier).run();
}

DotEnv::Result DotEnv::readFile(const QString &path, const VariableLookup &lookup)
{
    return readFiles(QStringList{path}, lookup);
}

DotEnv::Result DotEnv::readFiles(const QStringList &paths, const VariableLookup &lookup)
{
    Result all;
    for (const QString &path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            all.error = Diagnostic{Diagnostic::Severity::Error, Origin{},
                                   QStringLiteral("failed to read env file ") + path
                                       + QStringLiteral(": ") + file.errorString()};
            return all;
        }
        const Result one = parse(file.readAll(), path, lookup, all.toEnvironment());
        if (paths.size() == 1)
            return one;
        merge(all, one);
        if (!one.ok()) {
            all.error = one.error;
            return all;
        }
    }
    return all;
}

} // namespace threatdock::compose
