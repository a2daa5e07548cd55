#include "hardeningview.h"

#include "sidebysidediff.h"

#include "document/plural.h"
#include "document/reviewdocument.h"

#include "hardening/hardeningplanner.h"
#include "hardening/hardeningwriter.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace threatdock::views {

namespace {

constexpr int ChangeIdRole = Qt::UserRole + 1;
constexpr int FilePathRole = Qt::UserRole + 2;

} // namespace

HardeningView::HardeningView(ReviewDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("hardeningView"));
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Apply Hardening"), question,
                                     QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };

    m_checklist = new QTreeWidget(this);
    m_checklist->setObjectName(QStringLiteral("hardeningChecklist"));
    m_checklist->setColumnCount(3);
    m_checklist->setHeaderLabels({tr("Change"), tr("Fixes"), tr("Mitigates")});
    m_checklist->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_checklist->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_checklist->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_checklist->header()->setStretchLastSection(false);
    connect(m_checklist, &QTreeWidget::itemChanged, this,
            [this](QTreeWidgetItem *item, int column) {
                if (m_filling || column != 0)
                    return;
                const QString id = item->data(0, ChangeIdRole).toString();
                if (id.isEmpty())
                    return;
                const bool accepted = item->checkState(0) == Qt::Checked;
                m_plan.setAccepted(id, accepted);
                m_rejected.removeAll(id);
                if (!accepted)
                    m_rejected << id;
                render();
            });

    m_files = new QListWidget(this);
    m_files->setObjectName(QStringLiteral("hardeningFiles"));
    m_files->setMaximumHeight(110);
    connect(m_files, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            showFile(item->data(FilePathRole).toString());
    });
    m_diff = new SideBySideDiff(this);
    m_diff->setObjectName(QStringLiteral("hardeningDiff"));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("hardeningSummary"));
    m_summary->setWordWrap(true);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("hardeningResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *replanButton = new QPushButton(tr("&Plan Again"), this);
    replanButton->setObjectName(QStringLiteral("replanButton"));
    connect(replanButton, &QPushButton::clicked, this, &HardeningView::replan);
    m_applyButton = new QPushButton(tr("&Apply…"), this);
    m_applyButton->setObjectName(QStringLiteral("applyHardeningButton"));
    m_applyButton->setToolTip(tr("Write compose.hardening.yaml, .env.example and the Dockerfile "
                                 "changes (with .bak copies), then analyse again"));
    connect(m_applyButton, &QPushButton::clicked, this, &HardeningView::apply);
    m_compareButton = new QPushButton(tr("Show &Comparison"), this);
    m_compareButton->setObjectName(QStringLiteral("showComparisonButton"));
    m_compareButton->setToolTip(tr("Before and after the last apply: findings fixed, remaining "
                                   "and new, threats improved"));
    m_compareButton->hide();
    connect(m_compareButton, &QPushButton::clicked, this, [this] {
        if (m_reportBeforeApply)
            Q_EMIT comparisonRequested(
                report::AnalysisComparison::compare(*m_reportBeforeApply, m_document->report()));
    });

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_summary);
    leftLayout->addWidget(m_checklist, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(replanButton);
    buttons->addStretch();
    buttons->addWidget(m_applyButton);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_result);
    leftLayout->addWidget(m_compareButton, 0, Qt::AlignLeft);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_files);
    rightLayout->addWidget(m_diff, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_document, &ReviewDocument::analysisChanged, this, [this] {
        if (m_waitingForReanalysis) {
            m_waitingForReanalysis = false;
            const qsizetype findingsAfter = m_document->report().findings.size();
            const int openAfter = m_document->openThreatCount();
            m_findingsAfter = findingsAfter;
            m_openThreatsAfter = openAfter;
            m_result->setText(tr("Applied and analysed again. Findings: %1 → %2. Open threats: "
                                 "%3 → %4.")
                                  .arg(m_findingsBefore)
                                  .arg(findingsAfter)
                                  .arg(m_openThreatsBefore)
                                  .arg(openAfter));
            m_compareButton->setVisible(m_reportBeforeApply.has_value());
        }
        replan();
    });
    replan();
}

