#include "findingsview.h"

#include "findingdetails.h"
#include "findingsfiltermodel.h"
#include "findingsmodel.h"

#include "document/reviewdocument.h"
#include "source/sourceview.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace threatdock::views {

using rules::Severity;

FindingsView::FindingsView(ReviewDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new FindingsModel(document, this))
    , m_filter(new FindingsFilterModel(this))
{
    setObjectName(QStringLiteral("findingsView"));
    m_filter->setSourceModel(m_model);
    QWidget *filterBar = createFilterBar();
    createTable();
    m_details = new FindingDetails(this);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("findingsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(filterBar);
    layout->addWidget(splitter, 1);

    auto *find = new QAction(tr("Find in findings"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(find);

    connect(m_details, &FindingDetails::sourceRequested, this,
            [this] { openSource(currentFindingId()); });
    connect(document, &ReviewDocument::analysisChanged, this, &FindingsView::analysisChanged);
    connect(document, &ReviewDocument::selectionChanged, this, &FindingsView::selectionChanged);
    connect(document, &ReviewDocument::findingActivated, this, &FindingsView::findingActivated);
    connect(document, &ReviewDocument::filterChanged, this, &FindingsView::syncSeverity);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &FindingsView::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &FindingsView::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &FindingsView::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &FindingsView::updateCount);
    syncSeverity();
    analysisChanged();
}

QWidget *FindingsView::createFilterBar()
{
    auto *bar = new QWidget(this);
    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("findingsSearch"));
    m_search->setPlaceholderText(tr("Search findings (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(220);
    connect(m_search, &QLineEdit::textChanged, m_filter, &FindingsFilterModel::setSearchText);

    m_severity = new QComboBox(bar);
    m_severity->setObjectName(QStringLiteral("findingsSeverity"));
    m_severity->setToolTip(tr("The lowest severity shown (shared with the diagram)"));
    m_severity->addItem(tr("All severities"), int(Severity::Info));
    m_severity->addItem(tr("Low and above"), int(Severity::Low));
    m_severity->addItem(tr("Medium and above"), int(Severity::Medium));
    m_severity->addItem(tr("High and above"), int(Severity::High));
    m_severity->addItem(tr("Critical only"), int(Severity::Critical));
    connect(m_severity, &QComboBox::activated, this, &FindingsView::severityChosen);

    m_source = new QComboBox(bar);
    m_source->setObjectName(QStringLiteral("findingsSource"));
    m_source->setToolTip(tr("Where the findings come from: ThreatDock's rules or a scanner"));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_source, &QComboBox::currentIndexChanged, this, &FindingsView::sourceChosen);

    m_elementOnly = new QCheckBox(tr("Only the selected element"), bar);
    m_elementOnly->setObjectName(QStringLiteral("findingsSelectedOnly"));
    m_elementOnly->setToolTip(tr("Show only the findings about the element selected in the "
                                 "diagram, the project tree or another view"));
    m_elementOnly->setChecked(true);
    connect(m_elementOnly, &QCheckBox::toggled, this, &FindingsView::elementOnlyToggled);

    m_count = new QLabel(bar);
    m_count->setObjectName(QStringLiteral("findingsCount"));

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_search, 2);
    layout->addWidget(m_severity);
    layout->addWidget(m_source);
    layout->addWidget(m_elementOnly);
    layout->addStretch(1);
    layout->addWidget(m_count);
    return bar;
}

void FindingsView::createTable()
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("findingsTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FindingsModel::SeverityColumn, Qt::DescendingOrder);
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Fitted to the contents once per analysis, not on every sort (ResizeToContents
    // measures every row again: a quarter second per click with 1,300 findings).
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(FindingsModel::EvidenceColumn, QHeaderView::Stretch);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FindingsView::currentRowChanged);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        openSource(index.data(FindingsModel::FindingIdRole).toString());
    });
}

void FindingsView::fitColumns()
{
    for (int column = 0; column < FindingsModel::EvidenceColumn; ++column)
        m_table->resizeColumnToContents(column);
    const int titleWidth = 60 * m_table->fontMetrics().averageCharWidth();
    QHeaderView *header = m_table->horizontalHeader();
    header->resizeSection(FindingsModel::TitleColumn,
                          std::min(header->sectionSize(FindingsModel::TitleColumn), titleWidth));
}

