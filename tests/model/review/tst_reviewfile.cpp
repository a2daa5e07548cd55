// The review file itself: migrations, refused files, concurrent access, crashes.

#include "reviewfixtures.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace threatdock;
using namespace threatdock::review;
using namespace threatdock::testing;

namespace {

/// A connection of the test's own (raw SQL, as another program would write the file).
class RawDatabase
{
public:
    explicit RawDatabase(const QString &path)
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        if (!m_db.open())
            qFatal("cannot open %s", qPrintable(path));
    }
    ~RawDatabase()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery query(m_db);
        const bool ok = query.exec(sql);
        if (!ok)
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return ok;
    }
    QString value(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql) || !query.next())
            return QStringLiteral("<no value>");
        return query.value(0).toString();
    }

private:
    QString m_name = QStringLiteral("raw-%1").arg(++s_count);
    QSqlDatabase m_db;
    static inline int s_count = 0;
};

// The version 1 schema exactly as ThreatDock 0.1 wrote it.
const char *const version1Schema[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
    "CREATE TABLE project_paths (position INTEGER PRIMARY KEY, role TEXT NOT NULL CHECK (role IN "
    "('working-dir', 'compose', 'env')), path TEXT NOT NULL)",
    "CREATE TABLE analysis (id INTEGER PRIMARY KEY CHECK (id = 1), analyzed_at TEXT NOT NULL, "
    "snapshot TEXT NOT NULL)",
    "CREATE TABLE threats (id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL, stride TEXT NOT "
    "NULL, element_id TEXT NOT NULL, severity TEXT NOT NULL, risk INTEGER NOT NULL, present "
    "INTEGER NOT NULL DEFAULT 1, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL)",
    "CREATE TABLE decisions (threat_id TEXT PRIMARY KEY NOT NULL REFERENCES threats(id), status "
    "TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'mitigated', 'accepted', "
    "'transferred', 'not-applicable')), owner TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL "
    "DEFAULT '')",
    "CREATE TABLE mitigations (id INTEGER PRIMARY KEY AUTOINCREMENT, threat_id TEXT NOT NULL "
    "REFERENCES decisions(threat_id) ON DELETE CASCADE, position INTEGER NOT NULL, text TEXT NOT "
    "NULL, status TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'implemented', "
    "'verified', 'rejected')))",
    "CREATE INDEX mitigations_by_threat ON mitigations(threat_id, position)",
    "CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT NOT "
    "NULL, threat_id TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT NOT NULL, new_value TEXT "
    "NOT NULL)",
    "CREATE INDEX history_by_threat ON history(threat_id, id)",
    "PRAGMA application_id = 1413771107",
    "INSERT INTO meta VALUES ('created_at', '2024-05-01T08:00:00.000Z')",
    "INSERT INTO threats VALUES ('STRIDE-E-x@service:api', 'Escape', 'E', 'service:api', 'high', "
    "12, 1, '2024-05-01T08:00:00.000Z', '2024-05-02T10:00:00.000Z')",
    "INSERT INTO threats VALUES ('STRIDE-T-gone@service:old', 'Gone', 'T', 'service:old', 'low', "
    "2, 0, '2024-05-01T08:00:00.000Z', '2024-05-01T08:00:00.000Z')",
    "INSERT INTO decisions VALUES ('STRIDE-E-x@service:api', 'accepted', 'alice', 'until Q3')",
    "INSERT INTO decisions VALUES ('STRIDE-T-gone@service:old', 'mitigated', '', '')",
    "INSERT INTO mitigations (threat_id, position, text, status) VALUES "
    "('STRIDE-E-x@service:api', 1, 'cap_drop: [ALL]', 'implemented')",
    "INSERT INTO history (at, who, threat_id, field, old_value, new_value) VALUES "
    "('2024-05-01T08:00:00.000Z', 'alice', 'STRIDE-E-x@service:api', 'threat', '', 'present'), "
    "('2024-05-01T08:00:00.000Z', 'alice', 'STRIDE-T-gone@service:old', 'threat', '', "
    "'present'), "
    "('2024-05-01T09:30:00.000Z', 'alice', 'STRIDE-E-x@service:api', 'status', 'open', "
    "'accepted'), "
    "('2024-05-01T09:45:00.000Z', 'alice', 'STRIDE-T-gone@service:old', 'status', 'open', "
    "'mitigated'), "
    "('2024-05-02T10:00:00.000Z', 'alice', 'STRIDE-T-gone@service:old', 'threat', 'present', "
    "'resolved by change')",
    "INSERT INTO analysis VALUES (1, '2024-05-02T10:00:00.000Z', '{\"threats\": [{\"id\": "
    "\"STRIDE-E-x@service:api\", \"title\": \"Escape\", \"severity\": \"high\"}], \"findings\": "
    "[]}')",
    "PRAGMA user_version = 1",
};

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
}