HardeningView::~HardeningView() = default;

void HardeningView::replan()
{
    if (!m_document->hasAnalysis() || !m_document->analysis().ok()) {
        m_plan = {};
        m_rendered = {};
        fillChecklist();
        render();
        return;
    }
    m_plan = hardening::HardeningPlanner::plan(m_document->analysis());
    for (const QString &id : std::as_const(m_rejected))
        m_plan.setAccepted(id, false);
    fillChecklist();
    render();
    // A plan of a project analysed with its overlay would replace that overlay with the
    // remaining changes only: planning is for the user's own files.
    if (overlayInAnalysis()) {
        m_applyButton->setEnabled(false);
        m_applyButton->setToolTip(tr("The analysis already merges %1: open the project folder "
                                     "again to plan from your own files.")
                                      .arg(hardening::HardeningPlanner::overlayFileName()));
    }
}

bool HardeningView::overlayInAnalysis() const
{
    for (const QString &file : m_document->analysis().project.composeFiles)
        if (QFileInfo(file).fileName() == hardening::HardeningPlanner::overlayFileName())
            return true;
    return false;
}

void HardeningView::fillChecklist()
{
    m_filling = true;
    m_checklist->clear();
    for (const QString &service : m_plan.services()) {
        auto *group = new QTreeWidgetItem(m_checklist, {service});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
        for (const hardening::HardeningChange *c : m_plan.changesFor(service)) {
            auto *item = new QTreeWidgetItem(
                group,
                {c->title, plural(c->fixes.size(), tr("1 finding"), tr("%1 findings")),
                 plural(c->mitigates.size(), tr("1 threat"), tr("%1 threats"))});
            item->setData(0, ChangeIdRole, c->id);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(0, c->accepted ? Qt::Checked : Qt::Unchecked);
            const QString where = c->target == hardening::ChangeTarget::Compose
                ? m_plan.relativePath(m_plan.overlayPath)
                : m_plan.relativePath(c->dockerfile);
            item->setToolTip(0,
                             tr("%1\n\nWritten to %2.\nRules: %3")
                                 .arg(c->description, where, c->rules.join(QStringLiteral(", "))));
            item->setToolTip(1, c->fixes.join(u'\n'));
            item->setToolTip(2, c->mitigates.join(u'\n'));
        }
        group->setExpanded(true);
    }
    if (!m_plan.unplanned.isEmpty()) {
        auto *manual = new QTreeWidgetItem(
            m_checklist, {tr("To fix by hand (%1)").arg(m_plan.unplanned.size())});
        for (const hardening::UnplannedFinding &u : std::as_const(m_plan.unplanned)) {
            auto *item = new QTreeWidgetItem(
                manual, {tr("%1 (%2): %3").arg(u.ruleId, u.service, u.remediation)});
            item->setToolTip(0, u.findingId);
        }
    }
    m_filling = false;
}

void HardeningView::render()
{
    m_rendered = hardening::renderPlan(m_plan);
    const QString current = m_files->currentItem()
        ? m_files->currentItem()->data(FilePathRole).toString()
        : QString();
    m_files->clear();
    for (const hardening::FileChange &f : std::as_const(m_rendered.files)) {
        auto *item = new QListWidgetItem(f.before ? tr("%1 (changed)").arg(f.relativePath)
                                                  : tr("%1 (new)").arg(f.relativePath),
                                         m_files);
        item->setData(FilePathRole, f.path);
    }
    m_diff->clear();
    if (m_files->count() > 0) {
        int row = 0;
        for (int i = 0; i < m_files->count(); ++i)
            if (m_files->item(i)->data(FilePathRole).toString() == current)
                row = i;
        m_files->setCurrentRow(row);
    }
    m_applyButton->setEnabled(!m_rendered.files.isEmpty());
    updateSummary();
}

void HardeningView::showFile(const QString &path)
{
    const hardening::FileChange *f = m_rendered.file(path);
    if (!f) {
        m_diff->clear();
        return;
    }
    m_diff->setTexts(f->before ? f->relativePath : tr("(new file)"),
                     f->before ? QString::fromUtf8(*f->before) : QString(), f->relativePath,
                     QString::fromUtf8(f->after));
}

