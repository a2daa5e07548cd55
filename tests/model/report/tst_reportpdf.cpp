// The report PDF of the bundled sample, read back with poppler (pdftotext, pdfinfo,
// pdftoppm) and qpdf: its sections, threats, ATT&CK and NIST ids, review decisions, page
// sizes, the diagram page, the outline and GoTo links, repeated table headers, and that no
// secret value gets into it.

#include "reportfixture.h"

#include "report/reportcomposer.h"

#include <QCryptographicHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

using namespace threatdock;
using threatdock::testing::ReportFixture;

namespace {

QString pdfText(const QString &pdf, int page = 0)
{
    QStringList args{QStringLiteral("-enc"), QStringLiteral("UTF-8")};
    if (page > 0)
        args << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l")
             << QString::number(page);
    args << pdf << QStringLiteral("-");
    return QString::fromUtf8(testing::runTool(QStringLiteral("pdftotext"), args));
}

/// qpdf's JSON view of the outline: [{title, destpageposfrom1, kids}].
QJsonArray outlines(const QString &pdf)
{
    const QByteArray json
        = testing::runTool(QStringLiteral("qpdf"),
                           {QStringLiteral("--json=2"), QStringLiteral("--json-key=outlines"),
                            QStringLiteral("--"), pdf});
    return QJsonDocument::fromJson(json).object().value(QStringLiteral("outlines")).toArray();
}

QJsonObject outlineEntry(const QJsonArray &entries, const QString &title)
{
    for (const QJsonValue &v : entries)
        if (v.toObject().value(QStringLiteral("title")).toString() == title)
            return v.toObject();
    return QJsonObject();
}

/// The PDF with every stream uncompressed (qpdf --qdf), to search its objects as text.
QByteArray uncompressed(const QString &pdf, const QString &out)
{
    testing::runTool(QStringLiteral("qpdf"),
                     {QStringLiteral("--qdf"), QStringLiteral("--object-streams=disable"),
                      QStringLiteral("--"), pdf, out});
    QFile f(out);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// As PDF text strings spell Unicode.
QByteArray utf16be(const QString &text)
{
    QByteArray out;
    for (const QChar c : text)
        out.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
    return out;
}

QStringList sectionHeadings()
{
    return {QStringLiteral("Contents"),
            QStringLiteral("1 Management summary"),
            QStringLiteral("2 Architecture"),
            QStringLiteral("3 Threats by element"),
            QStringLiteral("4 Findings"),
            QStringLiteral("5 Hardening"),
            QStringLiteral("6 Runtime verification"),
            QStringLiteral("7 Coverage"),
            QStringLiteral("8 Accepted and transferred risks"),
            QStringLiteral("9 Appendix")};
}

} // namespace

class TestReportPdf : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sectionsThreatsAndMappings();
    void reviewDecisions();
    void pageSize_data();
    void pageSize();
    void diagramPageIsDrawn();
    void outlineAndGoToLinks();
    void secretsNeverAppear_data();
    void secretsNeverAppear();
    void longTablesRepeatTheirHeader();
    void cancelStopsTheReport();

private:
    ReportFixture m_sample;
    QString m_pdf; ///< the sample's PDF, A4
};

void TestReportPdf::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_sample.setUp(testing::samplePath());
    if (QTest::currentTestFailed())
        return;
    const QByteArray pdf = m_sample.render(report::ReportFormat::Pdf);
    QVERIFY(pdf.startsWith("%PDF-"));
    m_pdf = m_sample.writeFile(QStringLiteral("sample.pdf"), pdf);
}

