#include "shellscript.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace threatdock::rules {

namespace {

struct Token
{
    QString text;
    bool op = false;
};

/// Splits a script into words and operators, the way the shell's lexer does.
class Lexer
{
public:
    explicit Lexer(const QString &s)
        : m_s(s)
    { }

    QList<Token> tokens;
    QStringList substitutions; ///< scripts inside $(...), `...`, <(...)

    void run()
    {
        while (m_i < m_s.size())
            step();
        endWord();
    }

private:
    void step()
    {
        const QChar c = m_s.at(m_i);
        if (c == u'\\') {
            if (m_i + 1 < m_s.size() && m_s.at(m_i + 1) != u'\n')
                addChar(m_s.at(m_i + 1));
            m_i += 2;
        } else if (c == u'\'') {
            const qsizetype end = m_s.indexOf(u'\'', m_i + 1);
            const qsizetype stop = end < 0 ? m_s.size() : end;
            m_word += m_s.mid(m_i + 1, stop - m_i - 1);
            m_started = true;
            m_i = stop + 1;
        } else if (c == u'"') {
            doubleQuoted();
        } else if (c == u'$' && peek(1) == u'(' && peek(2) != u'(') {
            m_word += substitution(m_i + 1, u"$");
        } else if (c == u'`') {
            backquoted();
        } else if ((c == u'<' || c == u'>') && peek(1) == u'(') {
            m_word += substitution(m_i + 1, QString(c));
        } else if (c == u'\n') {
            endWord();
            tokens << Token{QStringLiteral(";"), true};
            ++m_i;
            skipHeredocBodies();
        } else if (c.isSpace()) {
            endWord();
            ++m_i;
        } else if (c == u'#' && !m_started) {
            while (m_i < m_s.size() && m_s.at(m_i) != u'\n')
                ++m_i;
        } else if (c == u'<' || c == u'>' || (c == u'&' && peek(1) == u'>')) {
            redirection();
        } else if (QStringView(u"|&;()").contains(c)) {
            endWord();
            QString op(c);
            if ((c == u'|' || c == u'&' || c == u';')
                && (peek(1) == c || (c == u'|' && peek(1) == u'&')))
                op += m_s.at(m_i + 1);
            tokens << Token{op, true};
            m_i += op.size();
        } else {
            addChar(c);
            ++m_i;
        }
    }

    QChar peek(qsizetype n) const { return m_i + n < m_s.size() ? m_s.at(m_i + n) : QChar(); }
    void addChar(QChar c)
    {
        m_word += c;
        m_started = true;
    }

    void endWord()
    {
        if (!m_started)
            return;
        if (m_skipNext) {
            if (m_heredocPending)
                m_heredocs << m_word;
            m_skipNext = m_heredocPending = false;
        } else {
            tokens << Token{m_word, false};
        }
        m_word.clear();
        m_started = false;
    }

    void doubleQuoted()
    {
        ++m_i;
        m_started = true;
        while (m_i < m_s.size() && m_s.at(m_i) != u'"') {
            const QChar c = m_s.at(m_i);
            if (c == u'\\' && m_i + 1 < m_s.size()) {
                const QChar n = m_s.at(m_i + 1);
                if (QStringView(u"$`\"\\\n").contains(n)) {
                    if (n != u'\n')
                        m_word += n;
                    m_i += 2;
                    continue;
                }
            }
            if (c == u'$' && peek(1) == u'(' && peek(2) != u'(') {
                m_word += substitution(m_i + 1, u"$");
                continue;
            }
            m_word += c;
            ++m_i;
        }
        ++m_i;
    }

    /// Reads a balanced (...) starting at open, records its script, returns its text.
    QString substitution(qsizetype open, QStringView prefix)
    {
        int depth = 0;
        qsizetype j = open;
        QChar quote;
        for (; j < m_s.size(); ++j) {
            const QChar c = m_s.at(j);
            if (!quote.isNull()) {
                if (c == quote)
                    quote = QChar();
                else if (c == u'\\' && quote == u'"')
                    ++j;
                continue;
            }
            if (c == u'\'' || c == u'"')
                quote = c;
            else if (c == u'\\')
                ++j;
            else if (c == u'(')
                ++depth;
            else if (c == u')' && --depth == 0)
                break;
        }
        const qsizetype end = qMin(j, m_s.size());
        substitutions << m_s.mid(open + 1, end - open - 1);
        const QString text = prefix.toString() + m_s.mid(open, end - open + 1);
        m_i = end + 1;
        m_started = true;
        return text;
    }

