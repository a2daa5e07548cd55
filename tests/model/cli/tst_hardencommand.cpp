// `threatdock-cli harden`: prints the plan, the overlay and the Dockerfile diff without
// writing; --write writes them with backups; --only, --exclude, --public and --format json;
// usage errors exit 2, a broken project exits 1 naming the file and line; secrets never
// appear in the output. Run in-process and once through the real executable.

#include "clirun.h"
#include "compose/composeloader.h"
#include "projectfixture.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using threatdock::testing::CliRun;
using threatdock::testing::ProjectFixture;
using threatdock::testing::readAll;
using threatdock::testing::runCli;

namespace {

const char *const kCompose = "name: shop\n"
                             "services:\n"
                             "  web:\n"
                             "    build: ./web\n"
                             "    ports: [\"8080:8080\"]\n"
                             "    environment:\n"
                             "      API_TOKEN: \"tok-9f8e7d6c5b4a3210\"\n"
                             "  db:\n"
                             "    image: postgres\n"
                             "    ports: [\"5432:5432\"]\n";
const char *const kDockerfile = "FROM python:3.12-slim\nCOPY app.py /app/\n"
                                "RUN pip install flask\nCMD [\"python3\", \"/app/app.py\"]\n";

QStringList rulesOf(const QJsonObject &plan)
{
    QStringList rules;
    for (const QJsonValue &c : plan.value(QStringLiteral("changes")).toArray())
        for (const QJsonValue &r : c.toObject().value(QStringLiteral("rules")).toArray())
            if (!rules.contains(r.toString()))
                rules << r.toString();
    return rules;
}

QJsonObject json(const CliRun &r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

} // namespace

class TestHardenCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void printsWithoutWriting()
    {
        ProjectFixture p{{"compose.yaml", kCompose}, {"web/Dockerfile", kDockerfile}};
        const CliRun r = runCli({QStringLiteral("harden"), p.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("Hardening plan for shop: ")));
        QVERIFY(r.out.contains(QStringLiteral("\nweb\n")));
        QVERIFY(r.out.contains(QStringLiteral("=== compose.hardening.yaml (new) ===")));
        QVERIFY(r.out.contains(QStringLiteral("=== .env.example (new) ===")));
        QVERIFY(r.out.contains(QStringLiteral("--- a/web/Dockerfile")));
        QVERIFY(r.out.contains(QStringLiteral("+USER ")));
        QVERIFY(r.out.contains(QStringLiteral("Nothing written")));
        QVERIFY(!r.out.contains(QStringLiteral("tok-9f8e7d6c5b4a3210")));
        QVERIFY(!QFile::exists(p.path(QStringLiteral("compose.hardening.yaml"))));
        QCOMPARE(readAll(p.path(QStringLiteral("web/Dockerfile"))), QByteArray(kDockerfile));
    }

    void writesOverlayAndBackups()
    {
        ProjectFixture p{{"compose.yaml", kCompose}, {"web/Dockerfile", kDockerfile}};
        const CliRun r = runCli({QStringLiteral("harden"), p.path(), QStringLiteral("--write")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Wrote compose.hardening.yaml, .env.example, "
                                               "web/Dockerfile")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("-f compose.yaml -f compose.hardening.yaml")));
        QCOMPARE(readAll(p.path(QStringLiteral("web/Dockerfile.bak"))), QByteArray(kDockerfile));
        QVERIFY(readAll(p.path(QStringLiteral(".env.example"))).contains("\nAPI_TOKEN=\n"));
        QCOMPARE(readAll(p.path(QStringLiteral("compose.yaml"))), QByteArray(kCompose));

