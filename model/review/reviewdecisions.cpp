// ReviewStore: decisions, mitigations and history.
#include "reviewstore.h"

#include "reviewdatabase_p.h"
#include "reviewstore_p.h"

#include <QHash>
#include <QSqlQuery>

namespace threatdock::review {

using detail::nowUtc;
using detail::recordHistory;
using detail::timeFrom;

namespace {

ReviewError unknownMitigation(const QString &path, qint64 id)
{
    return {ReviewError::Kind::UnknownThreat,
            path + QStringLiteral(": there is no mitigation #%1 in this review").arg(id)};
}

} // namespace

ReviewResult<QList<Decision>> ReviewStore::readDecisions(const QString &where,
                                                         const QVariantList &values) const
{
    const QString action = QStringLiteral("reading the decisions");
    QList<Decision> decisions;
    auto error = m_db->read(action, [&]() -> std::optional<ReviewError> {
        QSqlQuery query = m_db->newQuery();
        if (auto e = m_db->exec(
                query,
                QStringLiteral("SELECT d.threat_id, d.status, d.owner, d.notes, d.created_at, "
                               "d.updated_at, t.present FROM decisions d JOIN threats t ON t.id = "
                               "d.threat_id %1 ORDER BY d.threat_id")
                    .arg(where),
                values, action))
            return e;
        QHash<QString, qsizetype> index;
        while (query.next()) {
            Decision d;
            d.threatId = query.value(0).toString();
            d.status
                = decisionStatusFromName(query.value(1).toString()).value_or(DecisionStatus::Open);
            d.owner = query.value(2).toString();
            d.notes = query.value(3).toString();
            d.createdAt = timeFrom(query.value(4));
            d.updatedAt = timeFrom(query.value(5));
            d.resolvedByChange = query.value(6).toInt() == 0;
            index.insert(d.threatId, decisions.size());
            decisions.append(d);
        }
        QSqlQuery mitigations = m_db->newQuery();
        if (auto e = m_db->exec(
                mitigations,
                QStringLiteral("SELECT m.id, m.threat_id, m.text, m.status FROM mitigations m JOIN "
                               "decisions d ON d.threat_id = m.threat_id JOIN threats t ON t.id = "
                               "d.threat_id %1 ORDER BY m.position, m.id")
                    .arg(where),
                values, action))
            return e;
        while (mitigations.next()) {
            const auto at = index.constFind(mitigations.value(1).toString());
            if (at == index.constEnd())
                continue;
            PlannedMitigation m;
            m.id = mitigations.value(0).toLongLong();
            m.text = mitigations.value(2).toString();
            m.status = mitigationStatusFromName(mitigations.value(3).toString())
                           .value_or(MitigationStatus::Planned);
            decisions[*at].mitigations.append(m);
        }
        return std::nullopt;
    });
    if (error)
        return *error;
    return decisions;
}

ReviewResult<Decision> ReviewStore::decision(const QString &threatId) const
{
    auto found = readDecisions(QStringLiteral("WHERE d.threat_id = ?"), {threatId});
    if (!found.ok())
        return *found.error;
    if (found.value.isEmpty())
        return detail::unknownThreat(m_path, threatId);
    return found.value.constFirst();
}

ReviewResult<QList<Decision>> ReviewStore::decisions() const
{
    return readDecisions(QString(), {});
}

ReviewResult<QList<Decision>> ReviewStore::resolvedByChange() const
{
    return readDecisions(QStringLiteral("WHERE t.present = 0"), {});
}

ReviewResult<> ReviewStore::setStatus(const QString &threatId, DecisionStatus status)
{
    return setDecisionText(threatId, QStringLiteral("status"), decisionStatusName(status));
}

ReviewResult<> ReviewStore::setOwner(const QString &threatId, const QString &owner)
{
    return setDecisionText(threatId, QStringLiteral("owner"), owner);
}

ReviewResult<> ReviewStore::setNotes(const QString &threatId, const QString &notes)
{
    return setDecisionText(threatId, QStringLiteral("notes"), notes);
}

// column is one of our own column names (status, owner, notes), never a caller's text.
ReviewResult<> ReviewStore::setDecisionText(const QString &threatId, const QString &column,
                                            const QString &value)
{
    const QString action = QStringLiteral("saving the %1 of '%2'").arg(column, threatId);
    auto error = m_db->write(action, [&]() -> std::optional<ReviewError> {
        const auto old = m_db->scalar(
            QStringLiteral("SELECT %1 FROM decisions WHERE threat_id = ?").arg(column), {threatId},
            action);
        if (!old.ok())
            return old.error;
        if (!old.value.isValid())
            return detail::unknownThreat(m_path, threatId);
        const QString oldValue = old.value.toString();
        if (oldValue == value)
            return std::nullopt;
        const QString now = nowUtc();
        if (auto e = m_db->exec(
                QStringLiteral("UPDATE decisions SET %1 = ?, updated_at = ? WHERE threat_id = ?")
                    .arg(column),
                {value, now, threatId}, action))
            return e;
        return recordHistory(*m_db, now, m_user, threatId, column, oldValue, value, action);
    });
    if (error)
        return *error;
    return {};
}

ReviewResult<qint64> ReviewStore::addMitigation(const QString &threatId, const QString &text,
                                                MitigationStatus status)
{
    const QString action = QStringLiteral("adding a mitigation to '%1'").arg(threatId);
    qint64 id = 0;
    auto error = m_db->write(action, [&]() -> std::optional<ReviewError> {
        const auto position = m_db->scalar(
            QStringLiteral("SELECT (SELECT COALESCE(MAX(position), 0) + 1 FROM mitigations WHERE "
                           "threat_id = d.threat_id) FROM decisions d WHERE d.threat_id = ?"),
            {threatId}, action);
        if (!position.ok())
            return position.error;
        if (!position.value.isValid())
            return detail::unknownThreat(m_path, threatId);
        QSqlQuery insert = m_db->newQuery();
        if (auto e
            = m_db->exec(insert,
                         QStringLiteral("INSERT INTO mitigations (threat_id, position, "
                                        "text, status) VALUES (?, ?, ?, ?)"),
                         {threatId, position.value, text, mitigationStatusName(status)}, action))
            return e;
        id = insert.lastInsertId().toLongLong();
        const QString now = nowUtc();
        if (auto e
            = m_db->exec(QStringLiteral("UPDATE decisions SET updated_at = ? WHERE threat_id = ?"),
                         {now, threatId}, action))
            return e;
        return recordHistory(*m_db, now, m_user, threatId, QStringLiteral("mitigation"), QString(),
                             text, action);
    });
    if (error)
        return *error;
    return id;
}

ReviewResult<> ReviewStore::setMitigationText(qint64 mitigationId, const QString &text)
{
    return setMitigationField(mitigationId, QStringLiteral("text"), QStringLiteral("mitigation"),
                              text);
}

ReviewResult<> ReviewStore::setMitigationStatus(qint64 mitigationId, MitigationStatus status)
{
    return setMitigationField(mitigationId, QStringLiteral("status"),
                              QStringLiteral("mitigation-status"), mitigationStatusName(status));
}

// column is one of our own column names (text, status), never a caller's text.
ReviewResult<> ReviewStore::setMitigationField(qint64 mitigationId, const QString &column,
                                               const QString &field, const QString &value)
{
    const QString action = QStringLiteral("saving mitigation #%1").arg(mitigationId);
    auto error = m_db->write(action, [&]() -> std::optional<ReviewError> {
        QSqlQuery old = m_db->newQuery();
        if (auto e = m_db->exec(
                old,
                QStringLiteral("SELECT threat_id, %1 FROM mitigations WHERE id = ?").arg(column),
                {mitigationId}, action))
            return e;
        if (!old.next())
            return unknownMitigation(m_path, mitigationId);
        const QString threatId = old.value(0).toString();
        const QString oldValue = old.value(1).toString();
        old.finish();
        if (oldValue == value)
            return std::nullopt;
        const QString now = nowUtc();
        if (auto e
            = m_db->exec(QStringLiteral("UPDATE mitigations SET %1 = ? WHERE id = ?").arg(column),
                         {value, mitigationId}, action))
            return e;
        if (auto e
            = m_db->exec(QStringLiteral("UPDATE decisions SET updated_at = ? WHERE threat_id = ?"),
                         {now, threatId}, action))
            return e;
        return recordHistory(*m_db, now, m_user, threatId, field, oldValue, value, action);
    });
    if (error)
        return *error;
    return {};
}

ReviewResult<> ReviewStore::removeMitigation(qint64 mitigationId)
{
    const QString action = QStringLiteral("removing mitigation #%1").arg(mitigationId);
    auto error = m_db->write(action, [&]() -> std::optional<ReviewError> {
        QSqlQuery old = m_db->newQuery();
        if (auto e = m_db->exec(
                old, QStringLiteral("SELECT threat_id, text FROM mitigations WHERE id = ?"),
                {mitigationId}, action))
            return e;
        if (!old.next())
            return unknownMitigation(m_path, mitigationId);
        const QString threatId = old.value(0).toString();
        const QString text = old.value(1).toString();
        old.finish();
        const QString now = nowUtc();
        if (auto e = m_db->exec(QStringLiteral("DELETE FROM mitigations WHERE id = ?"),
                                {mitigationId}, action))
            return e;
        if (auto e
            = m_db->exec(QStringLiteral("UPDATE decisions SET updated_at = ? WHERE threat_id = ?"),
                         {now, threatId}, action))
            return e;
        return recordHistory(*m_db, now, m_user, threatId, QStringLiteral("mitigation"), text,
                             QString(), action);
    });
    if (error)
        return *error;
    return {};
}

ReviewResult<QList<HistoryEntry>> ReviewStore::history(const QString &threatId) const
{
    const QString action = QStringLiteral("reading the history");
    QSqlQuery query = m_db->newQuery();
    const QString sql
        = QStringLiteral("SELECT id, at, who, threat_id, field, old_value, new_value "
                         "FROM history %1 ORDER BY id")
              .arg(threatId.isEmpty() ? QString() : QStringLiteral("WHERE threat_id = ?"));
    const QVariantList values = threatId.isEmpty() ? QVariantList() : QVariantList{threatId};
    if (auto error = m_db->exec(query, sql, values, action))
        return *error;
    QList<HistoryEntry> entries;
    while (query.next()) {
        entries.append({query.value(0).toLongLong(), timeFrom(query.value(1)),
                        query.value(2).toString(), query.value(3).toString(),
                        query.value(4).toString(), query.value(5).toString(),
                        query.value(6).toString()});
    }
    return entries;
}

} // namespace threatdock::review
