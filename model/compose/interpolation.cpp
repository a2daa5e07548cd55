#include "interpolation.h"

#include "goquote.h"

namespace threatdock::compose {

namespace {

bool isNameStart(QChar c)
{
    const char16_t u = c.unicode();
    return u == u'_' || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c.unicode() >= u'0' && c.unicode() <= u'9');
}

/// Index of the `}` that closes the `${` at start, or -1. Braces balance, as in
/// compose-go: `${X:-{"a":1}}` closes at its last `}`.
qsizetype closingBrace(QStringView text, qsizetype start)
{
    int depth = 0;
    for (qsizetype i = start; i < text.size(); ++i) {
        if (text[i] == u'{') {
            ++depth;
        } else if (text[i] == u'}' && --depth == 0) {
            return i;
        }
    }
    return -1;
}

/// One substitution run: the lookup, what went wrong, the unset variables met.
class TemplateSubstitution
{
public:
    enum class Failure { None, InvalidTemplate, MissingRequired };

    explicit TemplateSubstitution(const VariableLookup &lookup)
        : m_lookup(lookup)
    { }

    /// Appends the substitution of text to out; false on error (see failure()).
    bool run(QStringView text, QString &out);

    Failure failure() const { return m_failure; }
    const QString &message() const { return m_message; }
    /// For an invalid template, the template (or nested default) it was found in.
    const QString &invalidTemplate() const { return m_invalidTemplate; }
    const QStringList &unsetVariables() const { return m_unset; }

private:
    std::optional<QString> lookup(const QString &name) const
    {
        return m_lookup ? m_lookup(name) : std::nullopt;
    }
    QString valueOrBlank(const QString &name);
    bool braced(QStringView body, QStringView text, QString &out);
    bool invalid(QStringView text);

    const VariableLookup &m_lookup;
    Failure m_failure = Failure::None;
    QString m_message;
    QString m_invalidTemplate;
    QStringList m_unset;
};

QString TemplateSubstitution::valueOrBlank(const QString &name)
{
    if (std::optional<QString> value = lookup(name))
        return *value;
    if (!m_unset.contains(name))
        m_unset.append(name);
    return QString();
}

bool TemplateSubstitution::invalid(QStringView text)
{
    m_failure = Failure::InvalidTemplate;
    m_invalidTemplate = text.toString();
    m_message = QStringLiteral("Invalid template: ") + goQuoted(text);
    return false;
}

bool TemplateSubstitution::run(QStringView text, QString &out)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const qsizetype dollar = text.indexOf(u'$', i);
        if (dollar < 0) {
            out += text.mid(i);
            break;
        }
        out += text.mid(i, dollar - i);
        i = dollar;
        const QChar next = i + 1 < n ? text[i + 1] : QChar();
        if (next == u'$') {
            out += u'$';
            i += 2;
        } else if (isNameStart(next)) {
            qsizetype end = i + 1;
            while (end < n && isNameChar(text[end]))
                ++end;
            out += valueOrBlank(text.mid(i + 1, end - i - 1).toString());
            i = end;
        } else if (next == u'{') {
            const qsizetype close = closingBrace(text, i);
            if (close < 0)
                return invalid(text);
            if (!braced(text.mid(i + 2, close - i - 2), text, out))
                return false;
            i = close + 1;
        } else {
            // Not a variable: Compose keeps the `$` as it is.
            out += u'$';
            ++i;
        }
    }
    return true;
}

