#pragma once

#include "compose/origin.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace threatdock::catalog {

using compose::Origin;

/// An ATT&CK tactic ("privilege-escalation", TA0004).
struct Tactic
{
    QString id;
    QString shortName;
    QString name;
    Origin origin;
};

/// An ATT&CK mitigation (course of action), M1048.
struct Mitigation
{
    QString id;
    QString name;
    Origin origin;
};

/// An ATT&CK Enterprise technique or sub-technique. `containers` is true for the
/// techniques of the Containers platform (the matrix ThreatDock works with); the few
/// other Enterprise techniques that rules cite have it false.
struct Technique
{
    QString id; ///< "T1611", "T1552.001"
    QString name;
    QString parent;          ///< the parent technique of a sub-technique, else empty
    QStringList tactics;     ///< tactic short names, in ATT&CK order
    QStringList mitigations; ///< mitigation ids
    QString url;
    bool containers = true;
    bool revoked = false; ///< revoked or deprecated by a later ATT&CK release
    Origin origin;

    bool isSubtechnique() const { return !parent.isEmpty(); }
};

/// A control family of SP 800-53 ("AC", "Access Control").
struct ControlFamily
{
    QString id;
    QString name;
    Origin origin;
};

/// A NIST SP 800-53 r5 control or control enhancement, by its canonical id ("AC-6(1)").
struct Control
{
    QString id;
    QString title;         ///< the control's own title (an enhancement's, without its parent's)
    QString family;        ///< family id, "AC"
    QStringList baselines; ///< "L", "M", "H"
    bool withdrawn = false;
    Origin origin;

    bool isEnhancement() const { return id.contains(u'('); }
    /// "AC-6" for "AC-6(1)"; empty for a base control.
    QString parentId() const { return isEnhancement() ? id.left(id.indexOf(u'(')) : QString(); }
};

/// The SP 800-53 controls that mitigate one ATT&CK technique.
struct TechniqueMapping
{
    QString technique;
    QStringList controls;
    QString source; ///< "ctid-attack-16.1", ...
    QString status; ///< empty when mapped; "non-mappable", "not-in-mapping"
    Origin origin;
};

/// A section of NIST SP 800-190: a risk (3.x) or a countermeasure (4.x).
struct Sp800190Section
{
    enum class Kind { Risk, Countermeasure };
    QString id; ///< "3.1.1"
    Kind kind = Kind::Risk;
    QString title;
    QString summary;        ///< ThreatDock's paraphrase; empty for the category headings
    QString counterpart;    ///< the countermeasure of a risk, the risk a countermeasure answers
    QStringList techniques; ///< suggested ATT&CK techniques
    Origin origin;
};

/// An item of CIS Docker Benchmark 1.6 sections 4 and 5.
struct CisItem
{
    QString id; ///< "5.4"
    QString title;
    QString assessment; ///< "automated" or "manual"
    Origin origin;
};

/// A CWE weakness.
struct Weakness
{
    int id = 0;
    QString name;
    Origin origin;

    QString label() const { return QStringLiteral("CWE-") + QString::number(id); }
};

/// A Bandit test with ThreatDock's threat mapping.
struct BanditTest
{
    QString id;             ///< "B602"
    QString name;           ///< the plugin name, or the blacklist entry for blacklist checks
    bool blacklist = false; ///< Bandit reports test_name "blacklist" for these
    QList<int> cwes;        ///< Bandit's own CWE first
    QString stride;         ///< STRIDE letters, "TE"
    QStringList techniques;
    QStringList controls;
    Origin origin;
};

} // namespace threatdock::catalog
