#include "threatsview.h"

#include "inspector/threatlabels.h"
#include "statusdelegate.h"
#include "threatfilterproxy.h"
#include "threattablemodel.h"
#include "threattext.h"

#include "document/reviewdocument.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace threatdock::views {

namespace {

QComboBox *filterBox(QWidget *parent, const QString &name, const QString &tip)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(name);
    box->setToolTip(tip);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return box;
}

} // namespace

ThreatsView::ThreatsView(ReviewDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new ThreatTableModel(document, this))
    , m_proxy(new ThreatFilterProxy(document, this))
    , m_search(new QLineEdit(this))
    , m_stride(filterBox(this, QStringLiteral("threatStrideFilter"),
                         tr("STRIDE category (shared with the diagram)")))
    , m_severity(filterBox(this, QStringLiteral("threatSeverityFilter"),
                           tr("Lowest severity shown (shared with the diagram)")))
    , m_status(filterBox(this, QStringLiteral("threatStatusFilter"), tr("Decision")))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("threatsView"));
    m_proxy->setSourceModel(m_model);

    m_search->setObjectName(QStringLiteral("threatSearch"));
    m_search->setPlaceholderText(tr("Search id, title, element, owner, notes"));
    m_search->setClearButtonEnabled(true);
    m_stride->addItem(tr("All categories"), QString());
    for (const QString &letter : threattext::strideLetters())
        m_stride->addItem(QStringLiteral("%1 %2").arg(letter, threatlabels::strideName(letter)),
                          letter);
    using rules::Severity;
    m_severity->addItem(tr("Any severity"), int(Severity::Info));
    for (const Severity s : {Severity::Low, Severity::Medium, Severity::High})
        m_severity->addItem(tr("%1 or worse").arg(threattext::severityLabel(s)), int(s));
    m_severity->addItem(threattext::severityLabel(Severity::Critical), int(Severity::Critical));
    m_status->addItem(tr("Any status"), QString());
    for (const review::DecisionStatus s : threattext::statuses())
        m_status->addItem(threattext::statusTitle(s), review::decisionStatusName(s));
    m_count->setObjectName(QStringLiteral("threatCount"));

    m_table->setObjectName(QStringLiteral("threatsTable"));
    // Filtering, sorting and a new analysis move rows, and the table moves its current
    // row with them: that must not make another threat current. Connected before the
    // table gets the model, so these run first. Afterwards the document's current threat
    // is selected again (or nothing, when it is filtered out).
    const auto hold = [this] { m_following = true; };
    const auto reselect = [this] {
        m_following = false;
        selectThreat(m_document ? m_document->currentThreat() : QString());
        updateCount();
    };
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this, hold);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, reselect);
    connect(m_proxy, &QAbstractItemModel::layoutAboutToBeChanged, this, hold);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, reselect);
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, hold);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, reselect);
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this, hold);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, reselect);
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(ThreatTableModel::StatusColumn, new StatusDelegate(this));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ThreatTableModel::RiskColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::SelectedClicked);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ThreatTableModel::TitleColumn, QHeaderView::Stretch);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_stride);
    filters->addWidget(m_severity);
    filters->addWidget(m_status);
    filters->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);

    connect(m_search, &QLineEdit::textChanged, m_proxy, &ThreatFilterProxy::setSearchText);
    connect(m_stride, &QComboBox::currentIndexChanged, this, [this] {
        if (m_document)
            m_document->setStrideFilter(m_stride->currentData().toString());
    });
    connect(m_severity, &QComboBox::currentIndexChanged, this, [this] {
        if (m_document)
            m_document->setMinimumSeverity(rules::Severity(m_severity->currentData().toInt()));
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatusFilter(
            review::decisionStatusFromName(m_status->currentData().toString()));
    });
    connect(document, &ReviewDocument::filterChanged, this, &ThreatsView::showDocumentFilters);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ThreatsView::rowActivated);
    connect(document, &ReviewDocument::currentThreatChanged, this, &ThreatsView::selectThreat);
    showDocumentFilters();
    updateCount();
    selectThreat(document->currentThreat());
}

QString ThreatsView::countText() const
{
    return m_count->text();
}

void ThreatsView::updateCount()
{
    m_count->setText(tr("%1 of %2 threats").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void ThreatsView::showDocumentFilters()
{
    if (!m_document)
        return;
    const QSignalBlocker strideBlocker(m_stride);
    const QSignalBlocker severityBlocker(m_severity);
    const QString letters = m_document->strideFilter();
    int stride = m_stride->findData(letters);
    if (stride < 0) {
        // Several categories chosen elsewhere (the diagram): show them as they are.
        m_stride->addItem(letters, letters);
        stride = m_stride->count() - 1;
    }
    m_stride->setCurrentIndex(stride);
    const int severity = m_severity->findData(int(m_document->minimumSeverity()));
    m_severity->setCurrentIndex(severity < 0 ? 0 : severity);
}

void ThreatsView::rowActivated(const QModelIndex &current)
{
    if (m_following || !m_document || !current.isValid())
        return;
    m_document->setCurrentThreat(current.data(ThreatTableModel::ThreatIdRole).toString());
}

void ThreatsView::selectThreat(const QString &threatId)
{
    const QModelIndex proxyIndex = m_proxy->mapFromSource(m_model->indexOf(threatId));
    QItemSelectionModel *selection = m_table->selectionModel();
    const QModelIndex current = selection->currentIndex();
    // The user's own click or key (the view selects the row itself), or already shown.
    if (proxyIndex.isValid() && current.row() == proxyIndex.row())
        return;
    m_following = true;
    if (proxyIndex.isValid()) {
        const QModelIndex target
            = current.isValid() ? proxyIndex.siblingAtColumn(current.column()) : proxyIndex;
        selection->setCurrentIndex(target,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(target);
    } else {
        selection->clear();
    }
    m_following = false;
}

} // namespace threatdock::views
