#pragma once

// What the report tests share: the bundled sample analysed with a review file that has
// decisions, owners, notes and a scan run; a project with secrets in every place they
// hide; the external tools (pdftotext, pdfinfo, qpdf, pdftoppm) run as real processes.

#include "analysis/projectanalysis.h"
#include "projectfixture.h"
#include "report/reportbuilder.h"
#include "review/latestscans.h"
#include "review/reviewstore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

namespace threatdock::testing {

/// The vulnerable sample in the repository.
inline QString samplePath()
{
    return QStringLiteral(THREATDOCK_SOURCE_DIR "/resources/sample/vulnerable");
}

/// The secret values written into the sample (its compose file and app source).
inline QStringList sampleSecrets()
{
    return {QStringLiteral("Tr0ub4dor&3-admin"), QStringLiteral("redis-Pa55w0rd-2024")};
}

/// Secrets in the environment, a URL, a command line, an env_file, a Dockerfile ENV and
/// the review's notes.
inline QStringList fixtureSecrets()
{
    return {QStringLiteral("Fx-Db-Pa55-7731"),        QStringLiteral("Fx-Url-Pa55-2288"),
            QStringLiteral("Fx-Cmd-Pa55-9190"),       QStringLiteral("Fx-EnvFile-Pa55-4410"),
            QStringLiteral("Fx-Dockerfile-Key-6612"), QStringLiteral("Fx-Notes-Pa55-5150")};
}

inline void writeSecretProject(ProjectFixture &fixture)
{
    fixture.write(QStringLiteral("compose.yaml"),
                  "name: secretive\n"
                  "services:\n"
                  "  app:\n"
                  "    build: ./app\n"
                  "    ports: [\"8080:8080\"]\n"
                  "    environment:\n"
                  "      DB_PASSWORD: \"Fx-Db-Pa55-7731\"\n"
                  "      DATABASE_URL: \"postgres://app:Fx-Url-Pa55-2288@db:5432/app\"\n"
                  "    depends_on: [db, cache]\n"
                  "  cache:\n"
                  "    image: redis:7\n"
                  "    command: [\"redis-server\", \"--requirepass\", \"Fx-Cmd-Pa55-9190\"]\n"
                  "    ports: [\"6379:6379\"]\n"
                  "  db:\n"
                  "    image: postgres:16\n"
                  "    env_file: db.env\n"
                  "    volumes: [\"db-data:/var/lib/postgresql/data\"]\n"
                  "volumes:\n"
                  "  db-data: {}\n");
    fixture.write(QStringLiteral("db.env"), "POSTGRES_PASSWORD=Fx-EnvFile-Pa55-4410\n");
    fixture.write(QStringLiteral("app/Dockerfile"),
                  "FROM python:3.12-slim\n"
                  "ENV SECRET_KEY=Fx-Dockerfile-Key-6612\n"
                  "COPY . /app\n"
                  "CMD [\"python3\", \"/app/main.py\"]\n");
}

/// An analysed project with a review file: one threat accepted, one transferred, one with
/// an open question, one mitigation planned, and a Bandit scan run.
class ReportFixture
{
public:
    /// Analyses path and fills a new review next to nothing of the project's.
    void setUp(const QString &path, const QString &notesSecret = QString())
    {
        QVERIFY(m_dir.isValid());
        reviewPath = m_dir.filePath(QStringLiteral("review.threatdock"));
        auto created = review::ReviewStore::create(reviewPath);
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        store = std::move(created.value);
        addScanRun(path);
        analysis::AnalysisRequest request;
        request.load.path = path;
        const auto runs = store->scanRuns();
        QVERIFY(runs.ok());
        request.scanFindings = review::latestScanFindings(runs.value);
        result = analysis::analyzeProject(request);
        QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
        QVERIFY(result.report.threats.size() >= 4);
        QVERIFY(store->setProject({path, {}, {}}).ok());
        QVERIFY(store->applyAnalysis(result.report.threats, result.report.findings).ok());
        decide(notesSecret);
    }

    report::ReportInput input() const
    {
        report::ReportInput in;
        in.analysis = result.report;
        in.diagram = result.diagram;
        in.review = store.get();
        in.title = QStringLiteral("Workshop report");
        in.participants = {QStringLiteral("Alice Facilitator"), QStringLiteral("Bob Engineer")};
        return in;
    }

