#include "threattablemodel.h"

#include "inspector/threatlabels.h"
#include "threattext.h"

#include "document/reviewdocument.h"

#include "layout/diagramstyle.h"
#include "threats/riskscale.h"

namespace threatdock::views {

ThreatTableModel::ThreatTableModel(ReviewDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &ReviewDocument::analysisChanged, this, &ThreatTableModel::reload);
    connect(document, &ReviewDocument::reviewChanged, this, &ThreatTableModel::allDecisionsChanged);
    connect(document, &ReviewDocument::decisionChanged, this, &ThreatTableModel::decisionChanged);
    reload();
}

void ThreatTableModel::reload()
{
    beginResetModel();
    m_ids.clear();
    m_rows.clear();
    if (m_document) {
        for (const threats::Threat &threat : m_document->report().threats) {
            m_rows.insert(threat.id, int(m_ids.size()));
            m_ids << threat.id;
        }
    }
    endResetModel();
}

void ThreatTableModel::decisionChanged(const QString &threatId)
{
    const auto it = m_rows.constFind(threatId);
    if (it != m_rows.cend())
        Q_EMIT dataChanged(index(*it, StatusColumn), index(*it, OwnerColumn));
}

void ThreatTableModel::allDecisionsChanged()
{
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, StatusColumn), index(int(m_ids.size()) - 1, OwnerColumn));
}

bool ThreatTableModel::isRow(const QModelIndex &index) const
{
    // The tester asks about invalid indexes on purpose: answer quietly (no checkIndex).
    return index.isValid() && index.model() == this && !index.parent().isValid()
        && index.row() < m_ids.size() && index.column() < ColumnCount;
}

int ThreatTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int ThreatTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ThreatTableModel::threatIdAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : QString();
}

QModelIndex ThreatTableModel::indexOf(const QString &threatId, int column) const
{
    const auto it = m_rows.constFind(threatId);
    return it == m_rows.cend() ? QModelIndex() : index(*it, column);
}

QVariant ThreatTableModel::display(const threats::Threat &threat, int column) const
{
    switch (column) {
    case IdColumn:
        return threat.id;
    case TitleColumn:
        return threat.title;
    case ElementColumn:
        return threatlabels::elementName(*m_document, threat.elementId);
    case StrideColumn:
        return threat.stride;
    case SeverityColumn:
        return QStringLiteral("%1 %2").arg(
            QString(layout::DiagramStyle::severityLetter(threat.severity)),
            threattext::severityLabel(threat.severity));
    case RiskColumn:
        return threat.risk();
    case StatusColumn:
        return threattext::statusLabel(m_document->decision(threat.id).status);
    case OwnerColumn:
        return m_document->decision(threat.id).owner;
    default:
        return {};
    }
}

QVariant ThreatTableModel::sortKey(const threats::Threat &threat, int column) const
{
    switch (column) {
    case SeverityColumn:
        return int(threat.severity) * 100 + threat.risk();
    case RiskColumn:
        return threat.risk();
    case StatusColumn:
        return int(m_document->decision(threat.id).status);
    default:
        return display(threat, column).toString().toLower();
    }
}

QVariant ThreatTableModel::data(const QModelIndex &index, int role) const
{
    if (!isRow(index) || !m_document)
        return {};
    const threats::Threat *threat = m_document->threat(m_ids.at(index.row()));
    if (!threat)
        return {};
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(*threat, column);
    case Qt::EditRole:
        if (column == StatusColumn)
            return review::decisionStatusName(m_document->decision(threat->id).status);
        return display(*threat, column);
    case Qt::ToolTipRole:
        if (column == StrideColumn)
            return threatlabels::strideName(threat->stride);
        if (column == SeverityColumn || column == RiskColumn)
            return tr("likelihood %1 × impact %2 = %3")
                .arg(threats::RiskScale::likelihoodName(threat->likelihood),
                     threats::RiskScale::impactName(threat->impact),
                     QString::number(threat->risk()));
        if (column == ElementColumn)
            return threattext::elementDescription(*m_document, threat->elementId);
        if (column == TitleColumn)
            return threat->description;
        return display(*threat, column);
    case Qt::DecorationRole:
        if (column == SeverityColumn)
            return layout::DiagramStyle::severityColor(threat->severity);
        return {};
    case Qt::TextAlignmentRole:
        if (column == RiskColumn || column == StrideColumn)
            return int(Qt::AlignCenter);
        return {};
    case ThreatIdRole:
        return threat->id;
    case SortRole:
        return sortKey(*threat, column);
    case SearchRole: {
        QStringList texts;
        for (int c = 0; c < ColumnCount; ++c)
            texts << display(*threat, c).toString();
        texts << threatlabels::strideName(threat->stride) << m_document->decision(threat->id).notes;
        return texts.join(u'\n');
    }
    default:
        return {};
    }
}

QVariant ThreatTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IdColumn:
            return tr("Id");
        case TitleColumn:
            return tr("Threat");
        case ElementColumn:
            return tr("Element");
        case StrideColumn:
            return tr("STRIDE");
        case SeverityColumn:
            return tr("Severity");
        case RiskColumn:
            return tr("Risk");
        case StatusColumn:
            return tr("Status");
        case OwnerColumn:
            return tr("Owner");
        default:
            break;
        }
    }
    if (role == Qt::ToolTipRole && section == RiskColumn)
        return tr("likelihood × impact, 1 to 16");
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags ThreatTableModel::flags(const QModelIndex &index) const
{
    if (!isRow(index))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const bool editable = index.column() == StatusColumn || index.column() == OwnerColumn;
    if (editable && m_document && m_document->hasReview())
        f |= Qt::ItemIsEditable;
    return f;
}

bool ThreatTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !m_document || !isRow(index)
        || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const QString id = m_ids.at(index.row());
    if (index.column() == StatusColumn) {
        std::optional<review::DecisionStatus> status;
        if (value.typeId() == QMetaType::QString)
            status = review::decisionStatusFromName(value.toString());
        else {
            bool ok = false;
            const int i = value.toInt(&ok);
            const QList<review::DecisionStatus> all = threattext::statuses();
            if (ok && i >= 0 && i < all.size())
                status = all.at(i);
        }
        if (!status)
            return false;
        m_document->setStatus(id, *status);
        return m_document->decision(id).status == *status;
    }
    const QString owner = value.toString().trimmed();
    m_document->setOwner(id, owner);
    return m_document->decision(id).owner == owner;
}

} // namespace threatdock::views
