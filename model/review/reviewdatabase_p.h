#pragma once

#include "reviewerror.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <functional>
#include <optional>

class QSqlError;

namespace threatdock::review {

/// One QSqlDatabase connection (QSQLITE) to a review file, under a connection name of
/// its own, with the busy timeout set. Statements run with bound values; failures come
/// back as ReviewErrors naming the file, with SQLite's busy and corruption codes turned
/// into Busy and Corrupt. Used from the thread that created it.
class ReviewDatabase final
{
public:
    /// Immutable: read-only without locks or WAL files (SQLite's immutable=1), for
    /// looking at a file that nobody is writing without leaving -wal/-shm files behind.
    enum class Mode { ReadOnly, Immutable, ReadWrite };

    ReviewDatabase(const QString &path, Mode mode, int busyTimeoutMs);
    ~ReviewDatabase();
    ReviewDatabase(const ReviewDatabase &) = delete;
    ReviewDatabase &operator=(const ReviewDatabase &) = delete;

    std::optional<ReviewError> open();
    const QString &path() const { return m_path; }

    /// Prepares and runs one statement with positional values, leaving the rows in
    /// query. action ("saving the owner of X") goes into the error message.
    std::optional<ReviewError> exec(QSqlQuery &query, const QString &sql,
                                    const QVariantList &values, const QString &action);
    /// A statement whose rows are not needed.
    std::optional<ReviewError> exec(const QString &sql, const QVariantList &values,
                                    const QString &action);
    /// The first column of the first row (an invalid QVariant when there is no row).
    ReviewResult<QVariant> scalar(const QString &sql, const QVariantList &values,
                                  const QString &action);
    QSqlQuery newQuery() const;
    /// Prepares a statement to run many times with run().
    std::optional<ReviewError> prepare(QSqlQuery &query, const QString &sql, const QString &action);
    std::optional<ReviewError> run(QSqlQuery &query, const QVariantList &values,
                                   const QString &action);

    /// Runs body as one write transaction (BEGIN IMMEDIATE ... COMMIT), so a second
    /// writer waits up to the busy timeout and then gets a Busy error instead of a
    /// half-written change. Rolls back when body or the commit fails.
    std::optional<ReviewError> write(const QString &action,
                                     const std::function<std::optional<ReviewError>()> &body);

    /// Runs body as one read transaction, so the statements in it see one snapshot.
    std::optional<ReviewError> read(const QString &action,
                                    const std::function<std::optional<ReviewError>()> &body);

    ReviewError errorFrom(const QSqlError &error, const QString &action) const;

private:
    std::optional<ReviewError> transaction(const QString &begin, const QString &action,
                                           const std::function<std::optional<ReviewError>()> &body);

    QString m_path;
    QString m_connectionName;
    Mode m_mode;
    int m_busyTimeoutMs;
    QSqlDatabase m_db;
};

} // namespace threatdock::review
