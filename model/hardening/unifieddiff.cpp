#include "unifieddiff.h"

#include <QStringList>

#include <vector>

namespace threatdock::hardening {

namespace {

struct Text
{
    QStringList lines;
    bool finalNewline = true;
};

Text splitLines(const QString &text)
{
    Text t;
    if (text.isEmpty())
        return t;
    t.lines = text.split(u'\n');
    t.finalNewline = t.lines.last().isEmpty();
    if (t.finalNewline)
        t.lines.removeLast();
    return t;
}

struct Op
{
    char type;   // ' ', '-', '+'
    qsizetype a; // lines of before consumed before this one
    qsizetype b;
};

/// The edit script from a to b by longest common subsequence (Dockerfiles are small;
/// beyond a few million cells it falls back to "replace everything").
std::vector<Op> editScript(const QStringList &a, const QStringList &b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<Op> ops;
    if (n * m > 4'000'000) {
        for (qsizetype i = 0; i < n; ++i)
            ops.push_back({'-', i, 0});
        for (qsizetype j = 0; j < m; ++j)
            ops.push_back({'+', n, j});
        return ops;
    }
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[i][j] = a.at(i) == b.at(j) ? lcs[i + 1][j + 1] + 1
                                           : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(i) == b.at(j)) {
            ops.push_back({' ', i++, j++});
        } else if (j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
            ops.push_back({'-', i++, j});
        } else {
            ops.push_back({'+', i, j++});
        }
    }
    return ops;
}

QString range(qsizetype start, qsizetype count)
{
    // "-l,s": l is the first line (1-based), or the line before when the range is empty.
    const qsizetype first = count == 0 ? start : start + 1;
    return count == 1 ? QString::number(first) : QStringLiteral("%1,%2").arg(first).arg(count);
}

} // namespace

QString UnifiedDiff::diff(const QString &path, const QString &before, const QString &after,
                          bool newFile, int context)
{
    if (before == after)
        return QString();
    const Text a = splitLines(before);
    const Text b = splitLines(after);
    const std::vector<Op> ops = editScript(a.lines, b.lines);
    QString out
        = (newFile ? QStringLiteral("--- /dev/null\n") : QStringLiteral("--- a/%1\n").arg(path))
        + QStringLiteral("+++ b/%1\n").arg(path);
    const auto line = [&](const Op &op) {
        const bool fromA = op.type != '+';
        const Text &t = fromA ? a : b;
        const qsizetype index = fromA ? op.a : op.b;
        QString text = QChar::fromLatin1(op.type) + t.lines.at(index) + u'\n';
        if (index == t.lines.size() - 1 && !t.finalNewline)
            text += QStringLiteral("\\ No newline at end of file\n");
        return text;
    };
    const auto size = qsizetype(ops.size());
    qsizetype k = 0;
    while (k < size) {
        if (ops[k].type == ' ') {
            ++k;
            continue;
        }
        const qsizetype start = std::max<qsizetype>(0, k - context);
        qsizetype last = k;
        for (qsizetype m = k; m < size && m - last <= 2 * context; ++m)
            if (ops[m].type != ' ')
                last = m;
        const qsizetype end = std::min(size, last + context + 1);
        qsizetype countA = 0;
        qsizetype countB = 0;
        QString body;
        for (qsizetype m = start; m < end; ++m) {
            countA += ops[m].type != '+';
            countB += ops[m].type != '-';
            body += line(ops[m]);
        }
        out += QStringLiteral("@@ -%1 +%2 @@\n")
                   .arg(range(ops[start].a, countA), range(ops[start].b, countB))
            + body;
        k = end;
    }
    return out;
}

} // namespace threatdock::hardening
