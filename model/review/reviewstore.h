#pragma once

#include "reviewerror.h"
#include "reviewtypes.h"

#include <QDir>
#include <QString>

#include <memory>

namespace threatdock::review {

class ReviewDatabase;

/// One review file (`*.threatdock`, SQLite): the project's paths, the last analysis,
/// the decision about every threat (status, owner, notes, mitigations), the history of
/// every change and the scan runs.
///
/// Promises:
/// - every setter is one transaction, committed before it returns (autosave): closing
///   the application or a crash loses nothing that a setter reported as saved;
/// - the file is in WAL mode; a second store or process on the same file waits up to
///   the busy timeout for a writer and then gets a Busy error ("open elsewhere"),
///   never a half-written change;
/// - a file that is not a review, is damaged or was written by a newer version is
///   refused by open() with a message naming it, and is not written to;
/// - older review files are migrated forward when opened.
///
/// A store is used from the thread that opened it. Errors are values, never exceptions.
class ReviewStore final
{
public:
    struct Options
    {
        /// How long a write waits for another writer before giving up with Busy.
        int busyTimeoutMs = 5000;
    };

    /// Creates a new review file; refuses when the file already exists.
    static ReviewResult<std::unique_ptr<ReviewStore>> create(const QString &path,
                                                             const Options &options);
    static ReviewResult<std::unique_ptr<ReviewStore>> create(const QString &path)
    {
        return create(path, Options{});
    }
    /// Opens an existing review file, migrating it to the current format if older.
    static ReviewResult<std::unique_ptr<ReviewStore>> open(const QString &path,
                                                           const Options &options);
    static ReviewResult<std::unique_ptr<ReviewStore>> open(const QString &path)
    {
        return open(path, Options{});
    }

    ~ReviewStore();
    ReviewStore(const ReviewStore &) = delete;
    ReviewStore &operator=(const ReviewStore &) = delete;

    /// The review file, absolute.
    QString path() const { return m_path; }
    /// The name history rows are recorded under: the OS user.
    QString userName() const { return m_user; }
    static QString osUserName();
    static int currentSchemaVersion();

    /// Writes a consistent copy of the review (SQLite's VACUUM INTO) to path, which must
    /// not exist. The copy's project paths are relative to this file's folder: open it
    /// and call setProject() when it lives elsewhere.
    ReviewResult<> saveCopy(const QString &path) const;

    // The project.
    ReviewResult<> setProject(const ProjectPaths &paths);
    ReviewResult<ProjectPaths> project() const;

    // The analysis.
    /// Saves threats and findings as the last analysis in one transaction: decisions of
    /// threats that still exist are kept, new threats get an open decision, decisions of
    /// threats that disappeared are flagged resolved by change (kept, not dropped).
    /// Threat ids must be unique.
    ReviewResult<AnalysisChange> applyAnalysis(const QList<threats::Threat> &threats,
                                               const QList<rules::Finding> &findings);
    ReviewResult<AnalysisSnapshot> lastAnalysis() const;
    /// Every threat the review has seen, present or resolved, by id.
    ReviewResult<QList<ThreatRecord>> threatRecords() const;

    // Decisions. Each setter is one transaction and one history row; setting the value a
    // field already has changes nothing and records nothing.
    ReviewResult<Decision> decision(const QString &threatId) const;
    /// All decisions, by threat id.
    ReviewResult<QList<Decision>> decisions() const;
    /// The decisions whose threat is gone from the last analysis.
    ReviewResult<QList<Decision>> resolvedByChange() const;
    ReviewResult<> setStatus(const QString &threatId, DecisionStatus status);
    ReviewResult<> setOwner(const QString &threatId, const QString &owner);
    ReviewResult<> setNotes(const QString &threatId, const QString &notes);
    /// Returns the new mitigation's id.
    ReviewResult<qint64> addMitigation(const QString &threatId, const QString &text,
                                       MitigationStatus status = MitigationStatus::Planned);
    ReviewResult<> setMitigationText(qint64 mitigationId, const QString &text);
    ReviewResult<> setMitigationStatus(qint64 mitigationId, MitigationStatus status);
    ReviewResult<> removeMitigation(qint64 mitigationId);

    /// The history, oldest first; of one threat when threatId is not empty.
    ReviewResult<QList<HistoryEntry>> history(const QString &threatId = {}) const;

    // Scans.
    /// Saves a run and its findings in one transaction; returns the run's id.
    ReviewResult<qint64> addScanRun(const ScanRun &run);
    /// Every run with its findings, oldest first.
    ReviewResult<QList<ScanRun>> scanRuns() const;

private:
    ReviewStore(const QString &path, std::unique_ptr<ReviewDatabase> db);

    static ReviewResult<std::unique_ptr<ReviewStore>>
    connect(const QString &path, const Options &options, int fileVersion);
    ReviewResult<> setDecisionText(const QString &threatId, const QString &column,
                                   const QString &value);
    ReviewResult<> setMitigationField(qint64 mitigationId, const QString &column,
                                      const QString &field, const QString &value);
    ReviewResult<QList<Decision>> readDecisions(const QString &where,
                                                const QVariantList &values) const;

    QString m_path;
    QDir m_base;
    QString m_user;
    std::unique_ptr<ReviewDatabase> m_db;
};

} // namespace threatdock::review
