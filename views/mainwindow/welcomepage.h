#pragma once

#include <QWidget>

class QAction;
class QVBoxLayout;

namespace threatdock::views {

class RecentFiles;

/// The centre of the window while no project is open: what ThreatDock does, the ways to
/// open a project (the given actions as large buttons: a folder, a file, the sample) and
/// the recent reviews and projects with their project names.
class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    WelcomePage(const QList<QAction *> &openActions, RecentFiles *recent,
                QWidget *parent = nullptr);

Q_SIGNALS:
    /// A recent entry was clicked.
    void recentActivated(const QString &path, bool review);

private:
    void updateRecent();

    RecentFiles *m_recent;
    QVBoxLayout *m_recentList = nullptr;
};

} // namespace threatdock::views