QStringList listing(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

QString integrityOf(const QString &path)
{
    RawDatabase db(path);
    return db.value(QStringLiteral("PRAGMA integrity_check"));
}

ReviewStore::Options shortTimeout()
{
    ReviewStore::Options options;
    options.busyTimeoutMs = 500;
    return options;
}

} // namespace

class TestReviewFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void migratesVersion1();
    void refusesAndLeavesUnchanged_data();
    void refusesAndLeavesUnchanged();
    void refusesAMissingFile();
    void twoStoresOnOneFile();
    void busyWhileAnotherConnectionWrites();
    void busyWhileAnotherProcessWrites();
    void killDuringWrites_data();
    void killDuringWrites();
    void killInsideATransaction();

private:
    void makeReview(int threatCount);
    QProcess *startWriter(const QString &mode, int threatCount);
    QStringList readLinesUntil(QProcess &process,
                               const std::function<bool(const QStringList &)> &done);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::vector<std::unique_ptr<QProcess>> m_processes;
};

void TestReviewFile::init()
{
    for (auto &process : m_processes) {
        process->kill();
        process->waitForFinished();
    }
    m_processes.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("review.threatdock"));
}

void TestReviewFile::makeReview(int threatCount)
{
    auto created = ReviewStore::create(m_path);
    QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
    QVERIFY(created.value->applyAnalysis(makeThreats(threatCount), {}).ok());
    QVERIFY(created.value->setOwner(makeThreats(1).at(0).id, QStringLiteral("alice")).ok());
}

QProcess *TestReviewFile::startWriter(const QString &mode, int threatCount)
{
    auto process = std::make_unique<QProcess>();
    process->setProgram(QStringLiteral(THREATDOCK_REVIEW_WRITER));
    process->setArguments({mode, m_path, QString::number(threatCount)});
    process->start();
    if (!process->waitForStarted())
        qFatal("cannot start %s", THREATDOCK_REVIEW_WRITER);
    m_processes.push_back(std::move(process));
    return m_processes.back().get();
}

QStringList TestReviewFile::readLinesUntil(QProcess &process,
                                           const std::function<bool(const QStringList &)> &done)
{
    QStringList lines;
    QElapsedTimer timer;
    timer.start();
    while (!done(lines)) {
        if (timer.elapsed() > 60000 || process.state() == QProcess::NotRunning) {
            qWarning("writer: %s", process.readAllStandardError().constData());
            return {};
        }
        process.waitForReadyRead(1000);
        while (process.canReadLine())
            lines << QString::fromUtf8(process.readLine()).trimmed();
    }
    return lines;
}

