#pragma once

#include <QWidget>

class QAction;

namespace threatdock::views {

/// The centre of the window while no project is open: what ThreatDock does and the ways
/// to open a Compose project (the given actions, shown as large buttons).
class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    WelcomePage(QAction *openFolder, QAction *openFile, QWidget *parent = nullptr);
};

} // namespace threatdock::views
