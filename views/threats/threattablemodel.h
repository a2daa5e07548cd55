#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QStringList>

namespace threatdock::threats {
struct Threat;
}

namespace threatdock::views {

class ReviewDocument;

/// Every threat of the document's analysis, one row each in the analysis's order, with
/// its decision: id, title, element, STRIDE, severity, risk, status, owner. Status and
/// owner are editable (through the document: undoable, saved at once, only while a
/// review file is open). It follows the document: a new analysis resets it, a decision
/// change updates that row's cells.
class ThreatTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreatTableModel)

public:
    enum Column {
        IdColumn,
        TitleColumn,
        ElementColumn,
        StrideColumn,
        SeverityColumn,
        RiskColumn,
        StatusColumn,
        OwnerColumn,
        ColumnCount
    };
    enum Role {
        ThreatIdRole = Qt::UserRole + 1, ///< the threat's id, every column
        SortRole,   ///< what the column sorts by (severity then risk, risk, status order)
        SearchRole, ///< the text a search matches: every column and the notes
    };

    explicit ThreatTableModel(ReviewDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// Status: a stored name ("mitigated", "not-applicable") or a review::DecisionStatus
    /// value; owner: text. Returns whether the review file now holds the value.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    /// The row of a threat, invalid when it is not in the model.
    QModelIndex indexOf(const QString &threatId, int column = IdColumn) const;
    QString threatIdAt(int row) const;

private:
    /// A valid index of this model's cells.
    bool isRow(const QModelIndex &index) const;
    void reload();
    void decisionChanged(const QString &threatId);
    void allDecisionsChanged();
    QVariant display(const threats::Threat &threat, int column) const;
    QVariant sortKey(const threats::Threat &threat, int column) const;

    QPointer<ReviewDocument> m_document;
    QStringList m_ids;
    QHash<QString, int> m_rows;
};

} // namespace threatdock::views
