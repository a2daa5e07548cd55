#include "compose/composeloader.h"
#include "projectfixture.h"

#include <QTest>

using namespace threatdock::compose;
using threatdock::testing::ProjectFixture;

namespace {

ComposeLoader::Result loadWith(const ComposeLoader::Options &o)
{
    ComposeLoader::Options options = o;
    if (!options.processEnvironment)
        options.processEnvironment = Environment{};
    return ComposeLoader::load(options);
}

ComposeProject mustLoad(const ComposeLoader::Options &o)
{
    ComposeLoader::Result r = loadWith(o);
    if (!r.ok())
        qFatal("load failed: %s", qPrintable(r.error->toString()));
    return *r.project;
}

ComposeLoader::Options at(const QString &path)
{
    ComposeLoader::Options o;
    o.path = path;
    return o;
}

} // namespace

class TestComposeLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void discoversComposeFileAndOverride()
    {
        ProjectFixture p{
            {"docker-compose.yml", "services:\n  web:\n    image: nginx\n"},
            {"docker-compose.override.yml", "services:\n  web:\n    ports: ['8080:80']\n"}};
        const QStringList files = ComposeLoader::discoverFiles(p.path());
        QCOMPARE(files,
                 (QStringList{p.path(QStringLiteral("docker-compose.yml")),
                              p.path(QStringLiteral("docker-compose.override.yml"))}));
        const ComposeProject project = mustLoad(at(p.path()));
        QCOMPARE(project.services.size(), 1);
        QCOMPARE(project.services[0].ports.size(), 1);
        QCOMPARE(project.services[0].ports[0].target, 80);
        QCOMPARE(project.services[0].ports[0].published, QStringLiteral("8080"));
        // The port comes from the override file, line 3.
        QCOMPARE(project.services[0].ports[0].origin.file,
                 p.path(QStringLiteral("docker-compose.override.yml")));
        QCOMPARE(project.services[0].ports[0].origin.line, 3);
    }

    void composeYamlWinsOverDockerCompose()
    {
        ProjectFixture p{{"compose.yaml", "services:\n  a:\n    image: a\n"},
                         {"docker-compose.yml", "services:\n  b:\n    image: b\n"}};
        QCOMPARE(mustLoad(at(p.path())).serviceNames(), QStringList{QStringLiteral("a")});
    }

    void noComposeFileIsAnError()
    {
        ProjectFixture p{{"README", "nothing here"}};
        const auto r = loadWith(at(p.path()));
        QVERIFY(!r.ok());
        QVERIFY2(r.error->toString().contains(QStringLiteral("no compose file found")),
                 qPrintable(r.error->toString()));
    }

    void explicitFilesMergeInOrder()
    {
        ProjectFixture p{{"base.yaml",
                          "services:\n  api:\n    image: api:1\n    environment:\n"
                          "      A: '1'\n      B: '2'\n    command: [run, a]\n"},
                         {"prod.yaml",
                          "services:\n  api:\n    image: api:2\n    environment:\n"
                          "      - B=3\n    command: [run, b]\n"}};
        ComposeLoader::Options o;
        o.files = {p.path(QStringLiteral("base.yaml")), p.path(QStringLiteral("prod.yaml"))};
        const ComposeProject project = mustLoad(o);
        const Service &api = project.services[0];
        QCOMPARE(api.image, QStringLiteral("api:2"));
        QCOMPARE(api.environment.size(), 2);
        QCOMPARE(api.environment[0].value, std::optional<QString>(QStringLiteral("1")));
        QCOMPARE(api.environment[1].value, std::optional<QString>(QStringLiteral("3")));
        QCOMPARE(api.node.value(QStringLiteral("command")).items().size(), size_t(2));
        QCOMPARE(api.node.value(QStringLiteral("command")).items()[1].text(), QStringLiteral("b"));
        QCOMPARE(project.workingDir, p.path());
    }

    void resetAndOverrideTags()
    {
        ProjectFixture p{{"compose.yaml",
                          "services:\n  web:\n    image: nginx\n    ports: "
                          "['80:80']\n    environment: {A: '1', B: '2'}\n"},
                         {"compose.override.yaml",
                          "services:\n  web:\n    ports: !reset []\n    environment: !override\n"
                          "      C: '3'\n"}};
        const Service web = mustLoad(at(p.path())).services[0];
        QVERIFY(web.ports.isEmpty());
        QCOMPARE(web.environment.size(), 1);
        QCOMPARE(web.environment[0].name, QStringLiteral("C"));
    }

    void projectNameSources()
    {
        ProjectFixture p{{"My Project_1/compose.yaml", "services:\n  a:\n    image: a\n"}};
        QCOMPARE(mustLoad(at(p.path(QStringLiteral("My Project_1")))).name,
                 QStringLiteral("myproject_1"));
        p.write(QStringLiteral("named/compose.yaml"),
                "name: shop\nservices:\n  a:\n    image: a\n");
        QCOMPARE(mustLoad(at(p.path(QStringLiteral("named")))).name, QStringLiteral("shop"));
        ComposeLoader::Options o = at(p.path(QStringLiteral("named")));
        o.projectName = QStringLiteral("override");
        QCOMPARE(mustLoad(o).name, QStringLiteral("override"));
        o.projectName.clear();
        o.processEnvironment
            = Environment{{QStringLiteral("COMPOSE_PROJECT_NAME"), QStringLiteral("fromenv")}};
        QCOMPARE(mustLoad(o).name, QStringLiteral("fromenv"));
        p.write(QStringLiteral("bad/compose.yaml"), "name: Bad Name\nservices: {}\n");
        const auto r = loadWith(at(p.path(QStringLiteral("bad"))));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->origin.line, 1);
        QVERIFY(r.error->message.contains(QStringLiteral("invalid project name")));
    }

    void dotEnvInterpolationAndProcessPrecedence()
    {
        ProjectFixture p{{".env", "TAG=1.0\nPORT=8080\n"},
                         {"compose.yaml",
                          "services:\n  web:\n    image: \"nginx:${TAG}\"\n"
                          "    ports: [\"${PORT}:80\"]\n"}};
        ComposeLoader::Options o = at(p.path());
        ComposeProject project = mustLoad(o);
        QCOMPARE(project.services[0].image, QStringLiteral("nginx:1.0"));
        QCOMPARE(project.envFiles, QStringList{p.path(QStringLiteral(".env"))});
        o.processEnvironment = Environment{{QStringLiteral("TAG"), QStringLiteral("2.0")}};
        project = mustLoad(o);
        QCOMPARE(project.services[0].image, QStringLiteral("nginx:2.0"));
        QCOMPARE(project.services[0].ports[0].published, QStringLiteral("8080"));
        // --env-file replaces .env
        p.write(QStringLiteral("prod.env"), "TAG=3.0\nPORT=9090\n");
        o = at(p.path());
        o.envFiles = {p.path(QStringLiteral("prod.env"))};
        project = mustLoad(o);
        QCOMPARE(project.services[0].image, QStringLiteral("nginx:3.0"));
        QCOMPARE(project.services[0].ports[0].published, QStringLiteral("9090"));
    }

    void missingRequiredVariableNamesFileAndLine()
    {
        ProjectFixture p{{"compose.yaml",
                          "services:\n  db:\n    image: postgres\n    "
                          "environment:\n      POSTGRES_PASSWORD: "
                          "${DB_PASSWORD:?set DB_PASSWORD in .env}\n"}};
        const auto r = loadWith(at(p.path()));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->origin.file, p.path(QStringLiteral("compose.yaml")));
        QCOMPARE(r.error->origin.line, 5);
        QVERIFY2(r.error->message.contains(QStringLiteral("DB_PASSWORD")),
                 qPrintable(r.error->message));
        QVERIFY(r.error->message.contains(QStringLiteral("set DB_PASSWORD in .env")));
    }

    void envFileFoldsIntoEnvironment()
    {
        ProjectFixture p{{"app.env", "A=from-file\nB=from-file\n"},
                         {"compose.yaml",
                          "services:\n  app:\n    image: app\n    env_file: "
                          "app.env\n    environment:\n      B: explicit\n"}};
        const Service app = mustLoad(at(p.path())).services[0];
        QCOMPARE(app.environment.size(), 2);
        for (const EnvironmentVariable &v : app.environment) {
            if (v.name == u"A") {
                QCOMPARE(v.value, std::optional<QString>(QStringLiteral("from-file")));
                // The origin of a variable from an env_file is that file's line.
                QCOMPARE(v.origin.file, p.path(QStringLiteral("app.env")));
                QCOMPARE(v.origin.line, 1);
            } else {
                QCOMPARE(v.value, std::optional<QString>(QStringLiteral("explicit")));
            }
        }
    }

    void extendsSameFileAndOtherFile()
    {
        ProjectFixture p{
            {"common/base.yaml",
             "services:\n  base:\n    image: base:1\n    build: ./ctx\n"
             "    environment: [LEVEL=base, KEEP=1]\n    cap_drop: [ALL]\n"},
            {"compose.yaml",
             "services:\n  tmpl:\n    image: tmpl\n    read_only: true\n"
             "  web:\n    extends: tmpl\n    image: web\n"
             "  api:\n    extends:\n      file: common/base.yaml\n      service: base\n"
             "    environment:\n      LEVEL: api\n"}};
        const ComposeProject project = mustLoad(at(p.path()));
        const Service *web = project.service(QStringLiteral("web"));
        QVERIFY(web);
        QCOMPARE(web->image, QStringLiteral("web"));
        QVERIFY(web->readOnly);
        QVERIFY(!web->node.contains(QStringLiteral("extends")));
        const Service *api = project.service(QStringLiteral("api"));
        QVERIFY(api);
        QCOMPARE(api->image, QStringLiteral("base:1"));
        QCOMPARE(api->capDrop, QStringList{QStringLiteral("ALL")});
        // Relative paths of a base from another directory resolve against that directory.
        QVERIFY(api->build.has_value());
        QCOMPARE(api->build->context, p.path(QStringLiteral("common/ctx")));
        for (const EnvironmentVariable &v : api->environment) {
            if (v.name == u"LEVEL")
                QCOMPARE(v.value, std::optional<QString>(QStringLiteral("api")));
        }
        QCOMPARE(api->environment.size(), 2);
    }

    void extendsChainAndCycle()
    {
        ProjectFixture p{{"compose.yaml",
                          "services:\n  a:\n    image: a\n    restart: always\n"
                          "  b:\n    extends: a\n    user: '1000'\n"
                          "  c:\n    extends: b\n"}};
        const ComposeProject project = mustLoad(at(p.path()));
        const Service *c = project.service(QStringLiteral("c"));
        QVERIFY(c);
        QCOMPARE(c->restart, QStringLiteral("always"));
        QCOMPARE(c->user, QStringLiteral("1000"));

        p.write(QStringLiteral("cycle/compose.yaml"),
                "services:\n  a:\n    image: x\n    extends: b\n  b:\n    extends: a\n");
        const auto r = loadWith(at(p.path(QStringLiteral("cycle"))));
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.contains(QStringLiteral("circular extends")),
                 qPrintable(r.error->message));
        QVERIFY(r.error->message.contains(QStringLiteral("a (compose.yaml)")));
        QVERIFY(r.error->message.contains(QStringLiteral("b (compose.yaml)")));
        QVERIFY(r.error->origin.line > 0);
    }

    void extendsMissingServiceOrFile()
    {
        ProjectFixture p{{"compose.yaml", "services:\n  a:\n    extends: nope\n"}};
        auto r = loadWith(at(p.path()));
        QVERIFY(!r.ok());
        QVERIFY(r.error->message.contains(QStringLiteral("\"nope\" not found")));
        QCOMPARE(r.error->origin.line, 3); // the extends line
        p.write(QStringLiteral("compose.yaml"),
                "services:\n  a:\n    extends:\n      file: missing.yaml\n      service: x\n");
        r = loadWith(at(p.path()));
        QVERIFY(!r.ok());
        QVERIFY(r.error->message.contains(QStringLiteral("missing.yaml not found")));
        QCOMPARE(r.error->origin.line, 4);
    }

    void includeWithOwnDirectoryAndEnv()
    {
        ProjectFixture p{{"db/compose.yaml",
                          "services:\n  db:\n    image: \"postgres:${PG_TAG}\"\n"
                          "    volumes: ['./data:/var/lib/postgresql/data']\n"},
                         {"db/.env", "PG_TAG=15\n"},
                         {"compose.yaml",
                          "include:\n  - db/compose.yaml\nservices:\n  web:\n"
                          "    image: web\n    depends_on: [db]\n"}};
        ComposeProject project = mustLoad(at(p.path()));
        QCOMPARE(project.serviceNames(),
                 (QStringList{QStringLiteral("web"), QStringLiteral("db")}));
        const Service *db = project.service(QStringLiteral("db"));
        QCOMPARE(db->image, QStringLiteral("postgres:15"));
        QCOMPARE(db->volumes[0].source, p.path(QStringLiteral("db/data")));
        QCOMPARE(db->origin.file, p.path(QStringLiteral("db/compose.yaml")));
        // The including project's environment overrides the included .env.
        ComposeLoader::Options o = at(p.path());
        o.processEnvironment = Environment{{QStringLiteral("PG_TAG"), QStringLiteral("16")}};
        project = mustLoad(o);
        QCOMPARE(project.service(QStringLiteral("db"))->image, QStringLiteral("postgres:16"));
    }

    void includeCycleAndMissingFile()
    {
        ProjectFixture p{{"compose.yaml", "include: [a.yaml]\nservices: {}\n"},
                         {"a.yaml", "include: [b.yaml]\nservices: {}\n"},
                         {"b.yaml", "include: [a.yaml]\nservices: {}\n"}};
        auto r = loadWith(at(p.path()));
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.contains(QStringLiteral("include cycle")),
                 qPrintable(r.error->message));
        QVERIFY(r.error->origin.isKnown());
        p.write(QStringLiteral("compose.yaml"), "include:\n  - path: nowhere.yaml\n");
        r = loadWith(at(p.path()));
        QVERIFY(!r.ok());
        QVERIFY(r.error->message.contains(QStringLiteral("nowhere.yaml not found")));
        QCOMPARE(r.error->origin.line, 2);
    }

    void includeConflictIsAnError()
    {
        ProjectFixture p{{"other.yaml", "services:\n  web:\n    image: other\n"},
                         {"compose.yaml",
                          "include: [other.yaml]\nservices:\n  web:\n    image: "
                          "mine\n"}};
        const auto r = loadWith(at(p.path()));
        QVERIFY(!r.ok());
        QVERIFY(r.error->message.contains(QStringLiteral("conflicts")));
    }

    void profiles()
    {
        ProjectFixture p{{"compose.yaml",
                          "services:\n  web:\n    image: web\n"
                          "  debug:\n    image: busybox\n    profiles: [debug]\n"
                          "  tools:\n    image: tools\n    profiles: [ops, debug]\n"}};
        ComposeLoader::Options o = at(p.path());
        ComposeProject project = mustLoad(o);
        QCOMPARE(project.serviceNames(), QStringList{QStringLiteral("web")});
        QCOMPARE(project.inactiveServices,
                 (QStringList{QStringLiteral("debug"), QStringLiteral("tools")}));
        o.profiles = {QStringLiteral("ops")};
        QCOMPARE(mustLoad(o).serviceNames(),
                 (QStringList{QStringLiteral("web"), QStringLiteral("tools")}));
        o.profiles.clear();
        o.processEnvironment
            = Environment{{QStringLiteral("COMPOSE_PROFILES"), QStringLiteral("debug")}};
        QCOMPARE(mustLoad(o).serviceNames().size(), 3);
        o.processEnvironment = Environment{};
        o.profiles = {QStringLiteral("*")};
        QCOMPARE(mustLoad(o).serviceNames().size(), 3);
    }

    void dependencyOnUndefinedServiceIsAnError()
    {
        ProjectFixture p{{"compose.yaml",
                          "services:\n  web:\n    image: web\n    depends_on:\n"
                          "      - db\n"}};
        const auto r = loadWith(at(p.path()));
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.contains(QStringLiteral("undefined service \"db\"")),
                 qPrintable(r.error->message));
        QCOMPARE(r.error->origin.line, 5);
    }

    void originsPointAtTheText()
    {
        ProjectFixture p{{"compose.yaml",
                          "services:\n  api:\n    image: api\n    privileged: "
                          "true\n    cap_add:\n      - SYS_ADMIN\n    deploy:\n"
                          "      resources:\n        limits:\n          memory: "
                          "512m\n"}};
        const Service api = mustLoad(at(p.path())).services[0];
        QCOMPARE(api.origin.line, 2);
        QCOMPARE(api.originOf(QStringLiteral("privileged")).line, 4);
        QCOMPARE(api.originOf(QStringLiteral("cap_add")).line, 5);
        QCOMPARE(api.originOf(QStringLiteral("deploy.resources.limits.memory")).line, 10);
        QCOMPARE(api.memLimit, std::optional<qint64>(512LL * 1024 * 1024));
        QVERIFY(api.privileged);
    }

    void composeFileVariable()
    {
        ProjectFixture p{{".env", "COMPOSE_FILE=a.yaml:b.yaml\n"},
                         {"a.yaml", "services:\n  x:\n    image: a\n"},
                         {"b.yaml", "services:\n  x:\n    user: nobody\n"}};
        const ComposeProject project = mustLoad(at(p.path()));
        QCOMPARE(project.composeFiles.size(), 2);
        QCOMPARE(project.services[0].user, QStringLiteral("nobody"));
    }

    void obsoleteVersionIsAWarning()
    {
        ProjectFixture p{{"compose.yaml", "version: '3.8'\nservices:\n  a:\n    image: a\n"}};
        const auto r = loadWith(at(p.path()));
        QVERIFY(r.ok());
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY(r.warnings[0].message.contains(QStringLiteral("obsolete")));
        QCOMPARE(r.warnings[0].origin.line, 1);
    }
};

QTEST_GUILESS_MAIN(TestComposeLoader)
#include "tst_composeloader.moc"
