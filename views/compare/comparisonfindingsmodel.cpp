#include "comparisonfindingsmodel.h"

#include "layout/diagramstyle.h"

namespace threatdock::views {

namespace {

using Outcome = ComparisonOutcome;

ComparisonFindingRow makeRow(Outcome outcome, const report::AnalysisReport &side,
                             const rules::Finding &finding)
{
    ComparisonFindingRow row;
    row.outcome = outcome;
    row.finding = finding;
    const QString file = finding.file.isEmpty() ? QString() : side.relativePath(finding.file);
    row.location
        = file.isEmpty() || finding.line <= 0 ? file : file + u':' + QString::number(finding.line);
    row.locationKey = file + QStringLiteral(":%1").arg(finding.line, 9, 10, QChar(u'0'));
    row.project = side.project.name;
    return row;
}

} // namespace

ComparisonFindingsModel::ComparisonFindingsModel(QObject *parent)
    : ComparisonRowsModel({tr("Change"), tr("Severity"), tr("Rule"), tr("Title"), tr("Service"),
                           tr("Location"), tr("Evidence")},
                          parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

void ComparisonFindingsModel::setComparison(const report::AnalysisComparison &comparison)
{
    QList<ComparisonFindingRow> rows;
    for (const rules::Finding &f : comparison.fixedFindings)
        rows << makeRow(Outcome::Fixed, comparison.baseline, f);
    for (const report::FindingPair &p : comparison.remainingFindings) {
        ComparisonFindingRow row = makeRow(Outcome::Remaining, comparison.current, p.current);
        if (p.baseline.severity != p.current.severity)
            row.baselineSeverity = p.baseline.severity;
        rows << row;
    }
    for (const rules::Finding &f : comparison.newFindings)
        rows << makeRow(Outcome::New, comparison.current, f);
    setRows(std::move(rows));
}

QString ComparisonFindingsModel::text(const ComparisonFindingRow &row, int column) const
{
    const rules::Finding &f = row.finding;
    switch (column) {
    case ChangeColumn:
        return comparisontext::outcomeLabel(row.outcome);
    case SeverityColumn:
        return row.baselineSeverity ? tr("%1 (was %2)")
                                          .arg(comparisontext::severity(f.severity),
                                               rules::severityName(*row.baselineSeverity))
                                    : comparisontext::severity(f.severity);
    case RuleColumn:
        return f.ruleId;
    case TitleColumn:
        return f.title;
    case ServiceColumn:
        return f.service;
    case LocationColumn:
        return row.location;
    case EvidenceColumn:
        return f.evidence.simplified();
    default:
        return QString();
    }
}

QVariant ComparisonFindingsModel::data(const QModelIndex &index, int role) const
{
    const ComparisonFindingRow *row = rowAt(index);
    if (!row)
        return QVariant();
    const ComparisonFindingRow &r = *row;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return text(r, column);
    case Qt::ToolTipRole:
        if (column == TitleColumn && !r.finding.why.isEmpty())
            return r.finding.why;
        if (column == EvidenceColumn)
            return r.finding.evidence;
        if (column == LocationColumn || column == ChangeColumn)
            return r.outcome == Outcome::Fixed ? tr("In %1 (before) only").arg(r.project)
                : r.outcome == Outcome::New    ? tr("In %1 (after) only").arg(r.project)
                                               : tr("In both; as %1 (after) has it").arg(r.project);
        return text(r, column);
    case Qt::DecorationRole:
        if (column == SeverityColumn)
            return layout::DiagramStyle::severityColor(r.finding.severity);
        return QVariant();
    case Qt::ForegroundRole:
        if (column != ChangeColumn || r.outcome == Outcome::Remaining)
            return QVariant();
        return r.outcome == Outcome::Fixed ? comparisontext::betterColor()
                                           : comparisontext::worseColor();
    case ComparisonOutcomeRole:
        return int(r.outcome);
    case ComparisonIdRole:
        return r.finding.id;
    case ComparisonSortRole:
        if (column == ChangeColumn)
            return int(r.outcome);
        if (column == SeverityColumn)
            return int(r.finding.severity);
        if (column == LocationColumn)
            return r.locationKey;
        return text(r, column).toLower();
    default:
        return QVariant();
    }
}

} // namespace threatdock::views
