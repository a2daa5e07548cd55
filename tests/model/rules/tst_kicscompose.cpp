// KICS Docker Compose conformance: for every KICS compose query mapped to ThreatDock rules
// (tests/data/kics-compose-map.yaml), each expected positive line is reported by a mapped
// rule (recall) and no negative sample raises one (precision).
#include "compose/composeloader.h"
#include "compose/yamlreader.h"
#include "rules/analysisinput.h"
#include "rules/ruleengine.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace threatdock;
using namespace threatdock::testing;

namespace {

struct Disputed
{
    QString sample;
    int line = 0; ///< 0: a negative sample as a whole
    QString reason;
};

struct QueryEntry
{
    QString query;
    QString kics;
    QStringList rules;
    QString unmapped;
    QMap<QString, QString> invalid;
    QList<Disputed> disputed;

    const Disputed *dispute(const QString &sample, int line) const
    {
        for (const Disputed &d : disputed)
            if (d.sample == sample && d.line == line)
                return &d;
        return nullptr;
    }
};

/// Counts over expected lines (recall) and findings on negatives (precision).
struct Score
{
    int found = 0;          ///< expected lines reported by a mapped rule
    int missed = 0;         ///< expected lines not reported
    int falsePositives = 0; ///< findings of mapped rules on negative samples
    int disputedMisses = 0; ///< expected lines the table disputes, not reported
    int disputedFalse = 0;  ///< findings on negative samples the table disputes
    int invalidLines = 0;   ///< expected lines in samples that are not valid Compose

    void add(const Score &o)
    {
        found += o.found;
        missed += o.missed;
        falsePositives += o.falsePositives;
        disputedMisses += o.disputedMisses;
        disputedFalse += o.disputedFalse;
        invalidLines += o.invalidLines;
    }
    static double ratio(int a, int b) { return b == 0 ? 1.0 : double(a) / double(b); }
    double recall() const { return ratio(found, found + missed); }
    double precision() const { return ratio(found, found + falsePositives); }
    double rawRecall() const
    {
        return ratio(found, found + missed + disputedMisses + invalidLines);
    }
    double rawPrecision() const { return ratio(found, found + falsePositives + disputedFalse); }
};

QStringList strings(const compose::Node &n)
{
    QStringList out;
    for (const compose::Node &i : n.items())
        out << i.text();
    return out;
}

QueryEntry entryFrom(const compose::Node &n)
{
    QueryEntry e;
    e.query = n.value(QStringLiteral("query")).text();
    e.kics = n.value(QStringLiteral("kics")).text();
    e.rules = strings(n.value(QStringLiteral("rules")));
    e.unmapped = n.value(QStringLiteral("unmapped")).text();
    for (const compose::MapEntry &i : n.value(QStringLiteral("invalid")).entries())
        e.invalid.insert(i.key, i.value.text());
    for (const compose::Node &d : n.value(QStringLiteral("disputed")).items())
        e.disputed << Disputed{d.value(QStringLiteral("sample")).text(),
                               int(d.value(QStringLiteral("line")).toInt().value_or(0)),
                               d.value(QStringLiteral("reason")).text().simplified()};
    return e;
}

QString percent(double r)
{
    return QString::number(r * 100.0, 'f', 1) + u'%';
}

} // namespace

class TestKicsCompose : public QObject
{
    Q_OBJECT

private:
    QString m_root;
    QMap<QString, QueryEntry> m_table;
    Score m_total;
    int m_scoredQueries = 0;

    /// Loads a sample and runs the built-in rules; nullopt (with the error) when the
    /// sample is not a loadable Compose file.
    static std::optional<QList<rules::Finding>> analyse(const QString &file, QString *error)
    {
        compose::ComposeLoader::Options options;
        options.files = {file};
        options.processEnvironment = compose::Environment{};
        options.lenient = true; // as `threatdock-cli analyze` loads a project
        const compose::ComposeLoader::Result loaded = compose::ComposeLoader::load(options);
        if (!loaded.ok()) {
            *error = loaded.error->toString();
            return std::nullopt;
        }
        const rules::AnalysisInput input = rules::AnalysisInput::fromProject(*loaded.project);
        return rules::RuleEngine().run(input);
    }

