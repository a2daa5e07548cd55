#pragma once

#include "compose/node.h"
#include "compose/origin.h"
#include "severity.h"

#include <QString>
#include <QStringList>

namespace threatdock::rules {

/// A machine-applicable fix, consumed by the hardening planner.
struct RuleFix
{
    /// Keys to set on the service in the hardening overlay (a mapping in Compose syntax,
    /// e.g. `{read_only: true}` or `{security_opt: ["no-new-privileges:true"]}`); empty
    /// when the rule has no Compose fix.
    compose::Node compose;
    /// A Dockerfile change, in words the planner understands ("add-user", "add-healthcheck",
    /// "pin-base-image", "add-to-copy", "apt-no-recommends", "pip-no-cache"...); empty
    /// when the rule has no Dockerfile fix.
    QString dockerfileAction;
    /// Free text saying what the fix does, shown beside the diff.
    QString description;

    bool isEmpty() const { return compose.isNull() && dockerfileAction.isEmpty(); }
};

/// What a rule checks and everything a reviewer needs to act on it. Rule metadata is
/// data (resources/catalog/rules-*.yaml or a user's rules file), not code.
struct Rule
{
    QString id; ///< canonical id, e.g. CMP-PRIV-001
    QString title;
    Severity severity = Severity::Medium;
    QString target; ///< what it inspects: "compose", "dockerfile", "env", "source"
    QString rationale;
    QString remediation;
    QString stride;       ///< S, T, R, I, D or E
    QStringList attack;   ///< ATT&CK technique ids (T1611, T1610...)
    QStringList nist;     ///< SP 800-53 r5 control ids (AC-6, CM-7(1)...)
    QString sp800190;     ///< SP 800-190 section ("3.4.3")
    QStringList cis;      ///< CIS Docker Benchmark 1.6 items ("5.4")
    QStringList cwe;      ///< CWE ids ("CWE-250")
    QStringList kics;     ///< KICS query ids it corresponds to
    QStringList hadolint; ///< hadolint rule ids (DL3002)
    QStringList trivy;    ///< Trivy check ids (DS002 / AVD-DS-0002)
    RuleFix fix;
    /// The conditions of a user-defined rule (see CustomRule); null for built-in rules.
    compose::Node match;
    bool builtIn = true;
    compose::Origin origin; ///< where the rule is defined
};

} // namespace threatdock::rules
