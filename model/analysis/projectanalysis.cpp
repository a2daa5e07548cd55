#include "projectanalysis.h"

#include "layout/diagramlayout.h"
#include "rules/ruleengine.h"
#include "system/systemmodelbuilder.h"
#include "threats/threatgenerator.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace threatdock::analysis {

report::AnalysisReport buildReport(const rules::AnalysisInput &input, const rules::RuleSet &rules,
                                   const QList<rules::Finding> &scanFindings)
{
    const rules::RuleEngine engine(rules);
    QList<rules::Finding> findings = engine.run(input);
    findings += scanFindings;
    report::AnalysisReport report = report::AnalysisReport::from(input, rules, findings);
    // The threat model needs a compose project; a lone Dockerfile has findings only.
    if (input.hasProject) {
        const system::SystemModel model = system::SystemModelBuilder::build(input.project);
        report.setThreatModel(model, threats::ThreatGenerator::generate(model, findings));
    }
    return report;
}

namespace {

bool cancelled(const std::atomic_bool *cancel)
{
    return cancel != nullptr && cancel->load();
}

QStringList inputFilesOf(const rules::AnalysisInput &input)
{
    QStringList files = input.project.composeFiles;
    files += input.envFiles;
    for (const rules::DockerfileInput &d : input.dockerfiles)
        if (!d.path.isEmpty())
            files << d.path;
    for (QString &f : files)
        f = QFileInfo(f).absoluteFilePath();
    files.removeDuplicates();
    return files;
}

} // namespace

AnalysisResult analyzeProject(const AnalysisRequest &request, const std::atomic_bool *cancel)
{
    QElapsedTimer timer;
    timer.start();
    AnalysisResult result;

    rules::RuleSet ruleSet = rules::RuleSet::builtIn();
    if (!request.rulesFile.isEmpty()) {
        const rules::RuleSet::LoadResult user = rules::RuleSet::readFile(request.rulesFile);
        if (!user.ok()) {
            result.error = *user.error;
            return result;
        }
        ruleSet.add(user.rules);
    }

    compose::ComposeLoader::Result loaded = compose::ComposeLoader::load(request.load);
    for (const compose::Diagnostic &w : std::as_const(loaded.warnings))
        result.warnings << w.toString();
    if (!loaded.ok()) {
        result.error = *loaded.error;
        return result;
    }
    if (cancelled(cancel)) {
        result.cancelled = true;
        return result;
    }

    QStringList problems;
    rules::AnalysisInput input = rules::AnalysisInput::fromProject(*loaded.project, &problems);
    result.warnings += problems;
    result.inputFiles = inputFilesOf(input);
    result.report = buildReport(input, ruleSet, request.scanFindings);
    if (cancelled(cancel)) {
        result.cancelled = true;
        return result;
    }

    if (request.layoutDiagram) {
        QString layoutError;
        result.diagram = layout::DiagramLayout::compute(
            result.report.systemModel, layout::DiagramLayout::badgesFor(result.report.threats),
            &layoutError);
        if (!layoutError.isEmpty())
            result.warnings << QStringLiteral("diagram: ") + layoutError;
    }
    result.project = std::move(*loaded.project);
    result.elapsedMs = timer.elapsed();
    return result;
}

} // namespace threatdock::analysis
