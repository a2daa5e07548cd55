#include "comparisonwriter.h"

#include "findingsjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace threatdock::report {

namespace {

using Change = ThreatPair::Change;

/// One line of a section: what it is, where, and what changed.
struct Row
{
    rules::Severity severity;
    QString id;
    QString title;
    QString where;
    QString change;
};

struct Section
{
    QString title;
    QList<Row> rows;
};

QString location(const AnalysisReport &report, const rules::Finding &f)
{
    const QString file = report.relativePath(f.file);
    return f.line > 0 ? file + u':' + QString::number(f.line) : file;
}

Row findingRow(const AnalysisReport &report, const rules::Finding &f)
{
    return {f.severity, f.id, f.title, location(report, f), QString()};
}

Row threatRow(const threats::Threat &t)
{
    return {t.severity, t.id, t.title, t.elementId, QString()};
}

QString threatChange(const ThreatPair &p)
{
    QString text;
    if (p.baseline.severity != p.current.severity)
        text = rules::severityName(p.baseline.severity) + QStringLiteral(" → ")
            + rules::severityName(p.current.severity) + QStringLiteral(", ");
    text += QStringLiteral("%1 → %2 of %3 mitigations in place")
                .arg(mitigationsInPlace(p.baseline))
                .arg(mitigationsInPlace(p.current))
                .arg(p.current.mitigations.size());
    return text;
}

QList<Section> sections(const AnalysisComparison &c)
{
    Section fixed{QStringLiteral("Fixed findings"), {}};
    for (const rules::Finding &f : c.fixedFindings)
        fixed.rows << findingRow(c.baseline, f);
    Section added{QStringLiteral("New findings"), {}};
    for (const rules::Finding &f : c.newFindings)
        added.rows << findingRow(c.current, f);
    Section remaining{QStringLiteral("Remaining findings"), {}};
    for (const FindingPair &p : c.remainingFindings) {
        Row row = findingRow(c.current, p.current);
        if (p.baseline.severity != p.current.severity)
            row.change = rules::severityName(p.baseline.severity) + QStringLiteral(" → ")
                + rules::severityName(p.current.severity);
        remaining.rows << row;
    }
    Section fixedThreats{QStringLiteral("Fixed threats (no longer apply)"), {}};
    for (const threats::Threat &t : c.fixedThreats)
        fixedThreats.rows << threatRow(t);
    Section newThreats{QStringLiteral("New threats"), {}};
    for (const threats::Threat &t : c.newThreats)
        newThreats.rows << threatRow(t);
    Section improved{QStringLiteral("Improved threats"), {}};
    Section worsened{QStringLiteral("Worsened threats"), {}};
    for (const ThreatPair &p : c.remainingThreats) {
        Row row = threatRow(p.current);
        row.change = threatChange(p);
        if (p.change() == Change::Improved)
            improved.rows << row;
        else if (p.change() == Change::Worsened)
            worsened.rows << row;
    }
    return {fixed, added, remaining, fixedThreats, newThreats, improved, worsened};
}

QString summaryLine(const AnalysisComparison &c)
{
    return QStringLiteral("findings: %1 fixed, %2 remaining, %3 new; threats: %4 fixed, %5 "
                          "remaining (%6 improved, %7 worsened), %8 new")
        .arg(c.fixedFindings.size())
        .arg(c.remainingFindings.size())
        .arg(c.newFindings.size())
        .arg(c.fixedThreats.size())
        .arg(c.remainingThreats.size())
        .arg(c.threatsWith(Change::Improved).size())
        .arg(c.threatsWith(Change::Worsened).size())
        .arg(c.newThreats.size());
}

QJsonObject projectJson(const AnalysisReport &r)
{
    return {{QStringLiteral("name"), r.project.name},
            {QStringLiteral("working_dir"), r.project.workingDir}};
}

/// Markdown text safe in a table cell.
QString cell(QString text)
{
    text.replace(u'\\', QStringLiteral("\\\\"));
    text.replace(u'|', QStringLiteral("\\|"));
    text.replace(u'\n', u' ');
    return text;
}

} // namespace

