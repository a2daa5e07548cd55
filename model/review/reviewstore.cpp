#include "reviewstore.h"

#include "reviewdatabase_p.h"
#include "reviewschema_p.h"
#include "reviewstore_p.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>

#include <vector>
#endif

namespace threatdock::review {

using detail::nowUtc;

namespace {

const QString roleWorkingDir = QStringLiteral("working-dir");
const QString roleCompose = QStringLiteral("compose");
const QString roleEnv = QStringLiteral("env");

QString describe(const ProjectPaths &paths, const QDir &base)
{
    QStringList parts;
    if (!paths.workingDir.isEmpty())
        parts << base.relativeFilePath(paths.workingDir);
    for (const QString &file : paths.composeFiles)
        parts << base.relativeFilePath(file);
    for (const QString &file : paths.envFiles)
        parts << base.relativeFilePath(file);
    return parts.join(QStringLiteral(", "));
}

void removeDatabaseFiles(const QString &path)
{
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    QFile::remove(path);
}

} // namespace

ReviewStore::ReviewStore(const QString &path, std::unique_ptr<ReviewDatabase> db)
    : m_path(path)
    , m_base(QFileInfo(path).absoluteDir())
    , m_user(osUserName())
    , m_db(std::move(db))
{ }

ReviewStore::~ReviewStore() = default;

int ReviewStore::currentSchemaVersion()
{
    return ReviewSchema::currentVersion;
}

QString ReviewStore::osUserName()
{
#ifdef Q_OS_UNIX
    passwd entry{};
    passwd *found = nullptr;
    std::vector<char> buffer(16384);
    if (getpwuid_r(geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found
        && found->pw_name && *found->pw_name)
        return QString::fromLocal8Bit(found->pw_name);
#endif
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("unknown");
}

ReviewResult<std::unique_ptr<ReviewStore>> ReviewStore::create(const QString &path,
                                                               const Options &options)
{
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    if (info.exists() || info.isSymLink()) {
        return ReviewError{ReviewError::Kind::AlreadyExists,
                           absolute
                               + QStringLiteral(": a file with this name exists already; open "
                                                "it, or choose another name for a new review")};
    }
    if (!info.absoluteDir().exists()) {
        return ReviewError{ReviewError::Kind::Io,
                           absolute
                               + QStringLiteral(": cannot create the review: the folder "
                                                "does not exist")};
    }
    auto result = connect(absolute, options, 0);
    if (!result.ok())
        removeDatabaseFiles(absolute);
    return result;
}

ReviewResult<std::unique_ptr<ReviewStore>> ReviewStore::open(const QString &path,
                                                             const Options &options)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const auto version = ReviewSchema::inspect(absolute, options.busyTimeoutMs);
    if (!version.ok())
        return *version.error;
    return connect(absolute, options, version.value);
}

ReviewResult<std::unique_ptr<ReviewStore>>
ReviewStore::connect(const QString &path, const Options &options, int fileVersion)
{
    auto db = std::make_unique<ReviewDatabase>(path, ReviewDatabase::Mode::ReadWrite,
                                               options.busyTimeoutMs);
    if (auto error = db->open())
        return *error;
    if (fileVersion > 0) {
        // What this connection sees, committed WAL content included, is what counts.
        const auto identified = ReviewSchema::identify(*db);
        if (!identified.ok())
            return *identified.error;
        fileVersion = identified.value;
    }
    const QString action = QStringLiteral("opening the review");
    // FULL: a commit is on disk when the setter returns, even if the machine then fails.
    for (const QString &pragma : {QStringLiteral("PRAGMA foreign_keys = ON"),
                                  QStringLiteral("PRAGMA synchronous = FULL")}) {
        if (auto error = db->exec(pragma, {}, action))
            return *error;
    }
    const auto mode = db->scalar(QStringLiteral("PRAGMA journal_mode = WAL"), {}, action);
    if (!mode.ok())
        return *mode.error;
    if (mode.value.toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0) {
        return ReviewError{ReviewError::Kind::Io,
                           path
                               + QStringLiteral(": cannot use write-ahead logging on this file "
                                                "system (journal mode stays '%1')")
                                     .arg(mode.value.toString())};
    }

    if (fileVersion < ReviewSchema::currentVersion) {
        const QString who = osUserName();
        auto error = db->write(action, [&]() -> std::optional<ReviewError> {
            // Another process may have migrated the file since it was inspected.
            const auto current = db->scalar(QStringLiteral("PRAGMA user_version"), {}, action);
            if (!current.ok())
                return current.error;
            const int from = current.value.toInt();
            if (from > 0 || fileVersion > 0) {
                const auto identified = ReviewSchema::identify(*db);
                if (!identified.ok())
                    return identified.error;
            }
            if (auto migrated = ReviewSchema::migrate(*db, from))
                return migrated;
            if (from != 0)
                return std::nullopt;
            const QString insert = QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)");
            const QString now = nowUtc();
            for (const auto &[key, value] :
                 {std::pair{QStringLiteral("created_at"), now},
                  std::pair{QStringLiteral("created_by"), who},
                  std::pair{QStringLiteral("created_with"),
                            QStringLiteral("ThreatDock " THREATDOCK_VERSION)}}) {
                if (auto inserted = db->exec(insert, {key, value}, action))
                    return inserted;
            }
            return std::nullopt;
        });
        if (error)
            return *error;
    }
    return std::unique_ptr<ReviewStore>(new ReviewStore(path, std::move(db)));
}

