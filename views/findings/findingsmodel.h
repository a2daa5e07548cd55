#pragma once

#include "rules/finding.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace threatdock::views {

class ReviewDocument;

/// The findings of the document's analysis as a table, one row per finding in report
/// order: severity (letter and word, its colour as decoration), rule, title, service,
/// location (file:line relative to the project directory), source (threatdock, bandit,
/// trivy...) and evidence (already redacted by the report). Reset when the analysis
/// changes (it keeps its own, implicitly shared, copy of the list so that a reset is
/// announced before its rows change); read-only.
class FindingsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsModel)

public:
    enum Column {
        SeverityColumn,
        RuleColumn,
        TitleColumn,
        ServiceColumn,
        LocationColumn,
        SourceColumn,
        EvidenceColumn,
        ColumnCount
    };
    enum Role {
        /// The value a column sorts by: severity rank (int), location as file then line
        /// number, the display text otherwise.
        SortRole = Qt::UserRole + 1,
        FindingIdRole,  ///< the finding's id
        SeverityRole,   ///< the severity's rank (int, rules::Severity)
        SourceRole,     ///< "threatdock", "bandit", "trivy"...
        ElementRole,    ///< the element it is about ("service:api"), "" for none
        SearchTextRole, ///< every column's text, for searching
    };

    explicit FindingsModel(ReviewDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The finding shown in a row (nullptr for an invalid row).
    const rules::Finding *finding(int row) const;
    /// The row of a finding, -1 when it is not in the analysis.
    int rowOf(const QString &findingId) const;
    /// The sources of the findings, "threatdock" first, then by name.
    QStringList sources() const;
    /// A row's "api/app.py:15": the file relative to the project directory, and the line
    /// if any.
    QString location(int row) const;

private:
    void reload();
    QString text(int row, int column) const;

    ReviewDocument *m_document;
    QList<rules::Finding> m_findings;
    QStringList m_locations;    ///< per row, as shown
    QStringList m_locationKeys; ///< per row, file and zero-padded line, for sorting
};

} // namespace threatdock::views
