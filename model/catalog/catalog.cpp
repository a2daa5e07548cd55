#include "catalog.h"

#include "catalogids.h"
#include "catalogreader.h"

#include <QStandardPaths>

namespace threatdock::catalog {

namespace {

template<typename Entry, typename Key>
const Entry *lookup(const std::vector<Entry> &entries, const QHash<Key, qsizetype> &index,
                    const Key &key)
{
    const auto it = index.constFind(key);
    return it == index.cend() ? nullptr : &entries[std::size_t(*it)];
}

QString where(const Origin &origin)
{
    return origin.isKnown() ? origin.toString() + QStringLiteral(": ") : QString();
}

} // namespace

const QStringList &Catalog::fileNames()
{
    static const QStringList names{
        QStringLiteral("attack.yaml"),
        QStringLiteral("nist-800-53.yaml"),
        QStringLiteral("attack-nist-mappings.yaml"),
        QStringLiteral("sp800-190.yaml"),
        QStringLiteral("cis-docker.yaml"),
        QStringLiteral("cwe.yaml"),
        QStringLiteral("bandit.yaml"),
    };
    return names;
}

QString Catalog::builtInDirectory()
{
    return QStringLiteral(":/catalog");
}

QString Catalog::defaultOverrideDirectory()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return base.isEmpty() ? QString() : base + QStringLiteral("/catalog");
}

Catalog::LoadResult Catalog::load(const QString &overrideDir, const QString &builtInDir)
{
    return CatalogReader::read(builtInDir, overrideDir);
}

std::vector<Technique> Catalog::containersTechniques() const
{
    std::vector<Technique> result;
    for (const Technique &t : m_techniques) {
        if (t.containers)
            result.push_back(t);
    }
    return result;
}

const Technique *Catalog::technique(const QString &id) const
{
    return lookup(m_techniques, m_techniqueIndex, CatalogIds::technique(id));
}

const Tactic *Catalog::tactic(const QString &idOrShortName) const
{
    const QString key = idOrShortName.trimmed();
    if (const Tactic *t = lookup(m_tactics, m_tacticIndex, key.toUpper()))
        return t;
    return lookup(m_tactics, m_tacticIndex, key.toLower());
}

const Mitigation *Catalog::mitigation(const QString &id) const
{
    return lookup(m_mitigations, m_mitigationIndex, CatalogIds::mitigation(id));
}

const Control *Catalog::control(const QString &id) const
{
    return lookup(m_controls, m_controlIndex, CatalogIds::control(id));
}

const ControlFamily *Catalog::controlFamily(const QString &id) const
{
    return lookup(m_families, m_familyIndex, id.trimmed().toUpper());
}

QString Catalog::controlFullTitle(const QString &id) const
{
    const Control *c = control(id);
    if (!c)
        return QString();
    if (const Control *parent = c->isEnhancement() ? control(c->parentId()) : nullptr)
        return parent->title + QStringLiteral(" | ") + c->title;
    return c->title;
}

const Weakness *Catalog::weakness(int id) const
{
    return lookup(m_weaknesses, m_weaknessIndex, id);
}

const Weakness *Catalog::weakness(const QString &id) const
{
    return weakness(CatalogIds::weakness(id));
}

const CisItem *Catalog::cisItem(const QString &id) const
{
    return lookup(m_cisItems, m_cisIndex, CatalogIds::cisItem(id));
}

const Sp800190Section *Catalog::sp800190Section(const QString &id) const
{
    return lookup(m_sp800190, m_sp800190Index, CatalogIds::sp800190Section(id));
}

const BanditTest *Catalog::banditTest(const QString &id) const
{
    return lookup(m_banditTests, m_banditIndex, CatalogIds::banditTest(id));
}

QStringList Catalog::controlsForTechnique(const QString &techniqueId) const
{
    const TechniqueMapping *m
        = lookup(m_mappings, m_mappingIndex, CatalogIds::technique(techniqueId));
    return m ? m->controls : QStringList();
}

QStringList Catalog::techniquesForControl(const QString &controlId) const
{
    QString id = CatalogIds::control(controlId);
    if (id.contains(u'('))
        id = id.left(id.indexOf(u'('));
    QStringList result;
    for (const TechniqueMapping &m : m_mappings) {
        if (m.controls.contains(id))
            result.append(m.technique);
    }
    return result;
}

