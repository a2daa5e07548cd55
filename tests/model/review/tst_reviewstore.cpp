// ReviewStore: round trips, autosave of every setter, history, re-analysis, scan runs.

#include "reviewfixtures.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace threatdock;
using namespace threatdock::review;
using namespace threatdock::testing;

class TestReviewStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void createAndReopen();
    void createRefusesAnExistingFile();
    void everySetterIsSavedAtOnce();
    void unknownIdsAreRefused();
    void historyRecordsWhoWhatWhen();
    void settingTheSameValueRecordsNothing();
    void reanalysisKeepsDecisions();
    void reanalysisRefusesDuplicateIds();
    void scanRunsRoundTrip();

private:
    std::unique_ptr<ReviewStore> createReview(const QList<threats::Threat> &threats);
    std::unique_ptr<ReviewStore> reopen();
    QString rawValue(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestReviewStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("review.threatdock"));
}

std::unique_ptr<ReviewStore> TestReviewStore::createReview(const QList<threats::Threat> &threats)
{
    auto created = ReviewStore::create(m_path);
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    const auto applied = created.value->applyAnalysis(threats, {});
    if (!applied.ok())
        qFatal("%s", qPrintable(applied.errorMessage()));
    return std::move(created.value);
}

std::unique_ptr<ReviewStore> TestReviewStore::reopen()
{
    auto opened = ReviewStore::open(m_path);
    if (!opened.ok())
        qFatal("%s", qPrintable(opened.errorMessage()));
    return std::move(opened.value);
}

// One value read with a connection of the test's own, not the store's.
QString TestReviewStore::rawValue(const QString &sql)
{
    QString value;
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(m_path);
        if (!db.open())
            qFatal("raw open failed");
        QSqlQuery query(db);
        if (!query.exec(sql) || !query.next())
            qFatal("raw query failed: %s", qPrintable(sql));
        value = query.value(0).toString();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return value;
}

