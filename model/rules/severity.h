#pragma once

#include <QString>

#include <optional>

namespace threatdock::rules {

/// How bad a finding or threat is. Ordered: a higher value is worse.
enum class Severity { Info, Low, Medium, High, Critical };

/// "info", "low", "medium", "high", "critical".
QString severityName(Severity severity);
/// Parses a name (case-insensitive); nullopt when it is none of the five.
std::optional<Severity> severityFromName(const QString &name);
/// The SARIF `security-severity` score GitHub reads (critical 9.5 ... info 0.0).
double securitySeverityScore(Severity severity);

} // namespace threatdock::rules
