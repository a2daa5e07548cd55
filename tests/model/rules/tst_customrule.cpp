#include "compose/composeloader.h"
#include "projectfixture.h"
#include "rules/customrule.h"
#include "rules/ruleengine.h"
#include "rules/ruleset.h"

#include <QTest>

using namespace threatdock;
using namespace threatdock::rules;
using threatdock::testing::ProjectFixture;

namespace {

const char *const composeYaml = R"(services:
  web:
    image: nginx:latest
    read_only: true
    cap_drop: [ALL]
    mem_limit: 256m
    ports:
      - "8080:80"
  api:
    build: ./api
    mem_limit: 2g
    deploy:
      resources:
        limits:
          cpus: "0.5"
)";

const char *const dockerfileText = R"(FROM alpine:3.19 AS build
RUN apk add curl && curl -fsSL https://get.example/install.sh | sh
FROM alpine:3.19
RUN echo ready
)";

QString rulesFile(const QString &match)
{
    return QStringLiteral("rules:\n"
                          "  - id: USR-TEST-001\n"
                          "    title: Test rule\n"
                          "    severity: medium\n"
                          "    stride: T\n"
                          "    match:\n")
        + match;
}

} // namespace

class TestCustomRule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void invalid_data();
    void invalid();
    void serviceConditions_data();
    void serviceConditions();
    void dockerfileConditions_data();
    void dockerfileConditions();

private:
    ProjectFixture m_project{{"compose.yaml", composeYaml}, {"api/Dockerfile", dockerfileText}};
    AnalysisInput m_input;

    RuleSet::LoadResult load(const QString &match)
    {
        ProjectFixture rules{};
        rules.write(QStringLiteral("rules.yaml"), rulesFile(match).toUtf8());
        return RuleSet::readFile(rules.path(QStringLiteral("rules.yaml")));
    }
    QList<Finding> run(const QString &match)
    {
        const RuleSet::LoadResult loaded = load(match);
        if (!loaded.ok())
            qFatal("%s", qPrintable(loaded.error->toString()));
        RuleSet set;
        set.add(loaded.rules);
        return RuleEngine(set).run(m_input);
    }
};

void TestCustomRule::initTestCase()
{
    const auto loaded = compose::ComposeLoader::load(m_project.path());
    QVERIFY2(loaded.ok(), qPrintable(loaded.error ? loaded.error->toString() : QString()));
    m_input = AnalysisInput::fromProject(*loaded.project);
    QCOMPARE(m_input.dockerfiles.size(), 1);
}

void TestCustomRule::invalid_data()
{
    QTest::addColumn<QString>("match");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown operator") << QStringLiteral("      service: {path: image, op: like, "
                                                        "value: x}\n")
                                      << 7 << QStringLiteral("unknown operator \"like\"");
    QTest::newRow("bad regex") << QStringLiteral("      service:\n"
                                                 "        all:\n"
                                                 "          - {path: image, op: exists}\n"
                                                 "          - {path: image, op: matches, "
                                                 "value: '(unclosed'}\n")
                               << 10 << QStringLiteral("bad regular expression");
    QTest::newRow("missing path") << QStringLiteral("      service:\n"
                                                    "        any:\n"
                                                    "          - {op: exists}\n")
                                  << 9 << QStringLiteral("needs a \"path\"");
    QTest::newRow("bad path") << QStringLiteral("      service: {path: 'ports[x]', op: exists}\n")
                              << 7 << QStringLiteral("bad key path");
    QTest::newRow("value missing") << QStringLiteral("      service: {path: user, op: equals}\n")
                                   << 7 << QStringLiteral("needs a scalar \"value\"");
    QTest::newRow("not a number") << QStringLiteral("      service: {path: mem_limit, op: less, "
                                                    "value: lots}\n")
                                  << 7 << QStringLiteral("needs a number");
    QTest::newRow("unknown instruction") << QStringLiteral("      dockerfile: {instruction: "
                                                           "RUNN}\n")
                                         << 7 << QStringLiteral("known \"instruction\"");
    QTest::newRow("unknown key") << QStringLiteral("      services: {path: image, op: exists}\n")
                                 << 7 << QStringLiteral("unknown key \"services\"");
}

