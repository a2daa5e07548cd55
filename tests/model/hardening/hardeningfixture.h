#pragma once
// Shared by the hardening tests: a project copied into a temporary directory, analysed,
// planned, written, and analysed again with the overlay, with what stayed open.

#include "testsupport.h"

#include "analysis/projectanalysis.h"
#include "hardening/hardeningplan.h"
#include "hardening/hardeningplanner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace threatdock::testing {

/// Copies the files and folders under from into to (created).
inline bool copyTree(const QString &from, const QString &to)
{
    const QDir source(from);
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + u'/' + source.relativeFilePath(file);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(file, target))
            return false;
    }
    return true;
}

/// The analysis of a project (PATH, or the compose files in order) without the process
/// environment, so that the machine's variables do not change the result.
inline analysis::AnalysisResult analyzeFiles(const QString &path, const QStringList &files = {})
{
    analysis::AnalysisRequest request;
    request.load.path = path;
    request.load.files = files;
    request.load.processEnvironment = compose::Environment{};
    request.layoutDiagram = false;
    return analysis::analyzeProject(request);
}

/// The project's own compose files followed by the plan's overlay.
inline QStringList withOverlay(const hardening::HardeningPlan &plan)
{
    return plan.composeFiles + QStringList{plan.overlayPath};
}

/// The findings an accepted change claims to fix that the re-analysis still reports.
/// Compose findings have stable ids; a Dockerfile finding's id names the instruction
/// (which the change rewrites), so there the count per rule and file must drop by as
/// many findings as were claimed.
inline QStringList stillOpen(const hardening::HardeningPlan &plan,
                             const analysis::AnalysisResult &before,
                             const analysis::AnalysisResult &after)
{
    const QStringList claimed = plan.fixedFindings();
    QHash<QString, const rules::Finding *> beforeById;
    for (const rules::Finding &f : before.report.findings)
        beforeById.insert(f.id, &f);
    QStringList open;
    QHash<QString, int> expected; // "rule file" → count expected after
    for (const rules::Finding &f : before.report.findings)
        if (f.ruleId.startsWith(u"DKF-"))
            ++expected[f.ruleId + u' ' + f.file];
    for (const QString &id : claimed) {
        const rules::Finding *f = beforeById.value(id);
        if (!f)
            open << id + QStringLiteral(" (claimed but not in the analysis)");
        else if (f->ruleId.startsWith(u"DKF-"))
            --expected[f->ruleId + u' ' + f->file];
    }
    QHash<QString, int> actual;
    for (const rules::Finding &f : after.report.findings) {
        if (f.ruleId.startsWith(u"DKF-"))
            ++actual[f.ruleId + u' ' + f.file];
        else if (claimed.contains(f.id))
            open << f.id;
    }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        if (actual.value(it.key()) > it.value())
            open << QStringLiteral("%1: %2 findings, %3 expected")
                        .arg(it.key())
                        .arg(actual.value(it.key()))
                        .arg(it.value());
    return open;
}

inline const QString sampleSource
    = QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/vulnerable");

/// The vulnerable sample copied into a temporary directory, analysed and planned.
struct SampleProject
{
    QTemporaryDir dir;
    QString path;
    analysis::AnalysisResult before;
    hardening::HardeningPlan plan;

    explicit SampleProject(const hardening::PlannerOptions &options = {})
    {
        path = QDir(dir.path()).canonicalPath();
        if (!copyTree(sampleSource, path))
            qFatal("cannot copy the sample into %s", qPrintable(path));
        before = analyzeFiles(path);
        if (!before.ok())
            qFatal("sample analysis: %s", qPrintable(before.error->toString()));
        plan = hardening::HardeningPlanner::plan(before, options);
    }

    QString file(const QString &relative) const { return path + u'/' + relative; }
};

} // namespace threatdock::testing
