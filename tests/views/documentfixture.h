#pragma once
// A ReviewDocument with a real analysis of a real project and a real review file, for
// the GUI tests of every view.

#include "document/reviewdocument.h"

#include "analysis/projectanalysis.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace threatdock::testing {

/// The bundled sample projects (resources/sample/vulnerable, .../hardened).
inline QString sampleProject(const QString &name = QStringLiteral("vulnerable"))
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR) + QStringLiteral("/resources/sample/") + name;
}

/// Copies a folder recursively (hidden files included), for tests that write into a
/// project. Returns whether every file was copied.
inline bool copyTree(const QString &from, const QString &to)
{
    const QDir source(from);
    if (!QDir().mkpath(to))
        return false;
    const auto entries
        = source.entryInfoList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        const QString target = to + u'/' + entry.fileName();
        if (entry.isDir() ? !copyTree(entry.filePath(), target)
                          : !QFile::copy(entry.filePath(), target))
            return false;
    }
    return true;
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

/// Waits for the file dialog named objectName that window shows, selects path, clicks its
/// Open button and waits until the dialog is gone (they are deleted on close).
inline bool acceptFileDialog(QWidget &window, const QString &objectName, const QString &path)
{
    QFileDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = window.findChild<QFileDialog *>(objectName);
        return dialog && dialog->isVisible();
    });
    if (!shown)
        return false;
    dialog->selectFile(path);
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QPushButton *accept = buttons ? buttons->button(QDialogButtonBox::Open) : nullptr;
    if (!accept || !accept->isEnabled())
        return false;
    QTest::mouseClick(accept, Qt::LeftButton);
    return QTest::qWaitFor([&] { return !window.findChild<QFileDialog *>(objectName); });
}

} // namespace threatdock::testing
