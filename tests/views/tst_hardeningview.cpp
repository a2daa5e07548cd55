// The Hardening view on a copy of the vulnerable sample: the plan as a checklist, the
// side-by-side preview, a rejected change left out, apply (confirmed) writing the overlay
// and the Dockerfile with backups, and the re-analysis with the overlay merged.

#include "testsupport.h"
#include "views/documentfixture.h"

#include "hardening/hardeningview.h"
#include "hardening/sidebysidediff.h"

#include "hardening/hardeningplanner.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>

using threatdock::testing::readAll;
using threatdock::views::DiffRow;
using threatdock::views::HardeningView;
using threatdock::views::SideBySideDiff;

class TestHardeningView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void alignsLinesSideBySide();
    void checklistGroupsChangesByService();
    void rejectedChangeIsLeftOut();
    void declinedConfirmationWritesNothing();
    void applyWritesAndReanalysisShowsBeforeAfter();
};

void TestHardeningView::alignsLinesSideBySide()
{
    const auto rows = threatdock::views::alignLines(
        {QStringLiteral("FROM python"), QStringLiteral("COPY . /app"), QStringLiteral("CMD x")},
        {QStringLiteral("FROM python:3.12"), QStringLiteral("COPY . /app"),
         QStringLiteral("USER 10001"), QStringLiteral("CMD x")});
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.at(0).kind, DiffRow::Kind::Changed);
    QCOMPARE(rows.at(1).kind, DiffRow::Kind::Same);
    QCOMPARE(rows.at(2).kind, DiffRow::Kind::Added);
    QCOMPARE(rows.at(2).leftLine, 0);
    QCOMPARE(rows.at(2).rightLine, 3);
    QCOMPARE(rows.at(3).kind, DiffRow::Kind::Same);
    QCOMPARE(rows.at(3).leftLine, 3);
    QCOMPARE(rows.at(3).rightLine, 4);

    SideBySideDiff diff;
    diff.setTexts(QStringLiteral("a"), QStringLiteral("x\ny\n"), QStringLiteral("b"),
                  QStringLiteral("y\nz\n"));
    QCOMPARE(diff.rows().size(), 3);
    QCOMPARE(diff.rows().at(0).kind, DiffRow::Kind::Removed);
    QCOMPARE(diff.rows().at(2).kind, DiffRow::Kind::Added);
}

void TestHardeningView::checklistGroupsChangesByService()
{
    QTemporaryDir dir;
    auto document = threatdock::testing::makeDocument(dir);
    QVERIFY(document);
    HardeningView view(document.get());
    view.resize(1400, 800);
    view.show();
    QVERIFY(!view.plan().changes.isEmpty());
    auto *checklist = view.findChild<QTreeWidget *>(QStringLiteral("hardeningChecklist"));
    QStringList groups;
    for (int i = 0; i < checklist->topLevelItemCount(); ++i)
        groups << checklist->topLevelItem(i)->text(0);
    QVERIFY2(groups.contains(QStringLiteral("api")), qPrintable(groups.join(u',')));
    for (const auto &change : view.plan().changes) {
        QTreeWidgetItem *item = view.itemOf(change.id);
        QVERIFY2(item, qPrintable(change.id));
        QCOMPARE(item->parent()->text(0), change.service);
        QCOMPARE(item->checkState(0), Qt::Checked);
    }
    // The preview shows the overlay side by side: nothing before, the services after.
    auto *files = view.findChild<QListWidget *>(QStringLiteral("hardeningFiles"));
    QVERIFY(files->count() >= 1);
    QVERIFY(files->item(0)->text().contains(QStringLiteral("compose.hardening.yaml")));
    auto *diff = view.findChild<SideBySideDiff *>();
    QVERIFY(!diff->rows().isEmpty());
    QVERIFY(view.summaryText().contains(QStringLiteral("accepted")));
}

