#include "rules/secretdetector.h"

#include <QTest>

using threatdock::rules::SecretDetector;
using Kind = SecretDetector::TextKind;

class TestSecretDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secretNames_data();
    void secretNames();
    void hardcoded_data();
    void hardcoded();
    void valuePatterns_data();
    void valuePatterns();
    void redact_data();
    void redact();
    void redactKeepsOtherText();
    void scanCodeNeedsLiterals();
    void scanShell();
    void weakCredentials();
};

void TestSecretDetector::secretNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    const std::pair<const char *, bool> rows[] = {
        {"DB_PASSWORD", true},
        {"POSTGRES_PASSWORD", true},
        {"PGPASSWORD", true},
        {"MYSQL_ROOT_PASSWORD", true},
        {"dbPassword", true},
        {"API_KEY", true},
        {"apiKey", true},
        {"SECRET_KEY", true},
        {"AWS_SECRET_ACCESS_KEY", true},
        {"GITHUB_TOKEN", true},
        {"accessToken", true},
        {"DB_PASS", true},
        {"private_key", true},
        {"client-secret", true},
        {"self.password", true},
        {"POSTGRES_PASSWORD_FILE", false},
        {"PASSWORD_MIN_LENGTH", false},
        {"TOKEN_TTL", false},
        {"AWS_ACCESS_KEY_ID", false},
        {"PWD", false},
        {"DB_HOST", false},
        {"KEYCLOAK_URL", false},
        {"tokenizer", false},
        {"next_token", false},
        {"ServiceToken", false},
        {"update_password", false},
        {"SECRET_NAME", false},
        {"passthrough", false},
        {"bypass", false},
    };
    for (const auto &[name, secret] : rows)
        QTest::newRow(name) << QString::fromUtf8(name) << secret;
}

void TestSecretDetector::secretNames()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    QCOMPARE(SecretDetector::isSecretName(name), secret);
}

void TestSecretDetector::hardcoded_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("hardcoded");
    const std::tuple<const char *, const char *, bool> rows[] = {
        {"DB_PASSWORD", "hunter22", true},
        {"DB_PASSWORD", "${DB_PASSWORD}", false},
        {"DB_PASSWORD", "$DB_PASSWORD", false},
        {"DB_PASSWORD", "${DB_PASSWORD:-x}", false},
        {"DB_PASSWORD", "", false},
        {"DB_PASSWORD", "true", false},
        {"DB_PASSWORD", "/run/secrets/db", false},
        {"DB_PASSWORD", "*4ACFE3202A5FF5CF467898FC58AAB1D615029441", false},
        {"DB_PASSWORD", "var.db_password", false},
        {"DB_PASSWORD", "abc", false},
        {"SOME_VALUE", "AKIAIOSFODNN7EXAMPLE", true},
        {"DATABASE_URL", "postgres://app:s3cret@db:5432/app", true},
        {"DATABASE_URL", "postgres://app:${DB_PASSWORD}@db/app", false},
        {"DATABASE_URL", "postgres://db:5432/app", false},
        {"LOG_LEVEL", "debug", false},
        {"SECRET_KEY", "'quoted-secret'", true},
    };
    for (const auto &[name, value, hardcoded] : rows)
        QTest::newRow(value) << QString::fromUtf8(name) << QString::fromUtf8(value) << hardcoded;
}

void TestSecretDetector::hardcoded()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(bool, hardcoded);
    QCOMPARE(SecretDetector::isHardcodedSecret(name, value), hardcoded);
}

void TestSecretDetector::valuePatterns_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("pattern");
    const std::pair<const char *, const char *> rows[] = {
        {"AKIAIOSFODNN7EXAMPLE", "AWS Access Key"},
        {"sq0atp-812erere3wewew45678901", "Square Access Token"},
        {"amzn.mws.643a5678-8f9f-1a2b-5c3b-e3ea43f3f4b4", "Amazon MWS Auth Token"},
        {"f4f56af5a54a3eaeb3c3beb3cc2ccccc-us36", "MailChimp API Key"},
        {"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",
         "SendGrid API Key"},
        {"ghp_abcdefghijklmnopqrstuvwxyz0123456789", "GitHub Token"},
        {"-----BEGIN RSA PRIVATE KEY-----", "Asymmetric private key"},
        {"https://user:pa55word@example.com/x", "Password in URL"},
        {"https://example.com/x", ""},
        {"nginx:1.25", ""},
    };
    for (const auto &[value, pattern] : rows)
        QTest::newRow(value) << QString::fromUtf8(value) << QString::fromUtf8(pattern);
}

void TestSecretDetector::valuePatterns()
{
    QFETCH(QString, value);
    QFETCH(QString, pattern);
    QCOMPARE(SecretDetector::valuePattern(value), pattern);
}

