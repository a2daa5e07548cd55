// ReviewStore: scan runs and their findings.
#include "reviewstore.h"

#include "reviewdatabase_p.h"
#include "reviewjson.h"
#include "reviewstore_p.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlQuery>

namespace threatdock::review {

using detail::timeFrom;

namespace {

QString stored(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

ReviewResult<qint64> ReviewStore::addScanRun(const ScanRun &run)
{
    const QString action = QStringLiteral("saving the %1 scan run").arg(run.tool);
    qint64 id = 0;
    auto error = m_db->write(action, [&]() -> std::optional<ReviewError> {
        QSqlQuery insert = m_db->newQuery();
        if (auto e = m_db->exec(insert,
                                QStringLiteral("INSERT INTO scan_runs (tool, tool_version, target, "
                                               "started_at, finished_at, exit_status, who) VALUES "
                                               "(?, ?, ?, ?, ?, ?, ?)"),
                                {run.tool, run.toolVersion, run.target, stored(run.startedAt),
                                 stored(run.finishedAt), run.exitStatus, m_user},
                                action))
            return e;
        id = insert.lastInsertId().toLongLong();
        QSqlQuery finding = m_db->newQuery();
        if (auto e = m_db->prepare(finding,
                                   QStringLiteral("INSERT INTO scan_findings (run_id, position, "
                                                  "finding_id, rule_id, severity, file, line, "
                                                  "finding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                                   action))
            return e;
        for (qsizetype i = 0; i < run.findings.size(); ++i) {
            const rules::Finding &f = run.findings.at(i);
            const QJsonObject json = ReviewJson::findingToJson(f, m_base);
            const QVariantList values{
                id,
                i,
                f.id,
                f.ruleId,
                rules::severityName(f.severity),
                ReviewJson::relativePath(m_base, f.file),
                f.line,
                QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact))};
            if (auto e = m_db->run(finding, values, action))
                return e;
        }
        return std::nullopt;
    });
    if (error)
        return *error;
    return id;
}

ReviewResult<QList<ScanRun>> ReviewStore::scanRuns() const
{
    const QString action = QStringLiteral("reading the scan runs");
    QList<ScanRun> runs;
    auto error = m_db->read(action, [&]() -> std::optional<ReviewError> {
        QSqlQuery query = m_db->newQuery();
        if (auto e = m_db->exec(query,
                                QStringLiteral("SELECT id, tool, tool_version, target, started_at, "
                                               "finished_at, exit_status FROM scan_runs ORDER BY "
                                               "id"),
                                {}, action))
            return e;
        QHash<qint64, qsizetype> index;
        while (query.next()) {
            ScanRun run;
            run.id = query.value(0).toLongLong();
            run.tool = query.value(1).toString();
            run.toolVersion = query.value(2).toString();
            run.target = query.value(3).toString();
            run.startedAt = timeFrom(query.value(4));
            run.finishedAt = timeFrom(query.value(5));
            run.exitStatus = query.value(6).toInt();
            index.insert(run.id, runs.size());
            runs.append(run);
        }
        QSqlQuery findings = m_db->newQuery();
        if (auto e = m_db->exec(findings,
                                QStringLiteral("SELECT run_id, finding FROM scan_findings ORDER BY "
                                               "run_id, position"),
                                {}, action))
            return e;
        while (findings.next()) {
            const auto at = index.constFind(findings.value(0).toLongLong());
            if (at == index.constEnd())
                continue;
            const QJsonDocument json
                = QJsonDocument::fromJson(findings.value(1).toString().toUtf8());
            if (!json.isObject()) {
                return ReviewError{ReviewError::Kind::Corrupt,
                                   m_path
                                       + QStringLiteral(": the review file is damaged (a finding "
                                                        "of scan run #%1 is not valid JSON)")
                                             .arg(findings.value(0).toLongLong())};
            }
            runs[*at].findings.append(ReviewJson::findingFromJson(json.object(), m_base));
        }
        return std::nullopt;
    });
    if (error)
        return *error;
    return runs;
}

} // namespace threatdock::review
