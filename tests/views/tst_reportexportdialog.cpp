// File > Export Report: the sample's report written off the GUI thread in the formats a
// workshop hands out, with the review's decisions, and a clear message when it cannot be.

#include "testsupport.h"
#include "views/documentfixture.h"

#include "report/reportexportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

using threatdock::testing::readAll;
using threatdock::views::ReportExportDialog;

class TestReportExportDialog : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase() { threatdock::testing::isolateHome(m_home.path()); }
    void exportsPdfWithTheReviewsDecisions();
    void formatFollowsTheChoice();
    void unwritablePlaceIsReported();
};

void TestReportExportDialog::exportsPdfWithTheReviewsDecisions()
{
    QTemporaryDir dir;
    auto document = threatdock::testing::makeDocument(dir);
    QVERIFY(document);
    const QString threatId = document->walkthroughOrder().constFirst();
    document->setOwner(threatId, QStringLiteral("Dana Reviewer"));

    ReportExportDialog dialog(document.get());
    dialog.show();
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    dialog.setOutputPath(path);
    QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("reportFormat"))->currentText(),
             QStringLiteral("PDF report"));
    QSignalSpy finished(&dialog, &ReportExportDialog::exportFinished);
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);
    QVERIFY(dialog.isExporting() || finished.size() == 1);
    QVERIFY(finished.size() == 1 || finished.wait(120000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(dialog.resultMessage()));
    QVERIFY(readAll(path).startsWith("%PDF-"));
    QVERIFY(dialog.resultMessage().contains(QStringLiteral("report.pdf")));
}

void TestReportExportDialog::formatFollowsTheChoice()
{
    QTemporaryDir dir;
    auto document = threatdock::testing::makeDocument(dir);
    QVERIFY(document);
    ReportExportDialog dialog(document.get());
    dialog.setOutputPath(dir.filePath(QStringLiteral("out.pdf")));
    auto *format = dialog.findChild<QComboBox *>(QStringLiteral("reportFormat"));
    format->setCurrentIndex(format->findText(QStringLiteral("CSV, one row per threat")));
    QVERIFY(dialog.outputPath().endsWith(QStringLiteral("out.csv")));
    QVERIFY(!dialog.findChild<QComboBox *>(QStringLiteral("reportPageSize"))->isEnabled());
    QSignalSpy finished(&dialog, &ReportExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(finished.size() == 1 || finished.wait(60000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(dialog.resultMessage()));
    const QByteArray csv = readAll(dir.filePath(QStringLiteral("out.csv")));
    // One row per threat, after the header.
    QCOMPARE(csv.count('\n') >= document->threatCount() + 1, true);
    QVERIFY(csv.contains(document->walkthroughOrder().constFirst().toUtf8()));
}

void TestReportExportDialog::unwritablePlaceIsReported()
{
    QTemporaryDir dir;
    auto document = threatdock::testing::makeDocument(dir);
    QVERIFY(document);
    ReportExportDialog dialog(document.get());
    const QString path = dir.filePath(QStringLiteral("no/such/folder/report.html"));
    dialog.setOutputPath(path);
    QSignalSpy finished(&dialog, &ReportExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(finished.size() == 1 || finished.wait(60000));
    QVERIFY(!finished.at(0).at(0).toBool());
    QVERIFY2(dialog.resultMessage().startsWith(QStringLiteral("Not written")),
             qPrintable(dialog.resultMessage()));
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(dialog.isVisible() || !dialog.isExporting());
}

QTEST_MAIN(TestReportExportDialog)
#include "tst_reportexportdialog.moc"
