#include "cli/commandline.h"
#include "clirun.h"
#include "projectfixture.h"
#include "report/analysisreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QSet>
#include <QTest>

using threatdock::testing::ProjectFixture;

namespace {

const char *const composeYaml = R"(services:
  api:
    build: ./api
    environment:
      DB_PASSWORD: hunter2hunter
      DATABASE_URL: postgres://app:urlpass99@db/app
      STRIPE: sk_live_4eC39HqLyjWDarjtT1zdp7dc
)";

const char *const userRules = R"(rules:
  - id: USR-IMG-001
    title: Service built locally
    severity: critical
    stride: T
    attack: [T1525]
    nist: [CM-2]
    rationale: Test rule.
    remediation: Use a pinned image.
    match:
      service: {path: build, op: exists}
)";

const QStringList secrets{QStringLiteral("hunter2hunter"), QStringLiteral("urlpass99"),
                          QStringLiteral("sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
                          QStringLiteral("dockerfilesecret1")};

using Run = threatdock::testing::CliRun;

Run cli(const QStringList &arguments)
{
    return threatdock::testing::runCli(arguments);
}

} // namespace

class TestAnalyzeCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonContract();
    void threatsAndSystemInJson();
    void threatIdsSurviveEdits();
    void threatsInMarkdownAndTextNotSarif();
    void secretsRedactedInEveryFormat_data();
    void secretsRedactedInEveryFormat();
    void userRulesAndFailOn();
    void outputFileIsWritten();
    void usageErrors_data();
    void usageErrors();
    void inputErrors();
    void loneDockerfile();
    void rulesCommand();
    void realExecutable();

private:
    ProjectFixture m_project{
        {"compose.yaml", composeYaml},
        {"api/Dockerfile", "FROM alpine:3.19\nENV APP_SECRET=dockerfilesecret1\n"},
        {"rules.yaml", userRules},
    };
};

