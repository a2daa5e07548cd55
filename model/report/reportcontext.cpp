#include "reportcontext.h"

#include "pdfnavigation.h"
#include "review/reviewstore.h"
#include "rules/secretdetector.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSet>

#include <graphviz/graphviz_version.h>

#include <algorithm>

namespace threatdock::report {

using rules::SecretDetector;

QString threatStateName(ThreatState state)
{
    switch (state) {
    case ThreatState::Open:
        return QStringLiteral("open");
    case ThreatState::MitigatedByConfiguration:
        return QStringLiteral("mitigated (configuration)");
    case ThreatState::Mitigated:
        return QStringLiteral("mitigated");
    case ThreatState::Accepted:
        return QStringLiteral("accepted");
    case ThreatState::Transferred:
        return QStringLiteral("transferred");
    case ThreatState::NotApplicable:
        return QStringLiteral("not applicable");
    }
    return QString();
}

QString strideName(const QString &letter)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("S"), QStringLiteral("Spoofing")},
        {QStringLiteral("T"), QStringLiteral("Tampering")},
        {QStringLiteral("R"), QStringLiteral("Repudiation")},
        {QStringLiteral("I"), QStringLiteral("Information disclosure")},
        {QStringLiteral("D"), QStringLiteral("Denial of service")},
        {QStringLiteral("E"), QStringLiteral("Elevation of privilege")},
    };
    return names.value(letter.toUpper(), letter);
}

namespace {

/// An anchor name made of letters, digits and '-', unique among those already taken.
QString uniqueAnchor(const QString &prefix, const QString &id, QSet<QString> &taken)
{
    QString slug;
    bool dash = false;
    for (const QChar c : id) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            slug += c.toLower();
            dash = false;
        } else if (!dash) {
            slug += u'-';
            dash = true;
        }
    }
    QString anchor = prefix + u'-' + slug;
    for (int n = 2; taken.contains(anchor); ++n)
        anchor = prefix + u'-' + slug + u'-' + QString::number(n);
    taken.insert(anchor);
    return anchor;
}

int kindRank(system::ElementKind kind)
{
    switch (kind) {
    case system::ElementKind::Process:
        return 0;
    case system::ElementKind::DataStore:
        return 1;
    case system::ElementKind::ExternalEntity:
        return 2;
    }
    return 3;
}

template<typename T> std::optional<T> take(review::ReviewResult<T> result, QString *error)
{
    if (!result.ok()) {
        if (error)
            *error = result.errorMessage();
        return std::nullopt;
    }
    return std::move(result.value);
}

void redact(rules::Finding &f)
{
    f.title = SecretDetector::redact(f.title);
    f.evidence = SecretDetector::redact(f.evidence);
    f.why = SecretDetector::redact(f.why);
}

} // namespace

std::optional<ReportContext> ReportContext::gather(const ReportInput &input, QString *error)
{
    ReportContext context;
    context.m_input = &input;
    context.m_generatedAt
        = input.generatedAt.isNull() ? QDateTime::currentDateTimeUtc() : input.generatedAt.toUTC();
    catalog::Catalog::LoadResult loaded = catalog::Catalog::load();
    if (!loaded.ok()) {
        if (error)
            *error = loaded.error->toString();
        return std::nullopt;
    }
    context.m_catalog = std::move(*loaded.catalog);
    if (const review::ReviewStore *store = input.review) {
        context.m_hasReview = true;
        context.m_reviewFile = store->path();
        const auto decisions = take(store->decisions(), error);
        const auto history = take(store->history(), error);
        const auto records = take(store->threatRecords(), error);
        const auto runs = take(store->scanRuns(), error);
        if (!decisions || !history || !records || !runs)
            return std::nullopt;
        for (review::Decision d : *decisions) {
            d.notes = SecretDetector::redact(d.notes);
            d.owner = SecretDetector::redact(d.owner);
            if (d.resolvedByChange)
                context.m_resolved << d;
            context.m_decisions.insert(d.threatId, d);
        }
        for (review::HistoryEntry h : *history) {
            h.oldValue = SecretDetector::redact(h.oldValue);
            h.newValue = SecretDetector::redact(h.newValue);
            context.m_history[h.threatId] << h;
        }
        for (const review::ThreatRecord &r : *records)
            context.m_records.insert(r.id, r);
        context.m_scanRuns = *runs;
    }
    context.readFindings();
    context.indexElements();
    context.hashInputs();
    return context;
}