void TestReportPdf::sectionsThreatsAndMappings()
{
    const QString text = pdfText(m_pdf);
    QVERIFY(!text.isEmpty());
    for (const QString &heading : sectionHeadings())
        QVERIFY2(text.contains(heading), qPrintable(heading));
    QCOMPARE(report::ReportComposer::sectionTitles(), sectionHeadings().mid(1));
    const QString flat = testing::squeezed(text);
    QSet<QString> attack;
    QSet<QString> nist;
    for (const threats::Threat &t : m_sample.result.report.threats) {
        QVERIFY2(flat.contains(t.id), qPrintable(t.id));
        for (const QString &id : t.attack)
            attack.insert(id);
        for (const QString &id : t.nist)
            nist.insert(id);
    }
    QVERIFY(attack.size() > 5);
    QVERIFY(nist.size() > 5);
    for (const QString &id : std::as_const(attack))
        QVERIFY2(flat.contains(id), qPrintable(id));
    for (const QString &id : std::as_const(nist))
        QVERIFY2(flat.contains(id), qPrintable(id));
    // Names and titles from the catalog, not only ids.
    QVERIFY(text.contains(QStringLiteral("Escape to Host")));
    QVERIFY(text.contains(QStringLiteral("Least Privilege")));
    // The scan run's finding and its tool version.
    QVERIFY(flat.contains(QStringLiteral("B602")));
    QVERIFY(text.contains(QStringLiteral("bandit")));
    QVERIFY(text.contains(QStringLiteral("1.6.2")));
}

void TestReportPdf::reviewDecisions()
{
    const QString text = pdfText(m_pdf);
    const QString flat = testing::squeezed(text);
    QVERIFY(text.contains(QStringLiteral("Alice Facilitator")));
    QVERIFY(text.contains(QStringLiteral("Workshop report")));
    QVERIFY(text.contains(ReportFixture::owner()));
    QVERIFY(flat.contains(testing::squeezed(ReportFixture::justification())));
    QVERIFY(flat.contains(
        testing::squeezed(QStringLiteral("Is the admin port reachable from the VPN?"))));
    QVERIFY(flat.contains(testing::squeezed(QStringLiteral("Put the API behind the proxy"))));
    // The accepted threat is listed in section 8, after its card in section 3.
    const qsizetype risks = text.lastIndexOf(QStringLiteral("8 Accepted and transferred risks"));
    QVERIFY(risks > 0);
    QVERIFY(testing::squeezed(text.mid(risks))
                .contains(testing::squeezed(ReportFixture::justification())));
    // Input hashes: the compose file's SHA-256.
    QFile compose(testing::samplePath() + QStringLiteral("/compose.yaml"));
    QVERIFY(compose.open(QIODevice::ReadOnly));
    QVERIFY(flat.contains(QString::fromLatin1(
        QCryptographicHash::hash(compose.readAll(), QCryptographicHash::Sha256).toHex())));
}

void TestReportPdf::pageSize_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a4") << QStringLiteral("a4") << QStringLiteral("595 x 842 pts (A4)");
    QTest::newRow("letter") << QStringLiteral("letter") << QStringLiteral("612 x 792 pts (letter)");
}

void TestReportPdf::pageSize()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    const auto size = report::ReportBuilder::pageSizeFromName(name);
    QVERIFY(size);
    const QString path = m_sample.writeFile(name + QStringLiteral(".pdf"),
                                            m_sample.render(report::ReportFormat::Pdf, *size));
    const QString info
        = QString::fromUtf8(testing::runTool(QStringLiteral("pdfinfo"),
                                             {QStringLiteral("-f"), QStringLiteral("1"),
                                              QStringLiteral("-l"), QStringLiteral("3"), path}));
    QVERIFY2(info.contains(QStringLiteral("Page    1 size:  ") + expected), qPrintable(info));
    QVERIFY2(info.contains(QStringLiteral("Page    3 size:  ") + expected), qPrintable(info));
}

