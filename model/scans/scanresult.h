#pragma once

#include "rules/finding.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace threatdock::scans {

/// What one scanner run or one imported report contributed: its findings (source
/// "bandit" or "trivy", stable ids, redacted evidence) and what went wrong.
struct ScanResult
{
    QString tool;        ///< "bandit", "trivy"
    QString toolVersion; ///< as the tool or the report says, "" when unknown
    QString input;       ///< what was scanned or imported: directories, image, report file
    QList<rules::Finding> findings;
    /// Problems the tool reported without failing (a file Bandit could not parse...).
    QStringList toolErrors;
    /// Why the scan gave no usable result (tool missing, crashed, unreadable output);
    /// empty when it succeeded.
    QString error;

    bool ok() const { return error.isEmpty(); }
};

} // namespace threatdock::scans