void TestReviewFile::migratesVersion1()
{
    {
        RawDatabase db(m_path);
        for (const char *sql : version1Schema)
            QVERIFY(db.exec(QString::fromLatin1(sql)));
    }
    auto opened = ReviewStore::open(m_path);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    ReviewStore &store = *opened.value;

    const Decision kept = store.decision(QStringLiteral("STRIDE-E-x@service:api")).value;
    QCOMPARE(kept.status, DecisionStatus::Accepted);
    QCOMPARE(kept.owner, QStringLiteral("alice"));
    QCOMPARE(kept.mitigations.size(), 1);
    QCOMPARE(kept.mitigations.at(0).status, MitigationStatus::Implemented);
    // Version 2 backfills the timestamps from version 1's history.
    QCOMPARE(kept.createdAt, utc("2024-05-01T08:00:00.000Z"));
    QCOMPARE(kept.updatedAt, utc("2024-05-01T09:30:00.000Z"));
    const Decision gone = store.decision(QStringLiteral("STRIDE-T-gone@service:old")).value;
    QVERIFY(gone.resolvedByChange);
    QCOMPARE(gone.updatedAt, utc("2024-05-01T09:45:00.000Z"));
    const auto records = store.threatRecords().value;
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(1).resolvedAt, utc("2024-05-02T10:00:00.000Z"));
    QVERIFY(!records.at(0).resolvedAt.isValid());
    QCOMPARE(store.history().value.size(), 5);
    QCOMPARE(store.lastAnalysis().value.threats.at(0).title, QStringLiteral("Escape"));

    // What version 2 added works, and so do the old setters.
    QVERIFY(store.scanRuns().value.isEmpty());
    ScanRun run;
    run.tool = QStringLiteral("bandit");
    QVERIFY(store.addScanRun(run).ok());
    QVERIFY(store.setStatus(QStringLiteral("STRIDE-E-x@service:api"), DecisionStatus::Open).ok());
    opened.value.reset();

    RawDatabase db(m_path);
    QCOMPARE(db.value(QStringLiteral("PRAGMA user_version")).toInt(),
             ReviewStore::currentSchemaVersion());
    QCOMPARE(db.value(QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
    QCOMPARE(db.value(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
}

enum class Damage {
    Text,
    Empty,
    Binary,
    ForeignSqlite,
    ForeignWal,
    Newer,
    NoVersion,
    BadPage,
    BadHeader,
    Truncated,
    MissingTable
};
Q_DECLARE_METATYPE(Damage)
Q_DECLARE_METATYPE(threatdock::review::ReviewError::Kind)

void TestReviewFile::refusesAndLeavesUnchanged_data()
{
    QTest::addColumn<Damage>("damage");
    QTest::addColumn<ReviewError::Kind>("kind");
    using K = ReviewError::Kind;
    QTest::newRow("text file") << Damage::Text << K::NotAReview;
    QTest::newRow("empty file") << Damage::Empty << K::NotAReview;
    QTest::newRow("random bytes") << Damage::Binary << K::NotAReview;
    QTest::newRow("another application's SQLite") << Damage::ForeignSqlite << K::NotAReview;
    QTest::newRow("another application's SQLite, WAL") << Damage::ForeignWal << K::NotAReview;
    QTest::newRow("newer version") << Damage::Newer << K::NewerVersion;
    QTest::newRow("no version") << Damage::NoVersion << K::Corrupt;
    QTest::newRow("garbage in a page") << Damage::BadPage << K::Corrupt;
    QTest::newRow("damaged header") << Damage::BadHeader << K::Corrupt;
    QTest::newRow("truncated") << Damage::Truncated << K::Corrupt;
    QTest::newRow("missing table") << Damage::MissingTable << K::Corrupt;
}

void TestReviewFile::refusesAndLeavesUnchanged()
{
    QFETCH(Damage, damage);
    QFETCH(ReviewError::Kind, kind);

    auto overwrite = [this](qint64 offset, const QByteArray &bytes) {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(offset));
        QCOMPARE(file.write(bytes), bytes.size());
    };
    auto raw = [this](std::initializer_list<const char *> statements) {
        RawDatabase db(m_path);
        for (const char *sql : statements)
            QVERIFY(db.exec(QString::fromLatin1(sql)));
    };
    switch (damage) {
    case Damage::Text:
        overwrite(0, "services:\n  web:\n    image: nginx\n");
        break;
    case Damage::Empty:
        overwrite(0, QByteArray());
        break;
    case Damage::Binary: {
        QByteArray bytes(8192, '\0');
        for (char &c : bytes)
            c = static_cast<char>(QRandomGenerator::global()->bounded(256));
        overwrite(0, bytes);
        break;
    }
    case Damage::ForeignSqlite:
        raw({"CREATE TABLE decisions (threat_id TEXT, status TEXT)",
             "INSERT INTO decisions "
             "VALUES ('a', 'open')"});
        break;
    case Damage::ForeignWal:
        raw({"PRAGMA journal_mode = WAL", "CREATE TABLE notes (x TEXT)",
             "INSERT INTO notes VALUES ('hello')"});
        break;
    case Damage::Newer:
        makeReview(5);
        raw({"PRAGMA user_version = 3"});
        break;
    case Damage::NoVersion:
        makeReview(5);
        raw({"PRAGMA user_version = 0"});
        break;
    case Damage::BadPage:
        makeReview(300);
        // Page 3 onwards: b-tree pages of the tables.
        overwrite(3 * 4096, QByteArray(2 * 4096, '\xa5'));
        break;
    case Damage::BadHeader:
        makeReview(5);
        overwrite(16, QByteArray("\x00\x03", 2)); // page size 3: not a valid database
        break;
    case Damage::Truncated: {
        makeReview(300);
        QFile file(m_path);
        QVERIFY(file.resize(file.size() / 2));
        break;
    }
    case Damage::MissingTable:
        makeReview(5);
        raw({"DROP TABLE history"});
        break;
    }
    if (QTest::currentTestFailed())
        return;

    const QByteArray before = fileBytes(m_path);
    const QStringList filesBefore = listing(m_dir->path());
    const auto opened = ReviewStore::open(m_path);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error->kind, kind);
    QVERIFY2(opened.errorMessage().startsWith(m_path), qPrintable(opened.errorMessage()));
    qDebug("%s", qPrintable(opened.errorMessage()));
    QVERIFY(fileBytes(m_path) == before);
    QCOMPARE(listing(m_dir->path()), filesBefore);
}

void TestReviewFile::refusesAMissingFile()
{
    const auto opened = ReviewStore::open(m_path);
    QCOMPARE(opened.error->kind, ReviewError::Kind::NotFound);
    QVERIFY(opened.errorMessage().contains(m_path));
    QVERIFY(!QFile::exists(m_path));
}

void TestReviewFile::twoStoresOnOneFile()
{
    makeReview(4);
    const QStringList ids{makeThreats(4).at(2).id, makeThreats(4).at(3).id};
    auto a = ReviewStore::open(m_path);
    auto b = ReviewStore::open(m_path);
    QVERIFY(a.ok() && b.ok());
    for (int i = 0; i < 40; ++i) {
        ReviewStore &writer = *(i % 2 ? a.value : b.value);
        ReviewStore &reader = *(i % 2 ? b.value : a.value);
        const QString note = QStringLiteral("note %1").arg(i);
        QVERIFY(writer.setNotes(ids.at(i % 2), note).ok());
        QVERIFY(writer.addMitigation(ids.at(i % 2), note).ok());
        QCOMPARE(reader.decision(ids.at(i % 2)).value.notes, note);
    }
    QCOMPARE(a.value->decision(ids.at(0)).value.mitigations.size(), 20);
    QCOMPARE(b.value->history(ids.at(1)).value.size(), 1 + 40);
    a.value.reset();
    b.value.reset();
    QCOMPARE(integrityOf(m_path), QStringLiteral("ok"));
}

void TestReviewFile::busyWhileAnotherConnectionWrites()
{
    makeReview(3);
    const QString id = makeThreats(1).at(0).id;
    auto opened = ReviewStore::open(m_path, shortTimeout());
    QVERIFY(opened.ok());
    ReviewStore &store = *opened.value;

    RawDatabase other(m_path);
    QVERIFY(other.exec(QStringLiteral("BEGIN IMMEDIATE")));
    QVERIFY(other.exec(QStringLiteral("UPDATE decisions SET notes = 'held'")));

    QElapsedTimer timer;
    timer.start();
    const auto refused = store.setNotes(id, QStringLiteral("mine"));
    const qint64 waited = timer.elapsed();
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error->kind, ReviewError::Kind::Busy);
    QVERIFY(refused.errorMessage().startsWith(m_path));
    QVERIFY(refused.errorMessage().contains(QStringLiteral("open elsewhere")));
    QVERIFY2(waited >= 400 && waited < 5000, qPrintable(QString::number(waited)));
    // Readers are not blocked (WAL) and do not see the uncommitted change.
    QCOMPARE(store.decision(id).value.notes, QString());

    QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
    QVERIFY(store.setNotes(id, QStringLiteral("mine")).ok());
    QCOMPARE(store.decision(id).value.notes, QStringLiteral("mine"));
}

