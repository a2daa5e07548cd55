// ReviewStore: the analysis snapshot and the threats it lists.
#include "reviewstore.h"

#include "reviewdatabase_p.h"
#include "reviewjson.h"
#include "reviewstore_p.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace threatdock::review {

using detail::nowUtc;
using detail::recordHistory;
using detail::timeFrom;

namespace {

const QString present = QStringLiteral("present");
const QString resolved = QStringLiteral("resolved by change");

std::optional<ReviewError> checkIds(const QString &path, const QList<threats::Threat> &threats)
{
    QSet<QString> seen;
    for (const threats::Threat &threat : threats) {
        if (threat.id.isEmpty()) {
            return ReviewError{ReviewError::Kind::InvalidArgument,
                               path
                                   + QStringLiteral(": the analysis was not saved: threat '%1' "
                                                    "has no id")
                                         .arg(threat.title)};
        }
        if (seen.contains(threat.id)) {
            return ReviewError{ReviewError::Kind::InvalidArgument,
                               path
                                   + QStringLiteral(": the analysis was not saved: the threat id "
                                                    "'%1' appears twice")
                                         .arg(threat.id)};
        }
        seen.insert(threat.id);
    }
    return std::nullopt;
}

} // namespace

ReviewResult<AnalysisChange> ReviewStore::applyAnalysis(const QList<threats::Threat> &threats,
                                                        const QList<rules::Finding> &findings)
{
    if (auto error = checkIds(m_path, threats))
        return *error;
    QJsonArray threatArray;
    for (const threats::Threat &threat : threats)
        threatArray.append(ReviewJson::threatToJson(threat));
    QJsonArray findingArray;
    for (const rules::Finding &finding : findings)
        findingArray.append(ReviewJson::findingToJson(finding, m_base));
    const QByteArray snapshot
        = QJsonDocument(QJsonObject{{QStringLiteral("threats"), threatArray},
                                    {QStringLiteral("findings"), findingArray}})
              .toJson(QJsonDocument::Compact);

    const QString action = QStringLiteral("saving the analysis");
    AnalysisChange change;
    auto error = m_db->write(action, [&]() -> std::optional<ReviewError> {
        QHash<QString, bool> known; // id -> present
        QSqlQuery query = m_db->newQuery();
        if (auto e
            = m_db->exec(query, QStringLiteral("SELECT id, present FROM threats"), {}, action))
            return e;
        while (query.next())
            known.insert(query.value(0).toString(), query.value(1).toInt() != 0);
        query.finish();

        const QString now = nowUtc();
        QSqlQuery insertThreat = m_db->newQuery();
        QSqlQuery updateThreat = m_db->newQuery();
        QSqlQuery insertDecision = m_db->newQuery();
        if (auto e = m_db->prepare(
                insertThreat,
                QStringLiteral("INSERT INTO threats (title, stride, element_id, severity, risk, "
                               "last_seen, id, present, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, "
                               "1, ?)"),
                action))
            return e;
        if (auto e = m_db->prepare(
                updateThreat,
                QStringLiteral("UPDATE threats SET title = ?, stride = ?, element_id = ?, severity "
                               "= ?, risk = ?, last_seen = ?, present = 1, resolved_at = NULL "
                               "WHERE id = ?"),
                action))
            return e;
        if (auto e = m_db->prepare(
                insertDecision,
                QStringLiteral("INSERT INTO decisions (threat_id, status, created_at, updated_at) "
                               "VALUES (?, 'open', ?, ?)"),
                action))
            return e;

        QSet<QString> current;
        for (const threats::Threat &t : threats) {
            current.insert(t.id);
            const QVariantList values{
                t.title,  t.stride, t.elementId, rules::severityName(t.severity),
                t.risk(), now,      t.id};
            const auto at = known.constFind(t.id);
            if (at == known.constEnd()) {
                if (auto e = m_db->run(insertThreat, values + QVariantList{now}, action))
                    return e;
                if (auto e = m_db->run(insertDecision, {t.id, now, now}, action))
                    return e;
                if (auto e = recordHistory(*m_db, now, m_user, t.id, QStringLiteral("threat"),
                                           QString(), present, action))
                    return e;
                change.added << t.id;
                continue;
            }
            if (auto e = m_db->run(updateThreat, values, action))
                return e;
            if (*at) {
                change.kept << t.id;
                continue;
            }
            if (auto e = recordHistory(*m_db, now, m_user, t.id, QStringLiteral("threat"), resolved,
                                       present, action))
                return e;
            change.reappeared << t.id;
        }

        for (auto it = known.constBegin(); it != known.constEnd(); ++it) {
            if (!it.value() || current.contains(it.key()))
                continue;
            if (auto e = m_db->exec(
                    QStringLiteral("UPDATE threats SET present = 0, resolved_at = ? WHERE id = ?"),
                    {now, it.key()}, action))
                return e;
            if (auto e = recordHistory(*m_db, now, m_user, it.key(), QStringLiteral("threat"),
                                       present, resolved, action))
                return e;
            change.resolvedByChange << it.key();
        }
        change.resolvedByChange.sort();

        return m_db->exec(QStringLiteral("INSERT OR REPLACE INTO analysis (id, analyzed_at, "
                                         "snapshot) VALUES (1, ?, ?)"),
                          {now, QString::fromUtf8(snapshot)}, action);
    });
    if (error)
        return *error;
    return change;
}