void ReportContext::readFindings()
{
    // The analysis has the rules' findings and those of the scans it was given (the
    // latest runs); the review's runs are listed in the appendix.
    m_findings = analysis().findings;
    for (rules::Finding &f : m_findings) {
        f.file = analysis().relativePath(f.file);
        redact(f);
    }
    for (qsizetype i = 0; i < m_findings.size(); ++i)
        m_findingIndex.insert(m_findings.at(i).id, i);
    for (review::ScanRun &run : m_scanRuns) {
        run.target = SecretDetector::redact(analysis().relativePath(run.target));
        for (rules::Finding &f : run.findings) {
            f.file = analysis().relativePath(f.file);
            redact(f);
        }
    }
}

void ReportContext::indexElements()
{
    const AnalysisReport &a = analysis();
    for (qsizetype i = 0; i < a.threats.size(); ++i)
        m_threatsByElement[a.threats.at(i).elementId] << i;
    QList<const system::Element *> elements;
    for (const system::Element &e : a.systemModel.elements)
        if (m_threatsByElement.contains(e.id))
            elements << &e;
    std::stable_sort(elements.begin(), elements.end(), [](const auto *x, const auto *y) {
        if (kindRank(x->kind) != kindRank(y->kind))
            return kindRank(x->kind) < kindRank(y->kind);
        return x->name.compare(y->name, Qt::CaseInsensitive) < 0;
    });
    for (const system::Element *e : std::as_const(elements))
        m_elementOrder << e->id;
    for (const system::DataFlow &f : a.systemModel.flows)
        if (m_threatsByElement.contains(f.id))
            m_elementOrder << f.id;
    // Threats of elements the model does not know (a lone Dockerfile has none) come last.
    QStringList rest;
    for (auto it = m_threatsByElement.cbegin(); it != m_threatsByElement.cend(); ++it)
        if (!m_elementOrder.contains(it.key()))
            rest << it.key();
    rest.sort();
    m_elementOrder << rest;

    QSet<QString> taken;
    for (const QString &id : std::as_const(m_elementOrder))
        m_anchors.insert(id, uniqueAnchor(QStringLiteral("element"), id, taken));
    for (const threats::Threat &t : a.threats)
        m_anchors.insert(t.id, uniqueAnchor(QStringLiteral("threat"), t.id, taken));
}

void ReportContext::hashInputs()
{
    const QDir base(analysis().project.workingDir);
    for (const QString &file : analysis().project.files) {
        QFile f(base.absoluteFilePath(file));
        QString sha;
        if (f.open(QIODevice::ReadOnly)) {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            hash.addData(&f);
            sha = QString::fromLatin1(hash.result().toHex());
        }
        m_hashes << InputFileHash{file, sha};
    }
}

QString ReportContext::title() const
{
    return m_input->title.isEmpty() ? QStringLiteral("Threat model report") : m_input->title;
}

const review::Decision *ReportContext::decision(const QString &threatId) const
{
    const auto it = m_decisions.constFind(threatId);
    return it == m_decisions.cend() ? nullptr : &*it;
}

ThreatState ReportContext::state(const threats::Threat &threat) const
{
    const review::Decision *d = decision(threat.id);
    const review::DecisionStatus status = d ? d->status : review::DecisionStatus::Open;
    switch (status) {
    case review::DecisionStatus::Open:
        break;
    case review::DecisionStatus::Mitigated:
        return ThreatState::Mitigated;
    case review::DecisionStatus::Accepted:
        return ThreatState::Accepted;
    case review::DecisionStatus::Transferred:
        return ThreatState::Transferred;
    case review::DecisionStatus::NotApplicable:
        return ThreatState::NotApplicable;
    }
    return threat.mitigatedByConfiguration() ? ThreatState::MitigatedByConfiguration
                                             : ThreatState::Open;
}

