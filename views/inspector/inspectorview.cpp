#include "inspectorview.h"

#include "elementproperties.h"
#include "threatlabels.h"

#include "controls/coverage.h"
#include "document/reviewdocument.h"

#include "layout/diagramstyle.h"

#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace threatdock::views {

namespace {

constexpr int LinesRole = Qt::UserRole + 2;

enum Page { EmptyPage, ElementPage };

QFont boldFont()
{
    QFont font;
    font.setBold(true);
    return font;
}

/// The severity cell: the letter in the severity's colour, the word in the tooltip.
void setSeverityCell(QTreeWidgetItem *item, int column, rules::Severity severity)
{
    item->setText(column, QString(layout::DiagramStyle::severityLetter(severity)));
    item->setForeground(column,
                        threatlabels::textColor(layout::DiagramStyle::severityColor(severity)));
    item->setFont(column, boldFont());
    item->setToolTip(column, rules::severityName(severity));
    item->setTextAlignment(column, Qt::AlignCenter);
}

QWidget *titledList(QLabel *heading, QTreeWidget *list, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    heading->setFont(boldFont());
    layout->addWidget(heading);
    layout->addWidget(list, 1);
    return box;
}

} // namespace

InspectorView::InspectorView(ReviewDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("inspectorView"));
    auto *empty = new QLabel(tr("Select an element in the diagram or the project tree"), this);
    empty->setObjectName(QStringLiteral("inspectorEmpty"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setEnabled(false);

    auto *element = new QWidget(this);
    m_title = new QLabel(element);
    m_title->setObjectName(QStringLiteral("inspectorTitle"));
    QFont titleFont = boldFont();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_subtitle = new QLabel(element);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_properties = createList(QStringLiteral("inspectorProperties"), {tr("Property"), tr("Value")});
    m_properties->setRootIsDecorated(true);
    m_properties->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_properties->header()->setStretchLastSection(true);
    m_properties->setWordWrap(true);
    m_threatHeading = new QLabel(element);
    m_threats = createList(QStringLiteral("inspectorThreats"),
                           {tr("Sev"), tr("STRIDE"), tr("Threat"), tr("Decision")});
    m_findingHeading = new QLabel(element);
    m_findings = createList(QStringLiteral("inspectorFindings"),
                            {tr("Sev"), tr("Rule"), tr("Finding"), tr("Where")});

    auto *splitter = new QSplitter(Qt::Vertical, element);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_properties);
    splitter->addWidget(titledList(m_threatHeading, m_threats, splitter));
    splitter->addWidget(titledList(m_findingHeading, m_findings, splitter));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 2);
    auto *elementLayout = new QVBoxLayout(element);
    elementLayout->setContentsMargins(6, 6, 6, 6);
    elementLayout->addWidget(m_title);
    elementLayout->addWidget(m_subtitle);
    elementLayout->addWidget(splitter, 1);

    m_pages = new QStackedWidget(this);
    m_pages->insertWidget(EmptyPage, empty);
    m_pages->insertWidget(ElementPage, element);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    const auto makeCurrent = [this](QTreeWidgetItem *item) {
        if (item && !m_updating)
            m_document->setCurrentThreat(item->data(0, IdRole).toString());
    };
    connect(m_threats, &QTreeWidget::itemClicked, this, makeCurrent);
    connect(m_threats, &QTreeWidget::currentItemChanged, this, makeCurrent);
    connect(m_findings, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        m_document->activateFinding(item->data(0, IdRole).toString());
    });
    connect(document, &ReviewDocument::selectionChanged, this, &InspectorView::showElement);
    connect(document, &ReviewDocument::analysisChanged, this,
            [this] { showElement(m_document->selectedElement()); });
    connect(document, &ReviewDocument::decisionChanged, this, &InspectorView::updateDecisions);
    connect(document, &ReviewDocument::reviewChanged, this, &InspectorView::updateDecisions);
    connect(document, &ReviewDocument::currentThreatChanged, this,
            &InspectorView::markCurrentThreat);
    showElement(document->selectedElement());
}

InspectorView::~InspectorView() = default;

QTreeWidget *InspectorView::createList(const QString &objectName, const QStringList &headers)
{
    auto *list = new QTreeWidget(this);
    list->setObjectName(objectName);
    list->setColumnCount(int(headers.size()));
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->setSelectionBehavior(QAbstractItemView::SelectRows);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list->setAllColumnsShowFocus(true);
    list->setAlternatingRowColors(true);
    list->header()->setStretchLastSection(false);
    list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    list->header()->setSectionResizeMode(int(headers.size()) - 2, QHeaderView::Stretch);
    return list;
}

bool InspectorView::isEmptyState() const
{
    return m_pages->currentIndex() == EmptyPage;
}

QString InspectorView::propertyText(const QString &name) const
{
    for (int s = 0; s < m_properties->topLevelItemCount(); ++s) {
        const QTreeWidgetItem *section = m_properties->topLevelItem(s);
        for (int r = 0; r < section->childCount(); ++r)
            if (section->child(r)->text(0) == name)
                return section->child(r)->data(1, LinesRole).toStringList().join(u'\n');
    }
    return QString();
}

