#include "reviewdocument.h"

#include "catalog/catalog.h"
#include "review/latestscans.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>

namespace threatdock::views {

namespace {

const QString fieldStatus = QStringLiteral("status");
const QString fieldOwner = QStringLiteral("owner");
const QString fieldNotes = QStringLiteral("notes");

QString fieldValue(const review::Decision &d, const QString &field)
{
    if (field == fieldStatus)
        return review::decisionStatusName(d.status);
    if (field == fieldOwner)
        return d.owner;
    return d.notes;
}

bool worseFirst(const threats::Threat *a, const threats::Threat *b)
{
    if (a->risk() != b->risk())
        return a->risk() > b->risk();
    if (a->severity != b->severity)
        return a->severity > b->severity;
    return a->id < b->id;
}

/// Whether a saved analysis found what report finds: the same findings, and the same
/// threats at the same severities.
bool sameOutcome(const review::AnalysisSnapshot &snapshot, const report::AnalysisReport &report)
{
    if (snapshot.findings.size() != report.findings.size()
        || snapshot.threats.size() != report.threats.size())
        return false;
    QSet<QString> findings;
    for (const rules::Finding &f : snapshot.findings)
        findings.insert(f.id);
    for (const rules::Finding &f : report.findings)
        if (!findings.contains(f.id))
            return false;
    QHash<QString, rules::Severity> threats;
    for (const threats::Threat &t : snapshot.threats)
        threats.insert(t.id, t.severity);
    for (const threats::Threat &t : report.threats)
        if (!threats.contains(t.id) || threats.value(t.id) != t.severity)
            return false;
    return true;
}

} // namespace

/// One user action on a decision: a field's old and new value. Undo writes the old value
/// back to the review file (and is recorded in the history like any change).
class DecisionCommand final : public QUndoCommand
{
public:
    DecisionCommand(ReviewDocument *document, QString threatId, QString field, QString oldValue,
                    QString newValue, const QString &text)
        : QUndoCommand(text)
        , m_document(document)
        , m_threatId(std::move(threatId))
        , m_field(std::move(field))
        , m_old(std::move(oldValue))
        , m_new(std::move(newValue))
    { }

