#pragma once

#include "analysisreport.h"

#include <QByteArray>
#include <QJsonObject>

namespace threatdock::report {

/// The analysis as SARIF 2.1.0 (GitHub code scanning): the rules that ran in
/// tool.driver.rules with their security-severity and STRIDE / ATT&CK / NIST / CWE tags,
/// one result per finding with its level, a location relative to %PROJECTROOT% and the
/// stable finding id as partial fingerprint.
class SarifWriter final
{
public:
    static QJsonObject toJson(const AnalysisReport &report);
    static QByteArray write(const AnalysisReport &report);

    /// "error" (critical, high), "warning" (medium) or "note" (low, info).
    static QString level(rules::Severity severity);
    /// The uriBaseId every location is relative to.
    static QString baseId() { return QStringLiteral("PROJECTROOT"); }
};

} // namespace threatdock::report