    void backquoted()
    {
        qsizetype end = m_i + 1;
        while (end < m_s.size() && m_s.at(end) != u'`')
            end += m_s.at(end) == u'\\' ? 2 : 1;
        end = qMin(end, m_s.size());
        substitutions << m_s.mid(m_i + 1, end - m_i - 1);
        m_word += m_s.mid(m_i, end - m_i + 1);
        m_started = true;
        m_i = end + 1;
    }

    void redirection()
    {
        static const QRegularExpression fd(QStringLiteral("^[0-9]+$"));
        if (m_started && fd.match(m_word).hasMatch()) {
            m_word.clear();
            m_started = false;
        }
        endWord();
        static const QRegularExpression re(QStringLiteral("^(&>>?|<<<|<<-?|>>|>&|<&|>\\||<>|<|>)"
                                                          "([0-9]+-?|-)?"));
        const auto m = re.match(QStringView(m_s).mid(m_i));
        const QString op = m.captured(1);
        const bool dup = (op == u">&" || op == u"<&") && m.capturedLength(2) > 0;
        m_i += dup ? m.capturedLength() : qMax<qsizetype>(op.size(), 1);
        if (!dup) {
            m_skipNext = true;
            m_heredocPending = op.startsWith(u"<<") && op != u"<<<";
        }
    }

    /// After a newline, drops the bodies of here-documents opened on the previous line.
    void skipHeredocBodies()
    {
        for (const QString &delimiter : std::as_const(m_heredocs)) {
            while (m_i < m_s.size()) {
                qsizetype eol = m_s.indexOf(u'\n', m_i);
                if (eol < 0)
                    eol = m_s.size();
                const QString line = m_s.mid(m_i, eol - m_i).trimmed();
                m_i = eol + 1;
                if (line == delimiter)
                    break;
            }
        }
        m_heredocs.clear();
    }

    const QString &m_s;
    qsizetype m_i = 0;
    QString m_word;
    bool m_started = false;
    bool m_skipNext = false;
    bool m_heredocPending = false;
    QStringList m_heredocs;
};

const QSet<QString> &keywords()
{
    static const QSet<QString> k{
        QStringLiteral("if"),   QStringLiteral("then"),  QStringLiteral("else"),
        QStringLiteral("elif"), QStringLiteral("fi"),    QStringLiteral("do"),
        QStringLiteral("done"), QStringLiteral("while"), QStringLiteral("until"),
        QStringLiteral("{"),    QStringLiteral("}"),     QStringLiteral("!"),
        QStringLiteral("time"), QStringLiteral("esac")};
    return k;
}

bool isAssignment(const QString &word)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*\\+?="));
    return re.match(word).hasMatch();
}

/// How many arguments of a wrapper's options to skip: options that take a value.
int wrapperOptionValues(const QString &wrapper, const QString &option)
{
    static const QHash<QString, QString> withValue{
        {QStringLiteral("sudo"), QStringLiteral("-u -g -h -p -C -U -r -t -D -R")},
        {QStringLiteral("env"), QStringLiteral("-u -C -S")},
        {QStringLiteral("nice"), QStringLiteral("-n")},
        {QStringLiteral("timeout"), QStringLiteral("-s -k")},
        {QStringLiteral("xargs"), QStringLiteral("-I -n -P -d -a -L -s -E")},
        {QStringLiteral("stdbuf"), QStringLiteral("-i -o -e")}};
    return withValue.value(wrapper).split(u' ').contains(option) ? 1 : 0;
}

