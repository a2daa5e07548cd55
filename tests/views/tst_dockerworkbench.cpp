// The workbench on a real Docker engine, as a user drives it: a copy of the vulnerable
// sample opened in the main window, hardened with the Hardening view's Apply (overlay and
// patched Dockerfile), then built, started, verified and stopped with the Scans panel's
// Docker buttons, each Build, Up and Down confirmed after reading the command. Real
// clicks, a private dockerd, the air-gapped base image and stand-ins of
// dockertestsupport.h. With Debian's docker-compose 1.29 the overlay's `!override` reaches
// Compose as ThreatDock's own merge.

#include "model/scans/dockertestsupport.h"
#include "testsupport.h"
#include "views/documentfixture.h"

#include "document/reviewdocument.h"
#include "hardening/hardeningview.h"
#include "mainwindow/mainwindow.h"
#include "scans/scanconsole.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>

using namespace threatdock::testing;
using threatdock::views::MainWindow;
using threatdock::views::ScanConsole;

namespace {

const QString projectName = QStringLiteral("threatdock-sample-vulnerable");
constexpr int dockerStepMs = 10 * 60 * 1000;

} // namespace

class TestDockerWorkbench : public QObject
{
    Q_OBJECT

public:
    explicit TestDockerWorkbench(PrivateDockerEngine &engine)
        : m_engine(engine)
    { }

private:
    PrivateDockerEngine &m_engine;
    QTemporaryDir m_home;
    QTemporaryDir m_work;
    QString m_project;
    std::unique_ptr<MainWindow> m_window;
    ScanConsole *m_scans = nullptr;
    QStringList m_asked; ///< every command the panel asked about, in order
    QStringList m_timings;

    /// Shows the Scans tab (the toolbar's Scan), clicks the Docker button of action there
    /// and waits until the step is over.
    bool click(const QString &action)
    {
        m_window->findChild<QAction *>(QStringLiteral("scanAction"))->trigger();
        QToolButton *button = nullptr;
        for (QToolButton *b : m_scans->findChildren<QToolButton *>())
            if (b->defaultAction() && b->defaultAction()->objectName() == action)
                button = b;
        if (!button || !button->isVisible() || !button->isEnabled())
            return false;
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(button, Qt::LeftButton);
        const bool done = QTest::qWaitFor([this] { return !m_scans->isRunning(); }, dockerStepMs);
        m_timings << action + QStringLiteral(": ") + seconds(clock.elapsed());
        return done;
    }

    QString failure() const
    {
        return m_scans->stateText() + QStringLiteral("\n") + m_scans->consoleText().right(6000)
            + QStringLiteral("\nrunning: ") + QString::number(m_scans->isRunning())
            + QStringLiteral(" analysis: ") + QString::number(m_window->document()->hasAnalysis());
    }

