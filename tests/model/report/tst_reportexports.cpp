// The report's other formats: self-contained, well-formed HTML; Markdown; CSV for trackers
// (columns, RFC 4180 quoting, formula neutralisation); JSON; the ATT&CK Navigator layer
// and Open Threat Model against their formats' required fields; secrets in none of them;
// and the report command of threatdock-cli.

#include "clirun.h"
#include "reportfixture.h"
#include "testsupport.h"

#include "report/csvthreatwriter.h"
#include "report/reportcomposer.h"
#include "scans/runtimereport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QXmlStreamReader>

using namespace threatdock;
using threatdock::testing::ReportFixture;

namespace {

/// RFC 4180: records of fields; quoted fields may hold commas, quotes ("") and line breaks.
QList<QStringList> parseCsv(const QString &text, QString *error)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    bool wasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"' && field.isEmpty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == u',') {
            record << field;
            field.clear();
            wasQuoted = false;
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            record << field;
            records << record;
            record.clear();
            field.clear();
            wasQuoted = false;
            ++i;
        } else if (c == u'\n' || c == u'\r' || c == u'"') {
            *error = QStringLiteral("bare line break or quote at %1").arg(i);
            return {};
        } else {
            field += c;
        }
    }
    if (quoted)
        *error = QStringLiteral("unterminated quote");
    if (!field.isEmpty() || !record.isEmpty())
        *error = QStringLiteral("last record without CRLF");
    return records;
}

QJsonObject json(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

bool isString(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1StringView(key)).isString()
        && !o.value(QLatin1StringView(key)).toString().isEmpty();
}

QSet<QString> idsOf(const QJsonArray &array)
{
    QSet<QString> ids;
    for (const QJsonValue &v : array)
        ids.insert(v.toObject().value(QStringLiteral("id")).toString());
    return ids;
}

/// The section of a Markdown report from its heading to the next section's.
QString markdownSection(const QString &md, const QString &title)
{
    const qsizetype start = md.indexOf(QStringLiteral("\n## ") + title + u'\n');
    if (start < 0)
        return QString();
    const qsizetype end = md.indexOf(QStringLiteral("\n## "), start + 1);
    return md.mid(start, end < 0 ? -1 : end - start);
}

/// The hardened sample's containers as docker inspect showed them (tests/data/scans/docker).
scans::RuntimeVerification dockerVerification()
{
    scans::RuntimeVerification v;
    v.project = QStringLiteral("threatdock-sample-hardened");
    v.engine = QStringLiteral("docker 20.10.24 at unix:///tmp/test/docker.sock");
    v.startedAt = QDateTime(QDate(2026, 3, 2), QTime(11, 0), QTimeZone::utc());
    v.finishedAt = v.startedAt.addSecs(2);
    v.containers = scans::RuntimeVerifier::verify(
        testing::readJson(
            testing::testDataPath(QStringLiteral("scans/docker/hardened-containers.json")))
            .array(),
        testing::readJson(testing::testDataPath(QStringLiteral("scans/docker/images.json")))
            .array());
    return v;
}

QString hardenedSamplePath()
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/hardened");
}

} // namespace

class TestReportExports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void htmlIsWellFormedAndSelfContained();
    void markdownHasEverySection();
    void csvHasTrackerColumns();
    void csvQuotesAndNeutralises();
    void csvField_data();
    void csvField();
    void jsonHasReviewAndInputs();
    void navigatorLayer();
    void openThreatModel();
    void secretsInNoFormat_data();
    void secretsInNoFormat();
    void commandChoosesTheFormat_data();
    void commandChoosesTheFormat();
    void commandUsageErrors();
    void commandReadsTheReviewsProject();
    void hardeningBeforeAndAfter();
    void hardeningRecordedByTheWorkbench();
    void runtimeVerification();
    void runtimeVerificationFromTheReview();

private:
    ReportFixture m_sample;
};

void TestReportExports::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_sample.setUp(testing::samplePath());
}

