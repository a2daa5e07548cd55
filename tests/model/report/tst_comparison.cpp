// Before and after: AnalysisComparison, its writers and `analyze PATH --compare BASELINE`.

#include "clirun.h"
#include "projectfixture.h"

#include "analysis/projectanalysis.h"
#include "report/comparison.h"
#include "report/comparisonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

Q_DECLARE_METATYPE(threatdock::threats::Threat)

using namespace threatdock;
using report::AnalysisComparison;
using report::ThreatPair;
using testing::ProjectFixture;

namespace {

report::AnalysisReport analyse(const QString &path)
{
    analysis::AnalysisRequest request;
    request.load.path = path;
    request.layoutDiagram = false;
    const analysis::AnalysisResult result = analysis::analyzeProject(request);
    if (!result.ok())
        qFatal("%s", qPrintable(result.error->toString()));
    return result.report;
}

QString samplePath(const QString &name)
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/") + name;
}

template<typename T> QSet<QString> idsOf(const QList<T> &items)
{
    QSet<QString> ids;
    for (const T &i : items)
        ids.insert(i.id);
    return ids;
}

rules::Finding finding(const QString &id)
{
    rules::Finding f;
    f.id = id;
    f.ruleId = id.section(u'@', 0, 0);
    return f;
}

threats::Threat threat(rules::Severity severity, const QList<bool> &mitigations)
{
    threats::Threat t;
    t.id = QStringLiteral("STRIDE-E-escape@service:api");
    t.severity = severity;
    for (bool inPlace : mitigations)
        t.mitigations << threats::Mitigation{QStringLiteral("m"), inPlace, QString()};
    return t;
}

/// Every id of the baseline is fixed or remaining, every id of the current remaining or new.
template<typename T, typename Pair>
void checkPartition(const QList<T> &baseline, const QList<T> &current, const QList<T> &fixed,
                    const QList<Pair> &remaining, const QList<T> &added)
{
    QCOMPARE(fixed.size() + remaining.size(), baseline.size());
    QCOMPARE(remaining.size() + added.size(), current.size());
    for (const Pair &p : remaining)
        QCOMPARE(p.baseline.id, p.current.id);
    QVERIFY(!idsOf(fixed).intersects(idsOf(current)));
    QVERIFY(!idsOf(added).intersects(idsOf(baseline)));
}

} // namespace

class TestComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixedRemainingAndNew()
    {
        ProjectFixture before{{"compose.yaml",
                               "services:\n"
                               "  web:\n    image: nginx:1.25\n    privileged: true\n"
                               "  db:\n    image: postgres:16\n"}};
        ProjectFixture after{{"compose.yaml",
                              "services:\n"
                              "  web:\n    image: nginx:1.25\n    network_mode: host\n"
                              "  cache:\n    image: redis:7\n"}};
        const report::AnalysisReport baseline = analyse(before.path());
        const report::AnalysisReport current = analyse(after.path());
        const AnalysisComparison c = AnalysisComparison::compare(baseline, current);
        checkPartition(baseline.findings, current.findings, c.fixedFindings, c.remainingFindings,
                       c.newFindings);
        checkPartition(baseline.threats, current.threats, c.fixedThreats, c.remainingThreats,
                       c.newThreats);
        // The two checkouts live in different folders; ids are relative, so they match.
        QVERIFY(!c.remainingFindings.isEmpty());
        QVERIFY(idsOf(c.fixedFindings).contains(QStringLiteral("CMP-PRIV-001@service:web")));
        QVERIFY(idsOf(c.newFindings).contains(QStringLiteral("CMP-NS-001@service:web")));
        for (const threats::Threat &t : c.fixedThreats)
            QVERIFY2(t.elementId != u"service:web" && t.elementId != u"service:cache",
                     qPrintable(t.id));
        QVERIFY(idsOf(c.fixedThreats).contains(QStringLiteral("STRIDE-E-escape@service:db")));
        QVERIFY(idsOf(c.newThreats).contains(QStringLiteral("STRIDE-E-escape@service:cache")));
    }

    void vulnerableAgainstHardened()
    {
        const report::AnalysisReport vulnerable = analyse(samplePath(QStringLiteral("vulnerable")));
        const report::AnalysisReport hardened = analyse(samplePath(QStringLiteral("hardened")));
        const AnalysisComparison c = AnalysisComparison::compare(vulnerable, hardened);
        checkPartition(vulnerable.findings, hardened.findings, c.fixedFindings, c.remainingFindings,
                       c.newFindings);
        // Every high or critical finding of the vulnerable sample is fixed.
        for (const rules::Finding &f : vulnerable.findings)
            if (f.severity >= rules::Severity::High)
                QVERIFY2(idsOf(c.fixedFindings).contains(f.id), qPrintable(f.id));
        // Hardening shows on the threats that remain: the escape from the API container.
        bool escapeImproved = false;
        for (const ThreatPair &p : c.threatsWith(ThreatPair::Change::Improved))
            escapeImproved = escapeImproved || p.current.id == u"STRIDE-E-escape@service:api";
        QVERIFY(escapeImproved);
        QVERIFY(c.threatsWith(ThreatPair::Change::Worsened).size()
                < c.threatsWith(ThreatPair::Change::Improved).size());
    }

    void repeatedIdsMatchOccurrenceByOccurrence()
    {
        report::AnalysisReport baseline;
        baseline.findings = {finding(QStringLiteral("B1@a")), finding(QStringLiteral("B1@a")),
                             finding(QStringLiteral("B2@a"))};
        report::AnalysisReport current;
        current.findings = {finding(QStringLiteral("B1@a")), finding(QStringLiteral("B3@a"))};
        const AnalysisComparison c = AnalysisComparison::compare(baseline, current);
        QCOMPARE(c.remainingFindings.size(), 1);
        QCOMPARE(c.fixedFindings.size(), 2);
        QCOMPARE(c.fixedFindings.at(0).id, QStringLiteral("B1@a"));
        QCOMPARE(c.fixedFindings.at(1).id, QStringLiteral("B2@a"));
        QCOMPARE(c.newFindings.size(), 1);
        QCOMPARE(c.newFindings.at(0).id, QStringLiteral("B3@a"));
    }

    void threatChange_data()
    {
        using S = rules::Severity;
        QTest::addColumn<threats::Threat>("before");
        QTest::addColumn<threats::Threat>("after");
        QTest::addColumn<int>("change");
        QTest::newRow("severity down") << threat(S::High, {true}) << threat(S::Low, {false})
                                       << int(ThreatPair::Change::Improved);
        QTest::newRow("severity up") << threat(S::Low, {false}) << threat(S::Medium, {true})
                                     << int(ThreatPair::Change::Worsened);
        QTest::newRow("one more mitigation")
            << threat(S::Medium, {false, false}) << threat(S::Medium, {true, false})
            << int(ThreatPair::Change::Improved);
        QTest::newRow("one less mitigation")
            << threat(S::Medium, {true, true}) << threat(S::Medium, {true, false})
            << int(ThreatPair::Change::Worsened);
        QTest::newRow("same") << threat(S::Medium, {true}) << threat(S::Medium, {true})
                              << int(ThreatPair::Change::Unchanged);
    }

    void threatChange()
    {
        QFETCH(threats::Threat, before);
        QFETCH(threats::Threat, after);
        QFETCH(int, change);
        QCOMPARE(int(ThreatPair{before, after}.change()), change);
    }

    void writers()
    {
        const AnalysisComparison c
            = AnalysisComparison::compare(analyse(samplePath(QStringLiteral("vulnerable"))),
                                          analyse(samplePath(QStringLiteral("hardened"))));
        const QJsonObject json = report::ComparisonWriter::toJson(c);
        const QJsonObject summary = json.value(QStringLiteral("summary")).toObject();
        for (const QString &kind : {QStringLiteral("findings"), QStringLiteral("threats")})
            for (const QString &part :
                 {QStringLiteral("fixed"), QStringLiteral("remaining"), QStringLiteral("new")})
                QCOMPARE(summary.value(kind).toObject().value(part).toInt(),
                         json.value(kind).toObject().value(part).toArray().size());
        QCOMPARE(summary.value(QStringLiteral("findings"))
                     .toObject()
                     .value(QStringLiteral("fixed"))
                     .toInt(),
                 c.fixedFindings.size());
        QCOMPARE(json.value(QStringLiteral("baseline"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 c.baseline.project.name);
        for (const QJsonValue &t : json.value(QStringLiteral("threats"))
                                       .toObject()
                                       .value(QStringLiteral("remaining"))
                                       .toArray()) {
            const QString change = t.toObject().value(QStringLiteral("change")).toString();
            QVERIFY2(change == u"improved" || change == u"worsened" || change == u"unchanged",
                     qPrintable(change));
        }
        // Fixed findings point into the baseline's files, relative to its directory.
        for (const QJsonValue &f : json.value(QStringLiteral("findings"))
                                       .toObject()
                                       .value(QStringLiteral("fixed"))
                                       .toArray())
            QVERIFY(!f.toObject().value(QStringLiteral("file")).toString().startsWith(u'/'));

        const QString text = QString::fromUtf8(report::ComparisonWriter::text(c));
        QVERIFY(
            text.contains(QStringLiteral("\nFixed findings (%1):\n").arg(c.fixedFindings.size())));
        QVERIFY(text.trimmed().endsWith(QStringLiteral("%1 new").arg(c.newThreats.size())));
        const QString markdown = QString::fromUtf8(report::ComparisonWriter::markdown(c));
        QVERIFY(markdown.startsWith(QStringLiteral("# %1 compared with %2\n")
                                        .arg(c.current.project.name, c.baseline.project.name)));
        QVERIFY(markdown.contains(QStringLiteral("\n## Fixed findings (%1)\n\n| Severity |")
                                      .arg(c.fixedFindings.size())));
    }

    void analyzeCompareOnTheCommandLine()
    {
        const auto run = testing::runCli(
            {QStringLiteral("analyze"), samplePath(QStringLiteral("hardened")),
             QStringLiteral("--compare"), samplePath(QStringLiteral("vulnerable")),
             QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("baseline"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("threatdock-sample-vulnerable"));
        QCOMPARE(json.value(QStringLiteral("current"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("threatdock-sample-hardened"));
        QVERIFY(json.value(QStringLiteral("summary"))
                    .toObject()
                    .value(QStringLiteral("findings"))
                    .toObject()
                    .value(QStringLiteral("fixed"))
                    .toInt()
                > 0);

        const auto markdown = testing::runCli(
            {QStringLiteral("analyze"), samplePath(QStringLiteral("hardened")),
             QStringLiteral("--compare"), samplePath(QStringLiteral("vulnerable")),
             QStringLiteral("--format"), QStringLiteral("markdown")});
        QCOMPARE(markdown.exitCode, 0);
        QVERIFY(
            markdown.out.startsWith(QStringLiteral("# threatdock-sample-hardened compared with")));

        const auto sarif = testing::runCli(
            {QStringLiteral("analyze"), samplePath(QStringLiteral("hardened")),
             QStringLiteral("--compare"), samplePath(QStringLiteral("vulnerable")),
             QStringLiteral("--format"), QStringLiteral("sarif")});
        QCOMPARE(sarif.exitCode, 2);
        QVERIFY(sarif.err.contains(QStringLiteral("not sarif")));

        ProjectFixture broken{{"compose.yaml", "services:\n  web: [\n"}};
        const auto bad
            = testing::runCli({QStringLiteral("analyze"), samplePath(QStringLiteral("hardened")),
                               QStringLiteral("--compare"), broken.path()});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(
            bad.err.trimmed().section(u'\n', -1).startsWith(
                QStringLiteral("error: ") + broken.path(QStringLiteral("compose.yaml")) + u':'),
            qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"
