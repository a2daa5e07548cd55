#include "pythonscope.h"

#include <QFile>
#include <QRegularExpression>

namespace threatdock::scans {

namespace {

qsizetype indentation(const QString &line)
{
    qsizetype n = 0;
    while (n < line.size() && (line.at(n) == u' ' || line.at(n) == u'\t'))
        ++n;
    return n;
}

bool isCode(const QString &line)
{
    const QString t = line.trimmed();
    return !t.isEmpty() && !t.startsWith(u'#');
}

/// The name a def/class line declares, "" for any other line.
QString declaredName(const QString &line)
{
    static const QRegularExpression decl(
        QStringLiteral("^\\s*(?:async\\s+def|def|class)\\s+([A-Za-z_][A-Za-z0-9_]*)"));
    const QRegularExpressionMatch m = decl.match(line);
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace

QString PythonScope::enclosing(const QStringList &lines, int line)
{
    if (line < 1 || line > lines.size())
        return QString();
    QStringList names;
    const QString &own = lines.at(line - 1);
    if (const QString name = declaredName(own); !name.isEmpty())
        names.prepend(name);
    qsizetype current = indentation(own);
    for (int i = line - 2; i >= 0 && current > 0; --i) {
        const QString &text = lines.at(i);
        if (!isCode(text))
            continue;
        const qsizetype indent = indentation(text);
        if (indent >= current)
            continue;
        current = indent;
        if (const QString name = declaredName(text); !name.isEmpty())
            names.prepend(name);
    }
    return names.join(u'.');
}

QString PythonScope::enclosingInFile(const QString &path, int line)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 16 * 1024 * 1024)
        return QString();
    return enclosing(QString::fromUtf8(file.readAll()).split(u'\n'), line);
}

} // namespace threatdock::scans
