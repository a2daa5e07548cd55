#pragma once
// A ReviewDocument with a real analysis of a real project and a real review file, for
// the GUI tests of every view.

#include "document/reviewdocument.h"

#include "analysis/projectanalysis.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace threatdock::testing {

/// The bundled sample projects (resources/sample/vulnerable, .../hardened).
inline QString sampleProject(const QString &name = QStringLiteral("vulnerable"))
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR) + QStringLiteral("/resources/sample/") + name;
}

/// Analyses a project synchronously (the GUI does it on a thread).
inline analysis::AnalysisResult analyzeForTest(const QString &projectPath)
{
    analysis::AnalysisRequest request;
    request.load.path = projectPath;
    return analysis::analyzeProject(request);
}

/// A document showing the analysis of projectPath, with a new review file in dir.
/// Returns nullptr (and fails the current test) when the analysis or the review fails.
inline std::unique_ptr<views::ReviewDocument>
makeDocument(const QTemporaryDir &dir, const QString &projectPath = sampleProject())
{
    auto document = std::make_unique<views::ReviewDocument>();
    QString error;
    if (!document->openReview(dir.filePath(QStringLiteral("review.threatdock")), true, &error)) {
        qWarning("review: %s", qPrintable(error));
        return nullptr;
    }
    analysis::AnalysisResult result = analyzeForTest(projectPath);
    if (!result.ok()) {
        qWarning("analysis: %s", qPrintable(result.error ? result.error->toString() : QString()));
        return nullptr;
    }
    document->setAnalysis(std::move(result));
    return document;
}

} // namespace threatdock::testing
