#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace threatdock::views {

/// What the comparison's two tables share: a flat, read-only list of rows of one type,
/// replaced as a whole (a model reset), and a header of one title per column.
template<typename Row> class ComparisonRowsModel : public QAbstractTableModel
{
public:
    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_titles.size());
    }
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0
            && section < m_titles.size())
            return m_titles.at(section);
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    /// The row's contents; nullptr for a row that does not exist.
    const Row *row(int row) const
    {
        return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
    }

protected:
    /// titles: the header, one per column.
    ComparisonRowsModel(const QStringList &titles, QObject *parent)
        : QAbstractTableModel(parent)
        , m_titles(titles)
    { }
    void setRows(QList<Row> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    /// The row of a valid index of this model (checked).
    const Row *rowAt(const QModelIndex &index) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return nullptr;
        return &m_rows.at(index.row());
    }

private:
    QStringList m_titles;
    QList<Row> m_rows;
};

} // namespace threatdock::views
