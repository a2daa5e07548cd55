#include "controlsview.h"

#include "coveragemodel.h"
#include "openonlyfilter.h"

#include "document/reviewdocument.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSet>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace threatdock::views {

namespace {

const QString otherTechniques = QStringLiteral("other");

/// Entries by state, each id once (a technique appears under each of its tactics).
struct Tally
{
    int open = 0;
    int covered = 0;
    int notConsidered = 0;
    int total() const { return open + covered + notConsidered; }
};

Tally tally(const ReviewDocument &document, const QList<CoverageGroup> &groups, bool containersOnly)
{
    Tally t;
    QSet<QString> seen;
    for (const CoverageGroup &group : groups) {
        if (containersOnly && group.id == otherTechniques)
            continue;
        for (const CoverageEntry &entry : group.entries) {
            if (seen.contains(entry.id))
                continue;
            seen.insert(entry.id);
            switch (coverage::stateOf(document, entry)) {
            case CoverageState::Open:
                ++t.open;
                break;
            case CoverageState::Covered:
                ++t.covered;
                break;
            case CoverageState::NotConsidered:
                ++t.notConsidered;
                break;
            }
        }
    }
    return t;
}

} // namespace

ControlsView::ControlsView(ReviewDocument *document, catalog::Catalog catalog, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_catalog(std::move(catalog))
    , m_nistModel(new CoverageModel(document, tr("Control"), this))
    , m_attackModel(new CoverageModel(document, tr("Technique"), this))
    , m_nistFilter(new OpenOnlyFilter(this))
    , m_attackFilter(new OpenOnlyFilter(this))
{
    setObjectName(QStringLiteral("controlsView"));
    m_nistFilter->setSourceModel(m_nistModel);
    m_attackFilter->setSourceModel(m_attackModel);

    m_openOnly = new QCheckBox(tr("Open only"), this);
    m_openOnly->setObjectName(QStringLiteral("openOnly"));
    m_openOnly->setToolTip(tr("Show only the threats that are still open, and the controls and "
                              "techniques they map to"));
    m_nistSummary = new QLabel(this);
    m_nistSummary->setObjectName(QStringLiteral("nistSummary"));
    m_attackSummary = new QLabel(this);
    m_attackSummary->setObjectName(QStringLiteral("attackSummary"));
    m_nistTree = createTree(QStringLiteral("nistTree"), m_nistFilter);
    m_attackTree = createTree(QStringLiteral("attackTree"), m_attackFilter);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("controlsTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createPage(m_nistSummary, m_nistTree), tr("NIST SP 800-53 controls"));
    m_tabs->addTab(createPage(m_attackSummary, m_attackTree), tr("ATT&&CK Containers matrix"));
    m_tabs->setCornerWidget(m_openOnly, Qt::TopRightCorner);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(m_openOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_nistFilter->setOpenOnly(on);
        m_attackFilter->setOpenOnly(on);
        expandGroups(m_nistTree);
        expandGroups(m_attackTree);
    });
    connect(document, &ReviewDocument::analysisChanged, this, &ControlsView::rebuild);
    connect(document, &ReviewDocument::reviewChanged, this, &ControlsView::refreshStates);
    connect(document, &ReviewDocument::decisionChanged, this, [this](const QString &threatId) {
        threatChanged(threatId);
        updateSummaries();
    });
    connect(document, &ReviewDocument::currentThreatChanged, this, [this](const QString &threatId) {
        threatChanged(std::exchange(m_currentThreat, threatId));
        threatChanged(threatId);
    });
    rebuild();
}

ControlsView::~ControlsView() = default;

QTreeView *ControlsView::createTree(const QString &objectName, OpenOnlyFilter *filter)
{
    auto *tree = new QTreeView(this);
    tree->setObjectName(objectName);
    tree->setModel(filter);
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    tree->setSelectionMode(QAbstractItemView::SingleSelection);
    tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tree->setAllColumnsShowFocus(true);
    // Columns are sized to their contents once per analysis (rebuild), not on every change.
    QHeaderView *header = tree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(CoverageModel::NameColumn, QHeaderView::Stretch);
    header->resizeSection(CoverageModel::DetailsColumn, 320);
    // A mouse click or keyboard navigation on a threat row makes it current.
    connect(tree, &QTreeView::clicked, this, &ControlsView::showThreat);
    connect(tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this, tree](const QModelIndex &current) {
                if (tree->hasFocus())
                    showThreat(current);
            });
    return tree;
}

QWidget *ControlsView::createPage(QLabel *summary, QTreeView *tree)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 0);
    summary->setWordWrap(true);
    layout->addWidget(summary);
    layout->addWidget(tree, 1);
    return page;
}

void ControlsView::rebuild()
{
    if (m_document->hasAnalysis()) {
        m_nistModel->setGroups(coverage::nistControls(*m_document, m_catalog));
        m_attackModel->setGroups(coverage::attackTechniques(*m_document, m_catalog));
    } else {
        m_nistModel->setGroups({});
        m_attackModel->setGroups({});
    }
    m_currentThreat = m_document->currentThreat();
    for (QTreeView *tree : {m_nistTree, m_attackTree}) {
        expandGroups(tree);
        for (int column :
             {CoverageModel::StatusColumn, CoverageModel::OpenColumn, CoverageModel::ThreatsColumn})
            tree->resizeColumnToContents(column);
    }
    updateSummaries();
}

void ControlsView::refreshStates()
{
    m_nistModel->refreshStates();
    m_attackModel->refreshStates();
    updateSummaries();
}

void ControlsView::threatChanged(const QString &threatId)
{
    m_nistModel->threatChanged(threatId);
    m_attackModel->threatChanged(threatId);
}

void ControlsView::expandGroups(QTreeView *tree)
{
    for (int row = 0; row < tree->model()->rowCount(); ++row)
        tree->expand(tree->model()->index(row, 0));
}

void ControlsView::showThreat(const QModelIndex &proxyIndex)
{
    const QString threatId = proxyIndex.data(CoverageModel::ThreatIdRole).toString();
    if (!threatId.isEmpty())
        m_document->setCurrentThreat(threatId);
}

QString ControlsView::nistSummary() const
{
    const Tally t = tally(*m_document, m_nistModel->groups(), false);
    if (t.total() == 0)
        return tr("No threat maps to a NIST SP 800-53 control.");
    return tr("%1 controls cited by the threats: %2 open, %3 covered (every threat mapped to "
              "them mitigated, accepted, transferred or not applicable).")
        .arg(t.total())
        .arg(t.open)
        .arg(t.covered);
}

QString ControlsView::attackSummary() const
{
    const Tally t = tally(*m_document, m_attackModel->groups(), true);
    QString text = tr("%1 of %2 techniques of the Containers matrix (ATT&CK %3) considered by "
                      "the threats: %4 open, %5 covered; %6 not considered.")
                       .arg(t.open + t.covered)
                       .arg(t.total())
                       .arg(m_catalog.attackVersion())
                       .arg(t.open)
                       .arg(t.covered)
                       .arg(t.notConsidered);
    const Tally all = tally(*m_document, m_attackModel->groups(), false);
    if (all.total() > t.total())
        text += tr(" %1 other Enterprise techniques cited.").arg(all.total() - t.total());
    return text;
}

void ControlsView::updateSummaries()
{
    m_nistSummary->setText(nistSummary());
    m_attackSummary->setText(attackSummary());
}

} // namespace threatdock::views
