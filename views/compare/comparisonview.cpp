#include "comparisonview.h"

#include "comparisonfiltermodel.h"
#include "comparisonfindingsmodel.h"
#include "comparisonthreatsmodel.h"

#include "document/reviewdocument.h"

#include <QButtonGroup>
#include <QDir>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace threatdock::views {

namespace {

constexpr int allOutcomes = 3; ///< the All button's id; the others are ComparisonOutcome values

/// The scanners whose findings an analysis holds ("bandit", "trivy"), sorted.
QStringList scannerSources(const report::AnalysisReport &report)
{
    QStringList sources;
    for (const rules::Finding &f : report.findings)
        if (f.source != u"threatdock" && !sources.contains(f.source))
            sources << f.source;
    sources.sort();
    return sources;
}

/// The files one side reads and the other does not ("compose.hardening.yaml").
QStringList filesOnlyIn(const report::ProjectSummary &side, const report::ProjectSummary &other)
{
    QStringList only;
    for (const QString &file : side.files)
        if (!other.files.contains(file))
            only << file;
    return only;
}

} // namespace

ComparisonView::ComparisonView(ReviewDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_findings(new ComparisonFindingsModel(this))
    , m_threats(new ComparisonThreatsModel(this))
    , m_findingsFilter(new ComparisonFilterModel(this))
    , m_threatsFilter(new ComparisonFilterModel(this))
{
    setObjectName(QStringLiteral("comparisonView"));
    m_findingsFilter->setSourceModel(m_findings);
    m_threatsFilter->setSourceModel(m_threats);

    QWidget *header = createHeader();
    QWidget *filterBar = createFilterBar();
    QWidget *tables = createTables();
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("comparisonHint"));
    m_hint->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->setSpacing(6);
    layout->addWidget(header);
    layout->addWidget(filterBar);
    layout->addWidget(tables, 1);
    layout->addWidget(m_hint);
    setComparison({});
}

QWidget *ComparisonView::createHeader()
{
    auto *header = new QWidget(this);
    m_before = new QLabel(header);
    m_before->setObjectName(QStringLiteral("comparisonBefore"));
    m_after = new QLabel(header);
    m_after->setObjectName(QStringLiteral("comparisonAfter"));
    for (QLabel *side : {m_before, m_after}) {
        side->setTextInteractionFlags(Qt::TextSelectableByMouse);
        side->setTextFormat(Qt::RichText);
    }

    auto *swap = new QPushButton(tr("⇄ Swap Before and After"), header);
    swap->setObjectName(QStringLiteral("comparisonSwapButton"));
    swap->setToolTip(tr("Compare the other way round: what was fixed becomes new"));
    connect(swap, &QPushButton::clicked, this, &ComparisonView::swapSides);
    auto *close = new QPushButton(tr("Close"), header);
    close->setObjectName(QStringLiteral("comparisonCloseButton"));
    close->setToolTip(tr("Close the Compare tab"));
    connect(close, &QPushButton::clicked, this, &ComparisonView::closeRequested);

    auto *sides = new QGridLayout;
    sides->setContentsMargins(0, 0, 0, 0);
    sides->addWidget(m_before, 0, 0);
    sides->addWidget(m_after, 1, 0);
    sides->setColumnStretch(0, 1);
    sides->addWidget(swap, 0, 1);
    sides->addWidget(close, 0, 2);

    auto *counts = new QHBoxLayout;
    counts->setContentsMargins(0, 4, 0, 0);
    counts->setSpacing(18);
    counts->addWidget(countGroup(tr("Findings"),
                                 {{QStringLiteral("findings-fixed"), tr("fixed")},
                                  {QStringLiteral("findings-remaining"), tr("remaining")},
                                  {QStringLiteral("findings-new"), tr("new")}},
                                 header));
    counts->addWidget(countGroup(tr("Threats"),
                                 {{QStringLiteral("threats-fixed"), tr("fixed")},
                                  {QStringLiteral("threats-improved"), tr("improved")},
                                  {QStringLiteral("threats-worsened"), tr("worsened")},
                                  {QStringLiteral("threats-unchanged"), tr("unchanged")},
                                  {QStringLiteral("threats-new"), tr("new")}},
                                 header));
    counts->addWidget(countGroup(tr("Open high + critical threats"),
                                 {{QStringLiteral("open-high"), tr("before → after")}}, header));
    counts->addStretch(1);
    findChild<QLabel *>(QStringLiteral("count-open-high"))
        ->setToolTip(tr("Threats of severity high or critical whose mitigations are not all in "
                        "place (review decisions are not counted: the other side has none)"));

    m_note = new QLabel(header);
    m_note->setObjectName(QStringLiteral("comparisonNote"));
    m_note->setWordWrap(true);
    m_note->hide();

    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(sides);
    layout->addLayout(counts);
    layout->addWidget(m_note);
    return header;
}

