#include "analysisreport.h"

#include "rules/secretdetector.h"

#include <QDir>
#include <QFileInfo>

namespace threatdock::report {

using rules::SecretDetector;

namespace {

ProjectSummary summaryOf(const rules::AnalysisInput &input)
{
    ProjectSummary summary;
    QStringList files;
    if (input.hasProject) {
        summary.name = input.project.name;
        summary.workingDir = input.project.workingDir;
        summary.services = input.project.serviceNames();
        files << input.project.composeFiles << input.envFiles;
    } else if (!input.dockerfiles.isEmpty()) {
        const QFileInfo info(input.dockerfiles.first().path);
        summary.workingDir = info.absolutePath();
        summary.name = QDir(summary.workingDir).dirName();
    }
    for (const rules::DockerfileInput &df : input.dockerfiles)
        if (!df.path.isEmpty())
            files << df.path;
    const QDir base(summary.workingDir);
    for (const QString &f : std::as_const(files)) {
        const QString rel = summary.workingDir.isEmpty() ? f : base.relativeFilePath(f);
        if (!summary.files.contains(rel))
            summary.files << rel;
    }
    return summary;
}

} // namespace

AnalysisReport AnalysisReport::from(const rules::AnalysisInput &input,
                                    const rules::RuleSet &ruleSet,
                                    const QList<rules::Finding> &findings)
{
    AnalysisReport report;
    report.project = summaryOf(input);
    report.rules = ruleSet.rules();
    report.findings = findings;
    const QString prefix = report.project.workingDir + u'/';
    for (rules::Finding &f : report.findings) {
        // Ids are compared across machines and checkouts: no absolute paths in them.
        if (!report.project.workingDir.isEmpty())
            f.id.replace(prefix, QString());
        f.evidence = SecretDetector::redact(f.evidence);
        f.why = SecretDetector::redact(f.why);
    }
    return report;
}

void AnalysisReport::setThreatModel(const system::SystemModel &model,
                                    const QList<threats::Threat> &threatList)
{
    systemModel = model;
    threats = threatList;
    const QString prefix = project.workingDir + u'/';
    const auto relative = [&](QString &text) {
        if (!project.workingDir.isEmpty())
            text.replace(prefix, QString());
    };
    // Ids name things ("secret:db_password" is a secret's name, not its value): they are
    // kept verbatim inside redacted texts.
    QStringList ids;
    for (system::Element &e : systemModel.elements) {
        relative(e.id);
        relative(e.boundary);
        ids << e.id;
    }
    for (system::DataFlow &f : systemModel.flows) {
        relative(f.id);
        relative(f.from);
        relative(f.to);
        ids << f.id;
    }
    for (const rules::Finding &f : std::as_const(findings))
        ids << f.id;
    std::sort(ids.begin(), ids.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    const auto clean = [&](QString &text) {
        relative(text);
        QStringList kept;
        for (const QString &id : std::as_const(ids)) {
            if (!id.isEmpty() && text.contains(id)) {
                text.replace(id, QStringLiteral("\x01%1\x01").arg(kept.size()));
                kept << id;
            }
        }
        text = SecretDetector::redact(text);
        for (qsizetype i = kept.size() - 1; i >= 0; --i)
            text.replace(QStringLiteral("\x01%1\x01").arg(i), kept.at(i));
    };
    for (system::Element &e : systemModel.elements) {
        clean(e.name);
        for (QString &f : e.facts)
            clean(f);
        for (QString &v : e.properties)
            clean(v);
    }
    for (system::DataFlow &f : systemModel.flows)
        clean(f.label);
    for (system::TrustBoundary &b : systemModel.boundaries) {
        relative(b.id);
        relative(b.parent);
    }
    for (threats::Threat &t : threats) {
        relative(t.id);
        relative(t.elementId);
        clean(t.why);
        for (QString &f : t.findings)
            relative(f);
        for (threats::Mitigation &m : t.mitigations)
            clean(m.evidence);
    }
}

QString AnalysisReport::relativePath(const QString &absolute) const
{
    if (absolute.isEmpty() || project.workingDir.isEmpty() || QFileInfo(absolute).isRelative())
        return absolute;
    return QDir(project.workingDir).relativeFilePath(absolute);
}

const rules::Rule *AnalysisReport::rule(const QString &id) const
{
    for (const rules::Rule &r : rules)
        if (r.id == id)
            return &r;
    return nullptr;
}

qsizetype AnalysisReport::countAtLeast(rules::Severity severity) const
{
    return std::count_if(findings.cbegin(), findings.cend(),
                         [severity](const rules::Finding &f) { return f.severity >= severity; });
}

qsizetype AnalysisReport::threatsAtLeast(rules::Severity severity) const
{
    return std::count_if(threats.cbegin(), threats.cend(),
                         [severity](const threats::Threat &t) { return t.severity >= severity; });
}

} // namespace threatdock::report
