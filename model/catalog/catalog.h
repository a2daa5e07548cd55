#pragma once

#include "catalogentries.h"
#include "compose/diagnostic.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace threatdock::catalog {

struct CatalogLoadResult;

/// ThreatDock's threat knowledge: ATT&CK techniques (the 48 of the Containers platform and
/// the few other Enterprise techniques rules cite), SP 800-53 r5 controls, the technique ->
/// control mappings, SP 800-190 sections, CIS Docker Benchmark items, CWEs and the Bandit
/// test table. A plain value type: load it once and share copies freely.
///
/// It is read from the YAML files embedded under `:/catalog/`; files of the same names
/// in an override directory (by default AppDataLocation + "/catalog", where the importers
/// write) are merged over them entry by entry, by id, so they can rename entries, revoke
/// them or add new ones. Lookups accept the usual spellings of ids (see CatalogIds) and
/// return nullptr when the id is unknown; pointers stay valid while the Catalog lives.
class Catalog
{
public:
    /// The catalog's files, in the built-in directory and in an override directory.
    static const QStringList &fileNames();
    /// The embedded catalog, ":/catalog".
    static QString builtInDirectory();
    /// Where the user's overrides live: QStandardPaths::AppDataLocation + "/catalog".
    static QString defaultOverrideDirectory();

    using LoadResult = CatalogLoadResult;
    /// Loads the built-in files of builtInDir and merges those of overrideDir over them
    /// (an empty or missing override directory means no overrides).
    static LoadResult load(const QString &overrideDir = defaultOverrideDirectory(),
                           const QString &builtInDir = builtInDirectory());

    QString attackVersion() const { return m_attackVersion; }
    QString nistVersion() const { return m_nistVersion; }

    const std::vector<Technique> &techniques() const { return m_techniques; }
    /// The techniques of the Containers matrix (containers == true, revoked or not).
    std::vector<Technique> containersTechniques() const;
    const std::vector<Tactic> &tactics() const { return m_tactics; }
    const std::vector<Mitigation> &mitigations() const { return m_mitigations; }
    const std::vector<ControlFamily> &controlFamilies() const { return m_families; }
    const std::vector<Control> &controls() const { return m_controls; }
    const std::vector<TechniqueMapping> &mappings() const { return m_mappings; }
    const std::vector<Sp800190Section> &sp800190Sections() const { return m_sp800190; }
    const std::vector<CisItem> &cisItems() const { return m_cisItems; }
    const std::vector<Weakness> &weaknesses() const { return m_weaknesses; }
    const std::vector<BanditTest> &banditTests() const { return m_banditTests; }

    const Technique *technique(const QString &id) const;
    /// By id ("TA0004") or short name ("privilege-escalation").
    const Tactic *tactic(const QString &idOrShortName) const;
    const Mitigation *mitigation(const QString &id) const;
    /// "AC-6(1)", "ac-6.1", "AC-06(01)"...
    const Control *control(const QString &id) const;
    const ControlFamily *controlFamily(const QString &id) const;
    /// The title as SP 800-53 prints it: an enhancement's prefixed with its base control's,
    /// "Least Privilege | Authorize Access to Security Functions". Empty when unknown.
    QString controlFullTitle(const QString &id) const;
    const Weakness *weakness(int id) const;
    /// "CWE-250" or "250".
    const Weakness *weakness(const QString &id) const;
    const CisItem *cisItem(const QString &id) const;
    const Sp800190Section *sp800190Section(const QString &id) const;
    const BanditTest *banditTest(const QString &id) const;

    /// The controls mapped to a technique (canonical ids); empty when none or unknown.
    QStringList controlsForTechnique(const QString &techniqueId) const;
    /// The techniques a control (or, for an enhancement, its base control) is mapped to.
    QStringList techniquesForControl(const QString &controlId) const;

    /// Every reference between entries that does not resolve (a mapping's technique or
    /// control, a technique's tactic, mitigation or Bandit's CWE...), one "file:line: what"
    /// message each. Empty when the catalog is consistent.
    QStringList consistencyProblems() const;

private:
    friend class CatalogReader;
    friend class CatalogFiles;
    void rebuildIndexes();

    QString m_attackVersion;
    QString m_nistVersion;
    std::vector<Tactic> m_tactics;
    std::vector<Mitigation> m_mitigations;
    std::vector<Technique> m_techniques;
    std::vector<ControlFamily> m_families;
    std::vector<Control> m_controls;
    std::vector<TechniqueMapping> m_mappings;
    std::vector<Sp800190Section> m_sp800190;
    std::vector<CisItem> m_cisItems;
    std::vector<Weakness> m_weaknesses;
    std::vector<BanditTest> m_banditTests;

    QHash<QString, qsizetype> m_techniqueIndex;
    QHash<QString, qsizetype> m_tacticIndex;
    QHash<QString, qsizetype> m_mitigationIndex;
    QHash<QString, qsizetype> m_controlIndex;
    QHash<QString, qsizetype> m_familyIndex;
    QHash<QString, qsizetype> m_mappingIndex;
    QHash<QString, qsizetype> m_sp800190Index;
    QHash<QString, qsizetype> m_cisIndex;
    QHash<int, qsizetype> m_weaknessIndex;
    QHash<QString, qsizetype> m_banditIndex;
};

/// A loaded catalog, or the first problem found, naming file:line.
struct CatalogLoadResult
{
    std::optional<Catalog> catalog;
    std::optional<compose::Diagnostic> error;
    bool ok() const { return catalog.has_value(); }
};

} // namespace threatdock::catalog