void TestReviewStore::createAndReopen()
{
    const QString project = m_dir->filePath(QStringLiteral("project"));
    QVERIFY(QDir().mkpath(project));
    const QList<threats::Threat> threats{
        makeThreat(QStringLiteral("STRIDE-E-escape"), QStringLiteral("service:api")),
        makeThreat(QStringLiteral("STRIDE-I-secret"), QStringLiteral("service:db"),
                   rules::Severity::Critical)};
    const QList<rules::Finding> findings{makeFinding(QStringLiteral("CMP-SEC-001"),
                                                     QStringLiteral("api"),
                                                     project + QStringLiteral("/compose.yaml"), 7)};
    {
        auto store = createReview({});
        QVERIFY(store->applyAnalysis(threats, findings).ok());
        ProjectPaths paths;
        paths.workingDir = project;
        paths.composeFiles = {project + QStringLiteral("/compose.yaml"),
                              project + QStringLiteral("/compose.override.yaml")};
        paths.envFiles = {project + QStringLiteral("/.env")};
        QVERIFY(store->setProject(paths).ok());
    }
    QCOMPARE(rawValue(QStringLiteral("PRAGMA user_version")).toInt(),
             ReviewStore::currentSchemaVersion());
    QCOMPARE(rawValue(QStringLiteral("PRAGMA application_id")).toInt(), 0x54446F63);
    QCOMPARE(rawValue(QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
    // Stored relative to the review file.
    QCOMPARE(rawValue(QStringLiteral("SELECT path FROM project_paths WHERE role = 'compose' "
                                     "ORDER BY position")),
             QStringLiteral("project/compose.yaml"));

    auto store = reopen();
    const auto paths = store->project();
    QVERIFY2(paths.ok(), qPrintable(paths.errorMessage()));
    QCOMPARE(paths.value.workingDir, project);
    QCOMPARE(paths.value.composeFiles.size(), 2);
    QCOMPARE(paths.value.composeFiles.at(1), project + QStringLiteral("/compose.override.yaml"));
    QCOMPARE(paths.value.envFiles, QStringList{project + QStringLiteral("/.env")});

    const auto snapshot = store->lastAnalysis();
    QVERIFY2(snapshot.ok(), qPrintable(snapshot.errorMessage()));
    QVERIFY(snapshot.value.analyzedAt.isValid());
    QCOMPARE(snapshot.value.analyzedAt.timeSpec(), Qt::UTC);
    QCOMPARE(snapshot.value.threats.size(), 2);
    const threats::Threat &t = snapshot.value.threats.at(1);
    QCOMPARE(t.id, QStringLiteral("STRIDE-I-secret@service:db"));
    QCOMPARE(t.severity, rules::Severity::Critical);
    QCOMPARE(t.nist, threats.at(1).nist);
    QCOMPARE(t.mitigations.size(), 2);
    QCOMPARE(t.mitigations.at(1).evidence, threats.at(1).mitigations.at(1).evidence);
    QCOMPARE(t.mitigations.at(1).inPlace, true);
    QCOMPARE(t.why, threats.at(1).why);
    QCOMPARE(snapshot.value.findings.size(), 1);
    QCOMPARE(snapshot.value.findings.at(0).file, project + QStringLiteral("/compose.yaml"));
    QCOMPARE(snapshot.value.findings.at(0).evidence, QStringLiteral("DB_PASSWORD=****"));
    QCOMPARE(snapshot.value.findings.at(0).source, QStringLiteral("bandit"));

    const auto records = store->threatRecords();
    QVERIFY(records.ok());
    QCOMPARE(records.value.size(), 2);
    QCOMPARE(records.value.at(0).title, threats.at(0).title);
    QCOMPARE(records.value.at(0).risk, 12);
    QVERIFY(records.value.at(0).present);

    const auto decisions = store->decisions();
    QVERIFY(decisions.ok());
    QCOMPARE(decisions.value.size(), 2);
    QCOMPARE(decisions.value.at(0).status, DecisionStatus::Open);
    QVERIFY(decisions.value.at(0).createdAt.isValid());
}

void TestReviewStore::createRefusesAnExistingFile()
{
    createReview({});
    const QByteArray before = fileBytes(m_path);
    const auto again = ReviewStore::create(m_path);
    QVERIFY(!again.ok());
    QCOMPARE(again.error->kind, ReviewError::Kind::AlreadyExists);
    QVERIFY(again.errorMessage().contains(m_path));
    QCOMPARE(fileBytes(m_path), before);
}

void TestReviewStore::everySetterIsSavedAtOnce()
{
    const QString id = QStringLiteral("STRIDE-E-escape@service:api");
    auto writer = createReview(
        {makeThreat(QStringLiteral("STRIDE-E-escape"), QStringLiteral("service:api"))});
    auto reader = reopen(); // a second store: sees only what is committed

    QVERIFY(writer->setStatus(id, DecisionStatus::Accepted).ok());
    QCOMPARE(reader->decision(id).value.status, DecisionStatus::Accepted);
    QVERIFY(writer->setOwner(id, QStringLiteral("alice")).ok());
    QCOMPARE(reader->decision(id).value.owner, QStringLiteral("alice"));
    QVERIFY(writer->setNotes(id, QStringLiteral("Risk accepted until the Q3 rewrite.\nSee ADR-12."))
                .ok());
    QCOMPARE(reader->decision(id).value.notes,
             QStringLiteral("Risk accepted until the Q3 rewrite.\nSee ADR-12."));

    const auto first = writer->addMitigation(id, QStringLiteral("Drop all capabilities"));
    QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
    const auto second = writer->addMitigation(id, QStringLiteral("Read-only root file system"),
                                              MitigationStatus::InProgress);
    QVERIFY(second.ok());
    QVERIFY(first.value != second.value);
    auto d = reader->decision(id).value;
    QCOMPARE(d.mitigations.size(), 2);
    QCOMPARE(d.mitigations.at(0).text, QStringLiteral("Drop all capabilities"));
    QCOMPARE(d.mitigations.at(0).status, MitigationStatus::Planned);
    QCOMPARE(d.mitigations.at(1).status, MitigationStatus::InProgress);

    QVERIFY(writer->setMitigationStatus(first.value, MitigationStatus::Verified).ok());
    QCOMPARE(reader->decision(id).value.mitigations.at(0).status, MitigationStatus::Verified);
    QVERIFY(writer->setMitigationText(second.value, QStringLiteral("read_only: true")).ok());
    QCOMPARE(reader->decision(id).value.mitigations.at(1).text, QStringLiteral("read_only: true"));
    QVERIFY(writer->removeMitigation(first.value).ok());
    d = reader->decision(id).value;
    QCOMPARE(d.mitigations.size(), 1);
    QCOMPARE(d.mitigations.at(0).id, second.value);

    ProjectPaths paths;
    paths.composeFiles = {m_dir->filePath(QStringLiteral("compose.yaml"))};
    QVERIFY(writer->setProject(paths).ok());
    QCOMPARE(reader->project().value.composeFiles, paths.composeFiles);

    // And a third store, opened after the writer is gone, sees the same.
    writer.reset();
    reader.reset();
    d = reopen()->decision(id).value;
    QCOMPARE(d.status, DecisionStatus::Accepted);
    QCOMPARE(d.owner, QStringLiteral("alice"));
    QCOMPARE(d.mitigations.size(), 1);
    QVERIFY(d.updatedAt >= d.createdAt);
}

void TestReviewStore::unknownIdsAreRefused()
{
    auto store
        = createReview({makeThreat(QStringLiteral("STRIDE-S-x"), QStringLiteral("service:a"))});
    const qsizetype before = store->history().value.size();

    const auto status
        = store->setStatus(QStringLiteral("nope@service:z"), DecisionStatus::Accepted);
    QVERIFY(!status.ok());
    QCOMPARE(status.error->kind, ReviewError::Kind::UnknownThreat);
    QVERIFY(status.errorMessage().contains(m_path));
    QVERIFY(status.errorMessage().contains(QStringLiteral("nope@service:z")));
    QVERIFY(!store->addMitigation(QStringLiteral("nope"), QStringLiteral("x")).ok());
    QVERIFY(!store->setMitigationStatus(4242, MitigationStatus::Verified).ok());
    QVERIFY(!store->removeMitigation(4242).ok());
    const auto missing = store->decision(QStringLiteral("nope"));
    QCOMPARE(missing.error->kind, ReviewError::Kind::UnknownThreat);
    QCOMPARE(store->history().value.size(), before);
}

void TestReviewStore::historyRecordsWhoWhatWhen()
{
    const QString id = QStringLiteral("STRIDE-T-tamper@service:web");
    auto store = createReview(
        {makeThreat(QStringLiteral("STRIDE-T-tamper"), QStringLiteral("service:web"))});
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    QVERIFY(store->setStatus(id, DecisionStatus::Mitigated).ok());
    QVERIFY(store->setOwner(id, QStringLiteral("bob")).ok());
    const auto mitigation = store->addMitigation(id, QStringLiteral("Pin the image digest"));
    QVERIFY(store->setMitigationStatus(mitigation.value, MitigationStatus::Implemented).ok());
    const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);

    const auto history = store->history(id);
    QVERIFY(history.ok());
    QCOMPARE(history.value.size(), 5); // detected + 4 changes
    const HistoryEntry &detected = history.value.at(0);
    QCOMPARE(detected.field, QStringLiteral("threat"));
    QCOMPARE(detected.newValue, QStringLiteral("present"));
    const HistoryEntry &status = history.value.at(1);
    QCOMPARE(status.who, ReviewStore::osUserName());
    QVERIFY(!status.who.isEmpty());
    QCOMPARE(status.threatId, id);
    QCOMPARE(status.field, QStringLiteral("status"));
    QCOMPARE(status.oldValue, QStringLiteral("open"));
    QCOMPARE(status.newValue, QStringLiteral("mitigated"));
    QCOMPARE(status.at.timeSpec(), Qt::UTC);
    QVERIFY(status.at >= before && status.at <= after);
    QCOMPARE(history.value.at(2).newValue, QStringLiteral("bob"));
    QCOMPARE(history.value.at(3).field, QStringLiteral("mitigation"));
    QCOMPARE(history.value.at(3).newValue, QStringLiteral("Pin the image digest"));
    QCOMPARE(history.value.at(4).field, QStringLiteral("mitigation-status"));
    QCOMPARE(history.value.at(4).oldValue, QStringLiteral("planned"));
    QCOMPARE(history.value.at(4).newValue, QStringLiteral("implemented"));

    store.reset();
    // As stored: ISO 8601, UTC.
    const QString at = rawValue(QStringLiteral("SELECT at FROM history WHERE field = 'status'"));
    QVERIFY2(at.endsWith(u'Z') && at.contains(u'T'), qPrintable(at));
    QCOMPARE(QDateTime::fromString(at, Qt::ISODateWithMs), status.at);
}

void TestReviewStore::settingTheSameValueRecordsNothing()
{
    const QString id = QStringLiteral("STRIDE-D-dos@service:api");
    auto store
        = createReview({makeThreat(QStringLiteral("STRIDE-D-dos"), QStringLiteral("service:api"))});
    QVERIFY(store->setStatus(id, DecisionStatus::Open).ok());
    QVERIFY(store->setNotes(id, QString()).ok());
    QCOMPARE(store->history(id).value.size(), 1);
}

void TestReviewStore::reanalysisKeepsDecisions()
{
    const auto a = makeThreat(QStringLiteral("STRIDE-S-a"), QStringLiteral("service:a"));
    const auto b = makeThreat(QStringLiteral("STRIDE-T-b"), QStringLiteral("service:b"));
    const auto c = makeThreat(QStringLiteral("STRIDE-R-c"), QStringLiteral("service:c"));
    auto d = makeThreat(QStringLiteral("STRIDE-I-d"), QStringLiteral("service:d"));
    auto store = createReview({a, b, c});
    QVERIFY(store->setStatus(a.id, DecisionStatus::Mitigated).ok());
    QVERIFY(store->setStatus(b.id, DecisionStatus::Accepted).ok());
    QVERIFY(store->setNotes(b.id, QStringLiteral("accepted by the CISO")).ok());
    QVERIFY(store->addMitigation(b.id, QStringLiteral("network policy")).ok());

    // The project changed: b is gone, d is new, a's title changed.
    auto a2 = a;
    a2.title = QStringLiteral("A, reworded");
    const auto change = store->applyAnalysis({a2, c, d}, {});
    QVERIFY2(change.ok(), qPrintable(change.errorMessage()));
    QCOMPARE(change.value.added, QStringList{d.id});
    QCOMPARE(change.value.kept, (QStringList{a.id, c.id}));
    QCOMPARE(change.value.resolvedByChange, QStringList{b.id});
    QVERIFY(change.value.reappeared.isEmpty());

    store.reset();
    store = reopen();
    QCOMPARE(store->decision(a.id).value.status, DecisionStatus::Mitigated);
    QVERIFY(!store->decision(a.id).value.resolvedByChange);
    const Decision kept = store->decision(b.id).value;
    QCOMPARE(kept.status, DecisionStatus::Accepted);
    QCOMPARE(kept.notes, QStringLiteral("accepted by the CISO"));
    QCOMPARE(kept.mitigations.size(), 1);
    QVERIFY(kept.resolvedByChange);
    QCOMPARE(store->decision(d.id).value.status, DecisionStatus::Open);
    const auto resolved = store->resolvedByChange();
    QCOMPARE(resolved.value.size(), 1);
    QCOMPARE(resolved.value.at(0).threatId, b.id);
    QCOMPARE(store->decisions().value.size(), 4);

    const auto records = store->threatRecords().value;
    QCOMPARE(records.size(), 4);
    for (const ThreatRecord &r : records) {
        QCOMPARE(r.present, r.id != b.id);
        QCOMPARE(r.resolvedAt.isValid(), r.id == b.id);
        if (r.id == a.id)
            QCOMPARE(r.title, QStringLiteral("A, reworded"));
    }
    const auto bHistory = store->history(b.id).value;
    QCOMPARE(bHistory.constLast().oldValue, QStringLiteral("present"));
    QCOMPARE(bHistory.constLast().newValue, QStringLiteral("resolved by change"));

    // b comes back: its decision was kept all along.
    const auto back = store->applyAnalysis({a, b}, {});
    QVERIFY(back.ok());
    QCOMPARE(back.value.reappeared, QStringList{b.id});
    QCOMPARE(back.value.resolvedByChange, (QStringList{d.id, c.id})); // by id
    QCOMPARE(store->decision(b.id).value.status, DecisionStatus::Accepted);
    QVERIFY(!store->decision(b.id).value.resolvedByChange);
    QCOMPARE(store->lastAnalysis().value.threats.size(), 2);
}

void TestReviewStore::reanalysisRefusesDuplicateIds()
{
    const auto a = makeThreat(QStringLiteral("STRIDE-S-a"), QStringLiteral("service:a"));
    auto store = createReview({a});
    QVERIFY(store->setStatus(a.id, DecisionStatus::Accepted).ok());
    const auto refused = store->applyAnalysis({a, a}, {});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error->kind, ReviewError::Kind::InvalidArgument);
    QVERIFY(refused.errorMessage().contains(a.id));
    QCOMPARE(store->lastAnalysis().value.threats.size(), 1);
    QCOMPARE(store->decision(a.id).value.status, DecisionStatus::Accepted);
}