QWidget *ComparisonView::countGroup(const QString &title,
                                    const QList<std::pair<QString, QString>> &counts,
                                    QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(0);
    auto *heading = new QLabel(title, box);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    grid->addWidget(heading, 0, 0, 1, int(counts.size()));
    QFont big = bold;
    big.setPointSizeF(big.pointSizeF() * 1.6);
    for (int i = 0; i < counts.size(); ++i) {
        auto *number = new QLabel(box);
        number->setObjectName(QStringLiteral("count-") + counts.at(i).first);
        number->setFont(big);
        grid->addWidget(number, 1, i);
        grid->addWidget(new QLabel(counts.at(i).second, box), 2, i);
    }
    return box;
}

QWidget *ComparisonView::createFilterBar()
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *label = new QLabel(tr("Show:"), bar);
    layout->addWidget(label);
    layout->addSpacing(6);
    m_filterButtons = new QButtonGroup(this);
    m_filterButtons->setExclusive(true);
    for (const auto &[id, text, tip] :
         {std::tuple{allOutcomes, tr("All"), tr("Every finding and threat of both sides")},
          std::tuple{int(ComparisonOutcome::Fixed), tr("Fixed"), tr("Before only: fixed")},
          std::tuple{int(ComparisonOutcome::Remaining), tr("Remaining"),
                     tr("In both analyses (threats: improved, worsened or unchanged)")},
          std::tuple{int(ComparisonOutcome::New), tr("New"), tr("After only: new")}}) {
        auto *button = new QToolButton(bar);
        button->setObjectName(QStringLiteral("comparisonFilter-") + text.toLower());
        button->setText(text);
        button->setToolTip(tip);
        button->setCheckable(true);
        button->setAutoRaise(false);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setMinimumWidth(button->fontMetrics().horizontalAdvance(text) + 28);
        button->setFocusPolicy(Qt::StrongFocus);
        // The chosen one in bold too: a checked tool button barely differs in some styles.
        connect(button, &QToolButton::toggled, button, [button](bool checked) {
            QFont font = button->font();
            font.setBold(checked);
            button->setFont(font);
        });
        m_filterButtons->addButton(button, id);
        layout->addWidget(button);
    }
    m_filterButtons->button(allOutcomes)->setChecked(true);
    connect(m_filterButtons, &QButtonGroup::idClicked, this, [this](int id) {
        setOutcomeFilter(id == allOutcomes
                             ? std::nullopt
                             : std::optional<ComparisonOutcome>(ComparisonOutcome(id)));
    });
    layout->addStretch(1);
    return bar;
}

QWidget *ComparisonView::createTables()
{
    m_findingsTable = createTable(QStringLiteral("comparisonFindingsTable"), m_findingsFilter,
                                  ComparisonFindingsModel::SeverityColumn);
    m_threatsTable = createTable(QStringLiteral("comparisonThreatsTable"), m_threatsFilter,
                                 ComparisonThreatsModel::SeverityColumn);
    connect(m_findingsTable, &QAbstractItemView::activated, this,
            &ComparisonView::findingActivated);
    connect(m_threatsTable, &QAbstractItemView::activated, this, &ComparisonView::threatActivated);

    const auto titled = [this](QLabel *label, QTableView *table) {
        auto *box = new QWidget(this);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        label->setBuddy(table);
        layout->addWidget(label);
        layout->addWidget(table, 1);
        return box;
    };
    m_findingsLabel = new QLabel(this);
    m_findingsLabel->setObjectName(QStringLiteral("comparisonFindingsLabel"));
    m_threatsLabel = new QLabel(this);
    m_threatsLabel->setObjectName(QStringLiteral("comparisonThreatsLabel"));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("comparisonSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(titled(m_findingsLabel, m_findingsTable));
    splitter->addWidget(titled(m_threatsLabel, m_threatsTable));

    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_findingsFilter),
                                      static_cast<QAbstractItemModel *>(m_threatsFilter)}) {
        connect(model, &QAbstractItemModel::modelReset, this, &ComparisonView::updateTableLabels);
        connect(model, &QAbstractItemModel::layoutChanged, this,
                &ComparisonView::updateTableLabels);
        connect(model, &QAbstractItemModel::rowsInserted, this, &ComparisonView::updateTableLabels);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &ComparisonView::updateTableLabels);
    }
    return splitter;
}