void TestReportExports::htmlIsWellFormedAndSelfContained()
{
    const QByteArray html = m_sample.render(report::ReportFormat::Html);
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    QXmlStreamReader xml(html);
    QStringList headings;
    QSet<QString> ids;
    QSet<QString> links;
    int svgs = 0;
    QString element;
    static const QStringList fetching{QStringLiteral("link"),   QStringLiteral("script"),
                                      QStringLiteral("img"),    QStringLiteral("iframe"),
                                      QStringLiteral("object"), QStringLiteral("embed"),
                                      QStringLiteral("image"),  QStringLiteral("use")};
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            element = xml.name().toString();
            QVERIFY2(!fetching.contains(element), qPrintable(element));
            svgs += element == u"svg" ? 1 : 0;
            for (const QXmlStreamAttribute &a : xml.attributes()) {
                const QString value = a.value().toString();
                if (a.name() == u"id")
                    ids.insert(value);
                if (a.name() == u"href") {
                    QVERIFY2(value.startsWith(u'#'), qPrintable(value));
                    links.insert(value.mid(1));
                }
                QVERIFY2(a.name() != u"src", qPrintable(value));
                QVERIFY2(!value.contains(QStringLiteral("url(")), qPrintable(value));
            }
        } else if (xml.isCharacters() && element == u"style") {
            QVERIFY(!xml.text().contains(QStringLiteral("url(")));
            QVERIFY(!xml.text().contains(QStringLiteral("@import")));
        } else if (xml.isCharacters() && element.size() == 2 && element.startsWith(u'h')) {
            headings << xml.text().toString();
        }
    }
    QVERIFY2(!xml.hasError(),
             qPrintable(xml.errorString() + QStringLiteral(" at line ")
                        + QString::number(xml.lineNumber())));
    QCOMPARE(svgs, 3); // the diagram and two charts
    for (const QString &title : report::ReportComposer::sectionTitles())
        QVERIFY2(headings.contains(title), qPrintable(title));
    // Every link lands on an anchor of the file.
    QVERIFY(links.size() > 20);
    for (const QString &link : std::as_const(links))
        QVERIFY2(ids.contains(link), qPrintable(link));
    const QString text = QString::fromUtf8(html);
    for (const threats::Threat &t : m_sample.result.report.threats)
        QVERIFY2(text.contains(t.id.toHtmlEscaped()), qPrintable(t.id));
    QVERIFY(text.contains(QStringLiteral("data-element=\"service:api\"")));
}

void TestReportExports::markdownHasEverySection()
{
    const QString md = QString::fromUtf8(m_sample.render(report::ReportFormat::Markdown));
    for (const QString &title : report::ReportComposer::sectionTitles())
        QVERIFY2(md.contains(QStringLiteral("\n## ") + title + u'\n'), qPrintable(title));
    QVERIFY(md.contains(QStringLiteral("```mermaid\nflowchart LR\n")));
    for (const threats::Threat &t : m_sample.result.report.threats)
        QVERIFY2(md.contains(u'`' + t.id + u'`'), qPrintable(t.id));
    QVERIFY(md.contains(ReportFixture::justification()));
    // Contents links point at anchors that exist.
    const QRegularExpression link(QStringLiteral("\\]\\(#([a-z0-9-]+)\\)"));
    for (auto it = link.globalMatch(md); it.hasNext();) {
        const QString anchor = it.next().captured(1);
        QVERIFY2(md.contains(QStringLiteral("<a id=\"%1\"></a>").arg(anchor)), qPrintable(anchor));
    }
}

