#include "dockerfileparser.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace threatdock::dockerfile {

namespace {

constexpr qint64 kMaxDockerfileBytes = 4 * 1024 * 1024;

const QSet<QString> &knownInstructions()
{
    static const QSet<QString> known{
        QStringLiteral("ADD"),    QStringLiteral("ARG"),        QStringLiteral("CMD"),
        QStringLiteral("COPY"),   QStringLiteral("ENTRYPOINT"), QStringLiteral("ENV"),
        QStringLiteral("EXPOSE"), QStringLiteral("FROM"),       QStringLiteral("HEALTHCHECK"),
        QStringLiteral("LABEL"),  QStringLiteral("MAINTAINER"), QStringLiteral("ONBUILD"),
        QStringLiteral("RUN"),    QStringLiteral("SHELL"),      QStringLiteral("STOPSIGNAL"),
        QStringLiteral("USER"),   QStringLiteral("VOLUME"),     QStringLiteral("WORKDIR"),
    };
    return known;
}

bool isComment(const QString &line)
{
    return line.trimmed().startsWith(u'#');
}

/// Ends with the escape character (ignoring trailing white space)?
bool continues(const QString &line, QChar escape)
{
    qsizetype i = line.size() - 1;
    while (i >= 0 && line.at(i).isSpace())
        --i;
    return i >= 0 && line.at(i) == escape;
}

QString withoutContinuation(const QString &line, QChar escape)
{
    qsizetype i = line.size() - 1;
    while (i >= 0 && line.at(i).isSpace())
        --i;
    return i >= 0 && line.at(i) == escape ? line.left(i) : line;
}

/// Heredoc delimiters named on an instruction line: `<<EOF`, `<<-EOF`, `<<"EOF"`.
QList<std::pair<QString, bool>> heredocDelimiters(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("<<(-?)\\s*(?:\"([A-Za-z_][A-Za-z0-9_]*)\"|'([A-Za-z_][A-Za-z0-9_]*)'|"
                       "([A-Za-z_][A-Za-z0-9_]*))"));
    QList<std::pair<QString, bool>> out;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        QString name = m.captured(2);
        if (name.isEmpty())
            name = m.captured(3);
        if (name.isEmpty())
            name = m.captured(4);
        out.push_back({name, !m.captured(1).isEmpty()});
    }
    return out;
}

void splitFlags(Instruction &ins)
{
    QString rest = ins.arguments;
    static const QRegularExpression flag(
        QStringLiteral("^--([A-Za-z-]+)(=(\"[^\"]*\"|\\S*))?\\s*"));
    // HEALTHCHECK, FROM, COPY, ADD, RUN take flags; other instructions never do.
    static const QSet<QString> withFlags{QStringLiteral("FROM"), QStringLiteral("COPY"),
                                         QStringLiteral("ADD"), QStringLiteral("RUN"),
                                         QStringLiteral("HEALTHCHECK")};
    if (!withFlags.contains(ins.keyword))
        return;
    for (;;) {
        const auto m = flag.match(rest);
        if (!m.hasMatch())
            break;
        ins.flags << m.captured(0).trimmed();
        rest = rest.mid(m.capturedLength());
    }
    ins.arguments = rest;
}

void parseExecForm(Instruction &ins)
{
    const QString t = ins.arguments.trimmed();
    if (!t.startsWith(u'[') || !t.endsWith(u']'))
        return;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(t.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray())
        return;
    QStringList args;
    for (const QJsonValue &v : doc.array()) {
        if (!v.isString())
            return;
        args << v.toString();
    }
    ins.execForm = true;
    ins.execArgs = args;
}

} // namespace

DockerfileParser::Result DockerfileParser::readFile(const QString &path)
{
    Result r;
    QFileInfo info(path);
    if (!info.isFile()) {
        r.error = path + QStringLiteral(": no such file");
        return r;
    }
    if (info.size() > kMaxDockerfileBytes) {
        r.error = path + QStringLiteral(":1: Dockerfile is over the 4 MiB limit");
        return r;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        r.error = path + QStringLiteral(": cannot read: ") + f.errorString();
        return r;
    }
    return parse(f.readAll(), path);
}