QList<review::HistoryEntry> ReportContext::history(const QString &threatId) const
{
    return m_history.value(threatId);
}

const review::ThreatRecord *ReportContext::threatRecord(const QString &threatId) const
{
    const auto it = m_records.constFind(threatId);
    return it == m_records.cend() ? nullptr : &*it;
}

const rules::Finding *ReportContext::finding(const QString &id) const
{
    const auto it = m_findingIndex.constFind(id);
    return it == m_findingIndex.cend() ? nullptr : &m_findings.at(*it);
}

QList<const threats::Threat *> ReportContext::threatsOf(const QString &elementId) const
{
    QList<const threats::Threat *> list;
    for (const qsizetype i : m_threatsByElement.value(elementId))
        list << &analysis().threats.at(i);
    std::sort(list.begin(), list.end(), [](const auto *a, const auto *b) {
        return a->risk() != b->risk() ? a->risk() > b->risk() : a->id < b->id;
    });
    return list;
}

QString ReportContext::elementName(const QString &elementId) const
{
    return analysis().systemModel.displayName(elementId, true);
}

QString ReportContext::elementKind(const QString &elementId) const
{
    if (const system::Element *e = analysis().systemModel.element(elementId)) {
        switch (e->kind) {
        case system::ElementKind::Process:
            return QStringLiteral("process");
        case system::ElementKind::DataStore:
            return QStringLiteral("data store");
        case system::ElementKind::ExternalEntity:
            return QStringLiteral("external entity");
        }
    }
    return elementId.startsWith(QStringLiteral("flow:")) ? QStringLiteral("data flow")
                                                         : QStringLiteral("element");
}

qsizetype ReportContext::countThreats(ThreatState wanted) const
{
    return std::count_if(analysis().threats.cbegin(), analysis().threats.cend(),
                         [&](const threats::Threat &t) { return state(t) == wanted; });
}

qsizetype ReportContext::countOpen(rules::Severity severity) const
{
    return std::count_if(
        analysis().threats.cbegin(), analysis().threats.cend(),
        [&](const threats::Threat &t) { return t.severity == severity && isOpen(t); });
}

QList<ToolVersion> ReportContext::toolVersions() const
{
    QList<ToolVersion> versions{
        {QStringLiteral("ThreatDock"), QStringLiteral(THREATDOCK_VERSION)},
        {QStringLiteral("MITRE ATT&CK (catalog)"), m_catalog.attackVersion()},
        {QStringLiteral("NIST SP 800-53 (catalog)"), m_catalog.nistVersion()},
        {QStringLiteral("Qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("Graphviz"), QStringLiteral(PACKAGE_VERSION)},
        {QStringLiteral("qpdf"), PdfNavigation::libraryVersion()},
    };
    QSet<QString> seen;
    for (const review::ScanRun &run : m_scanRuns) {
        const QString key = run.tool + u' ' + run.toolVersion;
        if (!seen.contains(key)) {
            seen.insert(key);
            versions << ToolVersion{run.tool, run.toolVersion};
        }
    }
    return versions;
}

QString ReportContext::techniqueLabel(const QString &id) const
{
    const catalog::Technique *t = m_catalog.technique(id);
    if (!t)
        return id;
    QStringList tactics;
    for (const QString &shortName : t->tactics)
        if (const catalog::Tactic *tactic = m_catalog.tactic(shortName))
            tactics << tactic->name;
    QString label = t->id + u' ' + t->name;
    if (!tactics.isEmpty())
        label += QStringLiteral(" (") + tactics.join(QStringLiteral(", ")) + u')';
    return label;
}

QString ReportContext::controlLabel(const QString &id) const
{
    const QString title = m_catalog.controlFullTitle(id);
    const catalog::Control *c = m_catalog.control(id);
    return title.isEmpty() ? id : (c ? c->id : id) + u' ' + title;
}

} // namespace threatdock::report
