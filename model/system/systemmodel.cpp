#include "systemmodel.h"

namespace threatdock::system {

const Element *SystemModel::element(const QString &id) const
{
    for (const Element &e : elements)
        if (e.id == id)
            return &e;
    return nullptr;
}

QString SystemModel::displayName(const QString &id, bool withFlowLabel) const
{
    if (const Element *e = element(id))
        return e->name;
    for (const DataFlow &f : flows) {
        if (f.id != id)
            continue;
        const Element *from = element(f.from);
        const Element *to = element(f.to);
        QString name
            = (from ? from->name : f.from) + QStringLiteral(" → ") + (to ? to->name : f.to);
        if (withFlowLabel && !f.label.isEmpty())
            name += QStringLiteral(" (") + f.label + u')';
        return name;
    }
    return id;
}

const TrustBoundary *SystemModel::boundary(const QString &id) const
{
    for (const TrustBoundary &b : boundaries)
        if (b.id == id)
            return &b;
    return nullptr;
}

QList<const DataFlow *> SystemModel::flowsFrom(const QString &elementId) const
{
    QList<const DataFlow *> out;
    for (const DataFlow &f : flows)
        if (f.from == elementId)
            out << &f;
    return out;
}

QList<const DataFlow *> SystemModel::flowsTo(const QString &elementId) const
{
    QList<const DataFlow *> out;
    for (const DataFlow &f : flows)
        if (f.to == elementId)
            out << &f;
    return out;
}

} // namespace threatdock::system