void TestReportExports::csvHasTrackerColumns()
{
    const QByteArray csv = m_sample.render(report::ReportFormat::Csv);
    QVERIFY(csv.startsWith("\xEF\xBB\xBF")); // Excel reads it as UTF-8
    QString error;
    const QList<QStringList> records = parseCsv(QString::fromUtf8(csv.mid(3)), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList expected{QStringLiteral("Summary"),
                               QStringLiteral("Issue Type"),
                               QStringLiteral("Priority"),
                               QStringLiteral("Labels"),
                               QStringLiteral("Component"),
                               QStringLiteral("Status"),
                               QStringLiteral("Owner"),
                               QStringLiteral("Description"),
                               QStringLiteral("Threat ID"),
                               QStringLiteral("Element"),
                               QStringLiteral("Element Kind"),
                               QStringLiteral("STRIDE"),
                               QStringLiteral("Severity"),
                               QStringLiteral("Likelihood"),
                               QStringLiteral("Impact"),
                               QStringLiteral("Risk"),
                               QStringLiteral("MITRE ATT&CK"),
                               QStringLiteral("NIST SP 800-53"),
                               QStringLiteral("NIST SP 800-190"),
                               QStringLiteral("Mitigations In Place"),
                               QStringLiteral("Mitigations Missing"),
                               QStringLiteral("Findings"),
                               QStringLiteral("Evidence"),
                               QStringLiteral("Notes")};
    QCOMPARE(records.value(0), expected);
    const auto &threats = m_sample.result.report.threats;
    QCOMPARE(records.size(), threats.size() + 1);
    QSet<QString> ids;
    for (const QStringList &r : records.mid(1)) {
        QCOMPARE(r.size(), expected.size());
        ids.insert(r.at(8));
        QVERIFY(
            QStringList({QStringLiteral("Highest"), QStringLiteral("High"),
                         QStringLiteral("Medium"), QStringLiteral("Low"), QStringLiteral("Lowest")})
                .contains(r.at(2)));
        QCOMPARE(r.at(15).toInt(), r.at(13).toInt() * r.at(14).toInt());
        if (r.at(8) == m_sample.accepted) {
            QCOMPARE(r.at(5), QStringLiteral("accepted"));
            QCOMPARE(r.at(6), ReportFixture::owner());
            QCOMPARE(r.at(23), ReportFixture::justification());
        }
    }
    QCOMPARE(ids.size(), threats.size());
    for (const threats::Threat &t : threats)
        QVERIFY(ids.contains(t.id));
}

void TestReportExports::csvQuotesAndNeutralises()
{
    const QString threat = m_sample.result.report.threats.at(5).id;
    const QString notes = QStringLiteral(
        "=HYPERLINK(\"http://example.invalid\",\"click\"), then \"quoted\"\nsecond line");
    QVERIFY(m_sample.store->setNotes(threat, notes).ok());
    QVERIFY(m_sample.store->setOwner(threat, QStringLiteral("@ops, -team")).ok());
    const QByteArray csv = m_sample.render(report::ReportFormat::Csv);
    QVERIFY(m_sample.store->setNotes(threat, QString()).ok());
    QVERIFY(m_sample.store->setOwner(threat, QString()).ok());
    QString error;
    const QList<QStringList> records = parseCsv(QString::fromUtf8(csv.mid(3)), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    bool found = false;
    for (const QStringList &r : records)
        if (r.value(8) == threat) {
            found = true;
            QCOMPARE(r.at(23), u'\'' + notes);
            QCOMPARE(r.at(6), QStringLiteral("'@ops, -team"));
        }
    QVERIFY(found);
    // No unquoted field starts with a formula character anywhere.
    for (const QStringList &r : records)
        for (const QString &field : r)
            QVERIFY2(field.isEmpty() || !QStringLiteral("=+-@").contains(field.at(0)),
                     qPrintable(field));
}

void TestReportExports::csvField_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("api") << QStringLiteral("api");
    QTest::newRow("comma") << QStringLiteral("a, b") << QStringLiteral("\"a, b\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
    QTest::newRow("equals") << QStringLiteral("=1+1") << QStringLiteral("'=1+1");
    QTest::newRow("plus") << QStringLiteral("+1") << QStringLiteral("'+1");
    QTest::newRow("minus") << QStringLiteral("-cmd") << QStringLiteral("'-cmd");
    QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
    QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
    QTest::newRow("formula with comma")
        << QStringLiteral("=A1,B1") << QStringLiteral("\"'=A1,B1\"");
    QTest::newRow("inner equals") << QStringLiteral("a=b") << QStringLiteral("a=b");
}

void TestReportExports::csvField()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(report::CsvThreatWriter::field(value), expected);
}

void TestReportExports::jsonHasReviewAndInputs()
{
    const QJsonObject o = json(m_sample.render(report::ReportFormat::Json));
    QCOMPARE(o.value(QStringLiteral("report")).toObject().value(QStringLiteral("title")).toString(),
             QStringLiteral("Workshop report"));
    const QJsonArray states = o.value(QStringLiteral("threat_states")).toArray();
    QCOMPARE(states.size(), m_sample.result.report.threats.size());
    bool accepted = false;
    for (const QJsonValue &v : states)
        if (v.toObject().value(QStringLiteral("id")).toString() == m_sample.accepted) {
            accepted = true;
            QCOMPARE(v.toObject().value(QStringLiteral("state")).toString(),
                     QStringLiteral("accepted"));
            QCOMPARE(v.toObject().value(QStringLiteral("owner")).toString(),
                     ReportFixture::owner());
        }
    QVERIFY(accepted);
    QCOMPARE(o.value(QStringLiteral("analysis"))
                 .toObject()
                 .value(QStringLiteral("threats"))
                 .toArray()
                 .size(),
             m_sample.result.report.threats.size());
    QVERIFY(!o.value(QStringLiteral("review"))
                 .toObject()
                 .value(QStringLiteral("history"))
                 .toArray()
                 .isEmpty());
    QCOMPARE(o.value(QStringLiteral("scan_runs")).toArray().size(), 1);
    QVERIFY(o.value(QStringLiteral("hardening")).isNull());
    QVERIFY(o.value(QStringLiteral("verification")).isNull());
    const QJsonArray inputs = o.value(QStringLiteral("inputs")).toArray();
    QVERIFY(!inputs.isEmpty());
    for (const QJsonValue &v : inputs)
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$"))
                    .match(v.toObject().value(QStringLiteral("sha256")).toString())
                    .hasMatch());
}

