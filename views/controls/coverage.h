#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace threatdock::catalog {
class Catalog;
}
namespace threatdock::threats {
struct Threat;
}

namespace threatdock::views {

class ReviewDocument;

/// One control or technique and the threats of the analysis that map to it.
struct CoverageEntry
{
    QString id;    ///< canonical catalog id: "AC-6(9)", "T1611"
    QString title; ///< "Least Privilege | Log Use of Privileged Functions", "Escape to Host"
    /// What else to know about it: a control's baselines, a technique's tactics.
    QString details;
    QString url;           ///< the technique's ATT&CK page; "" for controls
    QStringList threatIds; ///< in walkthrough order
};

/// A control family or an ATT&CK tactic with its entries, in catalog order.
struct CoverageGroup
{
    QString id;    ///< "AC", "privilege-escalation", "other"
    QString title; ///< "Access Control (AC)", "Privilege Escalation (TA0004)"
    QList<CoverageEntry> entries;
};

/// How far the review has got with the threats of an entry.
enum class CoverageState {
    Open,         ///< at least one of its threats is open
    Covered,      ///< every threat is decided or mitigated by the configuration
    NotConsidered ///< no threat of the model maps to it
};

/// Which controls and techniques the threat model addresses, for the Controls view.
namespace coverage {

/// A threat still needs work: its decision is open and the configuration does not
/// mitigate it (mitigated, accepted, transferred and not applicable all settle it).
bool isOpen(const ReviewDocument &document, const threats::Threat &threat);
/// How many of these threats are open.
int openCount(const ReviewDocument &document, const QStringList &threatIds);
/// The state of an entry as its threats stand in the document now.
CoverageState stateOf(const ReviewDocument &document, const CoverageEntry &entry);
/// "open", "covered", "not considered".
QString stateLabel(CoverageState state);

/// SP 800-53 families -> the controls the threats cite (catalog order; ids the catalog
/// does not know last in their family, titled as unknown) -> the threats citing each.
QList<CoverageGroup> nistControls(const ReviewDocument &document, const catalog::Catalog &catalog);

/// ATT&CK tactics of the Containers matrix -> their techniques (a technique under each of
/// its tactics, as the matrix shows it; revoked ones only when a threat still cites them)
/// -> the threats citing each, followed by an "Other Enterprise techniques" group for
/// cited techniques outside the Containers matrix.
QList<CoverageGroup> attackTechniques(const ReviewDocument &document,
                                      const catalog::Catalog &catalog);

} // namespace coverage

} // namespace threatdock::views