/// body is what stands between `${` and its `}`: NAME, or NAME, operator, argument.
bool TemplateSubstitution::braced(QStringView body, QStringView text, QString &out)
{
    qsizetype nameEnd = 0;
    if (body.isEmpty() || !isNameStart(body[0]))
        return invalid(text);
    while (nameEnd < body.size() && isNameChar(body[nameEnd]))
        ++nameEnd;
    const QString name = body.left(nameEnd).toString();
    if (nameEnd == body.size()) {
        out += valueOrBlank(name);
        return true;
    }

    qsizetype pos = nameEnd;
    const bool colon = body[pos] == u':';
    if (colon)
        ++pos;
    if (pos >= body.size())
        return invalid(text);
    const QChar op = body[pos];
    if (op != u'-' && op != u'+' && op != u'?')
        return invalid(text);
    const QStringView argument = body.mid(pos + 1);

    const std::optional<QString> value = lookup(name);
    // With a colon, an empty value counts as missing.
    const bool present = value.has_value() && (!colon || !value->isEmpty());
    switch (op.unicode()) {
    case u'-':
        if (present) {
            out += *value;
            return true;
        }
        return run(argument, out);
    case u'+':
        return present ? run(argument, out) : true;
    default: { // '?'
        if (present) {
            out += *value;
            return true;
        }
        QString reason;
        if (!run(argument, reason))
            return false;
        m_failure = Failure::MissingRequired;
        m_message
            = QStringLiteral("required variable ") + name + QStringLiteral(" is missing a value");
        if (!reason.isEmpty())
            m_message += QStringLiteral(": ") + reason;
        return false;
    }
    }
}

class TreeInterpolation
{
public:
    TreeInterpolation(const VariableLookup &lookup, Diagnostics *warnings)
        : m_lookup(lookup)
        , m_warnings(warnings)
    { }

    std::optional<Diagnostic> walk(Node &node, const QString &path);

private:
    std::optional<Diagnostic> scalar(Node &node, const QString &path);

    const VariableLookup &m_lookup;
    Diagnostics *m_warnings;
};

std::optional<Diagnostic> TreeInterpolation::walk(Node &node, const QString &path)
{
    switch (node.kind()) {
    case Node::Kind::Null:
        return std::nullopt;
    case Node::Kind::Scalar:
        return scalar(node, path);
    case Node::Kind::Sequence: {
        int index = 0;
        for (Node &item : node.items()) {
            const QString itemPath = path + u'[' + QString::number(index++) + u']';
            if (std::optional<Diagnostic> error = walk(item, itemPath))
                return error;
        }
        return std::nullopt;
    }
    case Node::Kind::Mapping:
        for (MapEntry &entry : node.entries()) {
            const QString entryPath = path.isEmpty() ? entry.key : path + u'.' + entry.key;
            if (std::optional<Diagnostic> error = walk(entry.value, entryPath))
                return error;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Diagnostic> TreeInterpolation::scalar(Node &node, const QString &path)
{
    if (!node.text().contains(u'$'))
        return std::nullopt;
    TemplateSubstitution substitution(m_lookup);
    QString value;
    if (!substitution.run(node.text(), value)) {
        QString message;
        if (path.isEmpty()) {
            message = substitution.message();
        } else if (substitution.failure() == TemplateSubstitution::Failure::InvalidTemplate) {
            message = QStringLiteral("invalid interpolation format for ") + path
                + QStringLiteral(".\nYou may need to escape any $ with another $.\n")
                + substitution.invalidTemplate();
        } else {
            message = QStringLiteral("error while interpolating ") + path + QStringLiteral(": ")
                + substitution.message();
        }
        return Diagnostic{Diagnostic::Severity::Error, node.origin(), message};
    }
    if (m_warnings) {
        for (const QString &name : substitution.unsetVariables()) {
            m_warnings->append(Diagnostic{
                Diagnostic::Severity::Warning, node.origin(),
                QStringLiteral("The \"") + name
                    + QStringLiteral("\" variable is not set. Defaulting to a blank string.")});
        }
    }
    node.setText(value);
    return std::nullopt;
}

} // namespace

Interpolator::Result Interpolator::substitute(const QString &text, const VariableLookup &lookup)
{
    TemplateSubstitution substitution(lookup);
    Result result;
    if (!substitution.run(text, result.value)) {
        result.value.clear();
        result.error = substitution.message();
    }
    result.unsetVariables = substitution.unsetVariables();
    return result;
}

std::optional<Diagnostic> Interpolator::interpolate(Node &tree, const VariableLookup &lookup,
                                                    Diagnostics *warnings)
{
    return TreeInterpolation(lookup, warnings).walk(tree, QString());
}

} // namespace threatdock::compose
