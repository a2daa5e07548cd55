#include "dockerfile.h"

namespace threatdock::dockerfile {

std::optional<QString> Instruction::flag(const QString &name) const
{
    const QString prefix = QStringLiteral("--") + name;
    for (const QString &f : flags) {
        if (f == prefix)
            return QString();
        if (f.startsWith(prefix + u'='))
            return f.mid(prefix.size() + 1);
    }
    return std::nullopt;
}

QStringList Instruction::words() const
{
    QStringList out;
    QString current;
    QChar quote;
    bool inWord = false;
    for (const QChar c : arguments) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else
                current += c;
            continue;
        }
        if (c == u'"' || c == u'\'') {
            quote = c;
            inWord = true;
            continue;
        }
        if (c.isSpace()) {
            if (inWord)
                out << current;
            current.clear();
            inWord = false;
            continue;
        }
        current += c;
        inWord = true;
    }
    if (inWord)
        out << current;
    return out;
}

const Instruction *Stage::last(const QString &keyword) const
{
    for (auto it = instructions.crbegin(); it != instructions.crend(); ++it) {
        if (it->keyword == keyword)
            return &*it;
    }
    return nullptr;
}

QList<const Instruction *> Stage::all(const QString &keyword) const
{
    QList<const Instruction *> out;
    for (const Instruction &i : instructions)
        if (i.keyword == keyword)
            out << &i;
    return out;
}

const Stage *Dockerfile::stage(const QString &nameOrIndex) const
{
    const QString lower = nameOrIndex.toLower();
    for (const Stage &s : stages)
        if (!s.name.isEmpty() && s.name == lower)
            return &s;
    bool ok = false;
    const int index = nameOrIndex.toInt(&ok);
    if (ok && index >= 0 && index < stages.size())
        return &stages[index];
    return nullptr;
}

const Stage *Dockerfile::parentStage(const Stage &s) const
{
    const QString base = s.resolvedBaseImage.toLower();
    for (const Stage &other : stages) {
        if (other.index >= s.index)
            break;
        if (!other.name.isEmpty() && other.name == base)
            return &other;
    }
    return nullptr;
}

const Instruction *Dockerfile::effective(const Stage &s, const QString &keyword) const
{
    for (const Stage *current = &s; current; current = parentStage(*current)) {
        if (const Instruction *i = current->last(keyword))
            return i;
    }
    return nullptr;
}

QList<const Instruction *> Dockerfile::instructions() const
{
    QList<const Instruction *> out;
    for (const Instruction &a : globalArgs)
        out << &a;
    for (const Stage &s : stages)
        for (const Instruction &i : s.instructions)
            out << &i;
    std::sort(out.begin(), out.end(),
              [](const Instruction *a, const Instruction *b) { return a->line < b->line; });
    return out;
}

} // namespace threatdock::dockerfile
