// The findings table with a real analysis of the sample, a real review file, real Bandit
// output of the sample, real clicks and keys (offscreen platform).

#include "testsupport.h"
#include "views/documentfixture.h"
#include "views/samplesecrets.h"

#include "findings/findingdetails.h"
#include "findings/findingsfiltermodel.h"
#include "findings/findingsmodel.h"
#include "findings/findingsview.h"
#include "source/sourceeditor.h"
#include "source/sourceview.h"

#include "rules/secretdetector.h"
#include "scans/banditreport.h"
#include "scans/scantarget.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>

using threatdock::rules::Finding;
using threatdock::rules::SecretDetector;
using threatdock::rules::Severity;
using threatdock::views::FindingDetails;
using threatdock::views::FindingsFilterModel;
using threatdock::views::FindingsModel;
using threatdock::views::FindingsView;
using threatdock::views::ReviewDocument;
using threatdock::views::SourceView;

namespace {

/// The sample's analysis plus the findings of Bandit's real report on it, as the document
/// holds them after a scan.
threatdock::analysis::AnalysisResult sampleWithBandit()
{
    auto result = threatdock::testing::analyzeForTest(threatdock::testing::sampleProject());
    QFile json(
        threatdock::testing::testDataPath(QStringLiteral("scans/bandit-sample-vulnerable.json")));
    if (!json.open(QIODevice::ReadOnly))
        qFatal("cannot read the Bandit report");
    const auto target = threatdock::scans::ScanTarget::fromProject(result.project);
    const auto scan = threatdock::scans::BanditReport::parse(json.readAll(), target, nullptr,
                                                             result.project.workingDir);
    if (!scan.ok() || scan.findings.isEmpty())
        qFatal("the Bandit report gave no findings: %s", qPrintable(scan.error));
    result.report.findings << scan.findings;
    return result;
}

/// The sample's secret values, from its analysed compose project.
QStringList secretsOf(const ReviewDocument &document)
{
    return threatdock::testing::secretValues(document.analysis().project);
}

QString rawLine(const QString &path, int line)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(f.readAll()).split(u'\n').value(line - 1);
}

QStringList shownIds(const FindingsView &view)
{
    QStringList ids;
    const auto *proxy = view.filterModel();
    for (int row = 0; row < proxy->rowCount(); ++row)
        ids << proxy->index(row, 0).data(FindingsModel::FindingIdRole).toString();
    return ids;
}

int shownRowOf(const FindingsView &view, const QString &findingId)
{
    return int(shownIds(view).indexOf(findingId));
}

QPoint cellCentre(const QTableView *table, int row, int column = FindingsModel::TitleColumn)
{
    return table->visualRect(table->model()->index(row, column)).center();
}

QString expectedCount(int shown, int total)
{
    return QStringLiteral("%1 of %2 findings").arg(shown).arg(total);
}

} // namespace