void TestReportExports::navigatorLayer()
{
    const QJsonObject layer = json(m_sample.render(report::ReportFormat::Navigator));
    // Layer format 4.x: name and domain are required; versions.layer and .navigator too.
    QVERIFY(isString(layer, "name"));
    QCOMPARE(layer.value(QStringLiteral("domain")).toString(), QStringLiteral("enterprise-attack"));
    const QJsonObject versions = layer.value(QStringLiteral("versions")).toObject();
    QVERIFY(versions.value(QStringLiteral("layer")).toString().startsWith(QStringLiteral("4.")));
    QVERIFY(isString(versions, "navigator"));
    const QJsonObject gradient = layer.value(QStringLiteral("gradient")).toObject();
    QVERIFY(gradient.value(QStringLiteral("colors")).toArray().size() >= 2);
    const double minValue = gradient.value(QStringLiteral("minValue")).toDouble();
    const double maxValue = gradient.value(QStringLiteral("maxValue")).toDouble();
    QVERIFY(maxValue > minValue);
    for (const QJsonValue &item : layer.value(QStringLiteral("legendItems")).toArray())
        QVERIFY(isString(item.toObject(), "label") && isString(item.toObject(), "color"));
    const QRegularExpression techniqueId(QStringLiteral("^T\\d{4}(\\.\\d{3})?$"));
    const QRegularExpression color(QStringLiteral("^#[0-9a-f]{6}$"));
    QSet<QString> listed;
    for (const QJsonValue &v : layer.value(QStringLiteral("techniques")).toArray()) {
        const QJsonObject t = v.toObject();
        const QString id = t.value(QStringLiteral("techniqueID")).toString();
        QVERIFY2(techniqueId.match(id).hasMatch(), qPrintable(id));
        QVERIFY(!listed.contains(id));
        listed.insert(id);
        const double score = t.value(QStringLiteral("score")).toDouble(-1);
        QVERIFY(score >= minValue && score <= maxValue);
        QVERIFY(color.match(t.value(QStringLiteral("color")).toString()).hasMatch());
        QVERIFY(isString(t, "comment"));
        for (const QJsonValue &m : t.value(QStringLiteral("metadata")).toArray())
            QVERIFY(isString(m.toObject(), "name") && isString(m.toObject(), "value"));
    }
    for (const threats::Threat &t : m_sample.result.report.threats)
        for (const QString &id : t.attack)
            QVERIFY2(listed.contains(id), qPrintable(id));
}

