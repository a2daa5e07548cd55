#include "coveragemodel.h"

#include "document/reviewdocument.h"
#include "inspector/threatlabels.h"

#include "layout/diagramstyle.h"

#include <QFont>
#include <QSet>

namespace threatdock::views {

namespace {

QColor stateColor(CoverageState state)
{
    switch (state) {
    case CoverageState::Open:
        return threatlabels::textColor(
            layout::DiagramStyle::severityColor(rules::Severity::Medium));
    case CoverageState::Covered:
        return threatlabels::textColor(QColor(0x2e, 0x7d, 0x32));
    case CoverageState::NotConsidered:
        break;
    }
    return threatlabels::textColor(layout::DiagramStyle::severityColor(rules::Severity::Info));
}

} // namespace

CoverageModel::CoverageModel(const ReviewDocument *document, QString nameHeader, QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(document)
    , m_nameHeader(std::move(nameHeader))
{
    rebuildParents();
}

void CoverageModel::setGroups(QList<CoverageGroup> groups)
{
    beginResetModel();
    m_groups = std::move(groups);
    rebuildParents();
    endResetModel();
}

void CoverageModel::rebuildParents()
{
    m_parents.clear();
    m_parents.emplace_back(-1, -1);
    for (int g = 0; g < m_groups.size(); ++g)
        m_parents.emplace_back(g, -1);
    for (int g = 0; g < m_groups.size(); ++g)
        for (int e = 0; e < m_groups.at(g).entries.size(); ++e)
            m_parents.emplace_back(g, e);
}

void CoverageModel::refreshStates()
{
    emitChanged({});
}

void CoverageModel::emitChanged(const QModelIndex &parent)
{
    const int rows = rowCount(parent);
    if (rows == 0)
        return;
    Q_EMIT dataChanged(index(0, 0, parent), index(rows - 1, ColumnCount - 1, parent));
    for (int row = 0; row < rows; ++row)
        emitChanged(index(row, 0, parent));
}

void CoverageModel::threatChanged(const QString &threatId)
{
    if (threatId.isEmpty())
        return;
    for (int g = 0; g < m_groups.size(); ++g) {
        bool touched = false;
        const QList<CoverageEntry> &entries = m_groups.at(g).entries;
        for (int e = 0; e < entries.size(); ++e) {
            const int row = int(entries.at(e).threatIds.indexOf(threatId));
            if (row < 0)
                continue;
            const QModelIndex entry = createIndex(e, 0, quintptr(1 + g));
            Q_EMIT dataChanged(index(row, 0, entry), index(row, ColumnCount - 1, entry));
            Q_EMIT dataChanged(entry, entry.siblingAtColumn(ColumnCount - 1));
            touched = true;
        }
        if (touched)
            Q_EMIT dataChanged(index(g, 0), index(g, ColumnCount - 1));
    }
}

QModelIndex CoverageModel::entryIndex(const QString &entryId) const
{
    for (int g = 0; g < m_groups.size(); ++g)
        for (int e = 0; e < m_groups.at(g).entries.size(); ++e)
            if (m_groups.at(g).entries.at(e).id == entryId)
                return createIndex(e, 0, quintptr(1 + g));
    return {};
}

QModelIndex CoverageModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    const ParentKey key = m_parents.at(parent.internalId());
    if (key.first < 0) // parent is a group: entries
        return createIndex(row, column, quintptr(1 + parent.row()));
    // parent is an entry: its threats; entries are numbered after the groups
    const int group = int(parent.internalId()) - 1;
    std::size_t id = 1 + std::size_t(m_groups.size());
    for (int g = 0; g < group; ++g)
        id += std::size_t(m_groups.at(g).entries.size());
    return createIndex(row, column, quintptr(id + std::size_t(parent.row())));
}

QModelIndex CoverageModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const ParentKey key = m_parents.at(child.internalId());
    if (key.second < 0)
        return createIndex(key.first, 0, quintptr(0));
    return createIndex(key.second, 0, quintptr(1 + key.first));
}

int CoverageModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0)
        return 0;
    const ParentKey key = m_parents.at(parent.internalId());
    if (key.first < 0)
        return int(m_groups.at(parent.row()).entries.size());
    if (key.second < 0)
        return int(m_groups.at(key.first).entries.at(parent.row()).threatIds.size());
    return 0;
}

int CoverageModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags CoverageModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant CoverageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return m_nameHeader;
    case StatusColumn:
        return tr("Status");
    case OpenColumn:
        return tr("Open");
    case ThreatsColumn:
        return tr("Threats");
    case DetailsColumn:
        return tr("Details");
    default:
        return {};
    }
}

