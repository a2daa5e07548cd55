#include "sourcefile.h"

#include "rules/secretdetector.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <algorithm>

namespace threatdock::views {

using rules::SecretDetector;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("threatdock::views::SourceFile", text);
}

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

/// Lines a secret detector's mask can start on and run past: private key blocks.
bool mayStartKeyBlock(const QString &line)
{
    return line.contains(u"PRIVATE KEY") || line.contains(u"PuTTY-User-Key-File");
}

/// How many line breaks redacting text swallows (masks spanning lines).
qsizetype swallowedLines(const QString &text)
{
    return text.count(u'\n') - SecretDetector::redact(text).count(u'\n');
}

/// Masks text line by line when the detector's masks span lines (key blocks): each
/// line is redacted alone, and the lines inside a block are masked whole.
QStringList maskLineByLine(const QStringList &lines)
{
    QStringList out;
    out.reserve(lines.size());
    for (const QString &line : lines)
        out << SecretDetector::redact(line);
    QList<qsizetype> starts;
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (mayStartKeyBlock(lines.at(i)))
            starts << i;
    // A block that starts on line b swallows as many line breaks as redacting the text
    // from b on swallows, less what the later blocks swallow.
    qsizetype later = 0;
    for (auto it = starts.crbegin(); it != starts.crend(); ++it) {
        const qsizetype begin = *it;
        const QString rest = lines.mid(begin).join(u'\n');
        const qsizetype fromHere = swallowedLines(rest);
        const qsizetype span = fromHere - later;
        later = fromHere;
        if (span <= 0)
            continue;
        // Without an END line the mask runs to the end of the text, last line included.
        const QString joined = SecretDetector::redact(rest).section(u'\n', 0, 0);
        const qsizetype last
            = joined.endsWith(SecretDetector::mask()) ? begin + span : begin + span - 1;
        for (qsizetype i = begin + 1; i <= last && i < out.size(); ++i)
            out[i] = SecretDetector::mask();
    }
    return out;
}

bool isQuote(QChar c)
{
    return c == u'"' || c == u'\'' || c == u'`';
}

/// Whether a line of code that the detector masked holds no literal secret after all:
/// the code-aware scan finds nothing, and the one masked value is code, not a quoted
/// literal (`PASSWORD = os.environ.get("PASSWORD")` reads a secret, it does not hold one).
bool onlyCodeMasked(const QString &original, const QString &masked)
{
    const QString mask = SecretDetector::mask();
    if (masked.count(mask) != original.count(mask) + 1
        || !SecretDetector::scan(original, SecretDetector::TextKind::Code).isEmpty())
        return false;
    qsizetype prefix = 0;
    while (prefix < original.size() && prefix < masked.size()
           && original.at(prefix) == masked.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < original.size() - prefix && suffix < masked.size() - prefix
           && original.at(original.size() - 1 - suffix) == masked.at(masked.size() - 1 - suffix))
        ++suffix;
    const QString value = original.mid(prefix, original.size() - prefix - suffix);
    if (masked.mid(prefix, masked.size() - prefix - suffix) != mask || value.isEmpty())
        return false;
    return !isQuote(value.front()) && (prefix == 0 || !isQuote(original.at(prefix - 1)));
}

} // namespace