QJsonObject ComparisonWriter::toJson(const AnalysisComparison &c)
{
    QJsonArray fixed, remaining, added, fixedThreats, remainingThreats, newThreats;
    for (const rules::Finding &f : c.fixedFindings)
        fixed.append(FindingsJson::findingToJson(c.baseline, f));
    for (const FindingPair &p : c.remainingFindings) {
        QJsonObject json = FindingsJson::findingToJson(c.current, p.current);
        json.insert(QStringLiteral("baseline_severity"), rules::severityName(p.baseline.severity));
        remaining.append(json);
    }
    for (const rules::Finding &f : c.newFindings)
        added.append(FindingsJson::findingToJson(c.current, f));
    for (const threats::Threat &t : c.fixedThreats)
        fixedThreats.append(FindingsJson::threatToJson(t));
    for (const ThreatPair &p : c.remainingThreats) {
        QJsonObject json = FindingsJson::threatToJson(p.current);
        json.insert(QStringLiteral("baseline_severity"), rules::severityName(p.baseline.severity));
        json.insert(QStringLiteral("baseline_risk"), p.baseline.risk());
        json.insert(QStringLiteral("baseline_mitigations_in_place"),
                    mitigationsInPlace(p.baseline));
        json.insert(QStringLiteral("change"), changeName(p.change()));
        remainingThreats.append(json);
    }
    for (const threats::Threat &t : c.newThreats)
        newThreats.append(FindingsJson::threatToJson(t));
    const QJsonObject summary{
        {QStringLiteral("findings"),
         QJsonObject{{QStringLiteral("fixed"), fixed.size()},
                     {QStringLiteral("remaining"), remaining.size()},
                     {QStringLiteral("new"), added.size()}}},
        {QStringLiteral("threats"),
         QJsonObject{{QStringLiteral("fixed"), fixedThreats.size()},
                     {QStringLiteral("remaining"), remainingThreats.size()},
                     {QStringLiteral("new"), newThreats.size()},
                     {QStringLiteral("improved"), c.threatsWith(Change::Improved).size()},
                     {QStringLiteral("worsened"), c.threatsWith(Change::Worsened).size()}}},
    };
    return QJsonObject{
        {QStringLiteral("baseline"), projectJson(c.baseline)},
        {QStringLiteral("current"), projectJson(c.current)},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("findings"),
         QJsonObject{{QStringLiteral("fixed"), fixed},
                     {QStringLiteral("remaining"), remaining},
                     {QStringLiteral("new"), added}}},
        {QStringLiteral("threats"),
         QJsonObject{{QStringLiteral("fixed"), fixedThreats},
                     {QStringLiteral("remaining"), remainingThreats},
                     {QStringLiteral("new"), newThreats}}},
    };
}

QByteArray ComparisonWriter::json(const AnalysisComparison &c)
{
    return QJsonDocument(toJson(c)).toJson(QJsonDocument::Indented);
}

QByteArray ComparisonWriter::text(const AnalysisComparison &c)
{
    QString text;
    QTextStream out(&text);
    out << c.current.project.name << " (" << c.current.project.workingDir << ") compared with "
        << c.baseline.project.name << " (" << c.baseline.project.workingDir << ")\n";
    for (const Section &s : sections(c)) {
        if (s.rows.isEmpty())
            continue;
        out << '\n' << s.title << " (" << s.rows.size() << "):\n";
        for (const Row &r : s.rows) {
            out << "  " << rules::severityName(r.severity).toUpper().leftJustified(9) << r.id
                << "  " << r.where << "\n      " << r.title;
            if (!r.change.isEmpty())
                out << "  [" << r.change << ']';
            out << '\n';
        }
    }
    out << '\n' << summaryLine(c) << '\n';
    out.flush();
    return text.toUtf8();
}

QByteArray ComparisonWriter::markdown(const AnalysisComparison &c)
{
    QString text;
    QTextStream md(&text);
    md << "# " << cell(c.current.project.name) << " compared with " << cell(c.baseline.project.name)
       << "\n\n"
       << summaryLine(c) << "\n";
    for (const Section &s : sections(c)) {
        md << "\n## " << s.title << " (" << s.rows.size() << ")\n\n";
        if (s.rows.isEmpty()) {
            md << "None.\n";
            continue;
        }
        md << "| Severity | Id | Title | Where | Change |\n|---|---|---|---|---|\n";
        for (const Row &r : s.rows)
            md << "| " << rules::severityName(r.severity) << " | `" << cell(r.id) << "` | "
               << cell(r.title) << " | " << cell(r.where) << " | " << cell(r.change) << " |\n";
    }
    md.flush();
    return text.toUtf8();
}

} // namespace threatdock::report
