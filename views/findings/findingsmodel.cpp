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
    if (m_document->hasAnalysis()) {
        m_findings = m_document->report().findings;
        m_projectDirectory = m_document->projectDirectory();
    } else {
        m_findings.clear();
        m_projectDirectory.clear();
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

QString FindingsModel::relativeFile(const rules::Finding &finding) const
{
    if (finding.file.isEmpty() || m_projectDirectory.isEmpty()
        || QFileInfo(finding.file).isRelative())
        return finding.file;
    return QDir(m_projectDirectory).relativeFilePath(finding.file);
}

QString FindingsModel::location(const rules::Finding &finding) const
{
    const QString file = relativeFile(finding);
    if (file.isEmpty() || finding.line <= 0)
        return file;
    return file + u':' + QString::number(finding.line);
}

QString FindingsModel::text(const rules::Finding &finding, int column) const
{
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
        return location(finding);
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
    const rules::Finding &f = m_findings.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return text(f, column);
    case Qt::ToolTipRole:
        if (column == TitleColumn && !f.why.isEmpty())
            return f.why;
        if (column == EvidenceColumn)
            return f.evidence;
        if (column == SeverityColumn)
            return tr("Severity: %1").arg(rules::severityName(f.severity));
        return text(f, column);
    case Qt::DecorationRole:
        if (column == SeverityColumn)
            return layout::DiagramStyle::severityColor(f.severity);
        return QVariant();
    case SortRole:
        if (column == SeverityColumn)
            return int(f.severity);
        if (column == LocationColumn)
            return relativeFile(f) + QStringLiteral(":%1").arg(f.line, 9, 10, QChar(u'0'));
        return text(f, column);
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
            all << text(f, c);
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