    /// Renders a format; fails the test when it cannot.
    QByteArray render(report::ReportFormat format,
                      QPageSize pageSize = QPageSize(QPageSize::A4)) const
    {
        const report::ReportBuilder builder(input());
        QString error;
        const auto data = builder.render(format, {pageSize, {}}, &error);
        if (!data)
            qWarning("render failed: %s", qPrintable(error));
        if (!builder.warnings().isEmpty())
            qWarning("render warnings: %s", qPrintable(builder.warnings().join(u'\n')));
        return data.value_or(QByteArray());
    }

    QString writeFile(const QString &name, const QByteArray &data) const
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QString path(const QString &name) const { return m_dir.filePath(name); }

    analysis::AnalysisResult result;
    std::unique_ptr<review::ReviewStore> store;
    QString reviewPath;
    QString accepted;    ///< threat id
    QString transferred; ///< threat id
    QString questioned;  ///< threat id, open with notes
    static QString owner() { return QStringLiteral("Carol Owner"); }
    static QString justification()
    {
        return QStringLiteral("Accepted until the Q3 network redesign, compensating WAF rule 42");
    }

private:
    void addScanRun(const QString &path)
    {
        review::ScanRun run;
        run.tool = QStringLiteral("bandit");
        run.toolVersion = QStringLiteral("1.6.2");
        run.target = path + QStringLiteral("/api");
        run.startedAt = QDateTime(QDate(2026, 3, 2), QTime(10, 0), QTimeZone::utc());
        run.finishedAt = run.startedAt.addSecs(4);
        run.exitStatus = 1;
        rules::Finding f;
        f.id = QStringLiteral("B602@api/app.py:40");
        f.ruleId = QStringLiteral("B602");
        f.title = QStringLiteral("subprocess call with shell=True identified");
        f.severity = rules::Severity::High;
        f.service = QStringLiteral("api");
        f.file = path + QStringLiteral("/api/app.py");
        f.line = 40;
        f.evidence = QStringLiteral("subprocess.check_output(cmd, shell=True)");
        f.source = QStringLiteral("bandit");
        run.findings << f;
        QVERIFY(store->addScanRun(run).ok());
    }

    void decide(const QString &notesSecret)
    {
        const QList<threats::Threat> &threats = result.report.threats;
        accepted = threats.at(0).id;
        transferred = threats.at(1).id;
        questioned = threats.at(2).id;
        QVERIFY(store->setStatus(accepted, review::DecisionStatus::Accepted).ok());
        QVERIFY(store->setOwner(accepted, owner()).ok());
        QVERIFY(store->setNotes(accepted, justification()).ok());
        QVERIFY(store->setStatus(transferred, review::DecisionStatus::Transferred).ok());
        QVERIFY(
            store->setNotes(transferred, QStringLiteral("Transferred to the platform team")).ok());
        const QString question = notesSecret.isEmpty()
            ? QStringLiteral("Is the admin port reachable from the VPN?")
            : QStringLiteral("Rotated: DB_PASSWORD=") + notesSecret;
        QVERIFY(store->setNotes(questioned, question).ok());
        QVERIFY(
            store->addMitigation(threats.at(3).id, QStringLiteral("Put the API behind the proxy"))
                .ok());
    }

    QTemporaryDir m_dir;
};

/// The rows of a secrets test: the bundled sample, and a project with secrets everywhere.
inline void addSecretRows()
{
    QTest::addColumn<bool>("fixture");
    QTest::newRow("sample") << false;
    QTest::newRow("fixture") << true;
}

/// What a secrets test row reports on, and the secrets that must not get into it.
class SecretCase
{
public:
    SecretCase(bool fixture, const ReportFixture &sample)
        : m_project({})
    {
        if (!fixture) {
            source = &sample;
            secrets = sampleSecrets();
            return;
        }
        writeSecretProject(m_project);
        secrets = fixtureSecrets();
        m_fixture.setUp(m_project.path(), secrets.last());
        source = &m_fixture;
    }

    const ReportFixture *source = nullptr;
    QStringList secrets;

private:
    ProjectFixture m_project;
    ReportFixture m_fixture;
};

/// Runs a tool; its standard output, or a test failure when it does not run.
inline QByteArray runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        qWarning("%s %s failed: %s", qPrintable(program), qPrintable(arguments.join(u' ')),
                 process.readAllStandardError().constData());
        return QByteArray();
    }
    return process.readAllStandardOutput();
}

/// Text without any whitespace, so that ids wrapped across lines still match.
inline QString squeezed(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text)
        if (!c.isSpace())
            out += c;
    return out;
}

} // namespace threatdock::testing
