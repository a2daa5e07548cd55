#pragma once

#include "reportcontext.h"

#include <QByteArray>
#include <QStringList>

namespace threatdock::report {

/// The threats as CSV, one row per threat, for a tracker or a spreadsheet: the columns a
/// Jira import maps (Summary, Issue Type, Priority, Labels, Component, Status, Owner,
/// Description) and the threat model's own (threat id, element, STRIDE, severity,
/// likelihood, impact, risk, ATT&CK, NIST, SP 800-190, mitigations, findings, evidence,
/// notes). RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote or line
/// break quoted and its quotes doubled; UTF-8 with a byte-order mark so Excel reads it as
/// such. A field that starts with = + - @ (or a tab or carriage return) is prefixed with
/// ' so no spreadsheet evaluates it as a formula.
class CsvThreatWriter final
{
public:
    static QStringList columns();
    static QByteArray write(const ReportContext &context);

    /// One field, neutralised and quoted as described.
    static QString field(const QString &value);
    /// Jira's priority for a severity: Highest, High, Medium, Low, Lowest.
    static QString priority(rules::Severity severity);
};

} // namespace threatdock::report