ReviewResult<> ReviewStore::saveCopy(const QString &path) const
{
    const QString target = QFileInfo(path).absoluteFilePath();
    if (QFileInfo::exists(target))
        return ReviewError{ReviewError::Kind::AlreadyExists,
                           QStringLiteral("%1: the file exists already").arg(target)};
    const QString action = QStringLiteral("saving a copy as %1").arg(target);
    if (auto e = m_db->exec(QStringLiteral("VACUUM INTO ?"), {target}, action))
        return *e;
    return {};
}

ReviewResult<> ReviewStore::setProject(const ProjectPaths &paths)
{
    const QString action = QStringLiteral("saving the project's paths");
    const auto old = project();
    if (!old.ok())
        return *old.error;
    auto error = m_db->write(action, [&]() -> std::optional<ReviewError> {
        if (auto e = m_db->exec(QStringLiteral("DELETE FROM project_paths"), {}, action))
            return e;
        QSqlQuery insert = m_db->newQuery();
        if (auto e = m_db->prepare(
                insert,
                QStringLiteral("INSERT INTO project_paths (position, role, path) VALUES (?, ?, ?)"),
                action))
            return e;
        int position = 0;
        auto add = [&](const QString &role, const QString &path) {
            return m_db->run(insert, {++position, role, m_base.relativeFilePath(path)}, action);
        };
        if (!paths.workingDir.isEmpty()) {
            if (auto e = add(roleWorkingDir, paths.workingDir))
                return e;
        }
        for (const QString &file : paths.composeFiles) {
            if (auto e = add(roleCompose, file))
                return e;
        }
        for (const QString &file : paths.envFiles) {
            if (auto e = add(roleEnv, file))
                return e;
        }
        return detail::recordHistory(*m_db, nowUtc(), m_user, QString(), QStringLiteral("project"),
                                     describe(old.value, m_base), describe(paths, m_base), action);
    });
    if (error)
        return *error;
    return {};
}

ReviewResult<ProjectPaths> ReviewStore::project() const
{
    const QString action = QStringLiteral("reading the project's paths");
    QSqlQuery query = m_db->newQuery();
    if (auto error = m_db->exec(
            query, QStringLiteral("SELECT role, path FROM project_paths ORDER BY position"), {},
            action))
        return *error;
    ProjectPaths paths;
    while (query.next()) {
        const QString role = query.value(0).toString();
        const QString path = QDir::cleanPath(m_base.absoluteFilePath(query.value(1).toString()));
        if (role == roleWorkingDir)
            paths.workingDir = path;
        else if (role == roleCompose)
            paths.composeFiles << path;
        else if (role == roleEnv)
            paths.envFiles << path;
    }
    return paths;
}

} // namespace threatdock::review
