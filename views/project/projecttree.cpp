#include "projecttree.h"

#include "servicetext.h"

#include "document/reviewdocument.h"
#include "layout/diagramstyle.h"

#include <QDir>
#include <QHeaderView>

namespace threatdock::views {

namespace {

/// The worst open threat of an element, if any.
std::optional<rules::Severity> worstOpen(const ReviewDocument &document, const QString &elementId)
{
    std::optional<rules::Severity> worst;
    int open = 0;
    for (const threats::Threat *t : document.threatsOf(elementId)) {
        if (t->mitigatedByConfiguration()
            || document.decision(t->id).status != review::DecisionStatus::Open)
            continue;
        ++open;
        if (!worst || t->severity > *worst)
            worst = t->severity;
    }
    return open > 0 ? worst : std::nullopt;
}

} // namespace

ProjectTree::ProjectTree(ReviewDocument *document, QWidget *parent)
    : QTreeWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("projectTree"));
    setColumnCount(3);
    setHeaderHidden(true);
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(1, QHeaderView::Stretch);
    header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);

    connect(m_document, &ReviewDocument::analysisChanged, this, &ProjectTree::rebuild);
    connect(m_document, &ReviewDocument::reviewChanged, this, &ProjectTree::updateBadges);
    connect(m_document, &ReviewDocument::decisionChanged, this, &ProjectTree::updateBadges);
    connect(m_document, &ReviewDocument::selectionChanged, this, &ProjectTree::showSelection);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (m_syncing || !item)
            return;
        const QString id = item->data(0, ElementIdRole).toString();
        if (!id.isEmpty())
            m_document->selectElement(id);
    });
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString path = item->data(0, FilePathRole).toString();
        if (!path.isEmpty())
            Q_EMIT fileActivated(path);
    });
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

QTreeWidgetItem *ProjectTree::itemOf(const QString &elementId) const
{
    for (QTreeWidgetItemIterator it(const_cast<ProjectTree *>(this)); *it; ++it)
        if ((*it)->data(0, ElementIdRole).toString() == elementId)
            return *it;
    return nullptr;
}

void ProjectTree::rebuild()
{
    const QSignalBlocker blocker(this);
    clear();
    m_services = nullptr;
    if (!m_document->hasAnalysis())
        return;
    const compose::ComposeProject &project = m_document->analysis().project;
    const system::SystemModel &model = m_document->report().systemModel;
    QColor secondary = palette().color(QPalette::Text);
    secondary.setAlphaF(0.6f);

    m_services = addSection(tr("Services (%1)").arg(project.services.size()));
    for (const compose::Service &service : project.services) {
        auto *item = new QTreeWidgetItem(
            m_services, {service.name, servicetext::imageOrBuild(service, project.workingDir)});
        item->setData(0, ElementIdRole, QStringLiteral("service:") + service.name);
        item->setForeground(1, secondary);
        item->setToolTip(0, servicetext::location(service.origin, project.workingDir));
        item->setToolTip(1, item->text(1));
    }

    const auto addElements = [&](const QString &title, system::ElementKind kind) {
        QList<const system::Element *> elements;
        for (const system::Element &e : model.elements)
            if (e.kind == kind && (kind != system::ElementKind::Process || e.service.isEmpty()))
                elements << &e;
        if (elements.isEmpty())
            return;
        QTreeWidgetItem *section = addSection(title);
        for (const system::Element *e : std::as_const(elements)) {
            auto *item = new QTreeWidgetItem(section, {e->name, e->role});
            item->setData(0, ElementIdRole, e->id);
            item->setForeground(1, secondary);
            item->setToolTip(0, e->id);
        }
    };
    addElements(tr("Data stores"), system::ElementKind::DataStore);
    addElements(tr("External entities"), system::ElementKind::ExternalEntity);

    QList<const system::TrustBoundary *> networks;
    for (const system::TrustBoundary &b : model.boundaries)
        if (b.kind != QStringLiteral("host"))
            networks << &b;
    if (!networks.isEmpty()) {
        QTreeWidgetItem *section = addSection(tr("Networks"));
        for (const system::TrustBoundary *b : std::as_const(networks)) {
            auto *item
                = new QTreeWidgetItem(section, {b->name, b->internal ? tr("internal") : b->kind});
            item->setForeground(1, secondary);
            item->setFlags(Qt::ItemIsEnabled);
        }
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
    for (const QString &file : m_document->analysis().inputFiles) {
        auto *item = new QTreeWidgetItem(files, {workingDir.relativeFilePath(file)});
        item->setFirstColumnSpanned(true);
        item->setData(0, FilePathRole, file);
        item->setToolTip(0, QDir::toNativeSeparators(file));
    }
    updateBadges();
    showSelection(m_document->selectedElement());
}

void ProjectTree::updateBadges()
{
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        QTreeWidgetItem *item = *it;
        const QString id = item->data(0, ElementIdRole).toString();
        if (id.isEmpty())
            continue;
        const auto worst = worstOpen(*m_document, id);
        item->setText(2, worst ? QString(layout::DiagramStyle::severityLetter(*worst)) : QString());
        item->setForeground(2, worst ? layout::DiagramStyle::severityColor(*worst) : QColor());
        item->setToolTip(2,
                         worst ? tr("Worst open threat: %1").arg(rules::severityName(*worst))
                               : tr("No open threat"));
        QFont font = item->font(2);
        font.setBold(true);
        item->setFont(2, font);
    }
}

void ProjectTree::showSelection(const QString &elementId)
{
    m_syncing = true;
    QTreeWidgetItem *item = itemOf(elementId);
    if (item) {
        setCurrentItem(item);
        scrollToItem(item);
    } else {
        clearSelection();
    }
    m_syncing = false;
}

} // namespace threatdock::views
