#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace threatdock::views {

/// The recently opened projects and review files, newest first, kept in QSettings.
/// Paths that no longer exist are dropped when the list is read.
class RecentFiles final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentFiles)

public:
    struct Entry
    {
        QString path;  ///< absolute
        QString label; ///< project name, for the welcome page
        bool review = false;
    };

    static constexpr int maximum = 10;

    explicit RecentFiles(QObject *parent = nullptr);

    QList<Entry> entries() const;
    /// Moves path to the front (adding it), with the label shown for it.
    void add(const QString &path, const QString &label, bool review);
    void clear();

Q_SIGNALS:
    void changed();
};

} // namespace threatdock::views
