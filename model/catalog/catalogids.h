#pragma once

#include <QString>

namespace threatdock::catalog {

/// The spellings of catalog ids that ThreatDock accepts, reduced to one canonical form.
/// Each function returns an empty string when the text is no id of that kind.
class CatalogIds final
{
public:
    /// "AC-6(1)", "ac-6.1", "AC-06(01)", "ac-6 (1)" -> "AC-6(1)"; "sc-7" -> "SC-7".
    static QString control(const QString &text);
    /// "AC-6(1)" -> "ac-6.1" (the OSCAL id). The input is canonicalised first.
    static QString oscalControl(const QString &text);
    /// "T1552.001", "t1552/001" -> "T1552.001".
    static QString technique(const QString &text);
    /// "M1048" (any case) -> "M1048".
    static QString mitigation(const QString &text);
    /// "CWE-250", "cwe 250", "250" -> 250; 0 when not a CWE id.
    static int weakness(const QString &text);
    /// "B602", "b602" -> "B602".
    static QString banditTest(const QString &text);
    /// "5.4", "CIS 5.4", "cis-docker 5.4" -> "5.4".
    static QString cisItem(const QString &text);
    /// "3.1.1", "SP 800-190 3.1.1", "800-190 §4.1" -> "3.1.1" / "4.1".
    static QString sp800190Section(const QString &text);
};

} // namespace threatdock::catalog
