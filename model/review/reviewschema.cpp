#include "reviewschema_p.h"

#include "reviewdatabase_p.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

namespace threatdock::review {

namespace {

const QString decisionStatusCheck = QStringLiteral(
    "CHECK (status IN ('open', 'mitigated', 'accepted', 'transferred', 'not-applicable'))");
const QString mitigationStatusCheck = QStringLiteral(
    "CHECK (status IN ('planned', 'in-progress', 'implemented', 'verified', 'rejected'))");

QStringList version1()
{
    return {
        QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE project_paths (position INTEGER PRIMARY KEY, role TEXT NOT "
                       "NULL CHECK (role IN ('working-dir', 'compose', 'env')), path TEXT NOT "
                       "NULL)"),
        QStringLiteral("CREATE TABLE analysis (id INTEGER PRIMARY KEY CHECK (id = 1), "
                       "analyzed_at TEXT NOT NULL, snapshot TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE threats (id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL, "
                       "stride TEXT NOT NULL, element_id TEXT NOT NULL, severity TEXT NOT NULL, "
                       "risk INTEGER NOT NULL, present INTEGER NOT NULL DEFAULT 1, first_seen "
                       "TEXT NOT NULL, last_seen TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE decisions (threat_id TEXT PRIMARY KEY NOT NULL REFERENCES "
                       "threats(id), status TEXT NOT NULL DEFAULT 'open' %1, owner TEXT NOT NULL "
                       "DEFAULT '', notes TEXT NOT NULL DEFAULT '')")
            .arg(decisionStatusCheck),
        QStringLiteral("CREATE TABLE mitigations (id INTEGER PRIMARY KEY AUTOINCREMENT, threat_id "
                       "TEXT NOT NULL REFERENCES decisions(threat_id) ON DELETE CASCADE, position "
                       "INTEGER NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL %1)")
            .arg(mitigationStatusCheck),
        QStringLiteral("CREATE INDEX mitigations_by_threat ON mitigations(threat_id, position)"),
        QStringLiteral("CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT "
                       "NULL, who TEXT NOT NULL, threat_id TEXT NOT NULL, field TEXT NOT NULL, "
                       "old_value TEXT NOT NULL, new_value TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX history_by_threat ON history(threat_id, id)"),
        QStringLiteral("PRAGMA application_id = %1").arg(ReviewSchema::applicationId),
    };
}

QStringList version2()
{
    return {
        QStringLiteral("ALTER TABLE decisions ADD COLUMN created_at TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE decisions ADD COLUMN updated_at TEXT NOT NULL DEFAULT ''"),
        // A decision was created when its threat was first seen; it was last updated by
        // its latest status, owner, notes or mitigation change (version 1 kept those only
        // in the history).
        QStringLiteral("UPDATE decisions SET created_at = COALESCE((SELECT first_seen FROM "
                       "threats WHERE threats.id = decisions.threat_id), ''), updated_at = "
                       "COALESCE((SELECT MAX(at) FROM history WHERE history.threat_id = "
                       "decisions.threat_id AND history.field <> 'threat'), (SELECT first_seen "
                       "FROM threats WHERE threats.id = decisions.threat_id), '')"),
        QStringLiteral("ALTER TABLE threats ADD COLUMN resolved_at TEXT"),
        QStringLiteral("UPDATE threats SET resolved_at = COALESCE((SELECT MAX(at) FROM history "
                       "WHERE history.threat_id = threats.id AND history.field = 'threat' AND "
                       "history.new_value = 'resolved by change'), last_seen) WHERE present = 0"),
        QStringLiteral("CREATE TABLE scan_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, tool TEXT "
                       "NOT NULL, tool_version TEXT NOT NULL, target TEXT NOT NULL, started_at "
                       "TEXT NOT NULL, finished_at TEXT NOT NULL, exit_status INTEGER NOT NULL, "
                       "who TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE scan_findings (run_id INTEGER NOT NULL REFERENCES "
                       "scan_runs(id) ON DELETE CASCADE, position INTEGER NOT NULL, finding_id "
                       "TEXT NOT NULL, rule_id TEXT NOT NULL, severity TEXT NOT NULL, file TEXT "
                       "NOT NULL, line INTEGER NOT NULL, finding TEXT NOT NULL, PRIMARY KEY "
                       "(run_id, position))"),
    };
}

ReviewError notAReview(const QString &path, const QString &why)
{
    return {ReviewError::Kind::NotAReview,
            path
                + QStringLiteral(": not a ThreatDock review (%1); the file was left as it is.")
                      .arg(why)};
}

ReviewError damaged(const QString &path, const QString &why)
{
    return {
        ReviewError::Kind::Corrupt,
        path + QStringLiteral(": the review file is damaged (%1); it was left as it is.").arg(why)};
}

/// Reads the 100-byte SQLite header without going through SQLite.
ReviewResult<QByteArray> checkHeader(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return ReviewError{ReviewError::Kind::NotFound,
                           path + QStringLiteral(": the review file does not exist")};
    if (!info.isFile())
        return notAReview(path, QStringLiteral("it is not a regular file"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ReviewError{
            ReviewError::Kind::Io,
            path + QStringLiteral(": cannot read the review file: %1").arg(file.errorString())};
    const QByteArray header = file.read(100);
    if (header.isEmpty())
        return notAReview(path, QStringLiteral("the file is empty"));
    static const QByteArray magic("SQLite format 3\0", 16);
    if (!header.startsWith(magic))
        return notAReview(path, QStringLiteral("it is not an SQLite database"));
    if (header.size() < 100)
        return damaged(path, QStringLiteral("the file is shorter than an SQLite header"));
    return header;
}

ReviewResult<int> pragmaInt(ReviewDatabase &db, const QString &pragma)
{
    auto result = db.scalar(QStringLiteral("PRAGMA ") + pragma, {},
                            QStringLiteral("reading the review's ") + pragma);
    if (!result.ok())
        return *result.error;
    return result.value.toInt();
}

} // namespace

QStringList ReviewSchema::stepStatements(int version)
{
    switch (version) {
    case 1:
        return version1();
    case 2:
        return version2();
    default:
        return {};
    }
}

QStringList ReviewSchema::requiredTables(int version)
{
    QStringList tables{QStringLiteral("meta"),      QStringLiteral("project_paths"),
                       QStringLiteral("analysis"),  QStringLiteral("threats"),
                       QStringLiteral("decisions"), QStringLiteral("mitigations"),
                       QStringLiteral("history")};
    if (version >= 2)
        tables << QStringLiteral("scan_runs") << QStringLiteral("scan_findings");
    return tables;
}

ReviewResult<int> ReviewSchema::identify(ReviewDatabase &db)
{
    const QString &path = db.path();
    const auto appId = pragmaInt(db, QStringLiteral("application_id"));
    if (!appId.ok())
        return *appId.error;
    if (appId.value != applicationId)
        return notAReview(path, QStringLiteral("an SQLite database of some other application"));

    const auto version = pragmaInt(db, QStringLiteral("user_version"));
    if (!version.ok())
        return *version.error;
    if (version.value > currentVersion) {
        return ReviewError{
            ReviewError::Kind::NewerVersion,
            path
                + QStringLiteral(": the review was written by a newer ThreatDock (review format "
                                 "%1; this version reads up to %2). Update ThreatDock to open "
                                 "it; the file was left as it is.")
                      .arg(version.value)
                      .arg(currentVersion)};
    }
    if (version.value < 1)
        return damaged(path, QStringLiteral("it has no review format version"));
    return version.value;
}

ReviewResult<int> ReviewSchema::inspect(const QString &path, int busyTimeoutMs)
{
    const auto header = checkHeader(path);
    if (!header.ok())
        return *header.error;
    // A WAL-mode file without a -wal file is entirely in the main file: read it as
    // immutable so that looking at it creates no -wal/-shm files next to it.
    const bool walMode = header.value.at(18) == 2 && header.value.at(19) == 2;
    const bool immutable = walMode && !QFileInfo::exists(path + QStringLiteral("-wal"));
    ReviewDatabase db(path,
                      immutable ? ReviewDatabase::Mode::Immutable : ReviewDatabase::Mode::ReadOnly,
                      busyTimeoutMs);
    if (auto error = db.open())
        return *error;
    const auto version = identify(db);
    if (!version.ok())
        return version;

    QSqlQuery check = db.newQuery();
    if (auto error = db.exec(check, QStringLiteral("PRAGMA quick_check"), {},
                             QStringLiteral("checking the review file")))
        return *error;
    if (check.next() && check.value(0).toString() != QStringLiteral("ok")) {
        // The first problem is enough: "Page 4: btreeInitPage() returns error code 11".
        QStringList problems = check.value(0).toString().split(u'\n', Qt::SkipEmptyParts);
        problems.removeIf([](const QString &line) { return line.startsWith(u'*'); });
        return damaged(path, problems.value(0, check.value(0).toString()));
    }
    check.finish();

    const QStringList tables = requiredTables(version.value);
    for (const QString &table : tables) {
        const auto found = db.scalar(
            QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"),
            {table}, QStringLiteral("checking the review file"));
        if (!found.ok())
            return *found.error;
        if (found.value.toInt() != 1)
            return damaged(path, QStringLiteral("the table '%1' is missing").arg(table));
    }
    return version.value;
}

std::optional<ReviewError> ReviewSchema::migrate(ReviewDatabase &db, int from)
{
    for (int version = from + 1; version <= currentVersion; ++version) {
        const QString action = QStringLiteral("updating the review to format %1").arg(version);
        const QStringList statements = stepStatements(version);
        for (const QString &sql : statements) {
            if (auto error = db.exec(sql, {}, action))
                return error;
        }
        if (auto error
            = db.exec(QStringLiteral("PRAGMA user_version = %1").arg(version), {}, action))
            return error;
    }
    return std::nullopt;
}

} // namespace threatdock::review
