#include "compose/composeloader.h"
#include "projectfixture.h"
#include "rules/checkregistry.h"
#include "rules/ruleengine.h"
#include "rules/ruleset.h"

#include <QTest>

using namespace threatdock;
using namespace threatdock::rules;
using threatdock::testing::ProjectFixture;

namespace {

const char *const composeYaml = R"(services:
  api:
    build:
      context: ./api
      args:
        NPM_TOKEN: npm-build-token-1234
        APP_VERSION: "1.0"
    environment:
      DB_PASSWORD: hunter2hunter
      API_PASSWORD: ${API_PASSWORD}
      DATABASE_URL: postgres://app:urlpass99@db:5432/app
      LOG_LEVEL: debug
      SMTP_PASSWORD: /run/secrets/smtp
      ADMIN_PASSWORD: admin
  db:
    image: postgres:15
    env_file: db.env
  cache:
    image: redis:7
    command: redis-server --appendonly yes --requirepass cmdpass777
)";

const char *const dockerfileText = R"(FROM python:3.11
ENV APP_SECRET=dockerfilesecret1
ARG LEGACY_TOKEN=argtokenvalue9
ENV SAFE=${APP_SECRET}
RUN curl -u deploy:runpass123 https://example.com/x
COPY id_rsa /root/.ssh/id_rsa
COPY . /app
)";

/// The secret values of the fixture: none may appear in any finding.
const QStringList secretValues{QStringLiteral("npm-build-token-1234"),
                               QStringLiteral("hunter2hunter"),
                               QStringLiteral("urlpass99"),
                               QStringLiteral("envfilepass42"),
                               QStringLiteral("dbenvsecret7"),
                               QStringLiteral("dockerfilesecret1"),
                               QStringLiteral("argtokenvalue9"),
                               QStringLiteral("runpass123"),
                               QStringLiteral("srcpass5678"),
                               QStringLiteral("cfgapikey123456"),
                               QStringLiteral("cmdpass777")};

} // namespace

class TestSecretChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void findings_data();
    void findings();
    void noFalsePositives();
    void evidenceIsRedacted();
    void idsAreRelative();
    void secretRulesHaveChecks();

private:
    QList<Finding> m_findings;
    ProjectFixture m_project{
        {"compose.yaml", composeYaml},
        {".env", "API_PASSWORD=envfilepass42\n"},
        {"db.env", "# database\nPOSTGRES_PASSWORD=dbenvsecret7\n"},
        {"api/Dockerfile", dockerfileText},
        {"api/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\n"},
        {"api/.env", "LOCAL=1\n"},
        {"api/app.py", "import os\npassword = \"srcpass5678\"\nuser = os.environ[\"USER\"]\n"},
        {"api/config.yaml", "api_key: \"cfgapikey123456\"\nlevel: info\n"},
        {"api/node_modules/lib/config.js", "password = \"nodemodpass1\"\n"},
    };

    const Finding *find(const QString &rule, const QString &file, int line) const
    {
        for (const Finding &f : m_findings)
            if (f.ruleId == rule && f.file == m_project.path(file) && f.line == line)
                return &f;
        return nullptr;
    }
    int lineOf(const QString &file, const QString &text) const
    {
        QFile f(m_project.path(file));
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i)
            if (lines.at(i).contains(text))
                return int(i + 1);
        return -1;
    }
};

void TestSecretChecks::initTestCase()
{
    const auto loaded = compose::ComposeLoader::load(m_project.path());
    QVERIFY2(loaded.ok(), qPrintable(loaded.error ? loaded.error->toString() : QString()));
    const RuleSet::LoadResult secrets
        = RuleSet::readFile(QStringLiteral(":/catalog/rules-secrets.yaml"), true);
    QVERIFY(secrets.ok());
    RuleSet set;
    set.add(secrets.rules);
    QStringList problems;
    const AnalysisInput input = AnalysisInput::fromProject(*loaded.project, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    m_findings = RuleEngine(set).run(input);
}

void TestSecretChecks::findings_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("lineText");
    QTest::addColumn<QString>("service");
    const std::tuple<const char *, const char *, const char *, const char *> rows[] = {
        {"CMP-SEC-001", "compose.yaml", "DB_PASSWORD: hunter2hunter", "api"},
        {"CMP-SEC-001", "compose.yaml", "ADMIN_PASSWORD", "api"},
        {"CMP-SEC-002", "compose.yaml", "API_PASSWORD:", "api"},
        {"CMP-SEC-002", "db.env", "POSTGRES_PASSWORD", "db"},
        {"CMP-SEC-003", ".env", "API_PASSWORD", ""},
        {"CMP-SEC-003", "db.env", "POSTGRES_PASSWORD", "db"},
        {"CMP-SEC-004", "compose.yaml", "NPM_TOKEN", "api"},
        {"CMP-SEC-005", "compose.yaml", "ADMIN_PASSWORD", "api"},
        {"CMP-SEC-006", "compose.yaml", "--requirepass", "cache"},
        {"SEC-URL-001", "compose.yaml", "DATABASE_URL", "api"},
        {"DKF-SEC-001", "api/Dockerfile", "APP_SECRET=", "api"},
        {"DKF-SEC-001", "api/Dockerfile", "LEGACY_TOKEN", "api"},
        {"DKF-SEC-002", "api/Dockerfile", "COPY id_rsa", "api"},
        {"DKF-SEC-002", "api/Dockerfile", "COPY . /app", "api"},
        {"DKF-SEC-003", "api/Dockerfile", "curl -u", "api"},
        {"SEC-SRC-001", "api/app.py", "password =", "api"},
        {"SEC-SRC-001", "api/config.yaml", "api_key", "api"},
    };
    for (const auto &[rule, file, text, service] : rows)
        QTest::newRow(qPrintable(
            QStringLiteral("%1 %2").arg(QString::fromUtf8(rule), QString::fromUtf8(text))))
            << QString::fromUtf8(rule) << QString::fromUtf8(file) << QString::fromUtf8(text)
            << QString::fromUtf8(service);
}