    QByteArray containers() const
    {
        return m_engine
            .docker({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("-q"),
                     QStringLiteral("--filter"),
                     QStringLiteral("label=com.docker.compose.project=") + projectName})
            .out.trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        isolateHome(m_home.path());
        QString error;
        QVERIFY2(ensureImages(m_engine, {redis72StandIn}, m_timings, error), qPrintable(error));
        useEngineForCli(m_engine); // the workbench's docker talks to the private engine
        // A project left by an earlier run that failed half-way (same name as the CLI
        // test's hardened vulnerable sample).
        const QByteArray left = containers();
        if (!left.isEmpty())
            m_engine.docker(QStringList{QStringLiteral("rm"), QStringLiteral("-f")}
                            + QString::fromLatin1(left).split(u'\n'));

        QVERIFY(m_work.isValid());
        m_project = QDir(m_work.path()).canonicalPath() + QStringLiteral("/vulnerable");
        QVERIFY(copyTree(sampleProject(), m_project));
        // The secrets the overlay will read from .env (its .env.example lists them).
        QFile env(m_project + QStringLiteral("/.env"));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("ADMIN_PASSWORD=workbench-admin-5e1d\nREDIS_PASSWORD=redis-Pa55w0rd-2024\n");
        env.close();

        m_window = std::make_unique<MainWindow>();
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openProject(m_project));
        QVERIFY(m_window->waitForAnalysis(60000));
        m_scans = m_window->findChild<ScanConsole *>();
        QVERIFY(m_scans);
        m_scans->setConfirmation([this](const QString &, const QString &command) {
            m_asked << command;
            return true;
        });
    }

    void appliesTheHardening()
    {
        auto *hardening = m_window->findChild<threatdock::views::HardeningView *>();
        QVERIFY(hardening);
        hardening->setConfirmation([](const QString &) { return true; });
        m_window->findChild<QAction *>(QStringLiteral("hardenAction"))->trigger();
        QTest::mouseClick(
            hardening->findChild<QPushButton *>(QStringLiteral("applyHardeningButton")),
            Qt::LeftButton);
        QVERIFY(m_window->waitForAnalysis(60000));
        QTRY_VERIFY(m_window->document()->analysis().project.composeFiles.size() == 2);
        QVERIFY(m_window->document()->analysis().project.composeFiles.constLast().endsWith(
            QStringLiteral("/compose.hardening.yaml")));
        QVERIFY(QFile::exists(m_project + QStringLiteral("/api/Dockerfile.bak")));
    }

    void buildsFromTheScansPanel()
    {
        m_window->findChild<QLineEdit *>(QStringLiteral("dockerBuildArgsEdit"))
            ->setText(QStringLiteral("BASE_IMAGE=%1 OFFLINE=1").arg(baseImage));
        QVERIFY2(click(QStringLiteral("dockerBuildAction")), qPrintable(failure()));
        // Asked first, with the exact command: both files and the build arguments.
        QCOMPARE(m_asked.size(), 1);
        QVERIFY2(m_asked.constLast().contains(QStringLiteral(" build "))
                     && m_asked.constLast().contains(QStringLiteral("--build-arg OFFLINE=1")),
                 qPrintable(m_asked.constLast()));
        QVERIFY2(m_scans->stateText().startsWith(QStringLiteral("docker build finished")),
                 qPrintable(failure()));
        if (threatdock::scans::DockerCompose::locate().isV1())
            QVERIFY2(m_scans->consoleText().contains(QStringLiteral("it gets ThreatDock's merge")),
                     qPrintable(failure()));
    }

    void startsUntilHealthy()
    {
        QVERIFY2(click(QStringLiteral("dockerUpAction")), qPrintable(failure()));
        QCOMPARE(m_asked.size(), 2);
        QVERIFY2(m_asked.constLast().contains(QStringLiteral(" up ")), qPrintable(m_asked.last()));
        const QString state = m_scans->stateText();
        QVERIFY2(state.contains(QStringLiteral("api healthy"))
                     && state.contains(QStringLiteral("redis healthy")),
                 qPrintable(failure()));
        // Published on the loopback interface only, as the overlay has it.
        const QByteArray reply = httpGet(5000, "/health");
        QVERIFY2(reply.contains(" 200 "), reply.constData());
    }

    void verifiesAndRecordsTheChecks()
    {
        QSignalSpy runs(m_window->document(), &threatdock::views::ReviewDocument::scanRunsChanged);
        QVERIFY2(click(QStringLiteral("dockerVerifyAction")), qPrintable(failure()));
        QCOMPARE(m_asked.size(), 2); // inspecting runs nothing from the project: not asked
        QVERIFY2(m_scans->stateText().contains(QStringLiteral("2 container(s)"))
                     && m_scans->stateText().contains(QStringLiteral(" 0 failed")),
                 qPrintable(failure()));
        QCOMPARE(runs.size(), 1);
        // The checks join the analysis: runtime findings of both services, none failed.
        QVERIFY(m_window->waitForAnalysis(60000));
        QTRY_VERIFY(!m_window->document()->scanFindings().isEmpty());
        QSet<QString> services;
        for (const auto &f : m_window->document()->scanFindings()) {
            QCOMPARE(f.source, QStringLiteral("docker"));
            QCOMPARE(f.severity, threatdock::rules::Severity::Info); // passed
            services.insert(f.service);
        }
        QCOMPARE(services, (QSet<QString>{QStringLiteral("api"), QStringLiteral("redis")}));
        // To look at the panel after a real run: THREATDOCK_SHOTS=DIR saves the window.
        if (const QString shots = qEnvironmentVariable("THREATDOCK_SHOTS"); !shots.isEmpty())
            QVERIFY(m_window->grab().save(shots + QStringLiteral("/scans-docker.png")));
    }

    void stopsTheProject()
    {
        QVERIFY2(click(QStringLiteral("dockerDownAction")), qPrintable(failure()));
        QVERIFY2(m_asked.size() == 3, qPrintable(failure()));
        QVERIFY2(m_asked.constLast().contains(QStringLiteral(" down")), qPrintable(m_asked.last()));
        QCOMPARE(containers(), QByteArray());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        const QByteArray left = containers();
        if (!left.isEmpty())
            m_engine.docker(QStringList{QStringLiteral("rm"), QStringLiteral("-f")}
                            + QString::fromLatin1(left).split(u'\n'));
        printTimings(m_timings);
    }
};

int main(int argc, char *argv[])
{
    return runWithPrivateEngine<QApplication>(argc, argv, [&](PrivateDockerEngine &engine) {
        TestDockerWorkbench test(engine);
        return QTest::qExec(&test, argc, argv);
    });
}

#include "tst_dockerworkbench.moc"
