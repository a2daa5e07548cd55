#include "dockerfilepatcher.h"

#include <QMap>
#include <QRegularExpression>

namespace threatdock::hardening {

QString DockerfilePatcher::literal(const QString &text)
{
    QString out = text;
    out.replace(u'\\', QStringLiteral("\\\\"));
    return out;
}

QString DockerfilePatcher::replace(const QString &text, const QString &pattern,
                                   const QString &replacement)
{
    const QRegularExpression re(pattern);
    if (!re.isValid())
        return text;
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        for (qsizetype i = 0; i < replacement.size(); ++i) {
            const QChar c = replacement.at(i);
            if (c != u'\\' || i + 1 == replacement.size()) {
                out += c;
                continue;
            }
            const QChar next = replacement.at(++i);
            if (next.isDigit())
                out += m.captured(next.digitValue());
            else
                out += next;
        }
        last = m.capturedEnd();
    }
    return out + text.mid(last);
}

QByteArray DockerfilePatcher::apply(const QByteArray &content, const QList<DockerfileEdit> &edits)
{
    const QString text = QString::fromUtf8(content);
    const bool crlf = text.contains(QStringLiteral("\r\n"));
    const QString eol = crlf ? QStringLiteral("\r\n") : QStringLiteral("\n");
    QStringList lines = text.split(u'\n');
    const bool finalNewline = !lines.isEmpty() && lines.last().isEmpty();
    if (finalNewline)
        lines.removeLast();
    for (QString &l : lines)
        if (l.endsWith(u'\r'))
            l.chop(1);

    // Replace edits by the instruction they change (first line → last line, edits).
    struct Block
    {
        int endLine = 0;
        QList<const DockerfileEdit *> edits;
    };
    QMap<int, Block> blocks;
    QMap<int, QStringList> inserts;
    for (const DockerfileEdit &e : edits) {
        if (e.kind == DockerfileEdit::Kind::InsertBefore) {
            inserts[e.line] << e.replacement.split(u'\n');
            continue;
        }
        if (e.line < 1 || e.line > lines.size())
            continue;
        Block &b = blocks[e.line];
        b.endLine = std::max({b.endLine, e.endLine, e.line});
        b.edits << &e;
    }

    QStringList out;
    for (int line = 1; line <= lines.size() + 1; ++line) {
        out << inserts.value(line);
        if (line > lines.size())
            break;
        const auto block = blocks.constFind(line);
        if (block == blocks.cend()) {
            out << lines.at(line - 1);
            continue;
        }
        const int end = std::min<int>(block->endLine, lines.size());
        QString instruction = lines.mid(line - 1, end - line + 1).join(u'\n');
        for (const DockerfileEdit *e : block->edits)
            instruction = replace(instruction, e->pattern, e->replacement);
        out << instruction.split(u'\n');
        line = end;
    }
    QString result = out.join(eol);
    if (finalNewline || !inserts.value(int(lines.size()) + 1).isEmpty())
        result += eol;
    return result.toUtf8();
}

} // namespace threatdock::hardening