void TestReportPdf::diagramPageIsDrawn()
{
    const QJsonObject architecture
        = outlineEntry(outlines(m_pdf), QStringLiteral("2 Architecture"));
    const int page = architecture.value(QStringLiteral("destpageposfrom1")).toInt();
    QVERIFY(page > 2);
    // The sample's diagram is wider than tall: its page is landscape.
    const QString info
        = QString::fromUtf8(testing::runTool(QStringLiteral("pdfinfo"),
                                             {QStringLiteral("-f"), QString::number(page),
                                              QStringLiteral("-l"), QString::number(page), m_pdf}));
    QVERIFY2(info.contains(QStringLiteral("842 x 595 pts")), qPrintable(info));
    const QString prefix = m_sample.path(QStringLiteral("diagram"));
    testing::runTool(QStringLiteral("pdftoppm"),
                     {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"),
                      QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"),
                      QString::number(page), QStringLiteral("-singlefile"), m_pdf, prefix});
    const QImage image(prefix + QStringLiteral(".png"));
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > image.height());
    // Between the heading and the caption: drawn pixels, and the red of Internet flows.
    int drawn = 0;
    int red = 0;
    for (int y = image.height() / 5; y < image.height() * 4 / 5; ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.lightness() < 235)
                ++drawn;
            if (c.red() > 150 && c.green() < 80 && c.blue() < 80)
                ++red;
        }
    const int area = image.width() * (image.height() * 3 / 5);
    QVERIFY2(drawn > area / 50, qPrintable(QString::number(drawn)));
    QVERIFY2(red > 20, qPrintable(QString::number(red)));
    QVERIFY(pdfText(m_pdf, page).contains(QStringLiteral("Internet / clients")));
}

void TestReportPdf::outlineAndGoToLinks()
{
    const QJsonArray entries = outlines(m_pdf);
    QStringList titles;
    for (const QJsonValue &v : entries)
        titles << v.toObject().value(QStringLiteral("title")).toString();
    QCOMPARE(titles, sectionHeadings());
    // Every element with threats has its bookmark under section 3, pointing at its page.
    const QJsonArray kids = outlineEntry(entries, QStringLiteral("3 Threats by element"))
                                .value(QStringLiteral("kids"))
                                .toArray();
    QStringList elements;
    for (const QJsonValue &v : kids) {
        elements << v.toObject().value(QStringLiteral("title")).toString();
        const int page = v.toObject().value(QStringLiteral("destpageposfrom1")).toInt();
        QVERIFY(page > 0);
        QVERIFY(pdfText(m_pdf, page).contains(elements.last().section(u' ', 0, 0)));
    }
    QSet<QString> ids;
    for (const threats::Threat &t : m_sample.result.report.threats)
        ids.insert(t.elementId);
    QCOMPARE(elements.size(), ids.size());
    QVERIFY(elements.contains(QStringLiteral("api (process)")));
    QVERIFY(elements.contains(QStringLiteral("redis (process)")));

    const QByteArray qdf = uncompressed(m_pdf, m_sample.path(QStringLiteral("qdf.pdf")));
    QVERIFY(!qdf.isEmpty());
    QVERIFY(qdf.contains("/PageMode /UseOutlines"));
    const auto links = qdf.count("/Subtype /Link");
    QVERIFY2(links > 50, qPrintable(QString::number(links))); // contents, top risks, cross-links
    QCOMPARE(qdf.count("/S /GoTo"), links);
    QCOMPARE(qdf.count("/S /URI"), 0);
}

void TestReportPdf::secretsNeverAppear_data()
{
    testing::addSecretRows();
}