QTableView *ComparisonView::createTable(const QString &name, QAbstractItemModel *model,
                                        int sortColumn)
{
    auto *table = new QTableView(this);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideRight);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setSortingEnabled(true);
    table->sortByColumn(sortColumn, Qt::DescendingOrder);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void ComparisonView::fitColumns(QTableView *table, int stretchColumn, int titleColumn)
{
    for (int column = 0; column < stretchColumn; ++column)
        table->resizeColumnToContents(column);
    QHeaderView *header = table->horizontalHeader();
    const int titleWidth = 55 * table->fontMetrics().averageCharWidth();
    header->resizeSection(titleColumn, std::min(header->sectionSize(titleColumn), titleWidth));
}

void ComparisonView::setComparison(const report::AnalysisComparison &comparison)
{
    m_comparison = comparison;
    m_findings->setComparison(m_comparison);
    m_threats->setComparison(m_comparison);
    fitColumns(m_findingsTable, ComparisonFindingsModel::EvidenceColumn,
               ComparisonFindingsModel::TitleColumn);
    fitColumns(m_threatsTable, ComparisonThreatsModel::MitigationsColumn,
               ComparisonThreatsModel::TitleColumn);
    showCounts();
    updateTableLabels();
    m_hint->setText(tr("Double-click a finding or threat of the open project to show it there."));
}

void ComparisonView::swapSides()
{
    setComparison(report::AnalysisComparison::compare(m_comparison.current, m_comparison.baseline));
}

std::optional<ComparisonOutcome> ComparisonView::outcomeFilter() const
{
    return m_findingsFilter->outcome();
}

void ComparisonView::setOutcomeFilter(std::optional<ComparisonOutcome> outcome)
{
    m_findingsFilter->setOutcome(outcome);
    m_threatsFilter->setOutcome(outcome);
    if (QAbstractButton *button = m_filterButtons->button(outcome ? int(*outcome) : allOutcomes))
        button->setChecked(true);
    updateTableLabels();
}

qsizetype ComparisonView::openHighOrCritical(const report::AnalysisReport &report)
{
    return std::count_if(
        report.threats.cbegin(), report.threats.cend(), [](const threats::Threat &t) {
            return t.severity >= rules::Severity::High && !t.mitigatedByConfiguration();
        });
}

void ComparisonView::setCount(const QString &name, const QString &text, int better)
{
    auto *label = findChild<QLabel *>(QStringLiteral("count-") + name);
    label->setText(text);
    // Only the text colour is set; the rest follows the application's palette.
    QPalette palette;
    if (better != 0)
        palette.setColor(QPalette::WindowText,
                         better > 0 ? comparisontext::betterColor() : comparisontext::worseColor());
    label->setPalette(palette);
}

void ComparisonView::showCounts()
{
    using Change = report::ThreatPair::Change;
    const report::AnalysisComparison &c = m_comparison;
    // Green for a change for the better, red for the worse, when there is any.
    const auto count = [this](const char *name, qsizetype value, int better) {
        setCount(QString::fromLatin1(name), QString::number(value), value > 0 ? better : 0);
    };
    count("findings-fixed", c.fixedFindings.size(), 1);
    count("findings-remaining", c.remainingFindings.size(), 0);
    count("findings-new", c.newFindings.size(), -1);
    count("threats-fixed", c.fixedThreats.size(), 1);
    count("threats-improved", c.threatsWith(Change::Improved).size(), 1);
    count("threats-worsened", c.threatsWith(Change::Worsened).size(), -1);
    count("threats-unchanged", c.threatsWith(Change::Unchanged).size(), 0);
    count("threats-new", c.newThreats.size(), -1);
    const qsizetype highBefore = openHighOrCritical(c.baseline);
    const qsizetype highAfter = openHighOrCritical(c.current);
    setCount(QStringLiteral("open-high"), QStringLiteral("%1 → %2").arg(highBefore).arg(highAfter),
             highAfter < highBefore       ? 1
                 : highAfter > highBefore ? -1
                                          : 0);

    showSides();
    showScannerNote();
}

