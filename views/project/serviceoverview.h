#pragma once

#include <QTableWidget>

namespace threatdock::compose {
struct ComposeProject;
}

namespace threatdock::views {

/// The centre of the window while a project is open and before it is analysed: one row
/// per active service with its image or build, host-published ports and where it is
/// defined.
class ServiceOverview final : public QTableWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceOverview)

public:
    explicit ServiceOverview(QWidget *parent = nullptr);

    void setProject(const compose::ComposeProject &project);
};

} // namespace threatdock::views
