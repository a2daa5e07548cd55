// Helper process for tst_reviewfile: writes to a review until it is killed.
//
//   reviewwriter loop FILE THREATS   decisions in a loop, forever
//   reviewwriter hold FILE THREATS   a few decisions, then a large write transaction
//                                    that is never committed
//
// It prints "ready" once the review has its analysis, "committed notes <threat> <n>"
// and "committed mitigation <threat> <id>" after each write the store reported as
// committed, and "in-transaction" once the uncommitted transaction holds the lock
// (hold). Every line is flushed at once, so the parent sees what was committed before
// the SIGKILL.

#include "reviewfixtures.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

#include <cstdio>

using namespace threatdock;
using namespace threatdock::review;

namespace {

void say(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

int fail(const QString &message)
{
    std::fputs(qPrintable(QStringLiteral("error: ") + message + u'\n'), stderr);
    return 2;
}

std::unique_ptr<ReviewStore> openOrCreate(const QString &path, int threatCount, QString *error)
{
    const bool exists = QFileInfo::exists(path);
    auto result = exists ? ReviewStore::open(path) : ReviewStore::create(path);
    if (!result.ok()) {
        *error = result.errorMessage();
        return {};
    }
    if (!exists) {
        const auto applied = result.value->applyAnalysis(testing::makeThreats(threatCount), {});
        if (!applied.ok()) {
            *error = applied.errorMessage();
            return {};
        }
    }
    return std::move(result.value);
}

ScanRun bigScanRun(int n)
{
    ScanRun run;
    run.tool = QStringLiteral("trivy");
    run.toolVersion = QStringLiteral("0.50.0");
    run.target = QStringLiteral("sample:%1").arg(n);
    run.startedAt = QDateTime::currentDateTimeUtc();
    run.finishedAt = run.startedAt;
    for (int i = 0; i < 300; ++i) {
        run.findings.append(testing::makeFinding(QStringLiteral("CVE-2024-%1").arg(i),
                                                 QStringLiteral("api"),
                                                 QStringLiteral("/tmp/x/requirements.txt"), i));
    }
    return run;
}

int loop(ReviewStore &store, const QStringList &ids)
{
    static const DecisionStatus statuses[]
        = {DecisionStatus::Mitigated, DecisionStatus::Accepted, DecisionStatus::Transferred,
           DecisionStatus::NotApplicable, DecisionStatus::Open};
    for (int n = 0;; ++n) {
        const QString &id = ids.at(n % ids.size());
        if (auto r = store.setNotes(id, QStringLiteral("note %1").arg(n)); !r.ok())
            return fail(r.errorMessage());
        say(QStringLiteral("committed notes %1 %2").arg(id).arg(n));
        if (auto r = store.setStatus(id, statuses[n % 5]); !r.ok())
            return fail(r.errorMessage());
        const auto added = store.addMitigation(id, QStringLiteral("mitigation %1").arg(n));
        if (!added.ok())
            return fail(added.errorMessage());
        say(QStringLiteral("committed mitigation %1 %2").arg(id).arg(added.value));
        if (auto r = store.addScanRun(bigScanRun(n)); !r.ok())
            return fail(r.errorMessage());
    }
}

int hold(ReviewStore &store, const QStringList &ids)
{
    for (int n = 0; n < 5; ++n) {
        if (auto r = store.setNotes(ids.at(n), QStringLiteral("note %1").arg(n)); !r.ok())
            return fail(r.errorMessage());
        say(QStringLiteral("committed notes %1 %2").arg(ids.at(n)).arg(n));
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("hold"));
    db.setDatabaseName(store.path());
    if (!db.open())
        return fail(QStringLiteral("raw open failed"));
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))
        || !query.exec(QStringLiteral("UPDATE decisions SET notes = 'UNCOMMITTED'")))
        return fail(QStringLiteral("raw write failed"));
    // About 8 MB, more than SQLite's page cache: pages spill into the WAL uncommitted.
    const QString filler(4000, u'x');
    query.prepare(QStringLiteral("INSERT INTO history (at, who, threat_id, field, old_value, "
                                 "new_value) VALUES ('', 'uncommitted', ?, 'notes', '', ?)"));
    for (int i = 0; i < 2000; ++i) {
        query.bindValue(0, ids.at(i % ids.size()));
        query.bindValue(1, filler);
        if (!query.exec())
            return fail(QStringLiteral("raw insert failed"));
    }
    say(QStringLiteral("in-transaction"));
    QThread::sleep(600);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4)
        return fail(QStringLiteral("usage: reviewwriter loop|hold FILE THREATS"));
    QString error;
    const int threatCount = args.at(3).toInt();
    auto store = openOrCreate(args.at(2), threatCount, &error);
    if (!store)
        return fail(error);
    QStringList ids;
    for (const threats::Threat &t : testing::makeThreats(threatCount))
        ids << t.id;
    say(QStringLiteral("ready"));
    if (args.at(1) == QStringLiteral("loop"))
        return loop(*store, ids);
    if (args.at(1) == QStringLiteral("hold"))
        return hold(*store, ids);
    return fail(QStringLiteral("unknown mode ") + args.at(1));
}
