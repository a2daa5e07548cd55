#pragma once

#include <QTreeWidget>

namespace threatdock::views {

class ReviewDocument;

/// The Project dock's tree: services (name, image or build context, the worst open
/// threat's severity letter), data stores, external entities, networks, the services
/// disabled by profiles, and the files the project was read from. Selecting an element
/// selects it everywhere; the document's selection is shown here.
class ProjectTree final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectTree)

public:
    /// Role of an element item's element id ("service:api"); section items have none.
    static constexpr int ElementIdRole = Qt::UserRole + 1;
    /// Role of a file item's absolute path.
    static constexpr int FilePathRole = Qt::UserRole + 2;

    explicit ProjectTree(ReviewDocument *document, QWidget *parent = nullptr);

    /// The top-level "Services" item, whose children are the active services.
    QTreeWidgetItem *servicesItem() const { return m_services; }
    /// The item of an element, or nullptr.
    QTreeWidgetItem *itemOf(const QString &elementId) const;

Q_SIGNALS:
    /// A file of the project was double-clicked (or Enter pressed on it).
    void fileActivated(const QString &path);

private:
    void rebuild();
    void updateBadges();
    void showSelection(const QString &elementId);
    QTreeWidgetItem *addSection(const QString &title);

    ReviewDocument *m_document;
    QTreeWidgetItem *m_services = nullptr;
    bool m_syncing = false;
};

} // namespace threatdock::views