void TestReviewFile::busyWhileAnotherProcessWrites()
{
    QProcess &writer = *startWriter(QStringLiteral("hold"), 10);
    const QStringList lines = readLinesUntil(
        writer, [](const QStringList &l) { return l.contains(QStringLiteral("in-transaction")); });
    QVERIFY(!lines.isEmpty());

    QElapsedTimer timer;
    timer.start();
    auto opened = ReviewStore::open(m_path, shortTimeout());
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    const QString id = makeThreats(1).at(0).id;
    const auto refused = opened.value->setStatus(id, DecisionStatus::Accepted);
    QCOMPARE(refused.error->kind, ReviewError::Kind::Busy);
    QVERIFY(refused.errorMessage().contains(QStringLiteral("open elsewhere")));
    QVERIFY(timer.elapsed() < 5000);

    writer.kill();
    QVERIFY(writer.waitForFinished());
    QVERIFY(opened.value->setStatus(id, DecisionStatus::Accepted).ok());
    QCOMPARE(opened.value->decision(id).value.notes, QStringLiteral("note 0"));
}

void TestReviewFile::killDuringWrites_data()
{
    QTest::addColumn<int>("committedBeforeKill");
    QTest::newRow("early") << 8;
    QTest::newRow("later") << 41;
    QTest::newRow("random") << QRandomGenerator::global()->bounded(10, 120);
}

