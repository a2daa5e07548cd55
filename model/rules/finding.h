#pragma once

#include "severity.h"

#include <QString>
#include <QStringList>

namespace threatdock::rules {

/// One problem found in the project, pointing at where it comes from. Evidence never
/// holds a secret value: it is redacted (`DB_PASSWORD=****`) before it is stored.
struct Finding
{
    /// Stable id: "<rule>@<scope>[/<subject>]", e.g. "CMP-PRIV-001@service:api" or
    /// "CMP-SEC-001@service:api/env:DB_PASSWORD"; never from list position or line.
    QString id;
    QString ruleId;
    QString title;
    Severity severity = Severity::Medium;
    QString service; ///< the service it concerns, "" when none
    QString file;    ///< absolute path
    int line = 0;    ///< 1-based; 0 = the file as a whole
    int column = 0;
    QString evidence; ///< the offending text, redacted
    QString why;      ///< the facts that made the rule fire
    QString stride;
    QStringList attack;
    QStringList nist;
    QString source = QStringLiteral("threatdock"); ///< "threatdock", "bandit", "trivy"...
};

} // namespace threatdock::rules