void InspectorView::showElement(const QString &elementId)
{
    m_elementId = elementId;
    const bool known = !elementId.isEmpty() && m_document->hasAnalysis()
        && (m_document->element(elementId) || !m_document->threatsOf(elementId).isEmpty()
            || threatlabels::elementName(*m_document, elementId) != elementId);
    if (!known) {
        m_elementId.clear();
        m_properties->clear();
        m_threats->clear();
        m_findings->clear();
        m_pages->setCurrentIndex(EmptyPage);
        return;
    }
    fillProperties();
    fillThreats();
    fillFindings();
    m_pages->setCurrentIndex(ElementPage);
}

void InspectorView::fillProperties()
{
    const system::SystemModel &model = m_document->report().systemModel;
    const QString dir = m_document->projectDirectory();
    QList<PropertySection> sections;
    if (const system::Element *e = m_document->element(m_elementId)) {
        m_title->setText(e->name);
        m_subtitle->setText(e->role.isEmpty() ? elementproperties::kindName(*e)
                                              : elementproperties::kindName(*e)
                                    + QStringLiteral(" · ") + e->role);
        sections = elementproperties::forElement(
            *e, m_document->analysis().project.service(e->service), dir);
    } else {
        m_title->setText(threatlabels::elementName(*m_document, m_elementId));
        m_subtitle->setText(tr("data flow"));
        for (const system::DataFlow &flow : model.flows)
            if (flow.id == m_elementId)
                sections = elementproperties::forFlow(flow, model, dir);
    }
    m_properties->clear();
    for (const PropertySection &section : std::as_const(sections)) {
        auto *sectionItem = new QTreeWidgetItem(m_properties, {section.title});
        sectionItem->setFont(0, boldFont());
        sectionItem->setFirstColumnSpanned(true);
        for (const PropertyRow &row : section.rows) {
            const QString value = row.lines.join(u'\n');
            auto *item = new QTreeWidgetItem(sectionItem, {row.name, value});
            item->setData(1, LinesRole, row.lines);
            item->setToolTip(0, row.name);
            item->setToolTip(1, value);
            item->setFirstColumnSpanned(row.lines.isEmpty());
        }
    }
    m_properties->expandAll();
}

void InspectorView::fillThreats()
{
    m_updating = true;
    m_threats->clear();
    for (const threats::Threat *t : m_document->threatsOf(m_elementId)) {
        auto *item = new QTreeWidgetItem(m_threats);
        item->setData(0, IdRole, t->id);
        setSeverityCell(item, ThreatSeverityColumn, t->severity);
        item->setText(ThreatStrideColumn, t->stride);
        item->setToolTip(ThreatStrideColumn, threatlabels::strideName(t->stride));
        item->setTextAlignment(ThreatStrideColumn, Qt::AlignCenter);
        item->setText(ThreatTitleColumn, t->title);
        item->setToolTip(ThreatTitleColumn, t->id + u'\n' + threatlabels::summary(*m_document, *t));
    }
    m_updating = false;
    updateDecisions();
    markCurrentThreat();
}

void InspectorView::fillFindings()
{
    const QDir dir(m_document->projectDirectory());
    m_findings->clear();
    const auto findings = m_document->findingsOf(m_elementId);
    for (const rules::Finding *f : findings) {
        auto *item = new QTreeWidgetItem(m_findings);
        item->setData(0, IdRole, f->id);
        setSeverityCell(item, FindingSeverityColumn, f->severity);
        item->setText(FindingRuleColumn, f->ruleId);
        item->setText(FindingTitleColumn, f->title);
        item->setToolTip(FindingTitleColumn,
                         f->evidence.isEmpty() ? f->why : f->evidence + u'\n' + f->why);
        QString where = f->file.isEmpty() ? QString() : dir.relativeFilePath(f->file);
        if (f->line > 0)
            where += u':' + QString::number(f->line);
        item->setText(FindingWhereColumn, where);
    }
    m_findingHeading->setText(tr("Findings (%1)").arg(findings.size()));
}

void InspectorView::updateDecisions()
{
    int open = 0;
    for (int row = 0; row < m_threats->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_threats->topLevelItem(row);
        const threats::Threat *t = m_document->threat(item->data(0, IdRole).toString());
        if (!t)
            continue;
        item->setText(ThreatStatusColumn, threatlabels::decisionLabel(*m_document, *t));
        if (coverage::isOpen(*m_document, *t))
            ++open;
    }
    m_threatHeading->setText(
        tr("Threats (%1, %2 open)").arg(m_threats->topLevelItemCount()).arg(open));
}

void InspectorView::markCurrentThreat()
{
    m_updating = true;
    const QString current = m_document->currentThreat();
    QTreeWidgetItem *match = nullptr;
    for (int row = 0; row < m_threats->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_threats->topLevelItem(row);
        const bool isCurrent = item->data(0, IdRole).toString() == current;
        item->setFont(ThreatTitleColumn, isCurrent ? boldFont() : QFont());
        if (isCurrent)
            match = item;
    }
    m_threats->setCurrentItem(match);
    if (!match)
        m_threats->clearSelection();
    m_updating = false;
}

} // namespace threatdock::views
