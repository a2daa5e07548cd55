#pragma once

#include "scanresult.h"
#include "scantarget.h"

#include <QByteArray>
#include <QJsonObject>

namespace threatdock::catalog {
class Catalog;
}

namespace threatdock::scans {

/// Reads Bandit's JSON report (`bandit -f json`; the 1.6 format and the newer one with
/// `issue_cwe` and column offsets) into findings: one per result, source "bandit", rule
/// id the test id, id "<test>@file:<path>/<function>" (the enclosing Python function, no
/// line number), severity from Bandit's, CWE from `issue_cwe` or the catalog, STRIDE,
/// ATT&CK and NIST from the catalog's Bandit table, service from the build context that
/// holds the file. The `errors` array becomes ScanResult::toolErrors.
class BanditReport final
{
public:
    /// Whether a JSON document is a Bandit report (results plus errors, metrics or
    /// generated_at).
    static bool recognizes(const QJsonObject &root);
    /// Parses a report. base is the directory Bandit ran in (relative file names are
    /// resolved against it first); catalog may be null (no mappings then).
    static ScanResult parse(const QByteArray &json, const ScanTarget &target,
                            const catalog::Catalog *catalog, const QString &base = QString());
    static ScanResult fromJson(const QJsonObject &root, const ScanTarget &target,
                               const catalog::Catalog *catalog, const QString &base = QString());
};

} // namespace threatdock::scans
