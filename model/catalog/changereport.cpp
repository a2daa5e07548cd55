#include "changereport.h"

#include <QJsonArray>

#include <algorithm>

namespace threatdock::catalog {

QString CatalogChange::typeName(Type type)
{
    switch (type) {
    case Type::Added:
        return QStringLiteral("added");
    case Type::Renamed:
        return QStringLiteral("renamed");
    case Type::Modified:
        return QStringLiteral("modified");
    case Type::Removed:
        return QStringLiteral("removed");
    case Type::Unchanged:
        return QStringLiteral("unchanged");
    case Type::Absent:
        return QStringLiteral("absent");
    }
    return QString();
}

int ChangeReport::count(CatalogChange::Type type) const
{
    return int(std::count_if(changes.cbegin(), changes.cend(),
                             [type](const CatalogChange &c) { return c.type == type; }));
}

bool ChangeReport::hasChanges() const
{
    using T = CatalogChange::Type;
    return count(T::Added) + count(T::Renamed) + count(T::Modified) + count(T::Removed) > 0;
}

namespace {

const CatalogChange::Type allTypes[] = {
    CatalogChange::Type::Added,   CatalogChange::Type::Renamed,   CatalogChange::Type::Modified,
    CatalogChange::Type::Removed, CatalogChange::Type::Unchanged, CatalogChange::Type::Absent,
};

} // namespace

QJsonObject ChangeReport::toJson() const
{
    QJsonObject counts;
    for (const CatalogChange::Type t : allTypes)
        counts.insert(CatalogChange::typeName(t), count(t));
    counts.insert(QStringLiteral("ignored"), ignored);
    QJsonArray list;
    for (const CatalogChange &c : changes) {
        if (c.type == CatalogChange::Type::Unchanged)
            continue;
        QJsonObject o{{QStringLiteral("kind"), c.kind},
                      {QStringLiteral("id"), c.id},
                      {QStringLiteral("change"), CatalogChange::typeName(c.type)}};
        if (!c.oldName.isEmpty())
            o.insert(QStringLiteral("old"), c.oldName);
        if (!c.newName.isEmpty())
            o.insert(QStringLiteral("new"), c.newName);
        if (!c.detail.isEmpty())
            o.insert(QStringLiteral("detail"), c.detail);
        list.append(o);
    }
    return QJsonObject{{QStringLiteral("file"), sourceFile},
                       {QStringLiteral("format"), format},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("catalogFile"), overrideFile},
                       {QStringLiteral("counts"), counts},
                       {QStringLiteral("notes"), QJsonArray::fromStringList(notes)},
                       {QStringLiteral("changes"), list}};
}

QString ChangeReport::toText() const
{
    QStringList parts;
    for (const CatalogChange::Type t : allTypes)
        parts.append(QString::number(count(t)) + u' ' + CatalogChange::typeName(t));
    parts.append(QString::number(ignored) + QStringLiteral(" ignored"));
    QString text = sourceFile + QStringLiteral(" (") + format;
    if (!version.isEmpty())
        text += u' ' + version;
    text += QStringLiteral("): ") + parts.join(QStringLiteral(", ")) + u'\n';
    for (const QString &note : notes)
        text += QStringLiteral("note: ") + note + u'\n';
    if (const int absent = count(CatalogChange::Type::Absent); absent > 0)
        text += QStringLiteral("note: ") + QString::number(absent)
            + QStringLiteral(" catalog entries are not in the file (listed by --format json)\n");
    for (const CatalogChange &c : changes) {
        if (c.type == CatalogChange::Type::Unchanged || c.type == CatalogChange::Type::Absent)
            continue;
        text += QStringLiteral("  ") + CatalogChange::typeName(c.type).leftJustified(9) + u' '
            + c.kind + u' ' + c.id;
        if (c.type == CatalogChange::Type::Renamed)
            text += QStringLiteral(": \"") + c.oldName + QStringLiteral("\" -> \"") + c.newName
                + u'"';
        else if (!c.newName.isEmpty() || !c.oldName.isEmpty())
            text += QStringLiteral(": ") + (c.newName.isEmpty() ? c.oldName : c.newName);
        if (!c.detail.isEmpty())
            text += QStringLiteral(" (") + c.detail + u')';
        text += u'\n';
    }
    return text;
}

} // namespace threatdock::catalog