void TestSecretChecks::findings()
{
    QFETCH(QString, rule);
    QFETCH(QString, file);
    QFETCH(QString, lineText);
    QFETCH(QString, service);
    const int line = lineOf(file, lineText);
    QVERIFY(line > 0);
    const Finding *f = find(rule, file, line);
    QVERIFY2(f, qPrintable(QStringLiteral("no %1 at %2:%3").arg(rule, file).arg(line)));
    QCOMPARE(f->service, service);
    QVERIFY(!f->why.isEmpty());
    QCOMPARE(f->stride.isEmpty(), false);
}

void TestSecretChecks::noFalsePositives()
{
    for (const Finding &f : std::as_const(m_findings)) {
        QVERIFY2(!f.file.contains(QStringLiteral("node_modules")), qPrintable(f.id));
        QVERIFY2(!f.id.contains(QStringLiteral("LOG_LEVEL")), qPrintable(f.id));
        QVERIFY2(!f.id.contains(QStringLiteral("SMTP_PASSWORD")), qPrintable(f.id));
        QVERIFY2(!f.id.contains(QStringLiteral("APP_VERSION")), qPrintable(f.id));
        QVERIFY2(!f.id.contains(QStringLiteral(":SAFE")), qPrintable(f.id));
        QVERIFY2(!(f.ruleId == u"CMP-SEC-001" && f.id.contains(QStringLiteral("API_PASSWORD"))),
                 "a ${VAR} reference in compose is not a hard-coded secret");
        QVERIFY2(!(f.ruleId == u"CMP-SEC-001" && f.id.contains(QStringLiteral("DATABASE_URL"))),
                 "URL credentials belong to SEC-URL-001");
    }
    // app.py line 3 reads the environment: not a secret.
    QVERIFY(!find(QStringLiteral("SEC-SRC-001"), QStringLiteral("api/app.py"), 3));
}

void TestSecretChecks::evidenceIsRedacted()
{
    QVERIFY(!m_findings.isEmpty());
    for (const Finding &f : std::as_const(m_findings)) {
        for (const QString &secret : secretValues) {
            QVERIFY2(!f.evidence.contains(secret), qPrintable(f.id + u' ' + f.evidence));
            QVERIFY2(!f.why.contains(secret), qPrintable(f.id + u' ' + f.why));
        }
    }
    const Finding *f = find(QStringLiteral("CMP-SEC-001"), QStringLiteral("compose.yaml"),
                            lineOf(QStringLiteral("compose.yaml"), QStringLiteral("DB_PASSWORD")));
    QVERIFY(f);
    QCOMPARE(f->evidence, QStringLiteral("DB_PASSWORD: ****"));
}

void TestSecretChecks::idsAreRelative()
{
    for (const Finding &f : std::as_const(m_findings))
        QVERIFY2(!f.id.contains(m_project.path()), qPrintable(f.id));
    QVERIFY(std::any_of(m_findings.cbegin(), m_findings.cend(), [](const Finding &f) {
        return f.id == u"CMP-SEC-001@service:api/env:DB_PASSWORD";
    }));
}

void TestSecretChecks::secretRulesHaveChecks()
{
    const RuleSet::LoadResult secrets
        = RuleSet::readFile(QStringLiteral(":/catalog/rules-secrets.yaml"), true);
    for (const Rule &r : secrets.rules) {
        QVERIFY2(CheckRegistry::builtIn().find(r.id), qPrintable(r.id));
        QVERIFY(!r.rationale.isEmpty() && !r.remediation.isEmpty() && !r.attack.isEmpty()
                && !r.nist.isEmpty() && !r.cwe.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestSecretChecks)
#include "tst_secretchecks.moc"