    static QList<int> linesOf(const QList<rules::Finding> &findings, const QString &file,
                              const QStringList &ruleIds)
    {
        QList<int> lines;
        const QString canonical = QFileInfo(file).canonicalFilePath();
        for (const rules::Finding &f : findings)
            if (ruleIds.contains(f.ruleId) && QFileInfo(f.file).canonicalFilePath() == canonical)
                lines << f.line;
        return lines;
    }

    /// Scores the positive samples of a query against positive_expected_result.json.
    bool scorePositives(const QueryEntry &e, const QDir &dir, Score &score);
    /// Scores the negative samples of a query.
    bool scoreNegatives(const QueryEntry &e, const QDir &dir, Score &score);

private Q_SLOTS:
    void initTestCase()
    {
        m_root = conformancePath(QStringLiteral("kics/compose"));
        const auto yaml
            = compose::YamlReader::readFile(testDataPath(QStringLiteral("kics-compose-map.yaml")));
        QVERIFY2(yaml.ok(), yaml.ok() ? "" : qPrintable(yaml.error->toString()));
        const QJsonArray queries
            = readJson(conformancePath(QStringLiteral("kics/kics-dockercompose-queries.json")))
                  .object()
                  .value(QStringLiteral("queries"))
                  .toArray();
        QMap<QString, QString> kicsIds;
        for (const QJsonValue &q : queries)
            kicsIds.insert(q.toObject().value(QStringLiteral("folder")).toString(),
                           q.toObject().value(QStringLiteral("id")).toString());
        const rules::RuleSet &builtIn = rules::RuleSet::builtIn();
        for (const compose::Node &n :
             yaml.documents.front().value(QStringLiteral("queries")).items()) {
            const QueryEntry e = entryFrom(n);
            QVERIFY2(!m_table.contains(e.query), qPrintable(e.query));
            QCOMPARE(e.kics, kicsIds.value(e.query));
            QVERIFY2(!e.rules.isEmpty() || !e.unmapped.isEmpty(),
                     qPrintable(e.query + QStringLiteral(": unmapped without a reason")));
            for (const QString &id : e.rules)
                QVERIFY2(builtIn.find(id), qPrintable(e.query + QStringLiteral(": ") + id));
            m_table.insert(e.query, e);
        }
    }

    void tableCoversEveryQuery()
    {
        const QStringList dirs = QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(!dirs.isEmpty());
        for (const QString &d : dirs)
            QVERIFY2(m_table.contains(d), qPrintable(d + QStringLiteral(" is not in the table")));
        for (const QString &q : m_table.keys())
            QVERIFY2(dirs.contains(q), qPrintable(q + QStringLiteral(" has no directory")));
    }