void TestReportExports::openThreatModel()
{
    const QJsonObject otm = json(m_sample.render(report::ReportFormat::Otm));
    QVERIFY(isString(otm, "otmVersion"));
    const QJsonObject project = otm.value(QStringLiteral("project")).toObject();
    QVERIFY(isString(project, "name") && isString(project, "id"));
    const QJsonArray zones = otm.value(QStringLiteral("trustZones")).toArray();
    const QJsonArray components = otm.value(QStringLiteral("components")).toArray();
    const QJsonArray flows = otm.value(QStringLiteral("dataflows")).toArray();
    const QJsonArray threatList = otm.value(QStringLiteral("threats")).toArray();
    const QJsonArray mitigations = otm.value(QStringLiteral("mitigations")).toArray();
    const QSet<QString> zoneIds = idsOf(zones);
    const QSet<QString> componentIds = idsOf(components);
    const QSet<QString> threatIds = idsOf(threatList);
    const QSet<QString> mitigationIds = idsOf(mitigations);
    for (const QJsonValue &v : zones) {
        const QJsonObject z = v.toObject();
        QVERIFY(isString(z, "id") && isString(z, "name"));
        QVERIFY(z.value(QStringLiteral("risk"))
                    .toObject()
                    .value(QStringLiteral("trustRating"))
                    .isDouble());
        if (z.contains(QStringLiteral("parent")))
            QVERIFY(zoneIds.contains(z.value(QStringLiteral("parent"))
                                         .toObject()
                                         .value(QStringLiteral("trustZone"))
                                         .toString()));
    }
    QCOMPARE(components.size(), m_sample.result.report.systemModel.elements.size());
    const auto checkRefs = [&](const QJsonArray &refs) {
        for (const QJsonValue &r : refs) {
            QVERIFY(threatIds.contains(r.toObject().value(QStringLiteral("threat")).toString()));
            QVERIFY(isString(r.toObject(), "state"));
            for (const QJsonValue &m :
                 r.toObject().value(QStringLiteral("mitigations")).toArray()) {
                QVERIFY(mitigationIds.contains(
                    m.toObject().value(QStringLiteral("mitigation")).toString()));
                QVERIFY(isString(m.toObject(), "state"));
            }
        }
    };
    int referenced = 0;
    for (const QJsonValue &v : components) {
        const QJsonObject c = v.toObject();
        QVERIFY(isString(c, "id") && isString(c, "name") && isString(c, "type"));
        const QJsonObject parent = c.value(QStringLiteral("parent")).toObject();
        QVERIFY(zoneIds.contains(parent.value(QStringLiteral("trustZone")).toString())
                || componentIds.contains(parent.value(QStringLiteral("component")).toString()));
        referenced += int(c.value(QStringLiteral("threats")).toArray().size());
        checkRefs(c.value(QStringLiteral("threats")).toArray());
    }
    for (const QJsonValue &v : flows) {
        const QJsonObject f = v.toObject();
        QVERIFY(isString(f, "id") && isString(f, "name"));
        QVERIFY(componentIds.contains(f.value(QStringLiteral("source")).toString()));
        QVERIFY(componentIds.contains(f.value(QStringLiteral("destination")).toString()));
        referenced += int(f.value(QStringLiteral("threats")).toArray().size());
        checkRefs(f.value(QStringLiteral("threats")).toArray());
    }
    QCOMPARE(referenced, m_sample.result.report.threats.size());
    QCOMPARE(threatList.size(), m_sample.result.report.threats.size());
    for (const QJsonValue &v : threatList) {
        const QJsonObject t = v.toObject();
        QVERIFY(isString(t, "id") && isString(t, "name"));
        const QJsonObject risk = t.value(QStringLiteral("risk")).toObject();
        QVERIFY(risk.value(QStringLiteral("likelihood")).isDouble());
        QVERIFY(risk.value(QStringLiteral("impact")).isDouble());
    }
    QVERIFY(!mitigations.isEmpty());
    for (const QJsonValue &v : mitigations) {
        QVERIFY(isString(v.toObject(), "id") && isString(v.toObject(), "name"));
        QVERIFY(v.toObject().value(QStringLiteral("riskReduction")).isDouble());
    }
}

void TestReportExports::secretsInNoFormat_data()
{
    testing::addSecretRows();
}

void TestReportExports::secretsInNoFormat()
{
    QFETCH(bool, fixture);
    const testing::SecretCase secrets(fixture, m_sample);
    if (QTest::currentTestFailed())
        return;
    const ReportFixture *source = secrets.source;
    for (const report::ReportFormat format :
         {report::ReportFormat::Html, report::ReportFormat::Markdown, report::ReportFormat::Csv,
          report::ReportFormat::Json, report::ReportFormat::Navigator, report::ReportFormat::Otm}) {
        const QString text = QString::fromUtf8(source->render(format));
        QVERIFY(!text.isEmpty());
        for (const QString &secret : secrets.secrets)
            QVERIFY2(!text.contains(secret),
                     qPrintable(report::ReportBuilder::formatName(format) + u' ' + secret));
    }
}