ReviewResult<AnalysisSnapshot> ReviewStore::lastAnalysis() const
{
    const QString action = QStringLiteral("reading the last analysis");
    QSqlQuery query = m_db->newQuery();
    if (auto error = m_db->exec(
            query, QStringLiteral("SELECT analyzed_at, snapshot FROM analysis WHERE id = 1"), {},
            action))
        return *error;
    AnalysisSnapshot snapshot;
    if (!query.next())
        return snapshot;
    snapshot.analyzedAt = timeFrom(query.value(0));
    QJsonParseError parseError;
    const QJsonDocument document
        = QJsonDocument::fromJson(query.value(1).toString().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return ReviewError{ReviewError::Kind::Corrupt,
                           m_path
                               + QStringLiteral(": the review file is damaged (the saved analysis "
                                                "is not valid JSON: %1)")
                                     .arg(parseError.errorString())};
    }
    const QJsonObject root = document.object();
    const QJsonArray threatArray = root.value(QStringLiteral("threats")).toArray();
    for (const QJsonValue &value : threatArray)
        snapshot.threats.append(ReviewJson::threatFromJson(value.toObject()));
    const QJsonArray findingArray = root.value(QStringLiteral("findings")).toArray();
    for (const QJsonValue &value : findingArray)
        snapshot.findings.append(ReviewJson::findingFromJson(value.toObject(), m_base));
    return snapshot;
}

ReviewResult<QList<ThreatRecord>> ReviewStore::threatRecords() const
{
    const QString action = QStringLiteral("reading the threats");
    QSqlQuery query = m_db->newQuery();
    if (auto error = m_db->exec(query,
                                QStringLiteral("SELECT id, title, stride, element_id, severity, "
                                               "risk, present, first_seen, last_seen, resolved_at "
                                               "FROM threats ORDER BY id"),
                                {}, action))
        return *error;
    QList<ThreatRecord> records;
    while (query.next()) {
        ThreatRecord r;
        r.id = query.value(0).toString();
        r.title = query.value(1).toString();
        r.stride = query.value(2).toString();
        r.elementId = query.value(3).toString();
        r.severity
            = rules::severityFromName(query.value(4).toString()).value_or(rules::Severity::Medium);
        r.risk = query.value(5).toInt();
        r.present = query.value(6).toInt() != 0;
        r.firstSeen = timeFrom(query.value(7));
        r.lastSeen = timeFrom(query.value(8));
        r.resolvedAt = timeFrom(query.value(9));
        records.append(r);
    }
    return records;
}

} // namespace threatdock::review
