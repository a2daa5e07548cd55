#pragma once

#include "coverage.h"

#include <QAbstractItemModel>
#include <QList>

#include <utility>
#include <vector>

namespace threatdock::views {

class ReviewDocument;

/// A three-level tree of coverage: groups (control families or ATT&CK tactics) ->
/// entries (controls or techniques) -> the threats mapped to each entry.
///
/// The structure is set once per analysis (setGroups); the states (open, covered, not
/// considered), counts and decisions are read from the document whenever they are
/// shown, so threatChanged() after a decision is enough to update the rows it touches.
class CoverageModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoverageModel)

public:
    enum Column { NameColumn, StatusColumn, OpenColumn, ThreatsColumn, DetailsColumn, ColumnCount };
    enum class RowKind { Group, Entry, Threat };
    enum Role {
        KindRole = Qt::UserRole + 1, ///< RowKind as int
        IdRole,                      ///< group id, entry id, or threat id
        ThreatIdRole,                ///< threat rows only
        StateRole,                   ///< CoverageState as int (entries and threats: open/covered)
        OpenCountRole,               ///< groups: entries open; entries: threats open
        CoveredCountRole,            ///< groups: entries covered; entries: threats settled
        UrlRole                      ///< entries: the ATT&CK page, "" when none
    };

    /// nameHeader names what the entries are: "Control", "Technique".
    CoverageModel(const ReviewDocument *document, QString nameHeader, QObject *parent = nullptr);

    void setGroups(QList<CoverageGroup> groups);
    const QList<CoverageGroup> &groups() const { return m_groups; }
    /// Announces that any number of decisions changed (another review file): every row.
    void refreshStates();
    /// Announces that one threat's decision, or whether it is current, changed: its rows,
    /// the entries that hold it and their groups.
    void threatChanged(const QString &threatId);

    /// The entry row with this id (first group holding it), invalid when none.
    QModelIndex entryIndex(const QString &entryId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    /// A row that has children: the root (-1, -1), a group (g, -1) or an entry (g, e).
    /// An index's internal id is the position of its parent in m_parents.
    using ParentKey = std::pair<int, int>;

    void rebuildParents();
    void emitChanged(const QModelIndex &parent);
    QVariant groupData(const CoverageGroup &group, int column, int role) const;
    QVariant entryData(const CoverageEntry &entry, int column, int role) const;
    QVariant threatData(const QString &threatId, int column, int role) const;

    const ReviewDocument *m_document;
    QString m_nameHeader;
    QList<CoverageGroup> m_groups;
    std::vector<ParentKey> m_parents;
};

} // namespace threatdock::views