void TestReportExports::commandChoosesTheFormat_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("starts");
    QTest::newRow("pdf") << QStringList() << QStringLiteral("r.pdf") << QByteArray("%PDF-");
    QTest::newRow("html") << QStringList() << QStringLiteral("r.html")
                          << QByteArray("<!DOCTYPE html>");
    QTest::newRow("md") << QStringList() << QStringLiteral("r.md")
                        << QByteArray("# Threat model report");
    QTest::newRow("csv") << QStringList() << QStringLiteral("r.csv")
                         << QByteArray("\xEF\xBB\xBFSummary,");
    QTest::newRow("json") << QStringList() << QStringLiteral("r.json")
                          << QByteArray("{\n    \"analysis\"");
    QTest::newRow("navigator") << QStringList{QStringLiteral("--format"),
                                              QStringLiteral("navigator")}
                               << QStringLiteral("layer.json")
                               << QByteArray("{\n    \"description\"");
    QTest::newRow("otm") << QStringList() << QStringLiteral("model.otm")
                         << QByteArray("{\n    \"components\"");
    QTest::newRow("otm as json") << QStringList{QStringLiteral("--format"), QStringLiteral("otm")}
                                 << QStringLiteral("model.json")
                                 << QByteArray("{\n    \"components\"");
}

void TestReportExports::commandChoosesTheFormat()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, file);
    QFETCH(QByteArray, starts);
    const QString output = m_sample.path(file);
    const testing::CliRun run = testing::runCli(
        QStringList{QStringLiteral("report"), testing::samplePath(), QStringLiteral("-o"), output}
        + arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QFile f(output);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY2(f.readAll().startsWith(starts), qPrintable(file));
}

void TestReportExports::commandUsageErrors()
{
    const QString sample = testing::samplePath();
    testing::CliRun run = testing::runCli({QStringLiteral("report"), sample});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QStringLiteral("-o FILE is required")));
    run = testing::runCli({QStringLiteral("report"), sample, QStringLiteral("-o"),
                           m_sample.path(QStringLiteral("r.txt"))});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QStringLiteral("--format")));
    run = testing::runCli({QStringLiteral("report"), sample, QStringLiteral("--format"),
                           QStringLiteral("docx"), QStringLiteral("-o"),
                           m_sample.path(QStringLiteral("r.docx"))});
    QCOMPARE(run.exitCode, 2);
    run = testing::runCli({QStringLiteral("report"), sample, QStringLiteral("--page-size"),
                           QStringLiteral("a5"), QStringLiteral("-o"),
                           m_sample.path(QStringLiteral("r.pdf"))});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QStringLiteral("a4 or letter")));
    const QString missing = m_sample.path(QStringLiteral("missing.threatdock"));
    const QString never = m_sample.path(QStringLiteral("never-written.html"));
    run = testing::runCli({QStringLiteral("report"), sample, QStringLiteral("--review"), missing,
                           QStringLiteral("-o"), never});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("missing.threatdock")), qPrintable(run.err));
    QVERIFY(!QFile::exists(never));
}

void TestReportExports::commandReadsTheReviewsProject()
{
    // No PATH: the review file says which project; its decisions and scans are reported.
    const QString output = m_sample.path(QStringLiteral("from-review.json"));
    const testing::CliRun run
        = testing::runCli({QStringLiteral("report"), QStringLiteral("--review"),
                           m_sample.reviewPath, QStringLiteral("-o"), output});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QFile f(output);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject o = json(f.readAll());
    const QJsonObject analysis = o.value(QStringLiteral("analysis")).toObject();
    QCOMPARE(analysis.value(QStringLiteral("project"))
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
             m_sample.result.report.project.name);
    bool bandit = false;
    for (const QJsonValue &v : analysis.value(QStringLiteral("findings")).toArray())
        bandit = bandit || v.toObject().value(QStringLiteral("rule")).toString() == u"B602";
    QVERIFY(bandit);
    for (const QJsonValue &v : o.value(QStringLiteral("threat_states")).toArray())
        if (v.toObject().value(QStringLiteral("id")).toString() == m_sample.transferred)
            QCOMPARE(v.toObject().value(QStringLiteral("state")).toString(),
                     QStringLiteral("transferred"));
}

