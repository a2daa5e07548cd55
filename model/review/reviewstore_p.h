#pragma once

#include "reviewdatabase_p.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace threatdock::review::detail {

/// Now, as stored: ISO 8601 in UTC with milliseconds ("2025-01-31T09:15:02.114Z").
inline QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

inline QDateTime timeFrom(const QVariant &stored)
{
    const QString text = stored.toString();
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.toUTC();
}

/// Appends one history row (inside the caller's transaction).
inline std::optional<ReviewError> recordHistory(ReviewDatabase &db, const QString &at,
                                                const QString &who, const QString &threatId,
                                                const QString &field, const QString &oldValue,
                                                const QString &newValue, const QString &action)
{
    return db.exec(QStringLiteral("INSERT INTO history (at, who, threat_id, field, old_value, "
                                  "new_value) VALUES (?, ?, ?, ?, ?, ?)"),
                   {at, who, threatId, field, oldValue, newValue}, action);
}

inline ReviewError unknownThreat(const QString &path, const QString &threatId)
{
    return {ReviewError::Kind::UnknownThreat,
            path + QStringLiteral(": there is no threat '%1' in this review").arg(threatId)};
}

} // namespace threatdock::review::detail
