#include "comparisonthreatsmodel.h"

#include "inspector/threatlabels.h"

#include "layout/diagramstyle.h"

namespace threatdock::views {

namespace {

using Change = report::ThreatPair::Change;
using Outcome = ComparisonOutcome;

const QString nothing = QStringLiteral("—");

QString mitigations(const threats::Threat &t)
{
    return QStringLiteral("%1 of %2").arg(report::mitigationsInPlace(t)).arg(t.mitigations.size());
}

/// Sorts fixed first, then improved, unchanged, worsened, and new last.
int changeRank(const ComparisonThreatRow &row)
{
    if (row.outcome == Outcome::Fixed)
        return 0;
    if (row.outcome == Outcome::New)
        return 4;
    switch (row.change()) {
    case Change::Improved:
        return 1;
    case Change::Unchanged:
        return 2;
    case Change::Worsened:
        return 3;
    }
    return 2;
}

} // namespace

Change ComparisonThreatRow::change() const
{
    return before && after ? report::ThreatPair{*before, *after}.change() : Change::Unchanged;
}

ComparisonThreatsModel::ComparisonThreatsModel(QObject *parent)
    : ComparisonRowsModel({tr("Change"), tr("Severity before → after"), tr("Threat"), tr("Element"),
                           tr("STRIDE"), tr("Mitigations in place")},
                          parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

void ComparisonThreatsModel::setComparison(const report::AnalysisComparison &comparison)
{
    QList<ComparisonThreatRow> rows;
    const system::SystemModel &before = comparison.baseline.systemModel;
    const system::SystemModel &after = comparison.current.systemModel;
    for (const threats::Threat &t : comparison.fixedThreats)
        rows << ComparisonThreatRow{Outcome::Fixed, t, std::nullopt,
                                    before.displayName(t.elementId)};
    for (const report::ThreatPair &p : comparison.remainingThreats)
        rows << ComparisonThreatRow{Outcome::Remaining, p.baseline, p.current,
                                    after.displayName(p.current.elementId)};
    for (const threats::Threat &t : comparison.newThreats)
        rows << ComparisonThreatRow{Outcome::New, std::nullopt, t, after.displayName(t.elementId)};
    setRows(std::move(rows));
}

QString ComparisonThreatsModel::text(const ComparisonThreatRow &row, int column) const
{
    switch (column) {
    case ChangeColumn:
        return row.outcome == Outcome::Remaining ? report::changeName(row.change())
                                                 : comparisontext::outcomeLabel(row.outcome);
    case SeverityColumn:
        if (row.before && row.after && row.before->severity == row.after->severity)
            return comparisontext::severity(row.after->severity);
        return (row.before ? rules::severityName(row.before->severity) : nothing)
            + QStringLiteral(" → ")
            + (row.after ? rules::severityName(row.after->severity) : nothing);
    case TitleColumn:
        return row.threat().title;
    case ElementColumn:
        return row.element;
    case StrideColumn:
        return row.threat().stride;
    case MitigationsColumn:
        if (row.before && row.after)
            return QStringLiteral("%1 → %2")
                .arg(report::mitigationsInPlace(*row.before))
                .arg(mitigations(*row.after));
        return row.before ? mitigations(*row.before) + QStringLiteral(" → ") + nothing
                          : nothing + QStringLiteral(" → ") + mitigations(*row.after);
    default:
        return QString();
    }
}

QVariant ComparisonThreatsModel::sortKey(const ComparisonThreatRow &row, int column) const
{
    switch (column) {
    case ChangeColumn:
        return changeRank(row);
    case SeverityColumn: {
        // The severity now (before for a fixed threat), then the one before.
        const int before = row.before ? int(row.before->severity) + 1 : 0;
        return int(row.threat().severity) * 10 + before;
    }
    case MitigationsColumn:
        return report::mitigationsInPlace(row.threat()) * 1000
            + int(row.threat().mitigations.size());
    default:
        return text(row, column).toLower();
    }
}

QString ComparisonThreatsModel::tooltip(const ComparisonThreatRow &row, int column) const
{
    const threats::Threat &t = row.threat();
    switch (column) {
    case ChangeColumn:
        if (row.outcome == Outcome::Fixed)
            return tr("No longer applies after");
        if (row.outcome == Outcome::New)
            return tr("Applies after only");
        return tr("By severity first; at the same severity, by the mitigations in place");
    case TitleColumn:
        return t.id + u'\n' + t.description;
    case StrideColumn:
        return threatlabels::strideName(t.stride);
    case MitigationsColumn: {
        QStringList lines;
        for (const threats::Mitigation &m : t.mitigations)
            lines << (m.inPlace ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + m.text;
        return lines.join(u'\n');
    }
    default:
        return text(row, column);
    }
}

QVariant ComparisonThreatsModel::data(const QModelIndex &index, int role) const
{
    const ComparisonThreatRow *row = rowAt(index);
    if (!row)
        return QVariant();
    const ComparisonThreatRow &r = *row;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return text(r, column);
    case Qt::ToolTipRole:
        return tooltip(r, column);
    case Qt::DecorationRole:
        if (column == SeverityColumn)
            return layout::DiagramStyle::severityColor(r.threat().severity);
        return QVariant();
    case Qt::ForegroundRole: {
        if (column != ChangeColumn)
            return QVariant();
        const int rank = changeRank(r);
        if (rank == 0 || rank == 1)
            return comparisontext::betterColor();
        if (rank == 3 || rank == 4)
            return comparisontext::worseColor();
        return QVariant();
    }
    case Qt::TextAlignmentRole:
        if (column == StrideColumn)
            return int(Qt::AlignCenter);
        return QVariant();
    case ComparisonOutcomeRole:
        return int(r.outcome);
    case ComparisonIdRole:
        return r.threat().id;
    case ComparisonSortRole:
        return sortKey(r, column);
    default:
        return QVariant();
    }
}

} // namespace threatdock::views
