// The architecture: the diagram and the tables of services, exposed ports, trust
// boundaries and data stores.

#include "reportsections_p.h"

namespace threatdock::report::sections {

namespace {

using system::ElementKind;

TableCell elementCell(const ReportContext &context, const system::Element &e)
{
    const QString anchor = context.elementAnchor(e.id);
    return TableCell::of(anchor.isEmpty() ? RichText{TextSpan::plain(e.name)}
                                          : RichText{TextSpan::linkTo(anchor, e.name)});
}

QString property(const system::Element &e, const char *key)
{
    return e.properties.value(QString::fromLatin1(key));
}

void services(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Architecture, QStringLiteral("Services"));
    Table table{{QStringLiteral("Service"), QStringLiteral("Image or build"),
                 QStringLiteral("User"), QStringLiteral("Ports"), QStringLiteral("Networks"),
                 QStringLiteral("Security-relevant facts")},
                {13, 20, 10, 15, 12, 30},
                {}};
    for (const system::Element &e : context.analysis().systemModel.elements) {
        if (e.kind != ElementKind::Process || e.service.isEmpty())
            continue;
        const QString image = property(e, "image");
        table.rows << QList<TableCell>{
            elementCell(context, e),
            TableCell::of(image.isEmpty() ? property(e, "build") : image),
            TableCell::of(property(e, "user")),
            TableCell::of(property(e, "ports")),
            TableCell::of(property(e, "networks")),
            TableCell::of(e.facts.join(QStringLiteral("; ")))};
    }
    tableOrText(blocks, table, QStringLiteral("The project has no services."));
}

void exposedPorts(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Architecture, QStringLiteral("Exposed ports"));
    const system::SystemModel &m = context.analysis().systemModel;
    Table table{{QStringLiteral("Service"), QStringLiteral("Port"),
                 QStringLiteral("Reachable from"), QStringLiteral("Defined at")},
                {22, 26, 26, 26},
                {}};
    for (const system::DataFlow &f : m.flows) {
        if (f.reason != u"published-port")
            continue;
        const system::Element *to = m.element(f.to);
        const QString reach = f.exposure == u"internet"
            ? QStringLiteral("the Internet (all interfaces)")
            : f.exposure == u"host" ? QStringLiteral("the host only")
                                    : f.exposure;
        table.rows << QList<TableCell>{
            to ? elementCell(context, *to) : TableCell::of(f.to), TableCell::of(f.label),
            TableCell::of(reach),
            TableCell::of(RichText{TextSpan::code(context.analysis().relativePath(f.origin.file)
                                                  + u':' + QString::number(f.origin.line))})};
    }
    tableOrText(blocks, table, QStringLiteral("No port is published on the host."));
}

void trustBoundaries(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Architecture, QStringLiteral("Trust boundaries"));
    const system::SystemModel &m = context.analysis().systemModel;
    Table table{{QStringLiteral("Boundary"), QStringLiteral("Kind"), QStringLiteral("Inside"),
                 QStringLiteral("Elements")},
                {22, 18, 18, 42},
                {}};
    for (const system::TrustBoundary &b : m.boundaries) {
        QStringList members;
        for (const system::Element &e : m.elements)
            if (e.boundary == b.id)
                members << e.name;
        const system::TrustBoundary *parent = m.boundary(b.parent);
        table.rows << QList<TableCell>{
            TableCell::of(b.name),
            TableCell::of(b.internal ? b.kind + QStringLiteral(" (internal)") : b.kind),
            TableCell::of(parent ? parent->name : QString()),
            TableCell::of(members.join(QStringLiteral(", ")))};
    }
    tableOrText(blocks, table, QStringLiteral("No trust boundary."));
}

void dataStores(const ReportContext &context, Blocks &blocks)
{
    blocks << subsection(Section::Architecture, QStringLiteral("Data stores"));
    const system::SystemModel &m = context.analysis().systemModel;
    Table table{{QStringLiteral("Data store"), QStringLiteral("Kind"), QStringLiteral("Service"),
                 QStringLiteral("Used by"), QStringLiteral("Facts")},
                {22, 14, 16, 24, 24},
                {}};
    for (const system::Element &e : m.elements) {
        if (e.kind != ElementKind::DataStore)
            continue;
        QStringList users;
        for (const system::DataFlow *f : m.flowsTo(e.id))
            if (const system::Element *from = m.element(f->from))
                users << from->name + (f->readOnly ? QStringLiteral(" (read-only)") : QString());
        table.rows << QList<TableCell>{elementCell(context, e), TableCell::of(e.role),
                                       TableCell::of(e.service),
                                       TableCell::of(users.join(QStringLiteral(", "))),
                                       TableCell::of(e.facts.join(QStringLiteral("; ")))};
    }
    tableOrText(blocks, table, QStringLiteral("No data store."));
}

} // namespace

void architecture(const ReportContext &context, Blocks &blocks)
{
    blocks << sectionHeading(Section::Architecture);
    blocks << DiagramFigure{QStringLiteral(
        "Data-flow diagram derived from the Compose files. Processes are rounded boxes, data "
        "stores cylinders, external entities plain boxes; dashed frames are trust boundaries. "
        "Flows reachable from the Internet are red, host-only flows grey. A badge gives the "
        "number of open threats of an element and the letter of the worst one (C critical, "
        "H high, M medium, L low).")};
    services(context, blocks);
    exposedPorts(context, blocks);
    trustBoundaries(context, blocks);
    dataStores(context, blocks);
}

} // namespace threatdock::report::sections
