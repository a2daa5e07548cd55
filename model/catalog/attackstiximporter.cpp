#include "attackstiximporter.h"

#include "catalogids.h"
#include "jsoninput.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <map>

namespace threatdock::catalog {

using compose::Node;
using Type = CatalogChange::Type;

namespace {

/// An ATT&CK object of the bundle, by its STIX id.
struct StixEntry
{
    QString externalId;
    QString name;
    QString url;
    QStringList tactics;
    QStringList platforms;
    bool dead = false; ///< revoked or x_mitre_deprecated
    QString modified;
};

bool isDead(const QJsonObject &o)
{
    return o.value(QStringLiteral("revoked")).toBool()
        || o.value(QStringLiteral("x_mitre_deprecated")).toBool();
}

StixEntry readEntry(const QJsonObject &o)
{
    StixEntry e;
    for (const QJsonValue &ref : o.value(QStringLiteral("external_references")).toArray()) {
        const QJsonObject r = ref.toObject();
        if (r.value(QStringLiteral("source_name")).toString() == u"mitre-attack") {
            e.externalId = r.value(QStringLiteral("external_id")).toString();
            e.url = r.value(QStringLiteral("url")).toString();
        }
    }
    e.name = o.value(QStringLiteral("name")).toString().trimmed();
    for (const QJsonValue &phase : o.value(QStringLiteral("kill_chain_phases")).toArray()) {
        const QJsonObject p = phase.toObject();
        if (p.value(QStringLiteral("kill_chain_name")).toString() == u"mitre-attack")
            e.tactics.append(p.value(QStringLiteral("phase_name")).toString());
    }
    for (const QJsonValue &p : o.value(QStringLiteral("x_mitre_platforms")).toArray())
        e.platforms.append(p.toString());
    e.dead = isDead(o);
    e.modified = o.value(QStringLiteral("modified")).toString();
    return e;
}

/// Keeps one object per external id: a live one over a dead one, else the newest.
void keepBest(std::map<QString, StixEntry> &byId, const StixEntry &e)
{
    const auto it = byId.find(e.externalId);
    if (it == byId.end()) {
        byId.emplace(e.externalId, e);
        return;
    }
    const StixEntry &old = it->second;
    if ((old.dead && !e.dead) || (old.dead == e.dead && e.modified > old.modified))
        it->second = e;
}

QStringList sorted(QStringList list)
{
    list.sort();
    list.removeDuplicates();
    return list;
}

Node scalar(const QString &text)
{
    return Node::scalar(text, {}, true);
}

Node scalarList(const QStringList &items)
{
    Node list = Node::sequence();
    for (const QString &item : items)
        list.append(scalar(item));
    return list;
}

/// What the bundle holds, in catalog terms.
struct Bundle
{
    QString stixVersion;
    QString attackVersion;
    bool hasCollection = false;
    std::map<QString, StixEntry> techniques;     ///< by T id
    std::map<QString, StixEntry> mitigations;    ///< by M id, live ones only
    QHash<QString, QSet<QString>> mitigationsOf; ///< T id -> M ids
};

bool readBundle(const QJsonObject &root, Bundle *bundle, QString *problem)
{
    const QJsonValue objects = root.value(QStringLiteral("objects"));
    if (root.value(QStringLiteral("type")).toString() != u"bundle" || !objects.isArray()) {
        *problem = QStringLiteral("not a STIX bundle (no \"type\": \"bundle\" with \"objects\")");
        return false;
    }
    bundle->stixVersion = root.value(QStringLiteral("spec_version")).toString();
    QHash<QString, QString> techniqueByStixId;
    QHash<QString, QString> mitigationByStixId;
    QList<QJsonObject> relationships;
    for (const QJsonValue &value : objects.toArray()) {
        const QJsonObject o = value.toObject();
        const QString type = o.value(QStringLiteral("type")).toString();
        if (bundle->stixVersion.isEmpty())
            bundle->stixVersion = o.value(QStringLiteral("spec_version")).toString();
        if (type == u"x-mitre-collection") {
            bundle->hasCollection = true;
            bundle->attackVersion = o.value(QStringLiteral("x_mitre_version")).toString();
        } else if (type == u"attack-pattern") {
            const StixEntry e = readEntry(o);
            if (CatalogIds::technique(e.externalId).isEmpty() || e.name.isEmpty())
                continue;
            techniqueByStixId.insert(o.value(QStringLiteral("id")).toString(), e.externalId);
            keepBest(bundle->techniques, e);
        } else if (type == u"course-of-action") {
            const StixEntry e = readEntry(o);
            if (CatalogIds::mitigation(e.externalId).isEmpty() || e.dead)
                continue;
            mitigationByStixId.insert(o.value(QStringLiteral("id")).toString(), e.externalId);
            keepBest(bundle->mitigations, e);
        } else if (type == u"relationship") {
            relationships.append(o);
        }
    }
    if (bundle->techniques.empty()) {
        *problem = QStringLiteral("no ATT&CK techniques (attack-pattern objects with a "
                                  "mitre-attack id) in this STIX bundle");
        return false;
    }
    for (const QJsonObject &r : std::as_const(relationships)) {
        if (r.value(QStringLiteral("relationship_type")).toString() != u"mitigates" || isDead(r))
            continue;
        const QString m
            = mitigationByStixId.value(r.value(QStringLiteral("source_ref")).toString());
        const QString t = techniqueByStixId.value(r.value(QStringLiteral("target_ref")).toString());
        if (!m.isEmpty() && !t.isEmpty())
            bundle->mitigationsOf[t].insert(m);
    }
    return true;
}

QString describeDifference(const Technique &had, const StixEntry &now, const QStringList &mits)
{
    QStringList what;
    if (sorted(had.tactics) != sorted(now.tactics))
        what.append(QStringLiteral("tactics ") + now.tactics.join(u','));
    if (sorted(had.mitigations) != mits)
        what.append(QStringLiteral("mitigations ") + mits.join(u','));
    return what.join(QStringLiteral("; "));
}

} // namespace

AttackStixImporter::Result AttackStixImporter::import(const QString &path, const Catalog &current)
{
    Result result;
    QJsonObject root;
    if (!JsonInput::readObject(path, &root, &result.error))
        return result;
    Bundle bundle;
    QString problem;
    if (!readBundle(root, &bundle, &problem)) {
        result.error = path + QStringLiteral(": ") + problem;
        return result;
    }

    ChangeReport &report = result.report;
    report.sourceFile = path;
    report.format
        = QStringLiteral("STIX %1 bundle")
              .arg(bundle.stixVersion.isEmpty() ? QStringLiteral("2.x") : bundle.stixVersion);
    report.version = bundle.attackVersion;
    report.overrideFile = QStringLiteral("attack.yaml");
    if (!bundle.hasCollection)
        report.notes.append(QStringLiteral("the bundle has no x-mitre-collection object: the "
                                           "ATT&CK release it holds is not stated"));

    Node techniques = Node::sequence();
    QSet<QString> neededMitigations;
    QSet<QString> seen;
    for (const auto &[id, entry] : bundle.techniques) {
        const Technique *had = current.technique(id);
        const bool containers = entry.platforms.contains(QStringLiteral("Containers"));
        if (!had && (!containers || entry.dead)) {
            ++report.ignored;
            continue;
        }
        seen.insert(id);
        const QStringList mits = sorted(bundle.mitigationsOf.value(id).values());
        CatalogChange change{QStringLiteral("technique"), id,         Type::Unchanged,
                             had ? had->name : QString(), entry.name, QString()};
        Node update = Node::mapping();
        update.insert(QStringLiteral("id"), scalar(id));
        if (!had) {
            change.type = Type::Added;
            change.detail = QStringLiteral("tactics ") + entry.tactics.join(u',');
            update.insert(QStringLiteral("name"), scalar(entry.name));
            const QString parent = id.contains(u'.') ? id.left(id.indexOf(u'.')) : QString();
            if (!parent.isEmpty())
                update.insert(QStringLiteral("parent"), scalar(parent));
            update.insert(QStringLiteral("tactics"), scalarList(entry.tactics));
            update.insert(QStringLiteral("mitigations"), scalarList(mits));
            update.insert(QStringLiteral("url"), scalar(entry.url));
        } else if (entry.dead) {
            if (had->revoked)
                change.type = Type::Unchanged;
            else {
                change.type = Type::Removed;
                change.detail = QStringLiteral("revoked or deprecated in the bundle");
                update.insert(QStringLiteral("revoked"), Node::scalar(QStringLiteral("true")));
            }
        } else {
            const QString difference = describeDifference(*had, entry, mits);
            if (had->name != entry.name) {
                change.type = Type::Renamed;
                update.insert(QStringLiteral("name"), scalar(entry.name));
            } else if (!difference.isEmpty()) {
                change.type = Type::Modified;
            }
            change.detail = difference;
            if (!difference.isEmpty()) {
                update.insert(QStringLiteral("tactics"), scalarList(entry.tactics));
                update.insert(QStringLiteral("mitigations"), scalarList(mits));
            }
            if (had->revoked) {
                change.type = change.type == Type::Unchanged ? Type::Modified : change.type;
                change.detail += (change.detail.isEmpty() ? QString() : QStringLiteral("; "))
                    + QStringLiteral("live again");
                update.insert(QStringLiteral("revoked"), Node::scalar(QStringLiteral("false")));
            }
        }
        if (change.type != Type::Unchanged) {
            techniques.append(update);
            if (!entry.dead) {
                for (const QString &m : mits)
                    neededMitigations.insert(m);
            }
        }
        report.changes.append(change);
    }
    for (const Technique &t : current.techniques()) {
        if (t.containers && !t.revoked && !seen.contains(t.id))
            report.changes.append({QStringLiteral("technique"), t.id, Type::Absent, t.name,
                                   QString(), QStringLiteral("not in the bundle")});
    }

    Node mitigations = Node::sequence();
    for (const auto &[id, entry] : bundle.mitigations) {
        const Mitigation *had = current.mitigation(id);
        if (!had && !neededMitigations.contains(id))
            continue;
        CatalogChange change{QStringLiteral("mitigation"), id,         Type::Unchanged,
                             had ? had->name : QString(),  entry.name, QString()};
        if (!had)
            change.type = Type::Added;
        else if (had->name != entry.name)
            change.type = Type::Renamed;
        if (change.type != Type::Unchanged) {
            Node update = Node::mapping();
            update.insert(QStringLiteral("id"), scalar(id));
            update.insert(QStringLiteral("name"), scalar(entry.name));
            mitigations.append(update);
        }
        report.changes.append(change);
    }

    report.overrideUpdate = Node::mapping();
    if (!bundle.attackVersion.isEmpty()) {
        Node header = Node::mapping();
        header.insert(QStringLiteral("version"), scalar(bundle.attackVersion));
        report.overrideUpdate.insert(QStringLiteral("attack"), header);
    }
    if (!mitigations.items().empty())
        report.overrideUpdate.insert(QStringLiteral("mitigations"), mitigations);
    if (!techniques.items().empty())
        report.overrideUpdate.insert(QStringLiteral("techniques"), techniques);
    return result;
}

} // namespace threatdock::catalog
