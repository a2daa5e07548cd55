#include "projecttree.h"

#include "servicetext.h"

#include "compose/composeproject.h"

#include <QDir>
#include <QHeaderView>

namespace threatdock::views {

ProjectTree::ProjectTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("projectTree"));
    setColumnCount(2);
    setHeaderHidden(true);
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
}

QTreeWidgetItem *ProjectTree::servicesItem() const
{
    return m_services;
}

QTreeWidgetItem *ProjectTree::addSection(const QString &title)
{
    auto *item = new QTreeWidgetItem(this, {title});
    QFont font = item->font(0);
    font.setBold(true);
    item->setFont(0, font);
    item->setFlags(Qt::ItemIsEnabled);
    item->setFirstColumnSpanned(true);
    item->setExpanded(true);
    return item;
}

void ProjectTree::setProject(const compose::ComposeProject &project)
{
    clear();
    QColor secondary = palette().color(QPalette::Text);
    secondary.setAlphaF(0.6f);

    m_services = addSection(tr("Services (%1)").arg(project.services.size()));
    for (const compose::Service &service : project.services) {
        auto *item = new QTreeWidgetItem(
            m_services, {service.name, servicetext::imageOrBuild(service, project.workingDir)});
        item->setData(0, ServiceNameRole, service.name);
        item->setForeground(1, secondary);
        item->setToolTip(0, servicetext::location(service.origin, project.workingDir));
        item->setToolTip(1, item->text(1));
    }

    if (!project.inactiveServices.isEmpty()) {
        QTreeWidgetItem *inactive = addSection(tr("Inactive (profiles)"));
        for (const QString &name : project.inactiveServices) {
            auto *item = new QTreeWidgetItem(inactive, {name});
            item->setForeground(0, secondary);
        }
    }

    QTreeWidgetItem *files = addSection(tr("Files"));
    const QDir workingDir(project.workingDir);
    for (const QString &file : project.composeFiles + project.envFiles) {
        auto *item = new QTreeWidgetItem(files, {workingDir.relativeFilePath(file)});
        item->setFirstColumnSpanned(true);
        item->setToolTip(0, QDir::toNativeSeparators(file));
    }
}

} // namespace threatdock::views