void TestSecretDetector::redact_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const std::pair<const char *, const char *> rows[] = {
        {"DB_PASSWORD=hunter2", "DB_PASSWORD=****"},
        {"- POSTGRES_PASSWORD=postgres", "- POSTGRES_PASSWORD=****"},
        {"DB_PASSWORD: hunter2", "DB_PASSWORD: ****"},
        {"DB_PASSWORD: \"two words\"", "DB_PASSWORD: \"****\""},
        {"DB_PASSWORD: two words here # note", "DB_PASSWORD: **** # note"},
        {"\"password\": \"hunter2\",", "\"password\": \"****\","},
        {"password = 'hunter2'", "password = '****'"},
        {"DB_PASSWORD: ${DB_PASSWORD}", "DB_PASSWORD: ${DB_PASSWORD}"},
        {"ENV DB_PASSWORD hunter2", "ENV DB_PASSWORD ****"},
        {"ENV A=1 API_TOKEN=abc123 B=2", "ENV A=1 API_TOKEN=**** B=2"},
        {"DATABASE_URL=postgres://app:s3cret@db/app", "DATABASE_URL=postgres://app:****@db/app"},
        {"url: https://u:${TOKEN}@github.com", "url: https://u:${TOKEN}@github.com"},
        {"key AKIAIOSFODNN7EXAMPLE here", "key **** here"},
        {"curl -u admin:hunter2 https://x", "curl -u admin:**** https://x"},
        {"mysql -uroot -phunter2 db", "mysql -uroot -p**** db"},
        {"login --password hunter2 --verbose", "login --password **** --verbose"},
        {"export DB_PASSWORD=hunter2 && run", "export DB_PASSWORD=**** && run"},
        {"-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----",
         "-----BEGIN RSA PRIVATE KEY-----****-----END RSA PRIVATE KEY-----"},
        {"{password: hunter2, user: bob}", "{password: ****, user: bob}"},
        {"command: redis-server --requirepass hunter2", "command: redis-server --requirepass ****"},
        {"command: [\"redis-server\", \"--requirepass\", \"hunter2\"]",
         "command: [\"redis-server\", \"--requirepass\", \"****\"]"},
        {"- --masterauth=hunter2", "- --masterauth=****"},
        {"run --passive --verbose", "run --passive --verbose"},
    };
    for (const auto &[text, expected] : rows)
        QTest::newRow(text) << QString::fromUtf8(text) << QString::fromUtf8(expected);
}

void TestSecretDetector::redact()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(SecretDetector::redact(text), expected);
    QCOMPARE(SecretDetector::redact(expected), expected); // idempotent
}

void TestSecretDetector::redactKeepsOtherText()
{
    const QString plain = QStringLiteral("image: nginx:1.25\nports: [\"80:80\"]\nuser: app");
    QCOMPARE(SecretDetector::redact(plain), plain);
}

void TestSecretDetector::scanCodeNeedsLiterals()
{
    const QString code = QStringLiteral("import os\n"
                                        "password = \"hunter2\"\n"
                                        "db = connect(password=os.environ[\"DB_PASSWORD\"])\n"
                                        "if password == \"admin\":\n"
                                        "    token = \"\"\n");
    const auto matches = SecretDetector::scan(code, Kind::Code);
    QCOMPARE(matches.size(), 1);
    QCOMPARE(matches.first().line, 2);
    QCOMPARE(matches.first().kind, QStringLiteral("Generic Password"));
    QCOMPARE(matches.first().name, QStringLiteral("password"));
    // The same assignment unquoted is a literal in a config file, an expression in code.
    QCOMPARE(SecretDetector::scan(QStringLiteral("password = hunter2"), Kind::Config).size(), 1);
    QCOMPARE(SecretDetector::scan(QStringLiteral("password = hunter2"), Kind::Code).size(), 0);
}

void TestSecretDetector::scanShell()
{
    QCOMPARE(
        SecretDetector::scan(QStringLiteral("curl -u admin:hunter2 https://x"), Kind::Shell).size(),
        1);
    QCOMPARE(
        SecretDetector::scan(QStringLiteral("curl -u admin:$PASS https://x"), Kind::Shell).size(),
        0);
    QCOMPARE(SecretDetector::scan(QStringLiteral("git clone https://${USER}:${TOKEN}@github.com/x"),
                                  Kind::Shell)
                 .size(),
             0);
    QCOMPARE(SecretDetector::scan(QStringLiteral("pip install --index-url "
                                                 "https://bob:pw1234@pypi.example/simple x"),
                                  Kind::Shell)
                 .first()
                 .kind,
             QStringLiteral("Password in URL"));
}

void TestSecretDetector::weakCredentials()
{
    QVERIFY(SecretDetector::isWeakCredential(QStringLiteral("postgres")));
    QVERIFY(SecretDetector::isWeakCredential(QStringLiteral("\"changeme\"")));
    QVERIFY(!SecretDetector::isWeakCredential(QStringLiteral("x9$Kq2!vLr")));
}

QTEST_GUILESS_MAIN(TestSecretDetector)
#include "tst_secretdetector.moc"
