#include "recentfiles.h"

#include <QFileInfo>
#include <QSettings>

namespace threatdock::views {

namespace {

const auto arrayKey = QStringLiteral("recent");
const auto pathKey = QStringLiteral("path");
const auto labelKey = QStringLiteral("label");
const auto reviewKey = QStringLiteral("review");

void write(const QList<RecentFiles::Entry> &entries)
{
    QSettings settings;
    settings.remove(arrayKey);
    settings.beginWriteArray(arrayKey, int(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(pathKey, entries.at(i).path);
        settings.setValue(labelKey, entries.at(i).label);
        settings.setValue(reviewKey, entries.at(i).review);
    }
    settings.endArray();
}

} // namespace

RecentFiles::RecentFiles(QObject *parent)
    : QObject(parent)
{ }

QList<RecentFiles::Entry> RecentFiles::entries() const
{
    QList<Entry> list;
    QSettings settings;
    const int size = settings.beginReadArray(arrayKey);
    for (int i = 0; i < size && list.size() < maximum; ++i) {
        settings.setArrayIndex(i);
        Entry e{settings.value(pathKey).toString(), settings.value(labelKey).toString(),
                settings.value(reviewKey).toBool()};
        if (!e.path.isEmpty() && QFileInfo::exists(e.path))
            list << e;
    }
    settings.endArray();
    return list;
}

void RecentFiles::add(const QString &path, const QString &label, bool review)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QList<Entry> list = entries();
    list.removeIf([&](const Entry &e) { return e.path == absolute; });
    list.prepend(Entry{absolute, label, review});
    while (list.size() > maximum)
        list.removeLast();
    write(list);
    Q_EMIT changed();
}

void RecentFiles::clear()
{
    write({});
    Q_EMIT changed();
}

} // namespace threatdock::views