void TestReviewFile::killDuringWrites()
{
    QFETCH(int, committedBeforeKill);
    const int threatCount = 25;
    QProcess &writer = *startWriter(QStringLiteral("loop"), threatCount);
    QStringList lines = readLinesUntil(
        writer, [&](const QStringList &l) { return l.size() > committedBeforeKill; });
    QVERIFY(!lines.isEmpty());
    writer.kill(); // SIGKILL on Unix: no destructor, no rollback, no checkpoint
    QVERIFY(writer.waitForFinished());
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    const QByteArray rest = writer.readAllStandardOutput();
    for (const QByteArray &line : rest.split('\n')) {
        if (!line.isEmpty() && rest.endsWith('\n'))
            lines << QString::fromUtf8(line);
    }

    QMap<QString, int> lastNote;
    QMultiMap<QString, qint64> mitigations;
    for (const QString &line : std::as_const(lines)) {
        const QStringList parts = line.split(u' ');
        if (parts.size() == 4 && parts.at(1) == QStringLiteral("notes"))
            lastNote[parts.at(2)] = parts.at(3).toInt();
        else if (parts.size() == 4 && parts.at(1) == QStringLiteral("mitigation"))
            mitigations.insert(parts.at(2), parts.at(3).toLongLong());
    }
    QVERIFY(lastNote.size() > 0);

    auto opened = ReviewStore::open(m_path);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    for (auto it = lastNote.cbegin(); it != lastNote.cend(); ++it) {
        const Decision d = opened.value->decision(it.key()).value;
        // A write may have committed after the last line the child could print.
        const int stored = d.notes.section(u' ', 1).toInt();
        QVERIFY2(stored >= it.value(), qPrintable(it.key() + u' ' + d.notes));
        QCOMPARE(stored % threatCount, it.value() % threatCount);
        for (const qint64 id : mitigations.values(it.key())) {
            QVERIFY(std::any_of(d.mitigations.cbegin(), d.mitigations.cend(),
                                [id](const PlannedMitigation &m) { return m.id == id; }));
        }
    }
    QVERIFY(opened.value->setStatus(lastNote.firstKey(), DecisionStatus::Accepted).ok());
    opened.value.reset();
    QCOMPARE(integrityOf(m_path), QStringLiteral("ok"));
}

void TestReviewFile::killInsideATransaction()
{
    QProcess &writer = *startWriter(QStringLiteral("hold"), 10);
    const QStringList lines = readLinesUntil(
        writer, [](const QStringList &l) { return l.contains(QStringLiteral("in-transaction")); });
    QVERIFY(!lines.isEmpty());
    writer.kill();
    QVERIFY(writer.waitForFinished());
    // The uncommitted transaction spilled pages into the WAL before the kill.
    QVERIFY(QFileInfo(m_path + QStringLiteral("-wal")).size() > 1024 * 1024);

    auto opened = ReviewStore::open(m_path);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    const QStringList ids = [] {
        QStringList list;
        for (const threats::Threat &t : makeThreats(10))
            list << t.id;
        return list;
    }();
    for (int n = 0; n < 5; ++n) {
        QVERIFY(lines.contains(QStringLiteral("committed notes %1 %2").arg(ids.at(n)).arg(n)));
        QCOMPARE(opened.value->decision(ids.at(n)).value.notes, QStringLiteral("note %1").arg(n));
    }
    QCOMPARE(opened.value->decision(ids.at(7)).value.notes, QString());
    const auto history = opened.value->history().value;
    QVERIFY(std::none_of(history.cbegin(), history.cend(), [](const HistoryEntry &e) {
        return e.who == QStringLiteral("uncommitted");
    }));
    opened.value.reset();
    QCOMPARE(integrityOf(m_path), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestReviewFile)
#include "tst_reviewfile.moc"
