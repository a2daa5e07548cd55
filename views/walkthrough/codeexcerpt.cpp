#include "codeexcerpt.h"

#include "rules/secretdetector.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace threatdock::views {

namespace {

using rules::SecretDetector;

QString tr(const char *text)
{
    return QCoreApplication::translate("threatdock::views::CodeExcerpt", text);
}

SecretDetector::TextKind textKind(const QString &fileName)
{
    const QFileInfo info(fileName);
    const QString name = info.fileName().toLower();
    const QString suffix = info.suffix().toLower();
    if (name == u"dockerfile" || name.startsWith(QStringLiteral("dockerfile."))
        || name.endsWith(QStringLiteral(".dockerfile")) || suffix == u"sh" || suffix == u"bash")
        return SecretDetector::TextKind::Shell;
    static const QSet<QString> code{
        QStringLiteral("py"),   QStringLiteral("js"), QStringLiteral("ts"),   QStringLiteral("go"),
        QStringLiteral("java"), QStringLiteral("rb"), QStringLiteral("php"),  QStringLiteral("cs"),
        QStringLiteral("c"),    QStringLiteral("cc"), QStringLiteral("cpp"),  QStringLiteral("h"),
        QStringLiteral("rs"),   QStringLiteral("kt"), QStringLiteral("scala")};
    return code.contains(suffix) ? SecretDetector::TextKind::Code
                                 : SecretDetector::TextKind::Config;
}

/// A line the detector reports as holding a hard-coded secret but that redact() left as
/// it was: mask every quoted literal, or everything after the assignment when nothing is
/// quoted, or the whole line.
QString maskReportedLine(const QString &line)
{
    static const QRegularExpression quoted(QStringLiteral(R"((["'])(?:\\.|(?!\1).)*\1)"));
    QString out = line;
    bool masked = false;
    auto it = quoted.globalMatch(line);
    QList<QRegularExpressionMatch> matches;
    while (it.hasNext())
        matches << it.next();
    for (auto m = matches.crbegin(); m != matches.crend(); ++m) {
        const QString quote = m->captured(1);
        out.replace(m->capturedStart(), m->capturedLength(),
                    quote + SecretDetector::mask() + quote);
        masked = true;
    }
    if (masked)
        return out;
    const qsizetype assign = line.indexOf(QRegularExpression(QStringLiteral("[=:]")));
    if (assign >= 0)
        return line.left(assign + 1) + u' ' + SecretDetector::mask();
    return SecretDetector::mask();
}

QString shortened(QString line)
{
    line.replace(u'\t', QStringLiteral("    "));
    if (line.size() > CodeExcerpt::maximumLineLength)
        line = line.left(CodeExcerpt::maximumLineLength - 1) + QStringLiteral("…");
    return line;
}

} // namespace

QStringList CodeExcerpt::redactedLines(const QString &text, const QString &fileName)
{
    QStringList lines = text.split(u'\n');
    if (text.endsWith(u'\n'))
        lines.removeLast();
    for (QString &line : lines)
        if (line.endsWith(u'\r'))
            line.chop(1);

    QSet<int> reported;
    for (const SecretDetector::Match &m : SecretDetector::scan(text, textKind(fileName)))
        reported.insert(m.line);

    static const QRegularExpression keyBegin(QStringLiteral("-----BEGIN [A-Z0-9 ]*PRIVATE KEY"));
    static const QRegularExpression keyEnd(QStringLiteral("-----END [A-Z0-9 ]*PRIVATE KEY"));
    bool inKey = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString &line = lines[i];
        if (inKey) {
            inKey = !keyEnd.match(line).hasMatch();
            line = inKey ? SecretDetector::mask() : shortened(SecretDetector::redact(line));
            continue;
        }
        if (const auto begin = keyBegin.match(line); begin.hasMatch()) {
            inKey = !keyEnd.match(line).hasMatch();
            line = shortened(line.left(begin.capturedEnd()) + QStringLiteral("----- ")
                             + SecretDetector::mask());
            continue;
        }
        const QString redacted = SecretDetector::redact(line);
        const bool missed = redacted == line && reported.contains(int(i + 1));
        line = shortened(missed ? maskReportedLine(line) : redacted);
    }
    return lines;
}

CodeExcerpt CodeExcerpt::fromText(const QString &text, const QString &displayName, int line,
                                  int context)
{
    CodeExcerpt excerpt;
    if (line <= 0)
        return excerpt;
    const QStringList all = redactedLines(text, displayName);
    if (line > all.size()) {
        excerpt.error = tr("%1:%2: the file has only %3 lines now")
                            .arg(displayName)
                            .arg(line)
                            .arg(all.size());
        return excerpt;
    }
    const int first = std::max(1, line - context);
    const int last = std::min(int(all.size()), line + context);
    for (int n = first; n <= last; ++n)
        excerpt.lines << Line{n, all.at(n - 1), n == line};
    return excerpt;
}

CodeExcerpt CodeExcerpt::read(const QString &file, int line, int context)
{
    CodeExcerpt excerpt;
    if (line <= 0)
        return excerpt;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        excerpt.error = tr("%1: cannot read the file: %2").arg(file, f.errorString());
        return excerpt;
    }
    return fromText(QString::fromUtf8(f.readAll()), file, line, context);
}

} // namespace threatdock::views