void TestHardeningView::rejectedChangeIsLeftOut()
{
    QTemporaryDir dir;
    auto document = threatdock::testing::makeDocument(dir);
    QVERIFY(document);
    HardeningView view(document.get());
    view.show();
    const threatdock::hardening::HardeningChange *readOnly = nullptr;
    for (const auto &c : view.plan().changes)
        if (c.service == u"api" && c.kind == u"read-only")
            readOnly = &c;
    QVERIFY(readOnly);
    const QString id = readOnly->id;
    QVERIFY(view.rendered().overlay.contains("read_only"));
    QTreeWidgetItem *item = view.itemOf(id);
    item->setCheckState(0, Qt::Unchecked); // what a click on the box does
    QVERIFY(!view.plan().change(id)->accepted);
    // Other services may still become read-only; api's entry must not.
    const QString overlay = QString::fromUtf8(view.rendered().overlay);
    const qsizetype api = overlay.indexOf(QStringLiteral("\n  api:"));
    QVERIFY(api >= 0);
    const qsizetype next
        = overlay.indexOf(QRegularExpression(QStringLiteral("\n  [a-z]")), api + 1);
    QVERIFY(!overlay.mid(api, next < 0 ? -1 : next - api).contains(QStringLiteral("read_only")));
    // Planning again keeps the user's rejection.
    view.replan();
    QVERIFY(!view.plan().change(id)->accepted);
    QCOMPARE(view.itemOf(id)->checkState(0), Qt::Unchecked);
}

void TestHardeningView::declinedConfirmationWritesNothing()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("project"));
    QVERIFY(threatdock::testing::copyTree(threatdock::testing::sampleProject(), project));
    auto document = threatdock::testing::makeDocument(dir, project);
    QVERIFY(document);
    HardeningView view(document.get());
    QString asked;
    view.setConfirmation([&](const QString &question) {
        asked = question;
        return false;
    });
    QSignalSpy applied(&view, &HardeningView::applied);
    const QByteArray dockerfile = readAll(project + QStringLiteral("/api/Dockerfile"));
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("applyHardeningButton")),
                      Qt::LeftButton);
    QVERIFY(asked.contains(QStringLiteral("compose.hardening.yaml")));
    QCOMPARE(applied.size(), 0);
    QVERIFY(!QFileInfo::exists(project + QStringLiteral("/compose.hardening.yaml")));
    QCOMPARE(readAll(project + QStringLiteral("/api/Dockerfile")), dockerfile);
}

void TestHardeningView::applyWritesAndReanalysisShowsBeforeAfter()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("project"));
    QVERIFY(threatdock::testing::copyTree(threatdock::testing::sampleProject(), project));
    auto document = threatdock::testing::makeDocument(dir, project);
    QVERIFY(document);
    HardeningView view(document.get());
    view.setConfirmation([](const QString &) { return true; });
    QSignalSpy applied(&view, &HardeningView::applied);
    const auto findingsBefore = document->report().findings.size();
    const QStringList fixed = view.plan().fixedFindings();
    QVERIFY(!fixed.isEmpty());

    QVERIFY(view.apply());
    QCOMPARE(applied.size(), 1);
    const QString overlay = project + QStringLiteral("/compose.hardening.yaml");
    QVERIFY(QFileInfo::exists(overlay));
    const QStringList files = applied.at(0).at(0).toStringList();
    QCOMPARE(files.last(), QFileInfo(overlay).absoluteFilePath());
    const bool dockerfileChanged
        = QFileInfo::exists(project + QStringLiteral("/api/Dockerfile.bak"));
    QVERIFY(dockerfileChanged);

    // What the main window does next: analyse with the overlay merged after the files.
    threatdock::analysis::AnalysisRequest request;
    request.load.files = files;
    request.load.projectDirectory = project;
    auto result = threatdock::analysis::analyzeProject(request);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    document->setAnalysis(std::move(result));
    for (const QString &id : fixed)
        QVERIFY2(!document->finding(id), qPrintable(id + QStringLiteral(" is still open")));
    QVERIFY(document->report().findings.size() < findingsBefore);
    const QString text = view.findChild<QLabel *>(QStringLiteral("hardeningResult"))->text();
    QVERIFY2(text.contains(QString::number(findingsBefore) + QStringLiteral(" → ")),
             qPrintable(text));
    // Planning from an analysis that merges the overlay would replace it: not offered.
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("applyHardeningButton"))->isEnabled());
}

QTEST_MAIN(TestHardeningView)
#include "tst_hardeningview.moc"