        // The written overlay merges. A second plan starts from the user's files again: the
        // overlay given with -f is left out (else its no-new-privileges would hide the
        // finding), and the Dockerfile now has its USER, so no user change is proposed.
        threatdock::compose::ComposeLoader::Options o;
        o.files = QStringList{p.path(QStringLiteral("compose.yaml")),
                              p.path(QStringLiteral("compose.hardening.yaml"))};
        QVERIFY(threatdock::compose::ComposeLoader::load(o).ok());
        const CliRun again = runCli({QStringLiteral("harden"), QStringLiteral("-f"),
                                     p.path(QStringLiteral("compose.yaml")), QStringLiteral("-f"),
                                     p.path(QStringLiteral("compose.hardening.yaml"))});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.contains(QStringLiteral("left out")), qPrintable(again.err));
        QVERIFY(again.out.contains(QStringLiteral("fixes CMP-PRIV-004")));
        QVERIFY(!again.out.contains(QStringLiteral("user: \"10001:10001\"")));
        QVERIFY(!again.out.contains(QStringLiteral("fixes DKF-")));
    }

    void jsonOnlyExcludePublic()
    {
        ProjectFixture p{{"compose.yaml", kCompose}, {"web/Dockerfile", kDockerfile}};
        const QJsonObject all = json(runCli({QStringLiteral("harden"), p.path(),
                                             QStringLiteral("--format"), QStringLiteral("json")}));
        QCOMPARE(all.value(QStringLiteral("project")).toString(), QStringLiteral("shop"));
        QVERIFY(!all.value(QStringLiteral("changes")).toArray().isEmpty());
        for (const QJsonValue &c : all.value(QStringLiteral("changes")).toArray()) {
            QVERIFY(!c.toObject().value(QStringLiteral("fixes")).toArray().isEmpty());
            QVERIFY(c.toObject().value(QStringLiteral("accepted")).toBool());
        }
        QVERIFY(rulesOf(all).contains(QStringLiteral("CMP-NET-003")));
        QVERIFY(!all.value(QStringLiteral("files")).toArray().isEmpty());
        QVERIFY(!QJsonDocument(all).toJson().contains("tok-9f8e7d6c5b4a3210"));

        const QJsonObject only = json(runCli(
            {QStringLiteral("harden"), p.path(), QStringLiteral("--format"), QStringLiteral("json"),
             QStringLiteral("--only"), QStringLiteral("CMP-PRIV-004,CMP-FS-001")}));
        QStringList rules = rulesOf(only);
        rules.sort();
        QCOMPARE(rules,
                 (QStringList{QStringLiteral("CMP-FS-001"), QStringLiteral("CMP-PRIV-004")}));

        const QJsonObject excluded = json(runCli(
            {QStringLiteral("harden"), p.path(), QStringLiteral("--format"), QStringLiteral("json"),
             QStringLiteral("--exclude"), QStringLiteral("CMP-NET-*"), QStringLiteral("--exclude"),
             QStringLiteral("DKF-*")}));
        for (const QString &r : rulesOf(excluded))
            QVERIFY2(!r.startsWith(QStringLiteral("CMP-NET-"))
                         && !r.startsWith(QStringLiteral("DKF-")),
                     qPrintable(r));

        const QJsonObject pub = json(runCli(
            {QStringLiteral("harden"), p.path(), QStringLiteral("--format"), QStringLiteral("json"),
             QStringLiteral("--public"), QStringLiteral("web:8080")}));
        for (const QJsonValue &f : pub.value(QStringLiteral("fixed_findings")).toArray())
            QVERIFY2(!f.toString().startsWith(QStringLiteral("CMP-NET-001@service:web")),
                     qPrintable(f.toString()));
        QVERIFY(pub.value(QStringLiteral("fixed_findings"))
                    .toArray()
                    .contains(QStringLiteral("CMP-NET-001@service:db/port:5432/tcp")));
    }

    void errors()
    {
        ProjectFixture p{{"compose.yaml", kCompose}, {"web/Dockerfile", kDockerfile}};
        const CliRun format = runCli({QStringLiteral("harden"), p.path(),
                                      QStringLiteral("--format"), QStringLiteral("xml")});
        QCOMPARE(format.exitCode, 2);
        QVERIFY(format.err.contains(QStringLiteral("unknown format \"xml\"")));
        const CliRun pub = runCli({QStringLiteral("harden"), p.path(), QStringLiteral("--public"),
                                   QStringLiteral("8080")});
        QCOMPARE(pub.exitCode, 2);
        QVERIFY(pub.err.contains(QStringLiteral("SERVICE:PORT")));
        QCOMPARE(runCli({QStringLiteral("harden"), p.path(), p.path()}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("harden"), QStringLiteral("--help")}).exitCode, 0);

        ProjectFixture broken{
            {"compose.yaml", "services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.26\n"}};
        const CliRun bad = runCli({QStringLiteral("harden"), broken.path()});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("compose.yaml:4")), qPrintable(bad.err));

        // A read-only Dockerfile: a clear error, nothing written.
        QVERIFY(QFile::setPermissions(p.path(QStringLiteral("web/Dockerfile")),
                                      QFile::ReadOwner | QFile::ReadGroup));
        const CliRun readOnly
            = runCli({QStringLiteral("harden"), p.path(), QStringLiteral("--write")});
        QCOMPARE(readOnly.exitCode, 1);
        QVERIFY2(readOnly.err.startsWith(QStringLiteral("error: ")
                                         + p.path(QStringLiteral("web/Dockerfile"))),
                 qPrintable(readOnly.err));
        QVERIFY(!QFile::exists(p.path(QStringLiteral("compose.hardening.yaml"))));
    }

    void realExecutable()
    {
        ProjectFixture p{{"compose.yaml", kCompose}, {"web/Dockerfile", kDockerfile}};
        QProcess process;
        process.start(QStringLiteral(THREATDOCK_CLI),
                      {QStringLiteral("harden"), p.path(), QStringLiteral("--format"),
                       QStringLiteral("json")});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QJsonObject plan = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        QVERIFY(!plan.value(QStringLiteral("changes")).toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHardenCommand)
#include "tst_hardencommand.moc"
