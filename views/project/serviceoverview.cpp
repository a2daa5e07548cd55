#include "serviceoverview.h"

#include "servicetext.h"

#include "compose/composeproject.h"

#include <QHeaderView>

namespace threatdock::views {

namespace {

enum Column { ServiceColumn, ImageColumn, PortsColumn, LocationColumn, ColumnCount };

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setToolTip(text);
    return item;
}

} // namespace

ServiceOverview::ServiceOverview(QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setObjectName(QStringLiteral("serviceOverview"));
    setHorizontalHeaderLabels(
        {tr("Service"), tr("Image / build"), tr("Published ports"), tr("Defined at")});
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    verticalHeader()->hide();
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
}

void ServiceOverview::setProject(const compose::ComposeProject &project)
{
    clearContents();
    setRowCount(int(project.services.size()));
    int row = 0;
    for (const compose::Service &service : project.services) {
        setItem(row, ServiceColumn, cell(service.name));
        setItem(row, ImageColumn, cell(servicetext::imageOrBuild(service, project.workingDir)));
        setItem(row, PortsColumn, cell(servicetext::publishedPorts(service)));
        setItem(row, LocationColumn,
                cell(servicetext::location(service.origin, project.workingDir)));
        ++row;
    }
}

} // namespace threatdock::views