class TestFindingsView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ReviewDocument> m_document;
    std::unique_ptr<FindingsView> m_view;

    ReviewDocument &document() { return *m_document; }
    QLineEdit *search() const
    {
        return m_view->findChild<QLineEdit *>(QStringLiteral("findingsSearch"));
    }
    QComboBox *combo(const QString &name) const { return m_view->findChild<QComboBox *>(name); }
    QCheckBox *elementOnly() const
    {
        return m_view->findChild<QCheckBox *>(QStringLiteral("findingsSelectedOnly"));
    }
    int total() const { return int(m_document->report().findings.size()); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_document = threatdock::testing::makeDocument(m_dir);
        QVERIFY(m_document);
        m_document->setAnalysis(sampleWithBandit());
        m_view = std::make_unique<FindingsView>(m_document.get());
        m_view->resize(1400, 800);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanup()
    {
        m_view.reset();
        m_document.reset();
        QFile::remove(m_dir.filePath(QStringLiteral("review.threatdock")));
    }

    void modelTesters()
    {
        FindingsModel model(m_document.get());
        QAbstractItemModelTester modelTester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        FindingsFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), total());
        proxy.sort(FindingsModel::SeverityColumn, Qt::DescendingOrder);
        proxy.setSearchText(QStringLiteral("redis"));
        proxy.setMinimumSeverity(Severity::Medium);
        proxy.setSource(QStringLiteral("bandit"));
        proxy.setSource(QString());
        proxy.setElement(QStringLiteral("service:api"));
        proxy.sort(FindingsModel::LocationColumn, Qt::AscendingOrder);
        proxy.setSearchText(QString());
        proxy.setElement(QString());
        proxy.setMinimumSeverity(Severity::Info);
        QCOMPARE(proxy.rowCount(), total());
        // A new analysis resets both (the hardened twin has other findings).
        m_document->setAnalysis(threatdock::testing::analyzeForTest(
            threatdock::testing::sampleProject(QStringLiteral("hardened"))));
        QCOMPARE(model.rowCount(), total());
        QCOMPARE(proxy.rowCount(), total());
    }

    void columnsShowTheFindings()
    {
        FindingsModel *model = m_view->model();
        QCOMPARE(model->rowCount(), total());
        const QString projectDir = document().projectDirectory();
        QVERIFY(!projectDir.isEmpty());
        QSet<QString> sources;
        for (int row = 0; row < model->rowCount(); ++row) {
            const Finding &f = document().report().findings.at(row);
            const auto cell
                = [&](int column) { return model->index(row, column).data().toString(); };
            QCOMPARE(cell(FindingsModel::RuleColumn), f.ruleId);
            QCOMPARE(cell(FindingsModel::TitleColumn), f.title);
            QCOMPARE(cell(FindingsModel::ServiceColumn), f.service);
            QCOMPARE(cell(FindingsModel::SourceColumn), f.source);
            const QString severity = cell(FindingsModel::SeverityColumn);
            QVERIFY(severity.contains(threatdock::rules::severityName(f.severity)));
            QCOMPARE(severity.at(0), threatdock::rules::severityName(f.severity).at(0).toUpper());
            QVERIFY(model->index(row, FindingsModel::SeverityColumn)
                        .data(Qt::DecorationRole)
                        .canConvert<QColor>());
            const QString location = cell(FindingsModel::LocationColumn);
            QVERIFY2(!location.contains(projectDir), qPrintable(location));
            if (f.line > 0)
                QVERIFY(location.endsWith(u':' + QString::number(f.line)));
            if (!f.file.isEmpty())
                QCOMPARE(QDir(projectDir).absoluteFilePath(location.section(u':', 0, 0)),
                         QFileInfo(f.file).absoluteFilePath());
            sources << f.source;
        }
        QVERIFY(sources.contains(QStringLiteral("threatdock")));
        QVERIFY(sources.contains(QStringLiteral("bandit")));
        // No cell and no details pane shows a secret of the sample.
        const QStringList secrets = secretsOf(document());
        QCOMPARE(secrets.size(), 2);
        auto *details = m_view->findChild<FindingDetails *>(QStringLiteral("findingDetails"));
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString text
                = model->index(row, 0).data(FindingsModel::SearchTextRole).toString();
            m_view->table()->setCurrentIndex(m_view->filterModel()->index(row, 0));
            for (const QString &secret : secrets) {
                QVERIFY2(!text.contains(secret), qPrintable(text));
                QVERIFY(!details->toPlainText().contains(secret));
            }
        }
        QCOMPARE(m_view->countText(), expectedCount(total(), total()));
    }

    void typingInTheSearchFieldFilters()
    {
        // Ctrl+F puts the cursor in the search field.
        m_view->table()->setFocus();
        QTest::keyClick(m_view->table(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(search()->hasFocus());
        QTest::keyClicks(search(), QStringLiteral("redis"));
        QCOMPARE(search()->text(), QStringLiteral("redis"));
        const int shown = m_view->filterModel()->rowCount();
        QVERIFY(shown > 0);
        QVERIFY(shown < total());
        QCOMPARE(m_view->countText(), expectedCount(shown, total()));
        // Exactly the rows with "redis" in some column are shown.
        auto *model = m_view->model();
        int matching = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            bool any = false;
            for (int c = 0; c < FindingsModel::ColumnCount; ++c)
                any = any
                    || model->index(row, c).data().toString().contains(u"redis",
                                                                       Qt::CaseInsensitive);
            matching += any ? 1 : 0;
        }
        QCOMPARE(shown, matching);
        // Two words: both must occur.
        QTest::keyClicks(search(), QStringLiteral(" bandit"));
        QVERIFY(m_view->filterModel()->rowCount() < shown);
        // Clearing the field shows everything again.
        search()->selectAll();
        QTest::keyClick(search(), Qt::Key_Backspace);
        QCOMPARE(m_view->filterModel()->rowCount(), total());
        QCOMPARE(m_view->countText(), expectedCount(total(), total()));
    }

    void selectingAnElementFilters()
    {
        QVERIFY(elementOnly()->isChecked());
        const int apiFindings = int(document().findingsOf(QStringLiteral("service:api")).size());
        QVERIFY(apiFindings > 0);
        QVERIFY(apiFindings < total());
        document().selectElement(QStringLiteral("service:api"));
        QCOMPARE(m_view->filterModel()->rowCount(), apiFindings);
        for (int row = 0; row < apiFindings; ++row)
            QCOMPARE(
                m_view->filterModel()->index(row, FindingsModel::ServiceColumn).data().toString(),
                QStringLiteral("api"));
        QCOMPARE(m_view->countText(), expectedCount(apiFindings, total()));
        QVERIFY(elementOnly()->text().contains(QStringLiteral("api")));

        const int redisFindings
            = int(document().findingsOf(QStringLiteral("service:redis")).size());
        document().selectElement(QStringLiteral("service:redis"));
        QCOMPARE(m_view->filterModel()->rowCount(), redisFindings);

        // Clearing the selection shows them all.
        document().selectElement(QString());
        QCOMPARE(m_view->filterModel()->rowCount(), total());

        // With the toggle off the selection does not filter.
        document().selectElement(QStringLiteral("service:api"));
        QTest::mouseClick(elementOnly(), Qt::LeftButton);
        QVERIFY(!elementOnly()->isChecked());
        QCOMPARE(m_view->filterModel()->rowCount(), total());
        document().selectElement(QStringLiteral("service:redis"));
        QCOMPARE(m_view->filterModel()->rowCount(), total());
        // On again: the current selection applies at once.
        QTest::mouseClick(elementOnly(), Qt::LeftButton);
        QCOMPARE(m_view->filterModel()->rowCount(), redisFindings);
    }

    void clickingARowSelectsItsElement()
    {
        QSignalSpy activated(m_document.get(), &ReviewDocument::findingActivated);
        QTableView *table = m_view->table();
        // Pick a row of redis while nothing is selected.
        int row = -1;
        for (int r = 0; r + 1 < m_view->filterModel()->rowCount() && row < 0; ++r)
            if (m_view->filterModel()->index(r, FindingsModel::ServiceColumn).data().toString()
                == u"redis")
                row = r;
        QVERIFY(row >= 0);
        table->scrollTo(m_view->filterModel()->index(row, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cellCentre(table, row));
        const QString id
            = m_view->filterModel()->index(row, 0).data(FindingsModel::FindingIdRole).toString();
        QCOMPARE(document().selectedElement(), QStringLiteral("service:redis"));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toString(), id);
        // The table was not narrowed under the cursor; the row stays current.
        QCOMPARE(m_view->filterModel()->rowCount(), total());
        QCOMPARE(table->currentIndex().data(FindingsModel::FindingIdRole).toString(), id);
        // The details pane shows it.
        auto *details = m_view->findChild<FindingDetails *>(QStringLiteral("findingDetails"));
        const Finding *f = document().finding(id);
        QVERIFY(details->toPlainText().contains(f->title));
        QVERIFY(details->toPlainText().contains(f->ruleId));
        // Arrow keys walk the table.
        QTest::keyClick(table, Qt::Key_Down);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(table->currentIndex().row(), row + 1);
    }

    void findingActivatedElsewhereSelectsTheRow()
    {
        // The last finding in report order, hidden by a search that does not match it.
        const Finding &target = document().report().findings.constLast();
        QTest::keyClicks(search(), QStringLiteral("no-finding-has-this-text"));
        QCOMPARE(m_view->filterModel()->rowCount(), 0);
        document().activateFinding(target.id);
        QCOMPARE(m_view->table()->currentIndex().data(FindingsModel::FindingIdRole).toString(),
                 target.id);
        QVERIFY(search()->text().isEmpty());
        QCOMPARE(document().selectedElement(), ReviewDocument::elementOfFinding(target));
        // Its element is selected, so the table shows that element's findings.
        QCOMPARE(m_view->filterModel()->rowCount(),
                 int(document().findingsOf(ReviewDocument::elementOfFinding(target)).size()));
        auto *details = m_view->findChild<FindingDetails *>(QStringLiteral("findingDetails"));
        QVERIFY(details->toPlainText().contains(target.title));
    }

    void doubleClickOpensTheSourceAtTheLine()
    {
        const QStringList secrets = secretsOf(document());
        QVERIFY(!secrets.isEmpty());
        // A finding whose line in the file holds a secret value in clear.
        const Finding *target = nullptr;
        for (const Finding &f : document().report().findings) {
            const QString raw = rawLine(f.file, f.line);
            if (f.line > 0 && std::any_of(secrets.cbegin(), secrets.cend(), [&](const QString &s) {
                    return raw.contains(s);
                })) {
                target = &f;
                break;
            }
        }
        QVERIFY(target);
        const int row = shownRowOf(*m_view, target->id);
        QVERIFY(row >= 0);
        QTableView *table = m_view->table();
        table->scrollTo(m_view->filterModel()->index(row, 0));
        // A double click as a window system delivers it: press, release, double-click.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cellCentre(table, row));
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cellCentre(table, row));

        SourceView *source = m_view->sourceView();
        QVERIFY(source);
        QVERIFY(QTest::qWaitForWindowExposed(source));
        QCOMPARE(source->path(), QFileInfo(target->file).absoluteFilePath());
        QVERIFY(source->windowTitle().contains(target->file));
        QVERIFY(source->showsText());
        QCOMPARE(source->editor()->markedLine(), target->line);
        QCOMPARE(source->editor()->textCursor().blockNumber() + 1, target->line);
        const auto marks = source->editor()->extraSelections();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks.first().cursor.blockNumber() + 1, target->line);
        const QString text = source->editor()->toPlainText();
        for (const QString &secret : secrets)
            QVERIFY2(!text.contains(secret), qPrintable(secret));
        QVERIFY(source->editor()->lineText(target->line).contains(SecretDetector::mask()));
    }

    void enterOpensTheSourceToo()
    {
        // A Bandit finding: its line in app.py.
        const Finding *target = nullptr;
        for (const Finding &f : document().report().findings)
            if (f.source == u"bandit" && f.line > 1 && !target)
                target = &f;
        QVERIFY(target);
        QTableView *table = m_view->table();
        table->setFocus();
        table->setCurrentIndex(m_view->filterModel()->index(shownRowOf(*m_view, target->id), 0));
        QTest::keyClick(table, Qt::Key_Return);
        QVERIFY(m_view->sourceView());
        QTRY_VERIFY(m_view->sourceView()->isVisible());
        QCOMPARE(m_view->sourceView()->editor()->markedLine(), target->line);
        QCOMPARE(m_view->sourceView()->path(), QFileInfo(target->file).absoluteFilePath());
        // The location link in the details pane opens it as well (the same window).
        auto *details = m_view->findChild<FindingDetails *>(QStringLiteral("findingDetails"));
        QVERIFY(details->toHtml().contains(QStringLiteral("threatdock-source:")));
    }

    void sortingBySeverityPutsTheWorstFirst()
    {
        QTableView *table = m_view->table();
        QHeaderView *header = table->horizontalHeader();
        // Sort by rule first, then click the severity header: worst first.
        const auto clickHeader = [&](int column) {
            const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                              QPoint(x, header->height() / 2));
        };
        clickHeader(FindingsModel::RuleColumn);
        QCOMPARE(header->sortIndicatorSection(), int(FindingsModel::RuleColumn));
        clickHeader(FindingsModel::SeverityColumn);
        QCOMPARE(header->sortIndicatorSection(), int(FindingsModel::SeverityColumn));
        if (header->sortIndicatorOrder() == Qt::AscendingOrder)
            clickHeader(FindingsModel::SeverityColumn);
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        const auto severities = [&] {
            QList<int> list;
            for (int row = 0; row < m_view->filterModel()->rowCount(); ++row)
                list << m_view->filterModel()
                            ->index(row, 0)
                            .data(FindingsModel::SeverityRole)
                            .toInt();
            return list;
        };
        QList<int> sorted = severities();
        QCOMPARE(sorted.size(), total());
        const int worst = *std::max_element(sorted.cbegin(), sorted.cend());
        QVERIFY(worst >= int(Severity::High));
        QCOMPARE(sorted.first(), worst);
        QVERIFY(std::is_sorted(sorted.crbegin(), sorted.crend()));
        // "critical" > "high" > "medium" by rank, not by spelling.
        QVERIFY(sorted.contains(int(Severity::Medium)));
        // Again: the mildest first.
        clickHeader(FindingsModel::SeverityColumn);
        sorted = severities();
        QVERIFY(std::is_sorted(sorted.cbegin(), sorted.cend()));
    }

    void severityAndSourceFilters()
    {
        QComboBox *severity = combo(QStringLiteral("findingsSeverity"));
        severity->setFocus();
        // Down three times: "High and above", chosen by the user.
        QTest::keyClick(severity, Qt::Key_Down);
        QTest::keyClick(severity, Qt::Key_Down);
        QTest::keyClick(severity, Qt::Key_Down);
        QCOMPARE(document().minimumSeverity(), Severity::High);
        const int highOrWorse = int(document().report().countAtLeast(Severity::High));
        QCOMPARE(m_view->filterModel()->rowCount(), highOrWorse);
        QCOMPARE(m_view->countText(), expectedCount(highOrWorse, total()));
        // The document's shared filter set elsewhere shows here.
        document().setMinimumSeverity(Severity::Medium);
        QCOMPARE(severity->currentData().toInt(), int(Severity::Medium));
        QCOMPARE(m_view->filterModel()->rowCount(),
                 int(document().report().countAtLeast(Severity::Medium)));
        document().setMinimumSeverity(Severity::Info);

        QComboBox *source = combo(QStringLiteral("findingsSource"));
        QCOMPARE(source->itemText(0), QStringLiteral("All sources"));
        QCOMPARE(source->itemText(1), QStringLiteral("threatdock"));
        const int banditIndex = source->findText(QStringLiteral("bandit"));
        QVERIFY(banditIndex > 1);
        source->setFocus();
        while (source->currentIndex() != banditIndex)
            QTest::keyClick(source, Qt::Key_Down);
        int bandit = 0;
        for (const Finding &f : document().report().findings)
            bandit += f.source == u"bandit" ? 1 : 0;
        QCOMPARE(m_view->filterModel()->rowCount(), bandit);
        for (int row = 0; row < bandit; ++row)
            QCOMPARE(
                m_view->filterModel()->index(row, FindingsModel::SourceColumn).data().toString(),
                QStringLiteral("bandit"));
        // A new analysis without Bandit findings drops the source and shows all again.
        document().setAnalysis(
            threatdock::testing::analyzeForTest(threatdock::testing::sampleProject()));
        QCOMPARE(source->findText(QStringLiteral("bandit")), -1);
        QCOMPARE(m_view->filterModel()->rowCount(), total());
    }
};

QTEST_MAIN(TestFindingsView)
#include "tst_findingsview.moc"
