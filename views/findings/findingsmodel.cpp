#include "findingsmodel.h"

#include "document/reviewdocument.h"

#include "layout/diagramstyle.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace threatdock::views {

namespace {

const QString defaultSource = QStringLiteral("threatdock");

/// The evidence on one line: a table cell shows no line breaks.
QString oneLine(const QString &text)
{
    return text.simplified();
}

} // namespace

FindingsModel::FindingsModel(ReviewDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &ReviewDocument::analysisChanged, this, &FindingsModel::reload);
    reload();
}

void FindingsModel::reload()
{
    beginResetModel();
    m_findings
        = m_document->hasAnalysis() ? m_document->report().findings : QList<rules::Finding>();
    // Locations are compared on every sort step: worked out once.
    m_locations.clear();
    m_locationKeys.clear();
    const QDir projectDir(m_document->projectDirectory());
    const bool relative = m_document->hasAnalysis() && !m_document->projectDirectory().isEmpty();
    for (const rules::Finding &f : std::as_const(m_findings)) {
        const QString file = relative && QFileInfo(f.file).isAbsolute()
            ? projectDir.relativeFilePath(f.file)
            : f.file;
        m_locations << (file.isEmpty() || f.line <= 0 ? file
                                                      : file + u':' + QString::number(f.line));
        m_locationKeys << file + QStringLiteral(":%1").arg(f.line, 9, 10, QChar(u'0'));
    }
    endResetModel();
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const rules::Finding *FindingsModel::finding(int row) const
{
    return row >= 0 && row < m_findings.size() ? &m_findings.at(row) : nullptr;
}

int FindingsModel::rowOf(const QString &findingId) const
{
    for (qsizetype i = 0; i < m_findings.size(); ++i)
        if (m_findings.at(i).id == findingId)
            return int(i);
    return -1;
}

QStringList FindingsModel::sources() const
{
    QStringList list;
    for (const rules::Finding &f : m_findings)
        if (!list.contains(f.source))
            list << f.source;
    std::sort(list.begin(), list.end(), [](const QString &a, const QString &b) {
        if ((a == defaultSource) != (b == defaultSource))
            return a == defaultSource;
        return a < b;
    });
    return list;
}

QString FindingsModel::location(int row) const
{
    return m_locations.value(row);
}

QString FindingsModel::text(int row, int column) const
{
    const rules::Finding &finding = m_findings.at(row);
    switch (column) {
    case SeverityColumn:
        return layout::DiagramStyle::severityLetter(finding.severity) + QStringLiteral("  ")
            + rules::severityName(finding.severity);
    case RuleColumn:
        return finding.ruleId;
    case TitleColumn:
        return finding.title;
    case ServiceColumn:
        return finding.service;
    case LocationColumn:
        return m_locations.at(row);
    case SourceColumn:
        return finding.source;
    case EvidenceColumn:
        return oneLine(finding.evidence);
    default:
        return QString();
    }
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int row = index.row();
    const int column = index.column();
    const rules::Finding &f = m_findings.at(row);
    switch (role) {
    case Qt::DisplayRole:
        return text(row, column);
    case Qt::ToolTipRole:
        if (column == TitleColumn && !f.why.isEmpty())
            return f.why;
        if (column == EvidenceColumn)
            return f.evidence;
        if (column == SeverityColumn)
            return tr("Severity: %1").arg(rules::severityName(f.severity));
        return text(row, column);
    case Qt::DecorationRole:
        if (column == SeverityColumn)
            return layout::DiagramStyle::severityColor(f.severity);
        return QVariant();
    case SortRole:
        if (column == SeverityColumn)
            return int(f.severity);
        if (column == LocationColumn)
            return m_locationKeys.at(row);
        return text(row, column);
    case FindingIdRole:
        return f.id;
    case SeverityRole:
        return int(f.severity);
    case SourceRole:
        return f.source;
    case ElementRole:
        return ReviewDocument::elementOfFinding(f);
    case SearchTextRole: {
        QStringList all;
        for (int c = 0; c < ColumnCount; ++c)
            all << text(row, c);
        return all.join(u'\n');
    }
    default:
        return QVariant();
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case RuleColumn:
        return tr("Rule");
    case TitleColumn:
        return tr("Title");
    case ServiceColumn:
        return tr("Service");
    case LocationColumn:
        return tr("Location");
    case SourceColumn:
        return tr("Source");
    case EvidenceColumn:
        return tr("Evidence");
    default:
        return QVariant();
    }
}

} // namespace threatdock::views