void FindingsView::analysisChanged()
{
    updateSources();
    fitColumns();
    m_filter->setElement(m_elementOnly->isChecked() ? m_document->selectedElement() : QString());
    updateElementLabel();
    updateCount();
    showDetails(m_table->currentIndex());
}

void FindingsView::selectionChanged(const QString &elementId)
{
    if (m_activating || !m_elementOnly->isChecked())
        return;
    m_filter->setElement(elementId);
    updateElementLabel();
}

void FindingsView::findingActivated(const QString &findingId)
{
    if (!m_activating)
        selectFinding(findingId);
}

void FindingsView::elementOnlyToggled(bool on)
{
    m_filter->setElement(on ? m_document->selectedElement() : QString());
    updateElementLabel();
}

void FindingsView::severityChosen(int index)
{
    m_document->setMinimumSeverity(Severity(m_severity->itemData(index).toInt()));
}

void FindingsView::syncSeverity()
{
    const Severity minimum = m_document->minimumSeverity();
    m_severity->setCurrentIndex(m_severity->findData(int(minimum)));
    m_filter->setMinimumSeverity(minimum);
}

void FindingsView::sourceChosen(int index)
{
    m_filter->setSource(index <= 0 ? QString() : m_source->itemData(index).toString());
}

void FindingsView::updateSources()
{
    const QString chosen = m_filter->source();
    const QSignalBlocker blocker(m_source);
    m_source->clear();
    m_source->addItem(tr("All sources"), QString());
    for (const QString &source : m_model->sources())
        m_source->addItem(source, source);
    const int index = m_source->findData(chosen);
    m_source->setCurrentIndex(index < 0 ? 0 : index);
    m_filter->setSource(index < 0 ? QString() : chosen);
}

void FindingsView::updateElementLabel()
{
    const QString elementId = m_filter->element();
    const system::Element *element = m_document->element(elementId);
    const QString name = element ? element->name : elementId;
    m_elementOnly->setText(name.isEmpty() ? tr("Only the selected element")
                                          : tr("Only the selected element (%1)").arg(name));
}

QString FindingsView::countText() const
{
    return m_count->text();
}

void FindingsView::updateCount()
{
    m_count->setText(tr("%1 of %2 findings").arg(m_filter->rowCount()).arg(m_model->rowCount()));
}

QString FindingsView::currentFindingId() const
{
    return m_table->currentIndex().data(FindingsModel::FindingIdRole).toString();
}

void FindingsView::currentRowChanged(const QModelIndex &current)
{
    showDetails(current);
    if (m_following || !current.isValid())
        return;
    m_activating = true;
    m_document->activateFinding(current.data(FindingsModel::FindingIdRole).toString());
    m_activating = false;
}

void FindingsView::showDetails(const QModelIndex &current)
{
    const int row = m_filter->mapToSource(current).row();
    const rules::Finding *f = m_model->finding(row);
    if (!f) {
        m_details->showNothing();
        return;
    }
    m_details->showFinding(*f, m_document->report().rule(f->ruleId), m_model->location(row));
}

bool FindingsView::selectFinding(const QString &findingId)
{
    const int row = m_model->rowOf(findingId);
    if (row < 0)
        return false;
    const QModelIndex sourceIndex = m_model->index(row, 0);
    QModelIndex index = m_filter->mapFromSource(sourceIndex);
    if (!index.isValid()) {
        m_search->clear();
        m_source->setCurrentIndex(0);
        index = m_filter->mapFromSource(sourceIndex);
    }
    if (!index.isValid())
        return false;
    m_following = true;
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_following = false;
    m_table->scrollTo(index);
    return true;
}

bool FindingsView::openSource(const QString &findingId)
{
    const rules::Finding *f = m_document->finding(findingId);
    if (!f || f->file.isEmpty())
        return false;
    if (!m_sourceView)
        m_sourceView = new SourceView(this);
    const QString path = QDir(m_document->projectDirectory()).absoluteFilePath(f->file);
    return m_sourceView->open(path, f->line);
}

} // namespace threatdock::views
