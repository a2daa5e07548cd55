#include "catalogcommand.h"

#include "catalog/attackstiximporter.h"
#include "catalog/catalog.h"
#include "catalog/catalogoverridewriter.h"
#include "catalog/oscalimporter.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace threatdock::cli {

using namespace threatdock::catalog;

namespace {

const QString prefix = QStringLiteral("threatdock-cli catalog");

QJsonObject techniqueJson(const Technique &t, const Catalog &c)
{
    return QJsonObject{
        {QStringLiteral("id"), t.id},
        {QStringLiteral("name"), t.name},
        {QStringLiteral("tactics"), QJsonArray::fromStringList(t.tactics)},
        {QStringLiteral("mitigations"), QJsonArray::fromStringList(t.mitigations)},
        {QStringLiteral("controls"), QJsonArray::fromStringList(c.controlsForTechnique(t.id))},
        {QStringLiteral("containers"), t.containers},
        {QStringLiteral("revoked"), t.revoked},
        {QStringLiteral("url"), t.url}};
}

QJsonObject controlJson(const Control &ctl, const Catalog &c)
{
    const ControlFamily *family = c.controlFamily(ctl.family);
    return QJsonObject{
        {QStringLiteral("id"), ctl.id},
        {QStringLiteral("title"), ctl.title},
        {QStringLiteral("fullTitle"), c.controlFullTitle(ctl.id)},
        {QStringLiteral("family"), ctl.family},
        {QStringLiteral("familyName"), family ? family->name : QString()},
        {QStringLiteral("baselines"), QJsonArray::fromStringList(ctl.baselines)},
        {QStringLiteral("withdrawn"), ctl.withdrawn},
        {QStringLiteral("techniques"), QJsonArray::fromStringList(c.techniquesForControl(ctl.id))}};
}

int show(const QStringList &args, bool json, const Catalog &catalog, QTextStream &out,
         QTextStream &err)
{
    if (args.size() != 0 && args.size() != 2) {
        err << prefix << " show: expected nothing, or \"technique ID\" or \"control ID\""
            << Qt::endl;
        return 2;
    }
    QJsonArray techniques;
    QJsonArray controls;
    if (args.isEmpty()) {
        for (const Technique &t : catalog.techniques())
            techniques.append(techniqueJson(t, catalog));
        for (const Control &c : catalog.controls())
            controls.append(controlJson(c, catalog));
    } else if (args[0] == u"technique") {
        const Technique *t = catalog.technique(args[1]);
        if (!t) {
            err << prefix << " show: no ATT&CK technique \"" << args[1] << "\" in the catalog"
                << Qt::endl;
            return 1;
        }
        techniques.append(techniqueJson(*t, catalog));
    } else if (args[0] == u"control") {
        const Control *c = catalog.control(args[1]);
        if (!c) {
            err << prefix << " show: no NIST SP 800-53 control \"" << args[1] << "\" in the catalog"
                << Qt::endl;
            return 1;
        }
        controls.append(controlJson(*c, catalog));
    } else {
        err << prefix << " show: unknown kind \"" << args[0] << "\" (technique or control)"
            << Qt::endl;
        return 2;
    }
    if (json) {
        QJsonObject o;
        if (!techniques.isEmpty() || args.isEmpty())
            o.insert(QStringLiteral("techniques"), techniques);
        if (!controls.isEmpty() || args.isEmpty())
            o.insert(QStringLiteral("controls"), controls);
        out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        return 0;
    }
    for (const QJsonValue &v : std::as_const(techniques)) {
        const QJsonObject t = v.toObject();
        out << t[QStringLiteral("id")].toString() << '\t' << t[QStringLiteral("name")].toString()
            << '\t' << t[QStringLiteral("tactics")].toVariant().toStringList().join(u',') << '\t'
            << t[QStringLiteral("controls")].toVariant().toStringList().join(u',') << '\n';
    }
    for (const QJsonValue &v : std::as_const(controls)) {
        const QJsonObject c = v.toObject();
        out << c[QStringLiteral("id")].toString() << '\t'
            << c[QStringLiteral("fullTitle")].toString() << '\t'
            << c[QStringLiteral("baselines")].toVariant().toStringList().join(u',') << '\n';
    }
    return 0;
}

} // namespace

int runCatalogCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Update the threat-knowledge catalog from official ATT&CK and NIST "
                       "files, or show its entries."));
    const QCommandLineOption dryRunOpt(QStringLiteral("dry-run"),
                                       QStringLiteral("Report what would change; write nothing."));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("Output format: text (default) or json."),
                                       QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                     QStringLiteral("Show this help."));
    parser.addOptions({dryRunOpt, formatOpt, helpOpt});
    parser.addPositionalArgument(QStringLiteral("ACTION"),
                                 QStringLiteral("import-attack FILE | import-oscal FILE | "
                                                "show [technique|control ID]"));
    if (!parser.parse(QStringList{prefix} + arguments)) {
        err << prefix << ": " << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(helpOpt)) {
        out << parser.helpText();
        return 0;
    }
    const QString format = parser.value(formatOpt);
    if (format != u"text" && format != u"json") {
        err << prefix << ": unknown format \"" << format << "\" (text or json)" << Qt::endl;
        return 2;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const bool isImport = action == u"import-attack" || action == u"import-oscal";
    if (!isImport && action != u"show") {
        err << prefix << ": expected import-attack FILE, import-oscal FILE or show"
            << (action.isEmpty() ? QString() : QStringLiteral(" (not \"") + action + u'"' + u')')
            << Qt::endl;
        return 2;
    }
    if (isImport && positional.size() != 2) {
        err << prefix << ' ' << action << ": expected exactly one FILE" << Qt::endl;
        return 2;
    }

    const QString overrideDir = Catalog::defaultOverrideDirectory();
    const Catalog::LoadResult loaded = Catalog::load(overrideDir);
    if (!loaded.ok()) {
        err << prefix << ": cannot load the catalog: " << loaded.error->toString() << Qt::endl;
        return 1;
    }
    const bool json = format == u"json";
    if (!isImport)
        return show(positional.mid(1), json, *loaded.catalog, out, err);

    const QString file = positional[1];
    ChangeReport report;
    QString error;
    if (action == u"import-attack") {
        AttackStixImporter::Result r = AttackStixImporter::import(file, *loaded.catalog);
        report = r.report;
        error = r.error;
    } else {
        OscalImporter::Result r = OscalImporter::import(file, *loaded.catalog);
        report = r.report;
        error = r.error;
    }
    if (!error.isEmpty()) {
        err << prefix << ' ' << action << ": " << error << Qt::endl;
        return 1;
    }
    const bool write = !parser.isSet(dryRunOpt) && report.hasChanges();
    if (write && !CatalogOverrideWriter::write(report, overrideDir, &error)) {
        err << prefix << ' ' << action << ": " << error << Qt::endl;
        return 1;
    }
    if (write) {
        // The written override must load: report it at once rather than at the next run.
        const Catalog::LoadResult reloaded = Catalog::load(overrideDir);
        if (!reloaded.ok()) {
            err << prefix << ' ' << action
                << ": the updated catalog does not load: " << reloaded.error->toString()
                << Qt::endl;
            return 1;
        }
    }
    const QString written = write ? overrideDir + u'/' + report.overrideFile : QString();
    if (json) {
        QJsonObject o = report.toJson();
        o.insert(QStringLiteral("dryRun"), parser.isSet(dryRunOpt));
        o.insert(QStringLiteral("written"), written);
        out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
    } else {
        out << report.toText();
        if (write)
            out << "wrote " << written << '\n';
        else if (parser.isSet(dryRunOpt))
            out << "dry run: nothing written\n";
        else
            out << "the catalog is up to date: nothing written\n";
    }
    out.flush();
    return 0;
}

} // namespace threatdock::cli