void TestAnalyzeCommand::jsonContract()
{
    const Run run = cli({QStringLiteral("analyze"), m_project.path(), QStringLiteral("--format"),
                         QStringLiteral("json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject doc = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const QJsonObject project = doc.value(QStringLiteral("project")).toObject();
    QCOMPARE(project.value(QStringLiteral("working_dir")).toString(), m_project.path());
    QVERIFY(!project.value(QStringLiteral("name")).toString().isEmpty());
    QCOMPARE(project.value(QStringLiteral("services")).toArray(),
             QJsonArray{QStringLiteral("api")});
    const QJsonArray files = project.value(QStringLiteral("files")).toArray();
    QVERIFY(files.contains(QStringLiteral("compose.yaml")));
    QVERIFY(files.contains(QStringLiteral("api/Dockerfile")));
    QVERIFY(doc.value(QStringLiteral("threats")).isArray());
    QVERIFY(!doc.value(QStringLiteral("threats")).toArray().isEmpty());
    const QStringList keys{
        QStringLiteral("id"),       QStringLiteral("rule"),     QStringLiteral("title"),
        QStringLiteral("severity"), QStringLiteral("service"),  QStringLiteral("file"),
        QStringLiteral("line"),     QStringLiteral("evidence"), QStringLiteral("stride"),
        QStringLiteral("attack"),   QStringLiteral("nist"),     QStringLiteral("why")};
    bool sawSecret = false;
    for (const QJsonValue &v : doc.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        for (const QString &k : keys)
            QVERIFY2(f.contains(k), qPrintable(k));
        QVERIFY(!f.value(QStringLiteral("file")).toString().startsWith(u'/'));
        if (f.value(QStringLiteral("id")).toString()
            == u"CMP-SEC-001@service:api/env:DB_PASSWORD") {
            sawSecret = true;
            QCOMPARE(f.value(QStringLiteral("file")).toString(), QStringLiteral("compose.yaml"));
            QCOMPARE(f.value(QStringLiteral("line")).toInt(), 5);
            QCOMPARE(f.value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
            QCOMPARE(f.value(QStringLiteral("evidence")).toString(),
                     QStringLiteral("DB_PASSWORD: ****"));
            QCOMPARE(f.value(QStringLiteral("attack")).toArray(),
                     QJsonArray{QStringLiteral("T1552.001")});
        }
    }
    QVERIFY(sawSecret);
}

void TestAnalyzeCommand::threatsAndSystemInJson()
{
    const Run run = cli({QStringLiteral("analyze"), m_project.path(), QStringLiteral("--format"),
                         QStringLiteral("json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject doc = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const QJsonObject system = doc.value(QStringLiteral("system")).toObject();
    QSet<QString> subjects;
    for (const QJsonValue &v : system.value(QStringLiteral("elements")).toArray())
        subjects.insert(v.toObject().value(QStringLiteral("id")).toString());
    for (const QJsonValue &v : system.value(QStringLiteral("flows")).toArray())
        subjects.insert(v.toObject().value(QStringLiteral("id")).toString());
    QVERIFY(subjects.contains(QStringLiteral("service:api")));
    QVERIFY(system.value(QStringLiteral("boundaries")).isArray());
    QSet<QString> findingIds;
    for (const QJsonValue &v : doc.value(QStringLiteral("findings")).toArray())
        findingIds.insert(v.toObject().value(QStringLiteral("id")).toString());

    const QStringList keys{
        QStringLiteral("id"),          QStringLiteral("title"),    QStringLiteral("stride"),
        QStringLiteral("element"),     QStringLiteral("severity"), QStringLiteral("likelihood"),
        QStringLiteral("impact"),      QStringLiteral("attack"),   QStringLiteral("nist"),
        QStringLiteral("mitigations"), QStringLiteral("findings"), QStringLiteral("why")};
    QJsonObject secrets;
    for (const QJsonValue &v : doc.value(QStringLiteral("threats")).toArray()) {
        const QJsonObject t = v.toObject();
        for (const QString &k : keys)
            QVERIFY2(t.contains(k), qPrintable(k));
        const QString element = t.value(QStringLiteral("element")).toString();
        QVERIFY2(subjects.contains(element), qPrintable(element));
        QVERIFY(t.value(QStringLiteral("id")).toString().endsWith(u'@' + element));
        QVERIFY(!t.value(QStringLiteral("why")).toString().isEmpty());
        for (const QJsonValue &f : t.value(QStringLiteral("findings")).toArray())
            QVERIFY2(findingIds.contains(f.toString()), qPrintable(f.toString()));
        for (const QJsonValue &m : t.value(QStringLiteral("mitigations")).toArray()) {
            QVERIFY(m.toObject().value(QStringLiteral("in_place")).isBool());
            QVERIFY(m.toObject().value(QStringLiteral("text")).isString());
            QVERIFY(m.toObject().value(QStringLiteral("evidence")).isString());
        }
        if (t.value(QStringLiteral("id")).toString() == u"STRIDE-I-secrets-exposed@service:api")
            secrets = t;
    }
    // The hard-coded secrets evidence the disclosure threat and raise its likelihood.
    QVERIFY(!secrets.isEmpty());
    const QJsonArray evidence = secrets.value(QStringLiteral("findings")).toArray();
    QVERIFY(evidence.contains(QStringLiteral("CMP-SEC-001@service:api/env:DB_PASSWORD")));
    QCOMPARE(secrets.value(QStringLiteral("likelihood")).toInt(), 4);
    QCOMPARE(secrets.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
    QCOMPARE(secrets.value(QStringLiteral("stride")).toString(), QStringLiteral("I"));
}

void TestAnalyzeCommand::threatIdsSurviveEdits()
{
    ProjectFixture project{{"compose.yaml",
                            "services:\n  web:\n    image: nginx:1.25\n"
                            "    ports: [\"80:80\"]\n    read_only: true\n"},
                           {"compose.db.yaml",
                            "services:\n  db:\n    image: postgres:16\n"
                            "    volumes: [\"pgdata:/var/lib/postgresql/data\"]\n"
                            "volumes:\n  pgdata: {}\n"}};
    const auto threatsOf = [&project](const QStringList &files) {
        QStringList args{QStringLiteral("analyze"), QStringLiteral("--format"),
                         QStringLiteral("json")};
        for (const QString &f : files)
            args << QStringLiteral("-f") << project.path(f);
        const Run run = cli(args);
        QMap<QString, QString> out; // id -> what it means
        for (const QJsonValue &v : QJsonDocument::fromJson(run.out.toUtf8())
                                       .object()
                                       .value(QStringLiteral("threats"))
                                       .toArray()) {
            const QJsonObject t = v.toObject();
            out.insert(t.value(QStringLiteral("id")).toString(),
                       t.value(QStringLiteral("element")).toString() + u'|'
                           + t.value(QStringLiteral("stride")).toString() + u'|'
                           + t.value(QStringLiteral("title")).toString());
        }
        return out;
    };
    const QStringList files{QStringLiteral("compose.yaml"), QStringLiteral("compose.db.yaml")};
    const QMap<QString, QString> before = threatsOf(files);
    QVERIFY(before.contains(QStringLiteral("STRIDE-E-escape@service:web")));
    QVERIFY(before.contains(QStringLiteral("STRIDE-T-database-tampering@datastore:db")));
    QCOMPARE(threatsOf(files), before); // re-analysis

    // Add a service, and give the files in the other order.
    project.write(QStringLiteral("compose.cache.yaml"),
                  "services:\n  cache:\n    image: redis:7\n");
    const QMap<QString, QString> after
        = threatsOf({QStringLiteral("compose.cache.yaml"), QStringLiteral("compose.db.yaml"),
                     QStringLiteral("compose.yaml")});
    QVERIFY(after.size() > before.size());
    QVERIFY(after.contains(QStringLiteral("STRIDE-E-escape@service:cache")));
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key()));
}

void TestAnalyzeCommand::threatsInMarkdownAndTextNotSarif()
{
    const auto run = [this](const char *format) {
        return cli({QStringLiteral("analyze"), m_project.path(), QStringLiteral("--format"),
                    QString::fromUtf8(format)});
    };
    const Run markdown = run("markdown");
    QVERIFY(markdown.out.contains(QStringLiteral("## Threats")));
    QVERIFY(markdown.out.contains(QStringLiteral("STRIDE-I-secrets-exposed@service:api")));
    QVERIFY(markdown.out.contains(QStringLiteral("MITRE ATT&CK: T1552.001")));
    const Run text = run("text");
    QVERIFY(text.out.contains(QStringLiteral("STRIDE-E-escape@service:api")));
    QVERIFY(text.out.contains(QStringLiteral(" threats (")));
    const Run sarif = run("sarif");
    QCOMPARE(sarif.exitCode, 0);
    QVERIFY(!sarif.out.contains(QStringLiteral("STRIDE-")));
}

void TestAnalyzeCommand::secretsRedactedInEveryFormat_data()
{
    QTest::addColumn<QString>("format");
    for (const char *f : {"text", "json", "sarif", "markdown"})
        QTest::newRow(f) << QString::fromUtf8(f);
}

void TestAnalyzeCommand::secretsRedactedInEveryFormat()
{
    QFETCH(QString, format);
    const Run run
        = cli({QStringLiteral("analyze"), m_project.path(), QStringLiteral("--format"), format,
               QStringLiteral("--rules"), m_project.path(QStringLiteral("rules.yaml"))});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("CMP-SEC-001")));
    QVERIFY(run.out.contains(QStringLiteral("DKF-SEC-001")));
    QVERIFY(run.out.contains(QStringLiteral("SEC-URL-001")));
    QVERIFY(run.out.contains(QStringLiteral("****")));
    for (const QString &secret : secrets) {
        QVERIFY2(!run.out.contains(secret), qPrintable(secret));
        QVERIFY2(!run.err.contains(secret), qPrintable(secret));
    }
}

void TestAnalyzeCommand::userRulesAndFailOn()
{
    const QString rules = m_project.path(QStringLiteral("rules.yaml"));
    const Run failing = cli({QStringLiteral("analyze"), m_project.path(), QStringLiteral("--rules"),
                             rules, QStringLiteral("--fail-on"), QStringLiteral("critical"),
                             QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(failing.exitCode, 3);
    QVERIFY(failing.out.contains(QStringLiteral("\"USR-IMG-001@service:api\"")));
    // The secret rules report high: --fail-on high trips on them alone.
    QCOMPARE(cli({QStringLiteral("analyze"), m_project.path(), QStringLiteral("--fail-on"),
                  QStringLiteral("high")})
                 .exitCode,
             3);
    // Without --fail-on findings never fail the run.
    QCOMPARE(cli({QStringLiteral("analyze"), m_project.path()}).exitCode, 0);
}

void TestAnalyzeCommand::outputFileIsWritten()
{
    const QString target = m_project.path() + QStringLiteral("/out/report.sarif");
    QDir().mkpath(m_project.path() + QStringLiteral("/out"));
    const Run run = cli({QStringLiteral("analyze"), m_project.path(), QStringLiteral("--format"),
                         QStringLiteral("sarif"), QStringLiteral("-o"), target});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.isEmpty());
    QFile f(target);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject sarif = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(sarif.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
    QCOMPARE(QDir(m_project.path() + QStringLiteral("/out")).entryList(QDir::Files),
             QStringList{QStringLiteral("report.sarif")}); // no temporary left behind
    const Run bad = cli({QStringLiteral("analyze"), m_project.path(), QStringLiteral("-o"),
                         m_project.path() + QStringLiteral("/missing/dir/x.json")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.contains(QStringLiteral("missing/dir/x.json")));
}

void TestAnalyzeCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("format") << QStringList{QStringLiteral("--format"), QStringLiteral("xml")};
    QTest::newRow("fail-on") << QStringList{QStringLiteral("--fail-on"), QStringLiteral("severe")};
    QTest::newRow("two paths") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")};
}

void TestAnalyzeCommand::usageErrors()
{
    QFETCH(QStringList, arguments);
    const Run run = cli(QStringList{QStringLiteral("analyze")} + arguments);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err.trimmed().count(u'\n'), 0);
    QVERIFY(run.out.isEmpty());
}

void TestAnalyzeCommand::inputErrors()
{
    ProjectFixture broken{{"compose.yaml", "services:\n  a:\n    image: [unclosed\n"},
                          {"bad-rules.yaml",
                           "rules:\n  - id: USR-X-001\n    title: x\n"
                           "    severity: low\n    match:\n"
                           "      service: {path: image, op: like, value: x}\n"}};
    const Run yaml = cli({QStringLiteral("analyze"), broken.path()});
    QCOMPARE(yaml.exitCode, 1);
    QVERIFY2(yaml.err.contains(broken.path(QStringLiteral("compose.yaml")) + u':'),
             qPrintable(yaml.err));
    const Run rules = cli({QStringLiteral("analyze"), m_project.path(), QStringLiteral("--rules"),
                           broken.path(QStringLiteral("bad-rules.yaml"))});
    QCOMPARE(rules.exitCode, 1);
    QVERIFY2(
        rules.err.contains(broken.path(QStringLiteral("bad-rules.yaml")) + QStringLiteral(":6")),
        qPrintable(rules.err));
    QCOMPARE(rules.err.trimmed().count(u'\n'), 0);
    const Run missing = cli({QStringLiteral("analyze"), broken.path(QStringLiteral("nothing"))});
    QCOMPARE(missing.exitCode, 1);
}

void TestAnalyzeCommand::loneDockerfile()
{
    const Run run
        = cli({QStringLiteral("analyze"), m_project.path(QStringLiteral("api/Dockerfile")),
               QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject doc = QJsonDocument::fromJson(run.out.toUtf8()).object();
    bool found = false;
    for (const QJsonValue &v : doc.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        if (f.value(QStringLiteral("rule")).toString() == u"DKF-SEC-001") {
            found = true;
            QCOMPARE(f.value(QStringLiteral("file")).toString(), QStringLiteral("Dockerfile"));
            QCOMPARE(f.value(QStringLiteral("line")).toInt(), 2);
        }
    }
    QVERIFY(found);
}

void TestAnalyzeCommand::rulesCommand()
{
    const Run json
        = cli({QStringLiteral("rules"), QStringLiteral("--format"), QStringLiteral("json"),
               QStringLiteral("--rules"), m_project.path(QStringLiteral("rules.yaml"))});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray rules = QJsonDocument::fromJson(json.out.toUtf8())
                                 .object()
                                 .value(QStringLiteral("rules"))
                                 .toArray();
    QJsonObject secret;
    bool user = false;
    for (const QJsonValue &v : rules) {
        if (v.toObject().value(QStringLiteral("id")).toString() == u"CMP-SEC-001")
            secret = v.toObject();
        user = user || v.toObject().value(QStringLiteral("id")).toString() == u"USR-IMG-001";
    }
    QVERIFY(user);
    QCOMPARE(secret.value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
    QCOMPARE(secret.value(QStringLiteral("stride")).toString(), QStringLiteral("I"));
    QCOMPARE(secret.value(QStringLiteral("cwe")).toArray(), QJsonArray{QStringLiteral("CWE-798")});
    QVERIFY(!secret.value(QStringLiteral("remediation")).toString().isEmpty());
    QCOMPARE(
        secret.value(QStringLiteral("peers")).toObject().value(QStringLiteral("kics")).toArray(),
        QJsonArray{QStringLiteral("a88baa34")});
    const Run text = cli({QStringLiteral("rules")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.startsWith(QStringLiteral("ID")));
    QVERIFY(text.out.contains(QStringLiteral("SEC-SRC-001")));
    QCOMPARE(
        cli({QStringLiteral("rules"), QStringLiteral("--format"), QStringLiteral("yaml")}).exitCode,
        2);
}

void TestAnalyzeCommand::realExecutable()
{
    QProcess cliProcess;
    cliProcess.start(QStringLiteral(THREATDOCK_CLI),
                     {QStringLiteral("analyze"), m_project.path(), QStringLiteral("--fail-on"),
                      QStringLiteral("high"), QStringLiteral("--format"),
                      QStringLiteral("markdown")});
    QVERIFY(cliProcess.waitForFinished(60000));
    QCOMPARE(cliProcess.exitStatus(), QProcess::NormalExit);
    QCOMPARE(cliProcess.exitCode(), 3);
    const QString out = QString::fromUtf8(cliProcess.readAllStandardOutput());
    QVERIFY(out.startsWith(QStringLiteral("# ThreatDock analysis")));
    QVERIFY(out.contains(QStringLiteral("| high | CMP-SEC-001 |")));
    for (const QString &secret : secrets)
        QVERIFY(!out.contains(secret));
}

QTEST_GUILESS_MAIN(TestAnalyzeCommand)
#include "tst_analyzecommand.moc"
