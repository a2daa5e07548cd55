#include "elementproperties.h"

#include "project/servicetext.h"

#include "compose/composeproject.h"
#include "system/systemmodel.h"

#include <QCoreApplication>
#include <QDir>

#include <utility>

namespace threatdock::views::elementproperties {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("InspectorView", text);
}

/// The section each known property key belongs to, in the order the inspector lists them.
const QList<std::pair<QString, QStringList>> &sectionKeys()
{
    static const QList<std::pair<QString, QStringList>> sections{
        {tr("General"),
         {QStringLiteral("kind"), QStringLiteral("role"), QStringLiteral("service"),
          QStringLiteral("image"), QStringLiteral("build"), QStringLiteral("user"),
          QStringLiteral("name"), QStringLiteral("driver"), QStringLiteral("file"),
          QStringLiteral("restart"), QStringLiteral("healthcheck"), QStringLiteral("defined at")}},
        {tr("Network"),
         {QStringLiteral("ports"), QStringLiteral("expose"), QStringLiteral("networks"),
          QStringLiteral("network_mode"), QStringLiteral("network"), QStringLiteral("depends_on")}},
        {tr("Storage"),
         {QStringLiteral("volumes"), QStringLiteral("tmpfs"), QStringLiteral("secrets"),
          QStringLiteral("configs")}},
        {tr("Limits"),
         {QStringLiteral("memory limit"), QStringLiteral("pids limit"), QStringLiteral("cpus")}},
        {tr("Security"),
         {QStringLiteral("read_only"), QStringLiteral("privileged"), QStringLiteral("cap_add"),
          QStringLiteral("cap_drop"), QStringLiteral("security_opt"), QStringLiteral("pid"),
          QStringLiteral("ipc"), QStringLiteral("uts"), QStringLiteral("userns_mode"),
          QStringLiteral("devices")}},
        {tr("Environment"), {QStringLiteral("environment")}},
    };
    return sections;
}

/// Orders the properties into sections; keys no section names go to "Other".
QList<PropertySection> arrange(QMap<QString, QStringList> properties, const QStringList &facts)
{
    QList<PropertySection> sections;
    for (const auto &[title, keys] : sectionKeys()) {
        PropertySection section{title, {}};
        for (const QString &key : keys)
            if (properties.contains(key))
                section.rows << PropertyRow{key, properties.take(key)};
        if (!section.rows.isEmpty())
            sections << section;
    }
    PropertySection other{tr("Other"), {}};
    for (auto it = properties.cbegin(); it != properties.cend(); ++it)
        other.rows << PropertyRow{it.key(), it.value()};
    if (!other.rows.isEmpty())
        sections << other;
    if (!facts.isEmpty()) {
        PropertySection factSection{tr("Facts"), {}};
        for (const QString &fact : facts)
            factSection.rows << PropertyRow{fact, {}};
        sections << factSection;
    }
    return sections;
}

void addServiceDefaults(QMap<QString, QStringList> &p, const compose::Service &service,
                        const QString &workingDir)
{
    if (!p.contains(QStringLiteral("image"))) {
        QString text = tr("not set");
        if (service.build) {
            QString context = QDir(workingDir).relativeFilePath(service.build->context);
            if (context != u"." && !context.startsWith(QStringLiteral("..")))
                context.prepend(QStringLiteral("./"));
            text = tr("not set: built from %1").arg(context);
        }
        p.insert(QStringLiteral("image"), {text});
    }
    if (!p.contains(QStringLiteral("user")))
        p.insert(QStringLiteral("user"), {tr("not set: the image's default user")});
    if (!service.tmpfs.isEmpty())
        p.insert(QStringLiteral("tmpfs"), service.tmpfs);
    if (!service.dependsOn.isEmpty())
        p.insert(QStringLiteral("depends_on"), {service.dependsOn.join(QStringLiteral(", "))});
    if (!service.configs.isEmpty())
        p.insert(QStringLiteral("configs"), {service.configs.join(QStringLiteral(", "))});
}

} // namespace

QString kindName(const system::Element &element)
{
    switch (element.kind) {
    case system::ElementKind::Process:
        return tr("process");
    case system::ElementKind::DataStore:
        return tr("data store");
    case system::ElementKind::ExternalEntity:
        break;
    }
    return tr("external entity");
}

QList<PropertySection> forElement(const system::Element &element, const compose::Service *service,
                                  const QString &workingDir)
{
    QMap<QString, QStringList> p;
    for (auto it = element.properties.cbegin(); it != element.properties.cend(); ++it)
        p.insert(it.key(), it.value().split(u'\n'));
    p.insert(QStringLiteral("kind"), {kindName(element)});
    if (!element.role.isEmpty())
        p.insert(QStringLiteral("role"), {element.role});
    if (!element.service.isEmpty())
        p.insert(QStringLiteral("service"), {element.service});
    if (const QString where = servicetext::location(element.origin, workingDir); !where.isEmpty())
        p.insert(QStringLiteral("defined at"), {where});
    if (service && element.kind == system::ElementKind::Process)
        addServiceDefaults(p, *service, workingDir);
    return arrange(std::move(p), element.facts);
}

QList<PropertySection> forFlow(const system::DataFlow &flow, const system::SystemModel &model,
                               const QString &workingDir)
{
    const auto nameOf = [&](const QString &id) {
        const system::Element *e = model.element(id);
        return e ? e->name : id;
    };
    PropertySection section{tr("Data flow"), {}};
    section.rows << PropertyRow{tr("from"), {nameOf(flow.from)}}
                 << PropertyRow{tr("to"), {nameOf(flow.to)}}
                 << PropertyRow{tr("label"), {flow.label}};
    if (!flow.protocol.isEmpty())
        section.rows << PropertyRow{tr("protocol"), {flow.protocol}};
    if (flow.port > 0)
        section.rows << PropertyRow{tr("port"), {QString::number(flow.port)}};
    section.rows << PropertyRow{tr("reason"), {flow.reason}};
    if (!flow.exposure.isEmpty())
        section.rows << PropertyRow{tr("exposure"), {flow.exposure}};
    if (flow.readOnly)
        section.rows << PropertyRow{tr("read only"), {tr("true")}};
    if (flow.crossesBoundary)
        section.rows << PropertyRow{tr("crosses a trust boundary"), {tr("true")}};
    if (const QString where = servicetext::location(flow.origin, workingDir); !where.isEmpty())
        section.rows << PropertyRow{tr("defined at"), {where}};
    return {section};
}

} // namespace threatdock::views::elementproperties
