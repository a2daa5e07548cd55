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

} // namespace threatdock::report