DockerfileParser::Result DockerfileParser::parse(const QByteArray &text, const QString &path)
{
    Result result;
    Dockerfile df;
    df.path = path;
    QString content = QString::fromUtf8(text);
    if (content.startsWith(QChar(0xFEFF)))
        content.remove(0, 1);
    content.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    const QStringList lines = content.split(u'\n');

    // Parser directives: only at the very top, before anything else.
    static const QRegularExpression directive(
        QStringLiteral("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$"));
    qsizetype n = 0;
    for (; n < lines.size(); ++n) {
        const auto m = directive.match(lines[n]);
        if (!m.hasMatch())
            break;
        const QString key = m.captured(1).toLower();
        if (df.directives.contains(key))
            break;
        df.directives.insert(key, m.captured(2));
    }
    if (df.directives.contains(QStringLiteral("escape"))) {
        const QString e = df.directives.value(QStringLiteral("escape"));
        if (e == u"`" || e == u"\\")
            df.escape = e.front();
        else
            result.messages << ParseMessage{1,
                                            QStringLiteral("invalid escape directive \"%1\": "
                                                           "only \\ and ` are allowed")
                                                .arg(e)};
    }

    QMap<QString, QString> globalArgValues;
    Stage *current = nullptr;
    qsizetype i = 0;
    while (i < lines.size()) {
        const QString &first = lines[i];
        if (first.trimmed().isEmpty() || isComment(first)) {
            ++i;
            continue;
        }
        Instruction ins;
        ins.line = int(i) + 1;
        QString logical = withoutContinuation(first, df.escape);
        QStringList original{first};
        bool more = continues(first, df.escape);
        ++i;
        while (more && i < lines.size()) {
            const QString &next = lines[i];
            original << next;
            ++i;
            if (isComment(next) || next.trimmed().isEmpty())
                continue;
            more = continues(next, df.escape);
            logical += withoutContinuation(next, df.escape);
        }
        ins.endLine = int(i);

        static const QRegularExpression head(QStringLiteral("^\\s*(\\S+)\\s*(.*)$"),
                                             QRegularExpression::DotMatchesEverythingOption);
        const auto m = head.match(logical);
        ins.keyword = m.captured(1).toUpper();
        ins.arguments = m.captured(2).trimmed();

        // Heredocs follow the instruction line.
        if (ins.keyword == u"RUN" || ins.keyword == u"COPY" || ins.keyword == u"ADD") {
            for (const auto &[delimiter, stripTabs] : heredocDelimiters(ins.arguments)) {
                Heredoc h{delimiter, QString(), int(i) + 1};
                bool closed = false;
                while (i < lines.size()) {
                    QString l = lines[i];
                    original << l;
                    ++i;
                    if (stripTabs)
                        while (l.startsWith(u'\t'))
                            l.remove(0, 1);
                    if (l == delimiter) {
                        closed = true;
                        break;
                    }
                    h.content += l + u'\n';
                }
                if (!closed)
                    result.messages << ParseMessage{
                        ins.line, QStringLiteral("heredoc <<%1 is never closed").arg(delimiter)};
                ins.heredocs << h;
                ins.endLine = int(i);
            }
        }
        ins.original = original.join(u'\n');

        if (!knownInstructions().contains(ins.keyword)) {
            result.messages << ParseMessage{
                ins.line, QStringLiteral("unknown instruction: %1").arg(m.captured(1))};
            continue;
        }
        splitFlags(ins);
        if (ins.keyword == u"CMD" || ins.keyword == u"ENTRYPOINT" || ins.keyword == u"RUN"
            || ins.keyword == u"SHELL" || ins.keyword == u"COPY" || ins.keyword == u"ADD"
            || ins.keyword == u"VOLUME" || ins.keyword == u"HEALTHCHECK")
            parseExecForm(ins);

        if (ins.keyword == u"FROM") {
            Stage s;
            s.index = int(df.stages.size());
            s.line = ins.line;
            const QStringList w = ins.words();
            s.baseImage = w.value(0);
            s.resolvedBaseImage = substitute(s.baseImage, globalArgValues, df.escape);
            if (w.size() >= 3 && w[1].compare(u"AS", Qt::CaseInsensitive) == 0)
                s.name = w[2].toLower();
            if (w.isEmpty())
                result.messages << ParseMessage{ins.line, QStringLiteral("FROM needs an image")};
            s.instructions << ins;
            df.stages << s;
            current = &df.stages.last();
            continue;
        }
        if (!current) {
            if (ins.keyword == u"ARG") {
                for (const QString &w : ins.words()) {
                    const qsizetype eq = w.indexOf(u'=');
                    globalArgValues.insert(eq < 0 ? w : w.left(eq),
                                           eq < 0 ? QString() : w.mid(eq + 1));
                }
                df.globalArgs << ins;
            } else {
                result.messages << ParseMessage{
                    ins.line, QStringLiteral("%1 before the first FROM").arg(ins.keyword)};
            }
            continue;
        }
        current->instructions << ins;
    }
    if (df.stages.isEmpty())
        result.messages << ParseMessage{1, QStringLiteral("no FROM instruction")};
    result.dockerfile = std::move(df);
    return result;
}

QString DockerfileParser::substitute(const QString &text, const QMap<QString, QString> &variables,
                                     QChar escape)
{
    QString out;
    const qsizetype n = text.size();
    qsizetype i = 0;
    auto isNameChar = [](QChar c) { return c.isLetterOrNumber() || c == u'_'; };
    while (i < n) {
        const QChar c = text.at(i);
        if (c == escape && i + 1 < n && text.at(i + 1) == u'$') {
            out += u'$';
            i += 2;
            continue;
        }
        if (c != u'$' || i + 1 >= n) {
            out += c;
            ++i;
            continue;
        }
        if (text.at(i + 1) == u'{') {
            const qsizetype close = text.indexOf(u'}', i + 2);
            if (close < 0) {
                out += text.mid(i);
                break;
            }
            const QString expr = text.mid(i + 2, close - i - 2);
            const qsizetype op = expr.indexOf(u':');
            const QString name = op < 0 ? expr : expr.left(op);
            const auto it = variables.constFind(name);
            const bool set = it != variables.constEnd() && !it->isEmpty();
            if (op >= 0 && expr.mid(op, 2) == u":-")
                out += set ? *it : substitute(expr.mid(op + 2), variables, escape);
            else if (op >= 0 && expr.mid(op, 2) == u":+")
                out += set ? substitute(expr.mid(op + 2), variables, escape) : QString();
            else
                out += it != variables.constEnd() ? *it : QString();
            i = close + 1;
            continue;
        }
        qsizetype j = i + 1;
        while (j < n && isNameChar(text.at(j)))
            ++j;
        if (j == i + 1) {
            out += c;
            ++i;
            continue;
        }
        out += variables.value(text.mid(i + 1, j - i - 1));
        i = j;
    }
    return out;
}

} // namespace threatdock::dockerfile
