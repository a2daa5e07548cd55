#include "cli/commandline.h"
#include "clirun.h"
#include "projectfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using threatdock::testing::ProjectFixture;

namespace {

using Run = threatdock::testing::CliRun;

Run cli(const QStringList &arguments)
{
    return threatdock::testing::runCli(arguments);
}

const char *kCompose = "name: shop\n"
                       "services:\n"
                       "  web:\n"
                       "    image: \"nginx:${TAG:-1.25}\"\n"
                       "    ports: [\"127.0.0.1:8080:80\"]\n"
                       "    volumes: [\"./html:/usr/share/nginx/html:ro\"]\n"
                       "    environment:\n"
                       "      - DB_PASSWORD=${DB_PASSWORD}\n"
                       "  debug:\n"
                       "    image: busybox\n"
                       "    profiles: [debug]\n";

} // namespace

class TestConfigCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonHasComposeConfigShapes()
    {
        ProjectFixture p{{"compose.yaml", kCompose}, {".env", "DB_PASSWORD=s3cret\n"}};
        const Run r = cli({QStringLiteral("config"), p.path(), QStringLiteral("--format"),
                           QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(doc.value(QStringLiteral("name")).toString(), QStringLiteral("shop"));
        const QJsonObject web = doc.value(QStringLiteral("services"))
                                    .toObject()
                                    .value(QStringLiteral("web"))
                                    .toObject();
        QCOMPARE(web.value(QStringLiteral("image")).toString(), QStringLiteral("nginx:1.25"));
        const QJsonObject port = web.value(QStringLiteral("ports")).toArray().at(0).toObject();
        QCOMPARE(port.value(QStringLiteral("target")).toInt(), 80);
        QCOMPARE(port.value(QStringLiteral("published")).toString(), QStringLiteral("8080"));
        QCOMPARE(port.value(QStringLiteral("host_ip")).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(port.value(QStringLiteral("protocol")).toString(), QStringLiteral("tcp"));
        const QJsonObject vol = web.value(QStringLiteral("volumes")).toArray().at(0).toObject();
        QCOMPARE(vol.value(QStringLiteral("type")).toString(), QStringLiteral("bind"));
        QCOMPARE(vol.value(QStringLiteral("source")).toString(), p.path(QStringLiteral("html")));
        QCOMPARE(vol.value(QStringLiteral("target")).toString(),
                 QStringLiteral("/usr/share/nginx/html"));
        QCOMPARE(vol.value(QStringLiteral("read_only")).toBool(), true);
        // config prints resolved values, as `docker compose config` does.
        QCOMPARE(web.value(QStringLiteral("environment"))
                     .toObject()
                     .value(QStringLiteral("DB_PASSWORD"))
                     .toString(),
                 QStringLiteral("s3cret"));
        QVERIFY(
            !doc.value(QStringLiteral("services")).toObject().contains(QStringLiteral("debug")));
    }

    void yamlIsTheDefaultAndReadsBack()
    {
        ProjectFixture p{{"compose.yaml", kCompose}};
        const Run r = cli({QStringLiteral("config"), p.path()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("services:")), qPrintable(r.out));
        // Our own YAML output loads again as the same project.
        p.write(QStringLiteral("again/compose.yaml"), r.out.toUtf8());
        const Run again = cli({QStringLiteral("config"), p.path(QStringLiteral("again")),
                               QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(again.exitCode, 0);
        const Run first = cli({QStringLiteral("config"), p.path(), QStringLiteral("--format"),
                               QStringLiteral("json")});
        QCOMPARE(again.out, first.out);
    }

    void servicesAndProfiles()
    {
        ProjectFixture p{{"compose.yaml", kCompose}};
        Run r = cli({QStringLiteral("config"), p.path(), QStringLiteral("--services")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("web\n"));
        r = cli({QStringLiteral("config"), p.path(), QStringLiteral("--services"),
                 QStringLiteral("--profile"), QStringLiteral("debug")});
        QCOMPARE(r.out, QStringLiteral("web\ndebug\n"));
    }

    void explicitFilesProjectNameAndEnvFile()
    {
        ProjectFixture p{{"a.yaml", "services:\n  x:\n    image: \"x:${V}\"\n"},
                         {"b.yaml", "services:\n  x:\n    user: '1000'\n"},
                         {"vars.env", "V=7\n"}};
        const Run r = cli(
            {QStringLiteral("config"), QStringLiteral("-f"), p.path(QStringLiteral("a.yaml")),
             QStringLiteral("-f"), p.path(QStringLiteral("b.yaml")), QStringLiteral("--env-file"),
             p.path(QStringLiteral("vars.env")), QStringLiteral("--project-name"),
             QStringLiteral("demo"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(doc.value(QStringLiteral("name")).toString(), QStringLiteral("demo"));
        const QJsonObject x = doc.value(QStringLiteral("services"))
                                  .toObject()
                                  .value(QStringLiteral("x"))
                                  .toObject();
        QCOMPARE(x.value(QStringLiteral("image")).toString(), QStringLiteral("x:7"));
        QCOMPARE(x.value(QStringLiteral("user")).toString(), QStringLiteral("1000"));
    }

    void errorsAreOneLineWithFileAndLine()
    {
        ProjectFixture p{{"compose.yaml",
                          "services:\n  web:\n    image: nginx\n    ports: "
                          "[\"abc:80\"]\n"}};
        const Run r = cli({QStringLiteral("config"), p.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(p.path(QStringLiteral("compose.yaml")) + QStringLiteral(":4")),
                 qPrintable(r.err));
    }

    void usageErrorsExitTwo()
    {
        QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("--format"), QStringLiteral("xml")})
                     .exitCode,
                 2);
        QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("--bogus")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(cli({}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("--help")}).exitCode, 0);
    }

    void realExecutable()
    {
        ProjectFixture p{{"compose.yaml", kCompose}};
        QProcess proc;
        proc.start(QStringLiteral(THREATDOCK_CLI),
                   {QStringLiteral("config"), QStringLiteral("--services"), p.path()});
        QVERIFY(proc.waitForFinished(30000));
        QCOMPARE(proc.exitCode(), 0);
        QCOMPARE(proc.readAllStandardOutput(), QByteArray("web\n"));

        p.write(QStringLiteral("compose.yaml"), "services: [\n");
        proc.start(QStringLiteral(THREATDOCK_CLI), {QStringLiteral("config"), p.path()});
        QVERIFY(proc.waitForFinished(30000));
        QCOMPARE(proc.exitCode(), 1);
        const QByteArray err = proc.readAllStandardError();
        QCOMPARE(err.count('\n'), 1);
        QVERIFY2(err.contains("compose.yaml:"), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestConfigCommand)
#include "tst_configcommand.moc"