void TestCustomRule::invalid()
{
    QFETCH(QString, match);
    QFETCH(int, line);
    QFETCH(QString, message);
    const RuleSet::LoadResult loaded = load(match);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error->message.contains(message), qPrintable(loaded.error->toString()));
    QCOMPARE(loaded.error->origin.line, line);
    QVERIFY(loaded.error->origin.file.endsWith(QStringLiteral("rules.yaml")));
}

void TestCustomRule::serviceConditions_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QStringList>("services");
    const std::pair<const char *, QStringList> rows[] = {
        {"{path: read_only, op: absent}", {QStringLiteral("api")}},
        {"{path: read_only, op: equals, value: true}", {QStringLiteral("web")}},
        {"{path: read_only, op: not-equals, value: true}", {QStringLiteral("api")}},
        {"{path: image, op: matches, value: ':latest$'}", {QStringLiteral("web")}},
        {"{path: cap_drop, op: contains, value: ALL}", {QStringLiteral("web")}},
        {"{path: 'cap_drop[0]', op: equals, value: ALL}", {QStringLiteral("web")}},
        {"{path: 'ports[*].published', op: equals, value: 8080}", {QStringLiteral("web")}},
        {"{path: ports.0.target, op: equals, value: 80}", {QStringLiteral("web")}},
        {"{path: mem_limit, op: greater, value: 1g}", {QStringLiteral("api")}},
        {"{path: mem_limit, op: less, value: 512m}", {QStringLiteral("web")}},
        {"{path: deploy.resources.limits.cpus, op: exists}", {QStringLiteral("api")}},
        {"{all: [{path: read_only, op: absent}, {path: build, op: exists}]}",
         {QStringLiteral("api")}},
        {"{any: [{path: image, op: matches, value: nginx}, {path: build, op: exists}]}",
         {QStringLiteral("api"), QStringLiteral("web")}},
        {"{all: [{path: read_only, op: absent}, {path: image, op: matches, value: nginx}]}", {}},
    };
    for (const auto &[condition, services] : rows)
        QTest::newRow(condition) << QString::fromUtf8(condition) << services;
}

void TestCustomRule::serviceConditions()
{
    QFETCH(QString, condition);
    QFETCH(QStringList, services);
    QStringList fired;
    for (const Finding &f : run(QStringLiteral("      service: ") + condition + u'\n')) {
        fired << f.service;
        QCOMPARE(f.ruleId, QStringLiteral("USR-TEST-001"));
        QCOMPARE(f.id, QStringLiteral("USR-TEST-001@service:") + f.service);
        QVERIFY(f.why.startsWith(QStringLiteral("service ") + f.service));
        QVERIFY(f.line > 0);
    }
    fired.sort();
    QCOMPARE(fired, services);
}

void TestCustomRule::dockerfileConditions_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QList<int>>("lines");
    QTest::newRow("curl|sh, final stage") << QStringLiteral("{instruction: RUN, args: 'curl .*\\| "
                                                            "*sh'}")
                                          << QList<int>{};
    QTest::newRow("curl|sh, all stages") << QStringLiteral("{instruction: RUN, args: 'curl .*\\| "
                                                           "*sh', stage: all}")
                                         << QList<int>{2};
    QTest::newRow("any RUN, final") << QStringLiteral("{instruction: run}") << QList<int>{4};
    QTest::newRow("HEALTHCHECK absent")
        << QStringLiteral("{instruction: HEALTHCHECK, op: absent}") << QList<int>{3};
    QTest::newRow("USER absent, all stages")
        << QStringLiteral("{instruction: USER, op: absent, stage: all}") << QList<int>{1, 3};
}

void TestCustomRule::dockerfileConditions()
{
    QFETCH(QString, condition);
    QFETCH(QList<int>, lines);
    QList<int> fired;
    for (const Finding &f : run(QStringLiteral("      dockerfile: ") + condition + u'\n')) {
        fired << f.line;
        QCOMPARE(f.file, m_project.path(QStringLiteral("api/Dockerfile")));
        QCOMPARE(f.service, QStringLiteral("api"));
        QVERIFY(f.id.startsWith(QStringLiteral("USR-TEST-001@dockerfile:api/Dockerfile/stage:")));
    }
    std::sort(fired.begin(), fired.end());
    QCOMPARE(fired, lines);
}

QTEST_GUILESS_MAIN(TestCustomRule)
#include "tst_customrule.moc"
