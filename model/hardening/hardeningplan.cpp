#include "hardeningplan.h"

#include <QDir>

namespace threatdock::hardening {

HardeningChange *HardeningPlan::change(const QString &id)
{
    for (HardeningChange &c : changes)
        if (c.id == id)
            return &c;
    return nullptr;
}

const HardeningChange *HardeningPlan::change(const QString &id) const
{
    for (const HardeningChange &c : changes)
        if (c.id == id)
            return &c;
    return nullptr;
}

bool HardeningPlan::setAccepted(const QString &id, bool accepted)
{
    HardeningChange *c = change(id);
    if (!c)
        return false;
    c->accepted = accepted;
    return true;
}

QStringList HardeningPlan::services() const
{
    QStringList out;
    for (const HardeningChange &c : changes)
        if (!out.contains(c.service))
            out << c.service;
    return out;
}

QList<const HardeningChange *> HardeningPlan::changesFor(const QString &service) const
{
    QList<const HardeningChange *> out;
    for (const HardeningChange &c : changes)
        if (c.service == service)
            out << &c;
    return out;
}

const SourceFile *HardeningPlan::source(const QString &path) const
{
    for (const SourceFile &s : sources)
        if (s.path == path)
            return &s;
    return nullptr;
}

namespace {

template<typename Field> QStringList acceptedUnion(const QList<HardeningChange> &changes, Field f)
{
    QStringList out;
    for (const HardeningChange &c : changes) {
        if (!c.accepted)
            continue;
        for (const QString &id : c.*f)
            if (!out.contains(id))
                out << id;
    }
    return out;
}

} // namespace

QStringList HardeningPlan::fixedFindings() const
{
    return acceptedUnion(changes, &HardeningChange::fixes);
}

QStringList HardeningPlan::mitigatedThreats() const
{
    return acceptedUnion(changes, &HardeningChange::mitigates);
}

QString HardeningPlan::relativePath(const QString &absolute) const
{
    return projectDirectory.isEmpty() ? absolute
                                      : QDir(projectDirectory).relativeFilePath(absolute);
}

} // namespace threatdock::hardening
