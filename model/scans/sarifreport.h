#pragma once

#include "scanresult.h"
#include "scantarget.h"

#include <QByteArray>
#include <QJsonObject>

namespace threatdock::catalog {
class Catalog;
}

namespace threatdock::scans {

/// Reads a SARIF 2.1.0 log written by a scanner (Trivy's `--format sarif`, Bandit's SARIF
/// formatter) into findings. The source is the tool driver's name ("trivy", "bandit").
/// Severity comes from the rule's tags (Trivy writes CRITICAL, HIGH...), the result's
/// issue_severity (Bandit), the rule's security-severity score, or else the level. Ids:
/// "<rule>@file:<path>[/<subject>]" with subject "pkg:<name>" for Trivy vulnerabilities and
/// the enclosing Python function for Bandit, never a line number.
class SarifReport final
{
public:
    static bool recognizes(const QJsonObject &root);
    /// catalog maps Bandit test ids as BanditReport does; it may be null.
    static ScanResult fromJson(const QJsonObject &root, const ScanTarget &target,
                               const catalog::Catalog *catalog, const QString &base = QString());
};

} // namespace threatdock::scans
