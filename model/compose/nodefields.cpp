#include "nodefields.h"

namespace threatdock::compose {

QString scalarField(const Node &parent, const QString &key, const QString &owner, bool required)
{
    const Node *n = parent.find(key);
    if (!n || n->isNull()) {
        if (required)
            throw ComposeError(parent.origin(), QStringLiteral("%1 needs \"%2\"").arg(owner, key));
        return QString();
    }
    if (!n->isScalar())
        throw ComposeError(n->origin(), QStringLiteral("\"%1\" must be a string").arg(key));
    return n->text().trimmed();
}

QStringList stringListField(const Node &value, const QString &what)
{
    if (value.isNull())
        return {};
    if (value.isScalar())
        return {value.text().trimmed()};
    if (!value.isSequence())
        throw ComposeError(value.origin(), QStringLiteral("\"%1\" must be a list").arg(what));
    QStringList out;
    for (const Node &i : value.items()) {
        if (!i.isScalar())
            throw ComposeError(i.origin(),
                               QStringLiteral("\"%1\" entries must be strings").arg(what));
        out << i.text().trimmed();
    }
    return out;
}

} // namespace threatdock::compose