QVariant CoverageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ParentKey key = m_parents.at(index.internalId());
    if (key.first < 0)
        return groupData(m_groups.at(index.row()), index.column(), role);
    const CoverageGroup &group = m_groups.at(key.first);
    if (key.second < 0)
        return entryData(group.entries.at(index.row()), index.column(), role);
    return threatData(group.entries.at(key.second).threatIds.at(index.row()), index.column(), role);
}

QVariant CoverageModel::groupData(const CoverageGroup &group, int column, int role) const
{
    int open = 0;
    int covered = 0;
    QSet<QString> threatIds;
    QSet<QString> openThreats;
    for (const CoverageEntry &entry : group.entries) {
        const CoverageState state = coverage::stateOf(*m_document, entry);
        open += state == CoverageState::Open ? 1 : 0;
        covered += state == CoverageState::Covered ? 1 : 0;
        for (const QString &id : entry.threatIds) {
            threatIds.insert(id);
            const threats::Threat *t = m_document->threat(id);
            if (t && coverage::isOpen(*m_document, *t))
                openThreats.insert(id);
        }
    }
    const int notConsidered = int(group.entries.size()) - open - covered;
    switch (role) {
    case KindRole:
        return int(RowKind::Group);
    case IdRole:
        return group.id;
    case OpenCountRole:
        return open;
    case CoveredCountRole:
        return covered;
    case StateRole:
        return int(open > 0
                       ? CoverageState::Open
                       : (covered > 0 ? CoverageState::Covered : CoverageState::NotConsidered));
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case NameColumn:
        return group.title;
    case StatusColumn: {
        QString text = tr("%1 open · %2 covered").arg(open).arg(covered);
        if (notConsidered > 0)
            text += tr(" · %1 not considered").arg(notConsidered);
        return text;
    }
    case OpenColumn:
        return int(openThreats.size());
    case ThreatsColumn:
        return int(threatIds.size());
    default:
        return {};
    }
}

QVariant CoverageModel::entryData(const CoverageEntry &entry, int column, int role) const
{
    const CoverageState state = coverage::stateOf(*m_document, entry);
    const int open = coverage::openCount(*m_document, entry.threatIds);
    switch (role) {
    case KindRole:
        return int(RowKind::Entry);
    case IdRole:
        return entry.id;
    case StateRole:
        return int(state);
    case UrlRole:
        return entry.url;
    case OpenCountRole:
        return open;
    case CoveredCountRole:
        return int(entry.threatIds.size()) - open;
    case Qt::ForegroundRole:
        return column == StatusColumn ? QVariant(stateColor(state)) : QVariant();
    case Qt::ToolTipRole:
        if (column == DetailsColumn)
            return entry.details;
        return column == NameColumn
            ? QString(entry.id + u' ' + entry.title
                      + (entry.url.isEmpty() ? QString() : u'\n' + entry.url))
            : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case NameColumn:
        return QString(entry.id + QStringLiteral("  ") + entry.title);
    case StatusColumn:
        return coverage::stateLabel(state);
    case OpenColumn:
        return state == CoverageState::NotConsidered ? QVariant() : QVariant(open);
    case ThreatsColumn:
        return state == CoverageState::NotConsidered ? QVariant()
                                                     : QVariant(int(entry.threatIds.size()));
    case DetailsColumn:
        return entry.details;
    default:
        return {};
    }
}

QVariant CoverageModel::threatData(const QString &threatId, int column, int role) const
{
    const threats::Threat *t = m_document->threat(threatId);
    if (!t)
        return {};
    const bool open = coverage::isOpen(*m_document, *t);
    switch (role) {
    case KindRole:
        return int(RowKind::Threat);
    case IdRole:
    case ThreatIdRole:
        return threatId;
    case StateRole:
        return int(open ? CoverageState::Open : CoverageState::Covered);
    case Qt::FontRole: {
        if (threatId != m_document->currentThreat())
            return {};
        QFont font;
        font.setBold(true);
        return font;
    }
    case Qt::ForegroundRole:
        return column == StatusColumn
            ? QVariant(stateColor(open ? CoverageState::Open : CoverageState::Covered))
            : QVariant();
    case Qt::ToolTipRole:
        return column == NameColumn ? QVariant(t->id) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case NameColumn:
        return t->title;
    case StatusColumn:
        return threatlabels::decisionLabel(*m_document, *t);
    case DetailsColumn:
        return threatlabels::summary(*m_document, *t);
    default:
        return {};
    }
}

} // namespace threatdock::views