void TestReportExports::hardeningBeforeAndAfter()
{
    const QString output = m_sample.path(QStringLiteral("hardened.json"));
    const testing::CliRun run = testing::runCli({QStringLiteral("report"), hardenedSamplePath(),
                                                 QStringLiteral("--compare"), testing::samplePath(),
                                                 QStringLiteral("-o"), output});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QFile f(output);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject o = json(f.readAll());
    // What was fixed, worked out here from the two analyses' finding ids.
    QSet<QString> after;
    for (const QJsonValue &v :
         o.value(QStringLiteral("analysis")).toObject().value(QStringLiteral("findings")).toArray())
        after.insert(v.toObject().value(QStringLiteral("id")).toString());
    QSet<QString> fixed;
    for (const rules::Finding &finding : m_sample.result.report.findings)
        if (finding.source == u"threatdock" && !after.contains(finding.id))
            fixed.insert(finding.id);
    QVERIFY(fixed.size() > 10);
    const QJsonObject comparison = o.value(QStringLiteral("comparison")).toObject();
    QCOMPARE(comparison.value(QStringLiteral("baseline")).toString(),
             m_sample.result.report.project.name);
    const QJsonObject findings = comparison.value(QStringLiteral("findings")).toObject();
    QCOMPARE(findings.value(QStringLiteral("after")).toInt(), after.size());
    QSet<QString> reported;
    for (const QJsonValue &v : findings.value(QStringLiteral("fixed")).toArray())
        reported.insert(v.toString());
    QCOMPARE(reported, fixed);
    const QJsonObject plan = o.value(QStringLiteral("hardening_plan")).toObject();
    QCOMPARE(plan.value(QStringLiteral("overlay")).toString(),
             QStringLiteral("compose.hardening.yaml"));
    QVERIFY(plan.value(QStringLiteral("changes")).isArray());

    const QString md = m_sample.path(QStringLiteral("hardened.md"));
    QCOMPARE(testing::runCli({QStringLiteral("report"), hardenedSamplePath(),
                              QStringLiteral("--compare"), testing::samplePath(),
                              QStringLiteral("-o"), md})
                 .exitCode,
             0);
    QFile mdFile(md);
    QVERIFY(mdFile.open(QIODevice::ReadOnly));
    const QString section
        = markdownSection(QString::fromUtf8(mdFile.readAll()), QStringLiteral("5 Hardening"));
    const auto before = std::count_if(
        m_sample.result.report.findings.cbegin(), m_sample.result.report.findings.cend(),
        [](const rules::Finding &f) { return f.source == u"threatdock"; });
    QVERIFY(section.contains(QStringLiteral("| Findings | %1 | %2 | %3 |")
                                 .arg(before)
                                 .arg(after.size())
                                 .arg(fixed.size())));
    const QString beforeAfter = section.section(QStringLiteral("### Plan"), 0, 0);
    QVERIFY(beforeAfter.contains(QStringLiteral("### Before and after")));
    QVERIFY(!beforeAfter.contains(QStringLiteral("Not run")));
}