void TestReviewStore::scanRunsRoundTrip()
{
    auto store = createReview({});
    ScanRun run;
    run.tool = QStringLiteral("bandit");
    run.toolVersion = QStringLiteral("1.6.2");
    run.target = m_dir->filePath(QStringLiteral("app"));
    run.startedAt = QDateTime(QDate(2025, 3, 4), QTime(10, 0, 1, 250), Qt::UTC);
    run.finishedAt = run.startedAt.addSecs(12);
    run.exitStatus = 1;
    run.findings = {makeFinding(QStringLiteral("B105"), QStringLiteral("api"),
                                m_dir->filePath(QStringLiteral("app/app.py")), 14),
                    makeFinding(QStringLiteral("B602"), QStringLiteral("api"),
                                m_dir->filePath(QStringLiteral("app/app.py")), 30)};
    const auto id = store->addScanRun(run);
    QVERIFY2(id.ok(), qPrintable(id.errorMessage()));
    QVERIFY(store
                ->addScanRun(ScanRun{0,
                                     QStringLiteral("trivy"),
                                     QStringLiteral("0.50"),
                                     QStringLiteral("sample:latest"),
                                     run.startedAt,
                                     run.finishedAt,
                                     0,
                                     {}})
                .ok());
    store.reset();

    const auto runs = reopen()->scanRuns();
    QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
    QCOMPARE(runs.value.size(), 2);
    const ScanRun &r = runs.value.at(0);
    QCOMPARE(r.id, id.value);
    QCOMPARE(r.tool, QStringLiteral("bandit"));
    QCOMPARE(r.toolVersion, QStringLiteral("1.6.2"));
    QCOMPARE(r.startedAt, run.startedAt);
    QCOMPARE(r.finishedAt, run.finishedAt);
    QCOMPARE(r.exitStatus, 1);
    QCOMPARE(r.findings.size(), 2);
    QCOMPARE(r.findings.at(1).ruleId, QStringLiteral("B602"));
    QCOMPARE(r.findings.at(1).line, 30);
    QCOMPARE(r.findings.at(1).file, m_dir->filePath(QStringLiteral("app/app.py")));
    QVERIFY(runs.value.at(1).findings.isEmpty());
    QCOMPARE(rawValue(QStringLiteral("SELECT file FROM scan_findings LIMIT 1")),
             QStringLiteral("app/app.py"));
}

QTEST_GUILESS_MAIN(TestReviewStore)
#include "tst_reviewstore.moc"
