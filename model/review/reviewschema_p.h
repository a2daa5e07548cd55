#pragma once

#include "reviewerror.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::review {

class ReviewDatabase;

/// The review file's schema: its identity (PRAGMA application_id), its version (PRAGMA
/// user_version) and the forward migration steps. Version 1: project paths, analysis
/// snapshot, threats, decisions, mitigations, history. Version 2: decision timestamps
/// and the time a threat was resolved by change (both backfilled from the history),
/// scan runs and their findings.
class ReviewSchema final
{
public:
    static constexpr int currentVersion = 2;
    /// "TDoc": marks an SQLite file as a ThreatDock review.
    static constexpr int applicationId = 0x54446F63;

    /// Checks, without writing anything, that path is a review this version can open:
    /// an SQLite file, a review, not newer, not damaged. Returns its schema version.
    static ReviewResult<int> inspect(const QString &path, int busyTimeoutMs);

    /// Checks what an open connection sees (WAL included): a review, not newer than
    /// this version. Reads only. Returns the schema version.
    static ReviewResult<int> identify(ReviewDatabase &db);

    /// Brings an open database from version `from` to currentVersion. Runs inside the
    /// caller's write transaction.
    static std::optional<ReviewError> migrate(ReviewDatabase &db, int from);

    /// The statements of the step that makes version `version` out of version - 1.
    static QStringList stepStatements(int version);
    /// The tables a file of this version must have.
    static QStringList requiredTables(int version);
};

} // namespace threatdock::review
