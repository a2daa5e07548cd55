#include "reviewdatabase_p.h"

#include <QSqlError>
#include <QUrl>

#include <atomic>

namespace threatdock::review {

namespace {

// SQLite's primary result codes (the low byte of an extended code).
constexpr int sqliteBusy = 5;
constexpr int sqliteLocked = 6;
constexpr int sqliteReadOnly = 8;
constexpr int sqliteCorrupt = 11;
constexpr int sqliteFull = 13;
constexpr int sqliteNotADatabase = 26;

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("threatdock-review-%1").arg(++counter);
}

} // namespace

ReviewDatabase::ReviewDatabase(const QString &path, Mode mode, int busyTimeoutMs)
    : m_path(path)
    , m_connectionName(nextConnectionName())
    , m_mode(mode)
    , m_busyTimeoutMs(busyTimeoutMs)
{ }

ReviewDatabase::~ReviewDatabase()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

std::optional<ReviewError> ReviewDatabase::open()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid()) {
        return ReviewError{ReviewError::Kind::Io,
                           m_path
                               + QStringLiteral(": cannot open the review: Qt's SQLite driver "
                                                "(QSQLITE) is not installed")};
    }
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs);
    if (m_mode != Mode::ReadWrite)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    if (m_mode == Mode::Immutable) {
        options += QStringLiteral(";QSQLITE_OPEN_URI");
        m_db.setDatabaseName(QUrl::fromLocalFile(m_path).toString(QUrl::FullyEncoded)
                             + QStringLiteral("?immutable=1"));
    } else {
        m_db.setDatabaseName(m_path);
    }
    m_db.setConnectOptions(options);
    if (!m_db.open())
        return errorFrom(m_db.lastError(), QStringLiteral("opening the review"));
    return std::nullopt;
}

QSqlQuery ReviewDatabase::newQuery() const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    return query;
}

std::optional<ReviewError> ReviewDatabase::prepare(QSqlQuery &query, const QString &sql,
                                                   const QString &action)
{
    if (!query.prepare(sql))
        return errorFrom(query.lastError(), action);
    return std::nullopt;
}

std::optional<ReviewError> ReviewDatabase::run(QSqlQuery &query, const QVariantList &values,
                                               const QString &action)
{
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        // A null QString is "" to the review (the driver would bind SQL NULL).
        const bool nullText = value.typeId() == QMetaType::QString && value.toString().isNull();
        query.bindValue(static_cast<int>(i), nullText ? QVariant(QStringLiteral("")) : value);
    }
    if (!query.exec())
        return errorFrom(query.lastError(), action);
    return std::nullopt;
}

std::optional<ReviewError> ReviewDatabase::exec(QSqlQuery &query, const QString &sql,
                                                const QVariantList &values, const QString &action)
{
    if (auto error = prepare(query, sql, action))
        return error;
    return run(query, values, action);
}

std::optional<ReviewError> ReviewDatabase::exec(const QString &sql, const QVariantList &values,
                                                const QString &action)
{
    QSqlQuery query = newQuery();
    return exec(query, sql, values, action);
}

ReviewResult<QVariant> ReviewDatabase::scalar(const QString &sql, const QVariantList &values,
                                              const QString &action)
{
    QSqlQuery query = newQuery();
    if (auto error = exec(query, sql, values, action))
        return *error;
    if (!query.next()) {
        if (query.lastError().isValid())
            return errorFrom(query.lastError(), action);
        return QVariant();
    }
    return query.value(0);
}

std::optional<ReviewError>
ReviewDatabase::write(const QString &action,
                      const std::function<std::optional<ReviewError>()> &body)
{
    return transaction(QStringLiteral("BEGIN IMMEDIATE"), action, body);
}

std::optional<ReviewError>
ReviewDatabase::read(const QString &action, const std::function<std::optional<ReviewError>()> &body)
{
    return transaction(QStringLiteral("BEGIN DEFERRED"), action, body);
}

std::optional<ReviewError>
ReviewDatabase::transaction(const QString &begin, const QString &action,
                            const std::function<std::optional<ReviewError>()> &body)
{
    if (auto error = exec(begin, {}, action))
        return error;
    std::optional<ReviewError> error = body();
    if (!error)
        error = exec(QStringLiteral("COMMIT"), {}, action);
    if (error) {
        QSqlQuery rollback(m_db);
        rollback.exec(QStringLiteral("ROLLBACK"));
    }
    return error;
}

ReviewError ReviewDatabase::errorFrom(const QSqlError &error, const QString &action) const
{
    const int code = error.nativeErrorCode().toInt() & 0xff;
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    switch (code) {
    case sqliteBusy:
    case sqliteLocked:
        return {ReviewError::Kind::Busy,
                m_path
                    + QStringLiteral(": the review is open elsewhere and busy (another window or "
                                     "process is saving it); %1 waited %2 ms and gave up, "
                                     "nothing was changed. Try again, or close the other window.")
                          .arg(action)
                          .arg(m_busyTimeoutMs)};
    case sqliteCorrupt:
    case sqliteNotADatabase:
        return {ReviewError::Kind::Corrupt,
                m_path
                    + QStringLiteral(": the review file is damaged (%1); it was left as it is.")
                          .arg(detail)};
    case sqliteReadOnly:
        return {
            ReviewError::Kind::Io,
            m_path + QStringLiteral(": %1 failed: the file is read-only (%2)").arg(action, detail)};
    case sqliteFull:
        return {ReviewError::Kind::Io,
                m_path + QStringLiteral(": %1 failed: the disk is full (%2)").arg(action, detail)};
    default:
        return {ReviewError::Kind::Io,
                m_path + QStringLiteral(": %1 failed: %2").arg(action, detail)};
    }
}

} // namespace threatdock::review