/// Takes keywords, assignments and wrappers off the front of a command's words.
void unwrap(ShellScript::Command &cmd)
{
    static const QSet<QString> wrappers{
        QStringLiteral("sudo"),    QStringLiteral("env"),     QStringLiteral("nice"),
        QStringLiteral("nohup"),   QStringLiteral("exec"),    QStringLiteral("command"),
        QStringLiteral("timeout"), QStringLiteral("xargs"),   QStringLiteral("stdbuf"),
        QStringLiteral("gosu"),    QStringLiteral("su-exec"), QStringLiteral("doas")};
    QStringList &w = cmd.words;
    while (!w.isEmpty()) {
        if (keywords().contains(w.first())) {
            w.removeFirst();
        } else if (isAssignment(w.first())) {
            cmd.assignments << w.takeFirst();
        } else if (wrappers.contains(cmd.name())) {
            const QString wrapper = cmd.name();
            cmd.wrappers << wrapper;
            w.removeFirst();
            while (!w.isEmpty() && w.first().startsWith(u'-')) {
                const int skip = wrapperOptionValues(wrapper, w.first());
                w.removeFirst();
                for (int i = 0; i < skip && !w.isEmpty(); ++i)
                    w.removeFirst();
            }
            if ((wrapper == u"timeout" || wrapper == u"gosu" || wrapper == u"su-exec")
                && !w.isEmpty())
                w.removeFirst();
        } else {
            break;
        }
    }
    while (!w.isEmpty() && keywords().contains(w.last()) && w.last() != u"!")
        w.removeLast();
}

} // namespace

QString ShellScript::Command::name() const
{
    if (words.isEmpty())
        return QString();
    const QString &first = words.first();
    return first.mid(first.lastIndexOf(u'/') + 1);
}

bool ShellScript::isShell(const QString &name)
{
    static const QSet<QString> shells{QStringLiteral("sh"),   QStringLiteral("bash"),
                                      QStringLiteral("dash"), QStringLiteral("ash"),
                                      QStringLiteral("zsh"),  QStringLiteral("ksh"),
                                      QStringLiteral("mksh")};
    return shells.contains(name);
}

QString ShellScript::shellScriptOf(const QStringList &argv)
{
    if (argv.isEmpty())
        return QString();
    const QString name = argv.first().mid(argv.first().lastIndexOf(u'/') + 1);
    if (!isShell(name))
        return QString();
    for (qsizetype i = 1; i + 1 < argv.size(); ++i) {
        const QString &a = argv.at(i);
        if (!a.startsWith(u'-'))
            return QString();
        if (a.size() > 1 && a.at(1) != u'-' && a.contains(u'c'))
            return argv.at(i + 1);
        if (a == u"-o")
            ++i;
    }
    return QString();
}

ShellScript ShellScript::parse(const QString &script)
{
    ShellScript result;
    Lexer lexer(script);
    lexer.run();
    Command current;
    int pipeline = 0;
    auto finish = [&](bool piped) {
        unwrap(current);
        if (!current.words.isEmpty()) {
            current.pipeline = pipeline;
            current.pipesToNext = piped;
            result.m_commands << current;
        }
        current = Command();
        if (!piped)
            ++pipeline;
    };
    for (const Token &t : std::as_const(lexer.tokens)) {
        if (!t.op)
            current.words << t.text;
        else
            finish(t.text == u"|" || t.text == u"|&");
    }
    finish(false);
    const QList<Command> direct = result.m_commands;
    for (const Command &c : direct) {
        if (isShell(c.name())) {
            const QString inner = shellScriptOf(c.words);
            if (!inner.isEmpty())
                result.append(parse(inner));
        }
    }
    for (const QString &sub : std::as_const(lexer.substitutions)) {
        ShellScript s = parse(sub);
        for (Command &c : s.m_commands)
            c.substituted = true;
        result.append(s);
    }
    return result;
}

ShellScript ShellScript::fromArgv(const QStringList &argv)
{
    const QString inner = shellScriptOf(argv);
    ShellScript result;
    Command cmd;
    for (const QString &a : argv)
        cmd.words << a.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    unwrap(cmd);
    if (!cmd.words.isEmpty())
        result.m_commands << cmd;
    if (!inner.isEmpty())
        result.append(parse(inner));
    return result;
}

bool ShellScript::hasPipe() const
{
    for (const Command &c : m_commands)
        if (c.pipesToNext && !c.substituted)
            return true;
    return false;
}

void ShellScript::append(const ShellScript &other)
{
    int base = 0;
    for (const Command &c : std::as_const(m_commands))
        base = qMax(base, c.pipeline + 1);
    for (Command c : other.m_commands) {
        c.pipeline += base;
        c.nested = true;
        m_commands << c;
    }
}

} // namespace threatdock::rules