QString SourceFile::mask(const QString &text, SecretDetector::TextKind kind)
{
    // The detector's cost grows faster than the text: redact pieces of about chunkSize
    // characters, cut between lines, never inside a key block or after a continued line.
    constexpr qsizetype chunkSize = 16 * 1024;
    const QStringList lines = text.split(u'\n');
    QStringList out;
    out.reserve(lines.size());
    qsizetype first = 0;
    qsizetype size = 0;
    bool inKeyBlock = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        size += line.size() + 1;
        if (mayStartKeyBlock(line) || line.contains(u"Private-MAC:"))
            inKeyBlock = line.contains(u"BEGIN") || line.contains(u"PuTTY-User-Key-File");
        const bool last = i + 1 == lines.size();
        if (!last && (size < chunkSize || inKeyBlock || line.endsWith(u'\\')))
            continue;
        const QStringList chunk = lines.mid(first, i - first + 1);
        const QStringList whole = SecretDetector::redact(chunk.join(u'\n')).split(u'\n');
        if (whole.size() != chunk.size()) {
            out << maskLineByLine(chunk);
        } else {
            for (qsizetype j = 0; j < chunk.size(); ++j) {
                const bool keep = kind == SecretDetector::TextKind::Code
                    && whole.at(j) != chunk.at(j) && onlyCodeMasked(chunk.at(j), whole.at(j));
                out << (keep ? chunk.at(j) : whole.at(j));
            }
        }
        first = i + 1;
        size = 0;
    }
    return out.join(u'\n');
}

SecretDetector::TextKind SourceFile::kindOf(const QString &path)
{
    static const QStringList codeSuffixes{
        QStringLiteral("py"),    QStringLiteral("js"),  QStringLiteral("mjs"),
        QStringLiteral("cjs"),   QStringLiteral("ts"),  QStringLiteral("go"),
        QStringLiteral("java"),  QStringLiteral("kt"),  QStringLiteral("rb"),
        QStringLiteral("php"),   QStringLiteral("cs"),  QStringLiteral("rs"),
        QStringLiteral("c"),     QStringLiteral("cc"),  QStringLiteral("cpp"),
        QStringLiteral("h"),     QStringLiteral("hpp"), QStringLiteral("scala"),
        QStringLiteral("swift"), QStringLiteral("lua"), QStringLiteral("pl"),
    };
    const QString suffix = QFileInfo(path).suffix().toLower();
    return codeSuffixes.contains(suffix) ? SecretDetector::TextKind::Code
                                         : SecretDetector::TextKind::Config;
}

SourceFile SourceFile::read(const QString &path)
{
    SourceFile file;
    file.path = QFileInfo(path).absoluteFilePath();
    const QFileInfo info(file.path);
    if (!info.exists()) {
        file.message = tr("%1: the file does not exist.").arg(file.path);
        return file;
    }
    if (!info.isFile()) {
        file.message = tr("%1: not a file.").arg(file.path);
        return file;
    }
    if (info.size() > maximumSize) {
        file.message = tr("%1 is %2 MiB; files over %3 MiB are not shown here.")
                           .arg(file.path, mebibytes(info.size()), mebibytes(maximumSize));
        return file;
    }
    QFile in(file.path);
    if (!in.open(QIODevice::ReadOnly)) {
        file.message = tr("%1: cannot read the file (%2).").arg(file.path, in.errorString());
        return file;
    }
    const QByteArray bytes = in.read(maximumSize + 1);
    if (bytes.size() > maximumSize) {
        file.message = tr("%1 is larger than %2 MiB; it is not shown here.")
                           .arg(file.path, mebibytes(maximumSize));
        return file;
    }
    if (bytes.contains('\0')) {
        file.message = tr("%1 is a binary file; it is not shown here.").arg(file.path);
        return file;
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString text = utf8(bytes);
    if (utf8.hasError())
        text = QString::fromLatin1(bytes);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    if (text.endsWith(u'\n'))
        text.chop(1);
    qsizetype longest = 0;
    for (qsizetype start = 0; start <= text.size();) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0)
            end = text.size();
        longest = std::max(longest, end - start);
        start = end + 1;
    }
    if (longest > maximumLineLength) {
        file.message = tr("%1 has a line of %2 characters (generated or minified?); lines "
                          "over %3 characters are not shown here.")
                           .arg(file.path)
                           .arg(longest)
                           .arg(maximumLineLength);
        return file;
    }
    file.text = mask(text, kindOf(file.path));
    file.lineCount = int(file.text.count(u'\n') + 1);
    return file;
}

} // namespace threatdock::views