    void query_data()
    {
        QTest::addColumn<QString>("query");
        for (const QString &q : QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QTest::newRow(qPrintable(q)) << q;
    }

    void query()
    {
        QFETCH(QString, query);
        const QueryEntry e = m_table.value(query);
        if (e.rules.isEmpty()) {
            qInfo("%-46s unmapped: %s", qPrintable(query), qPrintable(e.unmapped));
            return;
        }
        const QDir dir(QDir(m_root).filePath(query));
        Score score;
        const bool positivesOk = scorePositives(e, dir, score);
        const bool negativesOk = scoreNegatives(e, dir, score);
        m_total.add(score);
        ++m_scoredQueries;
        qInfo("%-46s %-26s recall %d/%d %6s  precision %d/%d %6s", qPrintable(query),
              qPrintable(e.rules.join(u',')), score.found, score.found + score.missed,
              qPrintable(percent(score.recall())), score.found, score.found + score.falsePositives,
              qPrintable(percent(score.precision())));
        QVERIFY2(positivesOk && negativesOk,
                 "a sample failed to load without being declared invalid in the table");
    }

    void totals()
    {
        QVERIFY(m_scoredQueries > 0);
        qInfo("TOTAL over %d mapped queries: recall %d/%d = %s, precision %d/%d = %s",
              m_scoredQueries, m_total.found, m_total.found + m_total.missed,
              qPrintable(percent(m_total.recall())), m_total.found,
              m_total.found + m_total.falsePositives, qPrintable(percent(m_total.precision())));
        qInfo("  counting disputed lines and samples and the lines of invalid samples: "
              "recall %s, precision %s (%d disputed misses, %d disputed findings, %d lines in "
              "invalid samples)",
              qPrintable(percent(m_total.rawRecall())), qPrintable(percent(m_total.rawPrecision())),
              m_total.disputedMisses, m_total.disputedFalse, m_total.invalidLines);
        QVERIFY2(m_total.recall() >= 0.95, qPrintable(percent(m_total.recall())));
        QVERIFY2(m_total.precision() >= 0.95, qPrintable(percent(m_total.precision())));
    }
};

bool TestKicsCompose::scorePositives(const QueryEntry &e, const QDir &dir, Score &score)
{
    QMap<QString, QList<int>> expected;
    for (const QJsonValue &v :
         readJson(dir.filePath(QStringLiteral("positive_expected_result.json"))).array())
        expected[v.toObject().value(QStringLiteral("filename")).toString()]
            << v.toObject().value(QStringLiteral("line")).toInt();
    bool ok = true;
    for (const Disputed &d : e.disputed)
        if (d.line > 0 && !expected.value(d.sample).contains(d.line)) {
            qWarning("%s: disputed %s:%d is not an expected line", qPrintable(e.query),
                     qPrintable(d.sample), d.line);
            ok = false;
        }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QString error;
        const auto findings = analyse(dir.filePath(it.key()), &error);
        if (!findings) {
            score.invalidLines += int(it->size());
            qInfo("  %s: not valid Compose (%s): %s", qPrintable(it.key()),
                  e.invalid.contains(it.key()) ? "declared" : "NOT DECLARED", qPrintable(error));
            ok = ok && e.invalid.contains(it.key());
            continue;
        }
        const QList<int> reported = linesOf(*findings, dir.filePath(it.key()), e.rules);
        for (int line : *it) {
            if (reported.contains(line)) {
                ++score.found;
            } else if (const Disputed *d = e.dispute(it.key(), line)) {
                ++score.disputedMisses;
                qInfo("  %s:%d disputed: %s", qPrintable(it.key()), line, qPrintable(d->reason));
            } else {
                ++score.missed;
                qInfo("  %s:%d MISSED", qPrintable(it.key()), line);
            }
        }
        for (int line : reported)
            if (!it->contains(line))
                qInfo("  %s:%d also reported (KICS expects no hit on this line)",
                      qPrintable(it.key()), line);
    }
    return ok;
}

bool TestKicsCompose::scoreNegatives(const QueryEntry &e, const QDir &dir, Score &score)
{
    bool ok = true;
    for (const QString &sample : dir.entryList({QStringLiteral("negative*.yaml")}, QDir::Files)) {
        QString error;
        const auto findings = analyse(dir.filePath(sample), &error);
        if (!findings) {
            qInfo("  %s: not valid Compose (%s): %s", qPrintable(sample),
                  e.invalid.contains(sample) ? "declared" : "NOT DECLARED", qPrintable(error));
            ok = ok && e.invalid.contains(sample);
            continue;
        }
        const QList<int> lines = linesOf(*findings, dir.filePath(sample), e.rules);
        if (lines.isEmpty())
            continue;
        if (const Disputed *d = e.dispute(sample, 0)) {
            score.disputedFalse += int(lines.size());
            qInfo("  %s: %d finding(s), disputed: %s", qPrintable(sample), int(lines.size()),
                  qPrintable(d->reason));
            continue;
        }
        score.falsePositives += int(lines.size());
        for (int line : lines)
            qInfo("  %s:%d FALSE POSITIVE", qPrintable(sample), line);
    }
    return ok;
}

THREATDOCK_CONFORMANCE_MAIN(TestKicsCompose)
#include "tst_kicscompose.moc"
