#include "oscalimporter.h"

#include "catalogids.h"
#include "jsoninput.h"

#include <QJsonArray>
#include <QSet>

#include <map>

namespace threatdock::catalog {

using compose::Node;
using Type = CatalogChange::Type;

namespace {

struct OscalControl
{
    QString title;
    bool withdrawn = false;
};

bool isWithdrawn(const QJsonObject &control)
{
    for (const QJsonValue &p : control.value(QStringLiteral("props")).toArray()) {
        const QJsonObject prop = p.toObject();
        if (prop.value(QStringLiteral("name")).toString() == u"status"
            && prop.value(QStringLiteral("value"))
                    .toString()
                    .compare(u"withdrawn", Qt::CaseInsensitive)
                == 0)
            return true;
    }
    return false;
}

/// Collects the controls of a catalog, a group or a control (enhancements), recursively.
void collect(const QJsonObject &container, std::map<QString, OscalControl> *controls, int *foreign,
             int depth)
{
    if (depth > 16)
        return;
    for (const QJsonValue &g : container.value(QStringLiteral("groups")).toArray())
        collect(g.toObject(), controls, foreign, depth + 1);
    for (const QJsonValue &c : container.value(QStringLiteral("controls")).toArray()) {
        const QJsonObject control = c.toObject();
        const QString id = CatalogIds::control(control.value(QStringLiteral("id")).toString());
        if (id.isEmpty())
            ++*foreign;
        else
            controls->insert_or_assign(
                id,
                OscalControl{control.value(QStringLiteral("title")).toString().simplified(),
                             isWithdrawn(control)});
        collect(control, controls, foreign, depth + 1);
    }
}

Node scalar(const QString &text)
{
    return Node::scalar(text, {}, true);
}

QString metadataText(const QJsonObject &doc, const QString &key)
{
    return doc.value(QStringLiteral("metadata")).toObject().value(key).toString();
}

bool importCatalog(const QJsonObject &catalog, const Catalog &current, ChangeReport *report,
                   QString *problem)
{
    std::map<QString, OscalControl> controls;
    int foreign = 0;
    collect(catalog, &controls, &foreign, 0);
    if (controls.empty()) {
        *problem = QStringLiteral("no SP 800-53 controls in this OSCAL catalog");
        return false;
    }
    report->format = QStringLiteral("OSCAL catalog");
    const QString title = metadataText(catalog, QStringLiteral("title"));
    const bool baseline = title.contains(QStringLiteral("baseline"), Qt::CaseInsensitive);
    if (baseline)
        report->notes.append(QStringLiteral("a resolved baseline catalog (") + title
                             + QStringLiteral(") holds only that baseline's controls: absent "
                                              "ones are outside it, not withdrawn"));
    report->ignored = foreign;
    Node updates = Node::sequence();
    for (const auto &[id, c] : controls) {
        const Control *had = current.control(id);
        if (!had) {
            ++report->ignored;
            continue;
        }
        CatalogChange change{
            QStringLiteral("control"), id, Type::Unchanged, had->title, c.title, QString()};
        Node update = Node::mapping();
        update.insert(QStringLiteral("id"), scalar(id));
        if (c.withdrawn && !had->withdrawn) {
            change.type = Type::Removed;
            change.detail = QStringLiteral("withdrawn");
            update.insert(QStringLiteral("withdrawn"), Node::scalar(QStringLiteral("true")));
        } else if (!c.withdrawn && !c.title.isEmpty() && c.title != had->title) {
            change.type = Type::Renamed;
            update.insert(QStringLiteral("title"), scalar(c.title));
        }
        if (change.type != Type::Unchanged)
            updates.append(update);
        report->changes.append(change);
    }
    for (const Control &c : current.controls()) {
        if (controls.find(c.id) == controls.end())
            report->changes.append({QStringLiteral("control"), c.id, Type::Absent, c.title,
                                    QString(), QStringLiteral("not in the file")});
    }
    if (!updates.items().empty())
        report->overrideUpdate.insert(QStringLiteral("controls"), updates);
    return true;
}

/// The control ids that `include-controls` / `exclude-controls` select by `with-ids`.
QSet<QString> withIds(const QJsonValue &selections)
{
    QSet<QString> ids;
    for (const QJsonValue &s : selections.toArray()) {
        const QJsonObject selection = s.toObject();
        for (const QJsonValue &id : selection.value(QStringLiteral("with-ids")).toArray()) {
            const QString canonical = CatalogIds::control(id.toString());
            if (!canonical.isEmpty())
                ids.insert(canonical);
        }
    }
    return ids;
}

bool importProfile(const QJsonObject &profile, const Catalog &current, ChangeReport *report,
                   QString *problem)
{
    const QJsonArray imports = profile.value(QStringLiteral("imports")).toArray();
    if (imports.isEmpty()) {
        *problem = QStringLiteral("OSCAL profile without imports");
        return false;
    }
    const QString title = metadataText(profile, QStringLiteral("title"));
    QString baseline;
    for (const QString &word :
         {QStringLiteral("HIGH"), QStringLiteral("MODERATE"), QStringLiteral("LOW")}) {
        if (baseline.isEmpty() && title.contains(word, Qt::CaseInsensitive))
            baseline = word.left(1);
    }
    if (baseline.isEmpty()) {
        *problem = QStringLiteral("OSCAL profile \"") + title
            + QStringLiteral("\" names no LOW, MODERATE or HIGH baseline");
        return false;
    }
    bool includeAll = false;
    QSet<QString> included;
    QSet<QString> excluded;
    for (const QJsonValue &i : imports) {
        const QJsonObject import = i.toObject();
        if (import.contains(QStringLiteral("include-all")))
            includeAll = true;
        included.unite(withIds(import.value(QStringLiteral("include-controls"))));
        excluded.unite(withIds(import.value(QStringLiteral("exclude-controls"))));
    }
    report->format = QStringLiteral("OSCAL profile");
    report->notes.append(QStringLiteral("baseline ") + baseline + QStringLiteral(": ") + title);
    Node updates = Node::sequence();
    for (const Control &c : current.controls()) {
        const bool in = (includeAll || included.contains(c.id)) && !excluded.contains(c.id);
        const bool had = c.baselines.contains(baseline);
        CatalogChange change{
            QStringLiteral("control"), c.id, Type::Unchanged, c.title, c.title, QString()};
        if (in != had) {
            change.type = Type::Modified;
            change.detail = (in ? QStringLiteral("now in baseline ")
                                : QStringLiteral("no longer in baseline "))
                + baseline;
            QStringList baselines;
            for (const QString &b :
                 {QStringLiteral("L"), QStringLiteral("M"), QStringLiteral("H")}) {
                if (b == baseline ? in : c.baselines.contains(b))
                    baselines.append(b);
            }
            Node update = Node::mapping();
            update.insert(QStringLiteral("id"), scalar(c.id));
            Node list = Node::sequence();
            for (const QString &b : std::as_const(baselines))
                list.append(scalar(b));
            update.insert(QStringLiteral("baselines"), list);
            updates.append(update);
        }
        report->changes.append(change);
    }
    for (const QString &id : std::as_const(included)) {
        if (!current.control(id))
            ++report->ignored;
    }
    if (!updates.items().empty())
        report->overrideUpdate.insert(QStringLiteral("controls"), updates);
    return true;
}

} // namespace

OscalImporter::Result OscalImporter::import(const QString &path, const Catalog &current)
{
    Result result;
    QJsonObject root;
    if (!JsonInput::readObject(path, &root, &result.error))
        return result;
    ChangeReport &report = result.report;
    report.sourceFile = path;
    report.overrideFile = QStringLiteral("nist-800-53.yaml");
    report.overrideUpdate = Node::mapping();
    QString problem;
    bool ok = false;
    if (root.value(QStringLiteral("catalog")).isObject()) {
        const QJsonObject catalog = root.value(QStringLiteral("catalog")).toObject();
        report.version = metadataText(catalog, QStringLiteral("version"));
        ok = importCatalog(catalog, current, &report, &problem);
    } else if (root.value(QStringLiteral("profile")).isObject()) {
        const QJsonObject profile = root.value(QStringLiteral("profile")).toObject();
        report.version = metadataText(profile, QStringLiteral("version"));
        ok = importProfile(profile, current, &report, &problem);
    } else {
        problem = QStringLiteral("not an OSCAL catalog or profile (no top-level \"catalog\" or "
                                 "\"profile\" object)");
    }
    if (!ok) {
        result.error = path + QStringLiteral(": ") + problem;
        result.report = ChangeReport();
    }
    return result;
}

} // namespace threatdock::catalog