void ComparisonView::showSides()
{
    const report::AnalysisComparison &c = m_comparison;
    const QString dim = palette().color(QPalette::PlaceholderText).name();
    const auto side = [&dim](const QString &role, const report::ProjectSummary &project,
                             const QStringList &extra) {
        QString text = QStringLiteral("<b>%1</b>&nbsp;&nbsp;%2&nbsp;&nbsp;<span "
                                      "style='color:%4'>%3</span>")
                           .arg(role, project.name.toHtmlEscaped(),
                                QDir::toNativeSeparators(project.workingDir).toHtmlEscaped(), dim);
        if (!extra.isEmpty())
            text += QStringLiteral(" &nbsp;(")
                + tr("with %1").arg(extra.join(QStringLiteral(", ")).toHtmlEscaped()) + u')';
        return text;
    };
    const bool sameFolder = c.baseline.project.workingDir == c.current.project.workingDir;
    m_before->setText(
        side(tr("Before"), c.baseline.project,
             sameFolder ? filesOnlyIn(c.baseline.project, c.current.project) : QStringList()));
    m_after->setText(
        side(tr("After"), c.current.project,
             sameFolder ? filesOnlyIn(c.current.project, c.baseline.project) : QStringList()));
}

void ComparisonView::showScannerNote()
{
    const report::AnalysisComparison &c = m_comparison;
    // Scanner findings of one side only count as fixed or new: say so.
    const QStringList scannedBefore = scannerSources(c.baseline);
    const QStringList scannedAfter = scannerSources(c.current);
    m_note->setVisible(scannedBefore != scannedAfter);
    if (scannedBefore != scannedAfter) {
        const auto list = [this](const QStringList &sources) {
            return sources.isEmpty() ? tr("none") : sources.join(QStringLiteral(", "));
        };
        m_note->setText(tr("Scanner findings differ: before has %1, after has %2. Findings of a "
                           "scan run on one side only count as fixed or new; scan both projects "
                           "to compare them.")
                            .arg(list(scannedBefore), list(scannedAfter)));
    }
}

void ComparisonView::updateTableLabels()
{
    m_findingsLabel->setText(
        tr("Findings: %1 of %2").arg(m_findingsFilter->rowCount()).arg(m_findings->rowCount()));
    m_threatsLabel->setText(
        tr("Threats: %1 of %2").arg(m_threatsFilter->rowCount()).arg(m_threats->rowCount()));
}

bool ComparisonView::inOpenAnalysis(ComparisonOutcome outcome, bool found) const
{
    if (!found || !m_document->hasAnalysis())
        return false;
    // The sides that hold the row; one of them must be the document's project.
    const QString open = m_document->projectDirectory();
    const bool before
        = outcome != ComparisonOutcome::New && m_comparison.baseline.project.workingDir == open;
    const bool after
        = outcome != ComparisonOutcome::Fixed && m_comparison.current.project.workingDir == open;
    return before || after;
}

void ComparisonView::findingActivated(const QModelIndex &index)
{
    const QModelIndex source = m_findingsFilter->mapToSource(index);
    const ComparisonFindingRow *row = m_findings->row(source.row());
    if (!row)
        return;
    const QString &id = row->finding.id;
    if (!inOpenAnalysis(row->outcome, m_document->finding(id) != nullptr)) {
        m_hint->setText(
            tr("“%1” is not in the open analysis (%2): it is a finding of %3.")
                .arg(row->finding.title, m_document->report().project.name, row->project));
        return;
    }
    m_hint->setText(tr("“%1” is shown in the Findings tab.").arg(row->finding.title));
    m_document->activateFinding(id);
}

void ComparisonView::threatActivated(const QModelIndex &index)
{
    const QModelIndex source = m_threatsFilter->mapToSource(index);
    const ComparisonThreatRow *row = m_threats->row(source.row());
    if (!row)
        return;
    const threats::Threat &threat = row->threat();
    if (!inOpenAnalysis(row->outcome, m_document->threat(threat.id) != nullptr)) {
        m_hint->setText(tr("“%1” is not in the open analysis (%2).")
                            .arg(threat.title, m_document->report().project.name));
        return;
    }
    m_document->setCurrentThreat(threat.id);
    m_hint->setText(tr("“%1” is the current threat: the Threats tab and the walkthrough show it.")
                        .arg(threat.title));
}

void ComparisonView::changeEvent(QEvent *event)
{
    // Light or dark: the colours of the counts and of the folders follow.
    if (event->type() == QEvent::PaletteChange && m_hint) // m_hint: built
        showCounts();
    QWidget::changeEvent(event);
}

QString ComparisonView::hintText() const
{
    return m_hint->text();
}

} // namespace threatdock::views
