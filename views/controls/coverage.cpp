#include "coverage.h"

#include "document/reviewdocument.h"

#include "catalog/catalog.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace threatdock::views::coverage {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ControlsView", text);
}

/// Catalog id -> the threats citing it, in walkthrough order.
using Citations = QHash<QString, QStringList>;

/// Every threat id of the analysis in walkthrough order.
QStringList threatOrder(const ReviewDocument &document)
{
    QStringList order = document.walkthroughOrder();
    for (const threats::Threat &t : document.report().threats)
        if (!order.contains(t.id))
            order << t.id;
    return order;
}

template<typename Canonical>
Citations citations(const ReviewDocument &document, QStringList threats::Threat::*ids,
                    Canonical canonical)
{
    Citations cited;
    for (const QString &threatId : threatOrder(document)) {
        const threats::Threat *t = document.threat(threatId);
        for (const QString &id : t->*ids) {
            QStringList &list = cited[canonical(id)];
            if (!list.contains(threatId))
                list << threatId;
        }
    }
    return cited;
}

QString controlDetails(const catalog::Control &control)
{
    if (control.withdrawn)
        return tr("withdrawn");
    if (control.baselines.isEmpty())
        return tr("in no baseline");
    return tr("baselines %1").arg(control.baselines.join(QStringLiteral(", ")));
}

QString familyOf(const QString &controlId)
{
    return controlId.section(u'-', 0, 0);
}

QString techniqueTitle(const catalog::Technique &technique, const catalog::Catalog &catalog)
{
    if (const catalog::Technique *parent = catalog.technique(technique.parent))
        return parent->name + QStringLiteral(": ") + technique.name;
    return technique.name;
}

/// The technique's tactics other than the one it is listed under ("" for none), and
/// whether ATT&CK revoked it or it lies outside the Containers matrix.
QString techniqueDetails(const catalog::Technique &technique, const catalog::Catalog &catalog,
                         const QString &listedUnder)
{
    QStringList tactics;
    for (const QString &shortName : technique.tactics) {
        if (shortName == listedUnder)
            continue;
        const catalog::Tactic *tactic = catalog.tactic(shortName);
        tactics << (tactic ? tactic->name : shortName);
    }
    QStringList details;
    if (!tactics.isEmpty())
        details << (listedUnder.isEmpty() ? tactics.join(QStringLiteral(", "))
                                          : tr("also %1").arg(tactics.join(QStringLiteral(", "))));
    if (technique.revoked)
        details << tr("revoked by a later ATT&CK release");
    if (!technique.containers)
        details << tr("not in the Containers matrix");
    return details.join(QStringLiteral(" · "));
}

CoverageEntry techniqueEntry(const catalog::Technique &technique, const catalog::Catalog &catalog,
                             const Citations &cited, const QString &listedUnder = QString())
{
    return {technique.id, techniqueTitle(technique, catalog),
            techniqueDetails(technique, catalog, listedUnder), technique.url,
            cited.value(technique.id)};
}

CoverageEntry unknownEntry(const QString &id, const Citations &cited)
{
    return {id, tr("(not in ThreatDock's catalog)"), QString(), QString(), cited.value(id)};
}

} // namespace

bool isOpen(const ReviewDocument &document, const threats::Threat &threat)
{
    return document.decision(threat.id).status == review::DecisionStatus::Open
        && !threat.mitigatedByConfiguration();
}

int openCount(const ReviewDocument &document, const QStringList &threatIds)
{
    return int(std::count_if(threatIds.cbegin(), threatIds.cend(), [&](const QString &id) {
        const threats::Threat *t = document.threat(id);
        return t && isOpen(document, *t);
    }));
}

CoverageState stateOf(const ReviewDocument &document, const CoverageEntry &entry)
{
    if (entry.threatIds.isEmpty())
        return CoverageState::NotConsidered;
    return openCount(document, entry.threatIds) > 0 ? CoverageState::Open : CoverageState::Covered;
}

QString stateLabel(CoverageState state)
{
    switch (state) {
    case CoverageState::Open:
        return tr("open");
    case CoverageState::Covered:
        return tr("covered");
    case CoverageState::NotConsidered:
        break;
    }
    return tr("not considered");
}

QList<CoverageGroup> nistControls(const ReviewDocument &document, const catalog::Catalog &catalog)
{
    const Citations cited = citations(document, &threats::Threat::nist, [&](const QString &id) {
        const catalog::Control *control = catalog.control(id);
        return control ? control->id : id.trimmed().toUpper();
    });
    QStringList unknown;
    for (auto it = cited.cbegin(); it != cited.cend(); ++it)
        if (!catalog.control(it.key()))
            unknown << it.key();
    unknown.sort();

    QList<CoverageGroup> groups;
    QStringList families;
    for (const catalog::ControlFamily &family : catalog.controlFamilies())
        families << family.id;
    for (const QString &id : std::as_const(unknown))
        if (!families.contains(familyOf(id)))
            families << familyOf(id);
    for (const QString &familyId : std::as_const(families)) {
        const catalog::ControlFamily *family = catalog.controlFamily(familyId);
        CoverageGroup group;
        group.id = familyId;
        group.title = family ? QStringLiteral("%1 (%2)").arg(family->name, familyId) : familyId;
        for (const catalog::Control &control : catalog.controls())
            if (control.family == familyId && cited.contains(control.id))
                group.entries << CoverageEntry{control.id, catalog.controlFullTitle(control.id),
                                               controlDetails(control), QString(),
                                               cited.value(control.id)};
        for (const QString &id : std::as_const(unknown))
            if (familyOf(id) == familyId)
                group.entries << unknownEntry(id, cited);
        if (!group.entries.isEmpty())
            groups << group;
    }
    return groups;
}

QList<CoverageGroup> attackTechniques(const ReviewDocument &document,
                                      const catalog::Catalog &catalog)
{
    const Citations cited = citations(document, &threats::Threat::attack, [&](const QString &id) {
        const catalog::Technique *technique = catalog.technique(id);
        return technique ? technique->id : id.trimmed().toUpper();
    });
    QList<CoverageGroup> groups;
    for (const catalog::Tactic &tactic : catalog.tactics()) {
        CoverageGroup group{
            tactic.shortName, QStringLiteral("%1 (%2)").arg(tactic.name, tactic.id), {}};
        for (const catalog::Technique &technique : catalog.techniques())
            if (technique.containers && technique.tactics.contains(tactic.shortName)
                && (!technique.revoked || cited.contains(technique.id)))
                group.entries << techniqueEntry(technique, catalog, cited, tactic.shortName);
        if (!group.entries.isEmpty())
            groups << group;
    }

    CoverageGroup other{QStringLiteral("other"), tr("Other Enterprise techniques"), {}};
    for (const catalog::Technique &technique : catalog.techniques())
        if (!technique.containers && cited.contains(technique.id))
            other.entries << techniqueEntry(technique, catalog, cited);
    QStringList unknown;
    for (auto it = cited.cbegin(); it != cited.cend(); ++it)
        if (!catalog.technique(it.key()))
            unknown << it.key();
    unknown.sort();
    for (const QString &id : std::as_const(unknown))
        other.entries << unknownEntry(id, cited);
    if (!other.entries.isEmpty())
        groups << other;
    return groups;
}

} // namespace threatdock::views::coverage
