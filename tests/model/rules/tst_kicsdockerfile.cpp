// Conformance of the built-in Dockerfile rules with KICS's Dockerfile queries: for every
// query mapped in tests/data/kics-dockerfile-map.yaml, each expected positive line must be
// found by a mapped rule (recall) and no negative sample may raise a mapped rule
// (precision). Per-query and total figures are printed; the totals must reach 95 %.

#include "testsupport.h"

#include "compose/yamlreader.h"
#include "rules/analysisinput.h"
#include "rules/ruleengine.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>

using namespace threatdock;

namespace {

struct Score
{
    int expected = 0;
    int found = 0;
    int falsePositives = 0;
};

double ratio(int a, int b)
{
    return b == 0 ? 1.0 : double(a) / double(b);
}

/// Lines where one of rules fires on a Dockerfile.
QList<rules::Finding> findingsOf(const QString &path, const QStringList &ruleIds)
{
    QStringList problems;
    const auto input = rules::AnalysisInput::fromDockerfile(path, &problems);
    if (!problems.isEmpty())
        qWarning("%s", qPrintable(problems.join(u'\n')));
    static const rules::RuleEngine engine;
    QList<rules::Finding> out;
    for (const rules::Finding &f : engine.run(input))
        if (ruleIds.contains(f.ruleId))
            out << f;
    return out;
}

} // namespace

class TestKicsDockerfile : public QObject
{
    Q_OBJECT

private:
    QString m_root;
    QMap<QString, QStringList> m_mapped; ///< query → rule ids
    QMap<QString, QString> m_unmapped;   ///< query → reason
    QMap<QString, Score> m_scores;

private Q_SLOTS:
    void initTestCase()
    {
        m_root = testing::conformancePath(QStringLiteral("kics/dockerfile"));
        const auto yaml = compose::YamlReader::readFile(
            testing::testDataPath(QStringLiteral("kics-dockerfile-map.yaml")));
        QVERIFY2(yaml.ok(), qPrintable(yaml.ok() ? QString() : yaml.error->toString()));
        const compose::Node queries = yaml.documents.front().value(QStringLiteral("queries"));
        QVERIFY(queries.isMapping());
        for (const compose::MapEntry &e : queries.entries()) {
            if (e.value.isSequence()) {
                for (const compose::Node &id : e.value.items())
                    m_mapped[e.key] << id.text();
            } else {
                const QString reason = e.value.value(QStringLiteral("unmapped")).text();
                QVERIFY2(!reason.isEmpty(), qPrintable(e.key + QStringLiteral(": no reason")));
                m_unmapped.insert(e.key, reason);
            }
        }
        const QStringList folders = QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(folders.size() >= 48);
        for (const QString &folder : folders)
            QVERIFY2(m_mapped.contains(folder) || m_unmapped.contains(folder),
                     qPrintable(folder + QStringLiteral(" is neither mapped nor unmapped")));
        for (auto it = m_unmapped.cbegin(); it != m_unmapped.cend(); ++it)
            qInfo("unmapped: %s (%s)", qPrintable(it.key()), qPrintable(it.value()));
    }

    void query_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QStringList>("ruleIds");
        for (auto it = m_mapped.cbegin(); it != m_mapped.cend(); ++it)
            QTest::newRow(qPrintable(it.key())) << it.key() << it.value();
    }

    void query()
    {
        QFETCH(QString, folder);
        QFETCH(QStringList, ruleIds);
        const QDir dir(m_root + u'/' + folder);
        // Entries name their file; entries without a fileName are matched against all the
        // positive files, each file's hit on a line answering one entry (as KICS's own tests do).
        QMap<QString, QList<int>> expected; // file ("" = any positive file) → lines
        const QJsonArray results
            = testing::readJson(dir.filePath(QStringLiteral("positive_expected_result.json")))
                  .array();
        for (const QJsonValue &v : results) {
            const QJsonObject o = v.toObject();
            expected[o.value(QStringLiteral("fileName")).toString()]
                << o.value(QStringLiteral("line")).toInt();
        }
        QVERIFY(!expected.isEmpty());
        const QStringList positives
            = dir.entryList({QStringLiteral("positive*.dockerfile")}, QDir::Files, QDir::Name);
        QVERIFY(!positives.isEmpty());
        QMap<QString, QSet<int>> hits; // file → lines with a finding of the mapped rules
        QMap<int, int> pool;           // line → number of positive files with a hit there
        for (const QString &p : positives) {
            for (const rules::Finding &f : findingsOf(dir.filePath(p), ruleIds))
                hits[p].insert(f.line);
            for (int line : std::as_const(hits[p]))
                ++pool[line];
        }
        Score score;
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QVERIFY2(it.key().isEmpty() || positives.contains(it.key()), qPrintable(it.key()));
            for (int line : it.value()) {
                ++score.expected;
                bool found = false;
                if (!it.key().isEmpty())
                    found = hits.value(it.key()).contains(line);
                else if (positives.size() == 1)
                    found = hits.value(positives.first()).contains(line);
                else if (pool.value(line) > 0)
                    found = pool[line]-- > 0;
                if (found)
                    ++score.found;
                else
                    qInfo("  missed %s:%d",
                          qPrintable(it.key().isEmpty() ? QStringLiteral("positive*") : it.key()),
                          line);
            }
        }
        const QStringList negatives
            = dir.entryList({QStringLiteral("negative*.dockerfile")}, QDir::Files, QDir::Name);
        for (const QString &n : negatives) {
            for (const rules::Finding &f : findingsOf(dir.filePath(n), ruleIds)) {
                ++score.falsePositives;
                qInfo("  false positive %s:%d %s: %s", qPrintable(n), f.line, qPrintable(f.ruleId),
                      qPrintable(f.why));
            }
        }
        m_scores.insert(folder, score);
        qInfo("%-58s recall %3d/%-3d precision %3d/%-3d  %s", qPrintable(folder), score.found,
              score.expected, score.found, score.found + score.falsePositives,
              qPrintable(ruleIds.join(u',')));
    }

    void totals()
    {
        QVERIFY(!m_scores.isEmpty());
        Score total;
        for (const Score &s : std::as_const(m_scores)) {
            total.expected += s.expected;
            total.found += s.found;
            total.falsePositives += s.falsePositives;
        }
        const double recall = ratio(total.found, total.expected);
        const double precision = ratio(total.found, total.found + total.falsePositives);
        qInfo("TOTAL %d mapped queries (%d unmapped): recall %d/%d = %.1f %%, precision %d/%d "
              "= %.1f %%",
              int(m_scores.size()), int(m_unmapped.size()), total.found, total.expected,
              recall * 100, total.found, total.found + total.falsePositives, precision * 100);
        QVERIFY2(recall >= 0.95, "total recall below 95 %");
        QVERIFY2(precision >= 0.95, "total precision below 95 %");
    }
};

THREATDOCK_CONFORMANCE_MAIN(TestKicsDockerfile)
#include "tst_kicsdockerfile.moc"