QStringList Catalog::consistencyProblems() const
{
    QStringList problems;
    const auto needTechnique = [&](const QString &id, const Origin &origin, const QString &who) {
        if (!technique(id))
            problems.append(where(origin) + who + QStringLiteral(" cites unknown ATT&CK technique ")
                            + id);
    };
    const auto needControl = [&](const QString &id, const Origin &origin, const QString &who) {
        if (!control(id))
            problems.append(where(origin) + who + QStringLiteral(" cites unknown NIST control ")
                            + id);
    };
    for (const Technique &t : m_techniques) {
        const QString who = QStringLiteral("technique ") + t.id;
        for (const QString &tactic : t.tactics) {
            if (!this->tactic(tactic))
                problems.append(where(t.origin) + who + QStringLiteral(" has unknown tactic ")
                                + tactic);
        }
        for (const QString &m : t.mitigations) {
            if (!mitigation(m))
                problems.append(where(t.origin) + who + QStringLiteral(" has unknown mitigation ")
                                + m);
        }
    }
    for (const Control &c : m_controls) {
        if (!controlFamily(c.family))
            problems.append(where(c.origin) + QStringLiteral("control ") + c.id
                            + QStringLiteral(" has unknown family ") + c.family);
        if (c.isEnhancement())
            needControl(c.parentId(), c.origin, QStringLiteral("control ") + c.id);
    }
    for (const TechniqueMapping &m : m_mappings) {
        const QString who = QStringLiteral("mapping of ") + m.technique;
        needTechnique(m.technique, m.origin, who);
        for (const QString &c : m.controls)
            needControl(c, m.origin, who);
    }
    for (const Sp800190Section &s : m_sp800190) {
        const QString who = QStringLiteral("SP 800-190 section ") + s.id;
        for (const QString &t : s.techniques)
            needTechnique(t, s.origin, who);
        if (!s.counterpart.isEmpty() && !sp800190Section(s.counterpart))
            problems.append(where(s.origin) + who + QStringLiteral(" refers to unknown section ")
                            + s.counterpart);
    }
    for (const BanditTest &b : m_banditTests) {
        const QString who = QStringLiteral("Bandit test ") + b.id;
        for (const int cwe : b.cwes) {
            if (!weakness(cwe))
                problems.append(where(b.origin) + who + QStringLiteral(" cites unknown CWE-")
                                + QString::number(cwe));
        }
        for (const QString &t : b.techniques)
            needTechnique(t, b.origin, who);
        for (const QString &c : b.controls)
            needControl(c, b.origin, who);
    }
    return problems;
}

void Catalog::rebuildIndexes()
{
    const auto build = [](auto &index, const auto &entries, auto key) {
        index.clear();
        for (std::size_t i = 0; i < entries.size(); ++i)
            index.insert(key(entries[i]), qsizetype(i));
    };
    build(m_techniqueIndex, m_techniques, [](const Technique &t) { return t.id; });
    build(m_mitigationIndex, m_mitigations, [](const Mitigation &m) { return m.id; });
    build(m_controlIndex, m_controls, [](const Control &c) { return c.id; });
    build(m_familyIndex, m_families, [](const ControlFamily &f) { return f.id; });
    build(m_mappingIndex, m_mappings, [](const TechniqueMapping &m) { return m.technique; });
    build(m_sp800190Index, m_sp800190, [](const Sp800190Section &s) { return s.id; });
    build(m_cisIndex, m_cisItems, [](const CisItem &c) { return c.id; });
    build(m_weaknessIndex, m_weaknesses, [](const Weakness &w) { return w.id; });
    build(m_banditIndex, m_banditTests, [](const BanditTest &b) { return b.id; });
    m_tacticIndex.clear();
    for (std::size_t i = 0; i < m_tactics.size(); ++i) {
        m_tacticIndex.insert(m_tactics[i].id, qsizetype(i));
        m_tacticIndex.insert(m_tactics[i].shortName, qsizetype(i));
    }
}

} // namespace threatdock::catalog