void TestReportExports::hardeningRecordedByTheWorkbench()
{
    report::ReportInput input = m_sample.input();
    report::HardeningRecord record;
    record.steps << report::HardeningStep{QStringLiteral("api"),
                                          QStringLiteral("compose.hardening.yaml"),
                                          QStringLiteral("read_only: true with tmpfs /tmp"),
                                          {QStringLiteral("CMP-FS-001")},
                                          true}
                 << report::HardeningStep{QStringLiteral("redis"),
                                          QStringLiteral("compose.hardening.yaml"),
                                          QStringLiteral("cap_drop: [ALL]"),
                                          {QStringLiteral("CMP-PRIV-003")},
                                          false};
    record.findingsBefore = 32;
    record.findingsAfter = 21;
    record.openThreatsBefore = 41;
    record.openThreatsAfter = 30;
    input.hardening = record;
    QString error;
    const auto md = report::ReportBuilder(input).render(report::ReportFormat::Markdown, {}, &error);
    QVERIFY2(md, qPrintable(error));
    const QString section = markdownSection(QString::fromUtf8(*md), QStringLiteral("5 Hardening"));
    QVERIFY(section.contains(QStringLiteral("| Findings | 32 | 21 |")));
    QVERIFY(section.contains(QStringLiteral("| Open threats | 41 | 30 |")));
    const QString plan
        = section.section(QStringLiteral("### Plan"), 1).section(QStringLiteral("###"), 0, 0);
    QVERIFY(plan.contains(QStringLiteral("read\\_only: true with tmpfs /tmp")));
    QVERIFY(plan.contains(QStringLiteral("cap\\_drop: \\[ALL\\]")));
    const QString applied = section.section(QStringLiteral("### Applied changes"), 1)
                                .section(QStringLiteral("###"), 0, 0);
    QVERIFY(applied.contains(QStringLiteral("read\\_only: true with tmpfs /tmp")));
    QVERIFY(!applied.contains(QStringLiteral("cap\\_drop")));
    QVERIFY(!applied.contains(QStringLiteral("Not run")));
}

void TestReportExports::runtimeVerification()
{
    const scans::RuntimeVerification verification = dockerVerification();
    QVERIFY(!verification.containers.isEmpty());
    report::ReportInput input = m_sample.input();
    input.verification = verification;
    QString error;
    const report::ReportBuilder builder(input);
    const QString md
        = QString::fromUtf8(*builder.render(report::ReportFormat::Markdown, {}, &error));
    const QString section = markdownSection(md, QStringLiteral("6 Runtime verification"));
    QVERIFY(section.contains(QStringLiteral("%1 checks passed, %2 failed")
                                 .arg(verification.count(scans::RuntimeCheck::Status::Passed))
                                 .arg(verification.count(scans::RuntimeCheck::Status::Failed))));
    int rows = 0;
    for (const scans::ContainerVerification &c : verification.containers)
        for (const scans::RuntimeCheck &check : c.checks) {
            ++rows;
            QVERIFY2(section.contains(check.title), qPrintable(check.title));
        }
    QCOMPARE(section.count(QStringLiteral("FAILED")),
             verification.count(scans::RuntimeCheck::Status::Failed));
    QCOMPARE(int(section.count(QStringLiteral("\n| "))), rows + 1); // with the header
    const QJsonObject o = json(*builder.render(report::ReportFormat::Json, {}, &error));
    QCOMPARE(o.value(QStringLiteral("verification"))
                 .toObject()
                 .value(QStringLiteral("containers"))
                 .toArray()
                 .size(),
             verification.containers.size());
}

void TestReportExports::runtimeVerificationFromTheReview()
{
    ReportFixture fixture;
    fixture.setUp(testing::samplePath());
    if (QTest::currentTestFailed())
        return;
    review::ScanRun run;
    run.tool = QStringLiteral("docker");
    run.toolVersion = QStringLiteral("20.10.24");
    run.target = fixture.result.report.project.name;
    run.startedAt = QDateTime(QDate(2026, 3, 2), QTime(12, 0), QTimeZone::utc());
    run.finishedAt = run.startedAt.addSecs(3);
    run.findings = scans::RuntimeReport::findings(fixture.result.report, dockerVerification());
    QVERIFY(!run.findings.isEmpty());
    QVERIFY(fixture.store->addScanRun(run).ok());
    const QString md = QString::fromUtf8(fixture.render(report::ReportFormat::Markdown));
    const QString section = markdownSection(md, QStringLiteral("6 Runtime verification"));
    QVERIFY(section.contains(QStringLiteral("docker scan run")));
    QVERIFY(!section.contains(QStringLiteral("Not run")));
    for (const rules::Finding &f : run.findings) // "<check> <status>": the check in its column
        QVERIFY2(section.contains(QStringLiteral("| ") + f.title.section(u' ', 0, -2)
                                  + QStringLiteral(" |")),
                 qPrintable(f.title));
    QCOMPARE(int(section.count(QStringLiteral("\n| "))),
             run.findings.size() + 1); // with the header
}

QTEST_MAIN(TestReportExports)
#include "tst_reportexports.moc"