    void redo() override
    {
        if (!m_document->writeDecision(m_threatId, m_field, m_new))
            setObsolete(true);
    }
    void undo() override
    {
        if (!m_document->writeDecision(m_threatId, m_field, m_old))
            setObsolete(true);
    }

private:
    ReviewDocument *m_document;
    QString m_threatId;
    QString m_field;
    QString m_old;
    QString m_new;
};

ReviewDocument::ReviewDocument(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
{ }

ReviewDocument::~ReviewDocument() = default;

// ---- The analysis ---------------------------------------------------------------------

void ReviewDocument::setAnalysis(analysis::AnalysisResult result)
{
    m_analysis = std::move(result);
    m_hasAnalysis = true;
    indexAnalysis();
    if (m_store)
        saveAnalysisToStore();
    reloadDecisions();
    const bool selectionGone = !m_selectedElement.isEmpty() && !element(m_selectedElement);
    const bool threatGone = !m_currentThreat.isEmpty() && !threat(m_currentThreat);
    if (selectionGone)
        m_selectedElement.clear();
    if (threatGone)
        m_currentThreat.clear();
    Q_EMIT analysisChanged();
    if (selectionGone)
        Q_EMIT selectionChanged(m_selectedElement);
    if (threatGone)
        Q_EMIT currentThreatChanged(m_currentThreat);
}

void ReviewDocument::saveAnalysisToStore()
{
    // What the review held until now (a run of this project earlier in the session or
    // in an earlier one) is "the review's previous run" to compare with.
    // A snapshot that says what this analysis says (the same analysis saved again: an
    // unchanged re-analysis, a review saved under another name) keeps the previous one.
    auto last = m_store->lastAnalysis();
    if (!last.ok() || !last.value.analyzedAt.isValid())
        m_previousAnalysis.reset();
    else if (!sameOutcome(last.value, m_analysis.report))
        m_previousAnalysis = std::move(last.value);
    const auto change
        = m_store->applyAnalysis(m_analysis.report.threats, m_analysis.report.findings);
    review::ProjectPaths paths;
    paths.workingDir = m_analysis.project.workingDir;
    paths.composeFiles = m_analysis.project.composeFiles;
    paths.envFiles = m_analysis.project.envFiles;
    const auto set = m_store->setProject(paths);
    if (!change.ok() || !set.ok())
        Q_EMIT saveFailed(change.ok() ? set.errorMessage() : change.errorMessage());
    else
        Q_EMIT saved();
}

void ReviewDocument::indexAnalysis()
{
    m_threatIndex.clear();
    m_findingIndex.clear();
    const auto &threatList = m_analysis.report.threats;
    for (qsizetype i = 0; i < threatList.size(); ++i)
        m_threatIndex.insert(threatList.at(i).id, i);
    const auto &findingList = m_analysis.report.findings;
    for (qsizetype i = 0; i < findingList.size(); ++i)
        m_findingIndex.insert(findingList.at(i).id, i);
}

const catalog::Catalog *ReviewDocument::catalog() const
{
    if (!m_catalogLoaded) {
        m_catalogLoaded = true;
        auto loaded = catalog::Catalog::load();
        if (!loaded.ok()) {
            m_catalogError = loaded.error ? loaded.error->toString() : tr("unknown error");
            loaded = catalog::Catalog::load(QString()); // the built-in catalog alone
        }
        if (loaded.ok())
            m_catalog = std::make_unique<catalog::Catalog>(std::move(*loaded.catalog));
        else if (loaded.error)
            m_catalogError = loaded.error->toString();
    }
    return m_catalog.get();
}

QString ReviewDocument::catalogError() const
{
    (void)catalog();
    return m_catalogError;
}

const threats::Threat *ReviewDocument::threat(const QString &threatId) const
{
    const auto it = m_threatIndex.constFind(threatId);
    return it == m_threatIndex.cend() ? nullptr : &m_analysis.report.threats.at(*it);
}

const rules::Finding *ReviewDocument::finding(const QString &findingId) const
{
    const auto it = m_findingIndex.constFind(findingId);
    return it == m_findingIndex.cend() ? nullptr : &m_analysis.report.findings.at(*it);
}

const system::Element *ReviewDocument::element(const QString &elementId) const
{
    return m_analysis.report.systemModel.element(elementId);
}

QList<const threats::Threat *> ReviewDocument::threatsOf(const QString &elementId) const
{
    QList<const threats::Threat *> list;
    for (const threats::Threat &t : m_analysis.report.threats)
        if (t.elementId == elementId)
            list << &t;
    std::sort(list.begin(), list.end(), worseFirst);
    return list;
}

QString ReviewDocument::elementOfFinding(const rules::Finding &finding)
{
    return finding.service.isEmpty() ? QString() : QStringLiteral("service:") + finding.service;
}

QList<const rules::Finding *> ReviewDocument::findingsOf(const QString &elementId) const
{
    QList<const rules::Finding *> list;
    if (elementId.isEmpty())
        return list;
    for (const rules::Finding &f : m_analysis.report.findings)
        if (elementOfFinding(f) == elementId)
            list << &f;
    return list;
}

QStringList ReviewDocument::elementOrder() const
{
    QList<const layout::DiagramNode *> nodes;
    for (const layout::DiagramNode &n : m_analysis.diagram.nodes)
        nodes << &n;
    // Reading order of a left-to-right layout: by column (x), then top to bottom.
    std::sort(nodes.begin(), nodes.end(), [](const auto *a, const auto *b) {
        const QPointF ca = a->rect.center();
        const QPointF cb = b->rect.center();
        if (qAbs(ca.x() - cb.x()) > 1.0)
            return ca.x() < cb.x();
        if (qAbs(ca.y() - cb.y()) > 1.0)
            return ca.y() < cb.y();
        return a->elementId < b->elementId;
    });
    QStringList order;
    for (const auto *n : std::as_const(nodes))
        order << n->elementId;
    QStringList rest;
    for (const system::Element &e : m_analysis.report.systemModel.elements)
        if (!order.contains(e.id))
            rest << e.id;
    // Threats on flows and on elements the diagram does not show come last.
    for (const threats::Threat &t : m_analysis.report.threats)
        if (!order.contains(t.elementId) && !rest.contains(t.elementId))
            rest << t.elementId;
    rest.sort();
    return order + rest;
}

QStringList ReviewDocument::walkthroughOrder() const
{
    QStringList ids;
    for (const QString &elementId : elementOrder())
        for (const threats::Threat *t : threatsOf(elementId))
            ids << t->id;
    return ids;
}

// ---- The review file ------------------------------------------------------------------

QString ReviewDocument::reviewPath() const
{
    return m_store ? m_store->path() : QString();
}

QString ReviewDocument::autosaveReviewPath(const QString &projectDirectory)
{
    const QString canonical = QFileInfo(projectDirectory).absoluteFilePath();
    const QByteArray hash
        = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex().left(12);
    QString name = QFileInfo(canonical).fileName();
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/reviews");
    return dir + u'/' + name + u'-' + QString::fromLatin1(hash) + QStringLiteral(".threatdock");
}

bool ReviewDocument::openReview(const QString &path, bool create, QString *error)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    review::ReviewResult<std::unique_ptr<review::ReviewStore>> opened;
    if (create && !QFileInfo::exists(absolute)) {
        QDir().mkpath(QFileInfo(absolute).absolutePath());
        opened = review::ReviewStore::create(absolute);
    } else {
        opened = review::ReviewStore::open(absolute);
    }
    if (!opened.ok()) {
        if (error)
            *error = opened.errorMessage();
        return false;
    }
    m_store = std::move(opened.value);
    m_undoStack->clear();
    if (auto runs = m_store->scanRuns(); runs.ok()) {
        m_scanRuns = runs.value;
    } else {
        m_scanRuns.clear();
        Q_EMIT saveFailed(runs.errorMessage());
    }
    if (m_hasAnalysis)
        saveAnalysisToStore();
    reloadDecisions();
    Q_EMIT reviewChanged();
    return true;
}

void ReviewDocument::closeReview()
{
    m_previousAnalysis.reset();
    if (!m_store)
        return;
    m_store.reset();
    m_undoStack->clear();
    m_decisions.clear();
    m_scanRuns.clear();
    Q_EMIT reviewChanged();
}

bool ReviewDocument::saveReviewAs(const QString &path, QString *error)
{
    if (!m_store) {
        if (error)
            *error = tr("No review is open.");
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (absolute == m_store->path())
        return true;
    if (QFileInfo::exists(absolute) && !QFile::remove(absolute)) {
        if (error)
            *error = tr("%1: cannot replace the file").arg(absolute);
        return false;
    }
    const auto project = m_store->project();
    if (const auto copied = m_store->saveCopy(absolute); !copied.ok()) {
        if (error)
            *error = copied.errorMessage();
        return false;
    }
    auto opened = review::ReviewStore::open(absolute);
    if (!opened.ok()) {
        if (error)
            *error = opened.errorMessage();
        return false;
    }
    if (project.ok()) {
        if (const auto set = opened.value->setProject(project.value); !set.ok()) {
            if (error)
                *error = set.errorMessage();
            return false;
        }
    }
    m_store = std::move(opened.value);
    reloadDecisions();
    Q_EMIT reviewChanged();
    return true;
}

std::optional<review::ProjectPaths> ReviewDocument::reviewProject() const
{
    if (!m_store)
        return std::nullopt;
    auto paths = m_store->project();
    if (!paths.ok() || (paths.value.workingDir.isEmpty() && paths.value.composeFiles.isEmpty()))
        return std::nullopt;
    return paths.value;
}

QList<review::Decision> ReviewDocument::resolvedByChange() const
{
    if (!m_store)
        return {};
    auto list = m_store->resolvedByChange();
    return list.ok() ? list.value : QList<review::Decision>{};
}

void ReviewDocument::reloadDecisions()
{
    m_decisions.clear();
    if (!m_store)
        return;
    const auto all = m_store->decisions();
    if (!all.ok()) {
        Q_EMIT saveFailed(all.errorMessage());
        return;
    }
    for (const review::Decision &d : all.value)
        m_decisions.insert(d.threatId, d);
}

// ---- Decisions ------------------------------------------------------------------------

review::Decision ReviewDocument::decision(const QString &threatId) const
{
    const auto it = m_decisions.constFind(threatId);
    if (it != m_decisions.cend())
        return *it;
    review::Decision d;
    d.threatId = threatId;
    return d;
}

int ReviewDocument::decidedCount() const
{
    int count = 0;
    for (const threats::Threat &t : m_analysis.report.threats)
        if (decision(t.id).status != review::DecisionStatus::Open)
            ++count;
    return count;
}

int ReviewDocument::openThreatCount() const
{
    int count = 0;
    for (const threats::Threat &t : m_analysis.report.threats)
        if (decision(t.id).status == review::DecisionStatus::Open && !t.mitigatedByConfiguration())
            ++count;
    return count;
}

bool ReviewDocument::writeDecision(const QString &threatId, const QString &field,
                                   const QString &value)
{
    if (!m_store) {
        Q_EMIT saveFailed(tr("No review file is open: the decision was not saved."));
        return false;
    }
    review::ReviewResult<> result;
    if (field == fieldStatus) {
        const auto status = review::decisionStatusFromName(value);
        result = m_store->setStatus(threatId, status.value_or(review::DecisionStatus::Open));
    } else if (field == fieldOwner) {
        result = m_store->setOwner(threatId, value);
    } else {
        result = m_store->setNotes(threatId, value);
    }
    if (!result.ok()) {
        Q_EMIT saveFailed(result.errorMessage());
        return false;
    }
    const auto fresh = m_store->decision(threatId);
    if (fresh.ok())
        m_decisions.insert(threatId, fresh.value);
    Q_EMIT decisionChanged(threatId);
    Q_EMIT saved();
    return true;
}

void ReviewDocument::setStatus(const QString &threatId, review::DecisionStatus status)
{
    const review::Decision d = decision(threatId);
    if (d.status == status || !threat(threatId))
        return;
    const QString text
        = tr("Set %1 to %2").arg(threat(threatId)->title, review::decisionStatusName(status));
    m_undoStack->push(new DecisionCommand(this, threatId, fieldStatus, fieldValue(d, fieldStatus),
                                          review::decisionStatusName(status), text));
}

void ReviewDocument::setOwner(const QString &threatId, const QString &owner)
{
    const review::Decision d = decision(threatId);
    if (d.owner == owner || !threat(threatId))
        return;
    m_undoStack->push(new DecisionCommand(this, threatId, fieldOwner, d.owner, owner,
                                          tr("Set owner of %1").arg(threat(threatId)->title)));
}

void ReviewDocument::setNotes(const QString &threatId, const QString &notes)
{
    const review::Decision d = decision(threatId);
    if (d.notes == notes || !threat(threatId))
        return;
    m_undoStack->push(new DecisionCommand(this, threatId, fieldNotes, d.notes, notes,
                                          tr("Edit notes of %1").arg(threat(threatId)->title)));
}

// ---- Scans ---------------------------------------------------------------------------

QList<rules::Finding> ReviewDocument::scanFindings() const
{
    return review::latestScanFindings(m_scanRuns);
}

void ReviewDocument::addScanRun(review::ScanRun run)
{
    if (m_store) {
        const auto id = m_store->addScanRun(run);
        if (id.ok()) {
            run.id = id.value;
            Q_EMIT saved();
        } else {
            Q_EMIT saveFailed(id.errorMessage());
        }
    }
    m_scanRuns << run;
    Q_EMIT scanRunsChanged();
}

// ---- Selection ------------------------------------------------------------------------

void ReviewDocument::selectElement(const QString &elementId)
{
    if (elementId == m_selectedElement)
        return;
    m_selectedElement = elementId;
    Q_EMIT selectionChanged(elementId);
    const threats::Threat *current = threat(m_currentThreat);
    if (!elementId.isEmpty() && (!current || current->elementId != elementId)) {
        const auto list = threatsOf(elementId);
        const QString next = list.isEmpty() ? QString() : list.constFirst()->id;
        if (next != m_currentThreat && !next.isEmpty()) {
            m_currentThreat = next;
            Q_EMIT currentThreatChanged(next);
        }
    }
}

void ReviewDocument::setCurrentThreat(const QString &threatId)
{
    if (threatId == m_currentThreat)
        return;
    m_currentThreat = threatId;
    if (const threats::Threat *t = threat(threatId); t && t->elementId != m_selectedElement) {
        m_selectedElement = t->elementId;
        Q_EMIT selectionChanged(m_selectedElement);
    }
    Q_EMIT currentThreatChanged(threatId);
}

void ReviewDocument::activateFinding(const QString &findingId)
{
    const rules::Finding *f = finding(findingId);
    if (!f)
        return;
    if (const QString elementId = elementOfFinding(*f); !elementId.isEmpty())
        selectElement(elementId);
    Q_EMIT findingActivated(findingId);
}

// ---- Filters --------------------------------------------------------------------------

void ReviewDocument::setStrideFilter(const QString &letters)
{
    if (letters == m_strideFilter)
        return;
    m_strideFilter = letters;
    Q_EMIT filterChanged();
}

void ReviewDocument::setMinimumSeverity(rules::Severity severity)
{
    if (severity == m_minimumSeverity)
        return;
    m_minimumSeverity = severity;
    Q_EMIT filterChanged();
}

bool ReviewDocument::passesFilter(const threats::Threat &t) const
{
    if (t.severity < m_minimumSeverity)
        return false;
    return m_strideFilter.isEmpty() || m_strideFilter.contains(t.stride);
}

} // namespace threatdock::views