void HardeningView::updateSummary()
{
    if (!m_document->hasAnalysis()) {
        m_summary->setText(tr("Open a project to plan its hardening."));
        return;
    }
    if (m_plan.changes.isEmpty()) {
        m_summary->setText(tr("Nothing to harden: no open finding has an automatic fix."));
        return;
    }
    qsizetype accepted = 0;
    for (const hardening::HardeningChange &c : std::as_const(m_plan.changes))
        accepted += c.accepted ? 1 : 0;
    m_summary->setText(
        tr("%1 of %2 accepted · fixes %3 · mitigates %4 · %5")
            .arg(accepted)
            .arg(m_plan.changes.size())
            .arg(plural(m_plan.fixedFindings().size(), tr("1 finding"), tr("%1 findings")))
            .arg(plural(m_plan.mitigatedThreats().size(), tr("1 threat"), tr("%1 threats")))
            .arg(plural(m_rendered.files.size(), tr("1 file to write"), tr("%1 files to write"))));
}

QString HardeningView::summaryText() const
{
    return m_summary->text();
}

std::optional<report::HardeningRecord> HardeningView::record() const
{
    report::HardeningRecord record;
    if (!m_appliedSteps.isEmpty()) {
        record.steps = m_appliedSteps;
        record.findingsBefore = int(m_findingsBefore);
        record.findingsAfter = int(m_findingsAfter);
        record.openThreatsBefore = m_openThreatsBefore;
        record.openThreatsAfter = m_openThreatsAfter;
        return record;
    }
    if (m_plan.changes.isEmpty())
        return std::nullopt;
    for (const hardening::HardeningChange &c : m_plan.changes) {
        const QString target = c.target == hardening::ChangeTarget::Compose
            ? m_plan.relativePath(m_plan.overlayPath)
            : m_plan.relativePath(c.dockerfile);
        record.steps << report::HardeningStep{c.service, target, c.title, c.rules, false};
    }
    return record;
}

QTreeWidgetItem *HardeningView::itemOf(const QString &changeId) const
{
    for (QTreeWidgetItemIterator it(m_checklist); *it; ++it)
        if ((*it)->data(0, ChangeIdRole).toString() == changeId)
            return *it;
    return nullptr;
}

bool HardeningView::apply()
{
    if (m_rendered.files.isEmpty())
        return false;
    QStringList names;
    for (const hardening::FileChange &f : std::as_const(m_rendered.files))
        names << QStringLiteral("  ") + f.relativePath
                + (f.before ? tr(" (a .bak copy is kept)") : QString());
    if (!m_confirm(tr("Write these files in %1?\n\n%2\n\nYour compose files are not changed: the "
                      "overlay is merged after them.")
                       .arg(m_plan.projectDirectory, names.join(u'\n'))))
        return false;
    const hardening::HardeningWriter::Result written
        = hardening::HardeningWriter::write(m_plan, m_rendered);
    if (!written.ok()) {
        m_result->setText(tr("Nothing was written: %1").arg(written.error));
        return false;
    }
    m_appliedSteps.clear();
    for (const hardening::HardeningChange &c : std::as_const(m_plan.changes)) {
        if (!c.accepted)
            continue;
        const QString target = c.target == hardening::ChangeTarget::Compose
            ? m_plan.relativePath(m_plan.overlayPath)
            : m_plan.relativePath(c.dockerfile);
        m_appliedSteps << report::HardeningStep{c.service, target, c.title, c.rules, true};
    }
    m_findingsBefore = m_document->report().findings.size();
    m_openThreatsBefore = m_document->openThreatCount();
    m_reportBeforeApply = m_document->report();
    m_compareButton->hide();
    m_waitingForReanalysis = true;
    m_result->setText(
        tr("Written: %1. Analysing again…").arg(written.written.join(QStringLiteral(", "))));
    QStringList files = m_plan.composeFiles;
    if (!m_rendered.overlay.isEmpty() && !files.contains(m_plan.overlayPath))
        files << m_plan.overlayPath;
    Q_EMIT applied(files);
    return true;
}

} // namespace threatdock::views
