#include "composecommands.h"

#include "composesession.h"

namespace threatdock::cli {

namespace {

using scans::DockerCompose;

constexpr int buildTimeout = 3600;
constexpr int composeTimeout = 600;
constexpr int healthTimeout = 180;
constexpr int logTail = 30;

} // namespace

int runBuildCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    ComposeSession session(QStringLiteral("build"),
                           QStringLiteral("Build a Compose project's images with docker compose "
                                          "(or docker-compose v1)."),
                           buildTimeout);
    const QCommandLineOption buildArgOpt(QStringLiteral("build-arg"),
                                         QStringLiteral("Set a build argument (repeatable)."),
                                         QStringLiteral("KEY=VALUE"));
    const QCommandLineOption noCacheOpt(QStringLiteral("no-cache"),
                                        QStringLiteral("Do not use the build cache."));
    const QCommandLineOption pullOpt(QStringLiteral("pull"),
                                     QStringLiteral("Always pull newer base images."));
    session.parser().addOptions({buildArgOpt, noCacheOpt, pullOpt});
    if (const auto code = session.parse(arguments, out, err))
        return *code;
    if (!session.open(err))
        return 1;
    DockerCompose::BuildOptions options;
    options.buildArgs = session.parser().values(buildArgOpt);
    options.noCache = session.parser().isSet(noCacheOpt);
    options.pull = session.parser().isSet(pullOpt);
    const auto outcome = session.driver().build(options, session.timeoutMs());
    if (!outcome.ok())
        return session.fail(outcome.error, err);
    for (const compose::Service &s : session.project().services)
        if (s.build)
            out << s.name << '\t'
                << (s.image.isEmpty() ? QStringLiteral("(default name)") : s.image) << '\n';
    out.flush();
    return 0;
}

int runUpCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    ComposeSession session(QStringLiteral("up"),
                           QStringLiteral("Start a Compose project in the background (docker "
                                          "compose up -d) and wait until it is healthy."),
                           composeTimeout);
    const QCommandLineOption buildOpt(QStringLiteral("build"),
                                      QStringLiteral("Build the images before starting."));
    const QCommandLineOption waitOpt(QStringLiteral("wait-timeout"),
                                     QStringLiteral("Wait up to SECONDS for every container to "
                                                    "run and be healthy (default %1).")
                                         .arg(healthTimeout),
                                     QStringLiteral("SECONDS"), QString::number(healthTimeout));
    const QCommandLineOption noWaitOpt(QStringLiteral("no-wait"),
                                       QStringLiteral("Do not wait for healthy."));
    session.parser().addOptions({buildOpt, waitOpt, noWaitOpt});
    if (const auto code = session.parse(arguments, out, err))
        return *code;
    const auto waitSeconds = secondsFrom(session.parser().value(waitOpt));
    if (!waitSeconds)
        return session.usage(QStringLiteral("--wait-timeout takes a number of seconds"), err);
    if (!session.open(err))
        return 1;
    scans::ComposeDriver &driver = session.driver();
    DockerCompose::UpOptions options;
    options.build = session.parser().isSet(buildOpt);
    if (const auto outcome = driver.up(options, session.timeoutMs()); !outcome.ok())
        return session.fail(outcome.error, err);
    if (session.parser().isSet(noWaitOpt))
        return 0;
    const auto waited = driver.waitUntilHealthy(*waitSeconds * 1000);
    if (!waited.ok()) {
        if (!driver.unhealthyServices().isEmpty())
            (void)driver.logs(driver.unhealthyServices(), logTail);
        return session.fail(waited.error, err);
    }
    for (const auto &[service, container, status] : driver.readiness())
        out << service << '\t' << container << '\t' << status << '\n';
    out.flush();
    return 0;
}

int runDownCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    ComposeSession session(QStringLiteral("down"),
                           QStringLiteral("Stop and remove a Compose project's containers and "
                                          "networks (docker compose down)."),
                           composeTimeout);
    const QCommandLineOption volumesOpt(QStringLiteral("volumes"),
                                        QStringLiteral("Also remove the project's named "
                                                       "volumes."));
    session.parser().addOption(volumesOpt);
    if (const auto code = session.parse(arguments, out, err))
        return *code;
    if (!session.open(err))
        return 1;
    DockerCompose::DownOptions options;
    options.volumes = session.parser().isSet(volumesOpt);
    if (const auto outcome = session.driver().down(options, session.timeoutMs()); !outcome.ok())
        return session.fail(outcome.error, err);
    out << session.project().name << "\tdown\n";
    out.flush();
    return 0;
}

} // namespace threatdock::cli
