#include "systemmodel.h"

namespace threatdock::system {

const Element *SystemModel::element(const QString &id) const
{
    for (const Element &e : elements)
        if (e.id == id)
            return &e;
    return nullptr;
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