void TestReportPdf::secretsNeverAppear()
{
    QFETCH(bool, fixture);
    const testing::SecretCase secretCase(fixture, m_sample);
    if (QTest::currentTestFailed())
        return;
    const QStringList &secrets = secretCase.secrets;
    QString pdfPath = m_pdf;
    if (fixture) {
        pdfPath = secretCase.source->writeFile(
            QStringLiteral("fixture.pdf"), secretCase.source->render(report::ReportFormat::Pdf));
    } else {
        // The secrets are really in the sample, so their absence below means something.
        QFile compose(testing::samplePath() + QStringLiteral("/compose.yaml"));
        QVERIFY(compose.open(QIODevice::ReadOnly));
        const QByteArray content = compose.readAll();
        for (const QString &s : secrets)
            QVERIFY(content.contains(s.toUtf8()));
    }
    const QString text = pdfText(pdfPath);
    QVERIFY(text.contains(QStringLiteral("****")));
    QFile raw(pdfPath);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray bytes = raw.readAll();
    const QByteArray qdf = uncompressed(pdfPath, pdfPath + QStringLiteral(".qdf"));
    QVERIFY(!qdf.isEmpty());
    for (const QString &secret : secrets) {
        QVERIFY2(!text.contains(secret), qPrintable(secret));
        QVERIFY2(!testing::squeezed(text).contains(secret), qPrintable(secret));
        for (const QByteArray &encoded : {secret.toUtf8(), utf16be(secret)}) {
            QVERIFY2(!bytes.contains(encoded), qPrintable(secret));
            QVERIFY2(!qdf.contains(encoded), qPrintable(secret));
        }
    }
}

void TestReportPdf::longTablesRepeatTheirHeader()
{
    testing::ProjectFixture project({});
    QByteArray compose = "name: wide\nservices:\n";
    for (int i = 0; i < 70; ++i)
        compose += QStringLiteral("  svc-%1:\n    image: example/svc-%1\n    ports: [\"%2:80\"]\n")
                       .arg(i)
                       .arg(20000 + i)
                       .toUtf8();
    project.write(QStringLiteral("compose.yaml"), compose);
    analysis::AnalysisRequest request;
    request.load.path = project.path();
    const analysis::AnalysisResult result = analysis::analyzeProject(request);
    QVERIFY(result.ok());
    report::ReportInput input;
    input.analysis = result.report;
    input.diagram = result.diagram;
    QString error;
    const auto pdf = report::ReportBuilder(input).render(report::ReportFormat::Pdf, {}, &error);
    QVERIFY2(pdf, qPrintable(error));
    const QString path = m_sample.writeFile(QStringLiteral("wide.pdf"), *pdf);
    // The services table runs from its heading's page to the page before the next
    // table's; "Security-relevant facts" is one of its column headers, on every page.
    const QJsonArray architecture = outlineEntry(outlines(path), QStringLiteral("2 Architecture"))
                                        .value(QStringLiteral("kids"))
                                        .toArray();
    const int first = outlineEntry(architecture, QStringLiteral("Services"))
                          .value(QStringLiteral("destpageposfrom1"))
                          .toInt();
    const int next = outlineEntry(architecture, QStringLiteral("Exposed ports"))
                         .value(QStringLiteral("destpageposfrom1"))
                         .toInt();
    QVERIFY(first > 0 && next >= first);
    int pagesWithRows = 0;
    for (int page = first; page <= next; ++page) {
        const QString text = pdfText(path, page);
        if (!text.contains(QStringLiteral("example/svc-")))
            continue;
        ++pagesWithRows;
        QVERIFY2(text.contains(QStringLiteral("Security-relevant facts")),
                 qPrintable(QString::number(page)));
    }
    QVERIFY2(pagesWithRows >= 2, qPrintable(QString::number(pagesWithRows)));
}

void TestReportPdf::cancelStopsTheReport()
{
    int calls = 0;
    report::ReportBuilder::Options options;
    options.progress = [&calls](int done, int total) {
        ++calls;
        return done < 3 && total > 3;
    };
    QString error;
    const auto pdf = report::ReportBuilder(m_sample.input())
                         .render(report::ReportFormat::Pdf, options, &error);
    QVERIFY(!pdf);
    QCOMPARE(calls, 3);
    QCOMPARE(error, QStringLiteral("cancelled"));
}

QTEST_MAIN(TestReportPdf)
#include "tst_reportpdf.moc"
