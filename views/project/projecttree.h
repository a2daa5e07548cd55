#pragma once

#include <QTreeWidget>

namespace threatdock::compose {
struct ComposeProject;
}

namespace threatdock::views {

/// The Project dock's tree: the active services (name, image or build context), the
/// services disabled by profiles, and the files the project was read from.
class ProjectTree final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectTree)

public:
    /// Role of a service item's service name (section items have none).
    static constexpr int ServiceNameRole = Qt::UserRole + 1;

    explicit ProjectTree(QWidget *parent = nullptr);

    void setProject(const compose::ComposeProject &project);
    /// The top-level "Services" item, whose children are the active services.
    QTreeWidgetItem *servicesItem() const;

private:
    QTreeWidgetItem *addSection(const QString &title);

    QTreeWidgetItem *m_services = nullptr;
};

} // namespace threatdock::views
