#pragma once

// A private Docker engine for integration tests, as DESIGN.md "Testing with real parts"
// describes: dockerd on a socket in a temporary folder, its data root in a persistent
// cache folder (images survive between runs), stopped by its pid at the end.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <memory>
#include <unistd.h>

namespace threatdock::testing {

/// $XDG_CACHE_HOME/threatdock-tests (~/.cache/threatdock-tests): survives the test run,
/// so a second run neither debootstraps nor imports again.
inline QString testCacheDir()
{
    QString base = qEnvironmentVariable("XDG_CACHE_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.cache");
    const QString dir = base + QStringLiteral("/threatdock-tests");
    QDir().mkpath(dir);
    return dir;
}

/// The Debian mirror of this machine's apt sources (deb822 first, then sources.list);
/// deb.debian.org when none is configured.
inline QString debianMirror()
{
    QFile deb822(QStringLiteral("/etc/apt/sources.list.d/debian.sources"));
    if (deb822.open(QIODevice::ReadOnly)) {
        // The first stanza whose suites are the release itself, not -security.
        const QStringList stanzas
            = QString::fromUtf8(deb822.readAll()).split(QStringLiteral("\n\n"));
        for (const QString &stanza : stanzas) {
            QString uri;
            bool release = false;
            for (const QString &line : stanza.split(u'\n')) {
                if (line.startsWith(QStringLiteral("URIs:")))
                    uri = line.mid(5).trimmed().section(u' ', 0, 0);
                if (line.startsWith(QStringLiteral("Suites:")))
                    release = line.mid(7).split(u' ', Qt::SkipEmptyParts).contains(u"bookworm");
            }
            if (release && !uri.isEmpty())
                return uri;
        }
    }
    QFile list(QStringLiteral("/etc/apt/sources.list"));
    if (list.open(QIODevice::ReadOnly)) {
        for (const QString &line : QString::fromUtf8(list.readAll()).split(u'\n')) {
            const QStringList words = line.simplified().split(u' ');
            // deb [options] URI bookworm components...
            const qsizetype suite = words.indexOf(QStringLiteral("bookworm"));
            if (words.value(0) == u"deb" && suite >= 2)
                return words.at(suite - 1);
        }
    }
    return QStringLiteral("http://deb.debian.org/debian");
}

/// Why the Docker integration tests cannot run here ("" when they can): root, dockerd,
/// docker, a Compose, debootstrap.
inline QString dockerPrerequisitesMissing()
{
    if (::geteuid() != 0)
        return QStringLiteral("not root (dockerd and debootstrap need root)");
    for (const char *tool : {"dockerd", "docker", "debootstrap", "tar"})
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            return QStringLiteral("%1 not found (apt-get install docker.io docker-compose "
                                  "debootstrap)")
                .arg(QString::fromLatin1(tool));
    return QString();
}

/// One dockerd of the test's own: socket, exec root and pid file in a temporary folder
/// (short, for the 108-byte unix socket limit), data root in the cache folder (locked,
/// so two test runs never share it at once).
class PrivateDockerEngine
{
public:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        bool ok() const { return exitCode == 0; }
    };

    PrivateDockerEngine()
        : m_runtime(QStringLiteral("/tmp/tdk-XXXXXX"))
        , m_dataRoot(testCacheDir() + QStringLiteral("/docker-data"))
        , m_lock(testCacheDir() + QStringLiteral("/docker-data.lock"))
    { }
    ~PrivateDockerEngine() { stop(); }

    QString host() const
    {
        return QStringLiteral("unix://") + m_runtime.filePath(QStringLiteral("docker.sock"));
    }
    QString dataRoot() const { return m_dataRoot; }
    qint64 pid() const { return m_pid; }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DOCKER_HOST"), host());
        // The docker CLI may be newer than Debian's engine and lack buildx: the classic
        // builder works against every engine.
        env.insert(QStringLiteral("DOCKER_BUILDKIT"), QStringLiteral("0"));
        return env;
    }

    /// Starts dockerd and waits until it answers; error says why not.
    bool start(QString &error, int timeoutMs = 90000)
    {
        if (!m_runtime.isValid()) {
            error = QStringLiteral("cannot create a temporary folder in /tmp");
            return false;
        }
        m_lock.setStaleLockTime(0);
        if (!m_lock.tryLock(15 * 60 * 1000)) {
            error
                = QStringLiteral("the data root %1 is locked by another test run").arg(m_dataRoot);
            return false;
        }
        stopStale();
        QDir().mkpath(m_dataRoot);
        const QStringList arguments{
            QStringLiteral("--host"),      host(),
            QStringLiteral("--data-root"), m_dataRoot,
            QStringLiteral("--exec-root"), m_runtime.filePath(QStringLiteral("exec")),
            QStringLiteral("--pidfile"),   m_runtime.filePath(QStringLiteral("dockerd.pid"))};
        m_dockerd.setProgram(QStringLiteral("dockerd"));
        m_dockerd.setArguments(arguments);
        m_dockerd.setStandardOutputFile(logFile());
        m_dockerd.setStandardErrorFile(logFile(), QIODevice::Append);
        m_dockerd.start();
        if (!m_dockerd.waitForStarted(10000)) {
            error = QStringLiteral("dockerd does not start: ") + m_dockerd.errorString();
            return false;
        }
        m_pid = m_dockerd.processId();
        writeStalePid();
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            if (m_dockerd.state() == QProcess::NotRunning) {
                error = QStringLiteral("dockerd exited (code %1); its log: %2")
                            .arg(m_dockerd.exitCode())
                            .arg(logFile());
                m_pid = 0;
                return false;
            }
            if (docker({QStringLiteral("version")}, 10000).ok())
                return true;
            QThread::msleep(500);
        }
        error = QStringLiteral("dockerd did not answer on %1 within %2 s; its log: %3")
                    .arg(host())
                    .arg(timeoutMs / 1000)
                    .arg(logFile());
        stop();
        return false;
    }

    /// Stops dockerd by its pid: SIGTERM, then SIGKILL after 30 s.
    void stop()
    {
        if (m_pid > 0) {
            ::kill(pid_t(m_pid), SIGTERM);
            if (!m_dockerd.waitForFinished(30000)) {
                ::kill(pid_t(m_pid), SIGKILL);
                m_dockerd.waitForFinished(5000);
            }
            m_pid = 0;
            QFile::remove(stalePidFile());
        }
        if (m_lock.isLocked())
            m_lock.unlock();
    }

    QString logFile() const { return m_runtime.filePath(QStringLiteral("dockerd.log")); }

    /// Runs the docker CLI against this engine (test set-up only; ThreatDock's own calls
    /// go through ScanRunner).
    Run docker(const QStringList &arguments, int timeoutMs = 120000) const
    {
        return run(QStringLiteral("docker"), arguments, timeoutMs);
    }

    Run run(const QString &program, const QStringList &arguments, int timeoutMs) const
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(program, arguments);
        Run r;
        if (!p.waitForStarted(10000)) {
            r.err = p.errorString().toUtf8();
            return r;
        }
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished(5000);
            r.err = "timed out";
            return r;
        }
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        return r;
    }

    bool hasImage(const QString &tag) const
    {
        return docker(
                   {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--"), tag})
            .ok();
    }

    /// `debootstrap --variant=minbase --include=PACKAGES bookworm ROOT MIRROR`, then
    /// `tar -C ROOT -c . | docker import - TAG` (two processes joined by a pipe, no
    /// shell). ROOT lives in the cache folder and is removed afterwards.
    bool importDebianImage(const QString &tag, const QStringList &packages, QString &error,
                           qint64 &debootstrapMs, qint64 &importMs) const
    {
        const QString root = testCacheDir() + QStringLiteral("/rootfs");
        QDir(root).removeRecursively();
        QElapsedTimer clock;
        clock.start();
        const Run boot = run(QStringLiteral("debootstrap"),
                             {QStringLiteral("--variant=minbase"),
                              QStringLiteral("--include=") + packages.join(u','),
                              QStringLiteral("bookworm"), root, debianMirror()},
                             20 * 60 * 1000);
        debootstrapMs = clock.elapsed();
        if (!boot.ok()) {
            error = QStringLiteral("debootstrap failed (%1): %2")
                        .arg(boot.exitCode)
                        .arg(QString::fromUtf8(boot.err.right(2000) + boot.out.right(2000)));
            QDir(root).removeRecursively();
            return false;
        }
        clock.restart();
        QProcess tar;
        QProcess import;
        tar.setStandardOutputProcess(&import);
        import.setProcessEnvironment(environment());
        tar.start(QStringLiteral("tar"),
                  {QStringLiteral("-C"), root, QStringLiteral("-c"), QStringLiteral(".")});
        import.start(QStringLiteral("docker"),
                     {QStringLiteral("import"), QStringLiteral("-"), tag});
        const bool finished
            = tar.waitForFinished(10 * 60 * 1000) && import.waitForFinished(10 * 60 * 1000);
        importMs = clock.elapsed();
        QDir(root).removeRecursively();
        if (!finished || tar.exitCode() != 0 || import.exitCode() != 0) {
            error = QStringLiteral("tar | docker import failed: %1 %2")
                        .arg(QString::fromUtf8(tar.readAllStandardError()),
                             QString::fromUtf8(import.readAllStandardError()));
            return false;
        }
        return true;
    }

private:
    QString stalePidFile() const { return testCacheDir() + QStringLiteral("/dockerd.pid"); }

    void writeStalePid() const
    {
        QFile f(stalePidFile());
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(QByteArray::number(m_pid));
    }

    /// A dockerd left running on this data root by a test run that crashed: stopped by
    /// the pid it recorded, when that process is a dockerd using this data root.
    void stopStale() const
    {
        QFile f(stalePidFile());
        if (!f.open(QIODevice::ReadOnly))
            return;
        const qint64 pid = f.readAll().trimmed().toLongLong();
        f.close();
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (pid <= 0 || !cmdline.open(QIODevice::ReadOnly))
            return;
        const QByteArray command = cmdline.readAll();
        if (!command.split('\0').value(0).endsWith("dockerd")
            || !command.contains(m_dataRoot.toUtf8()))
            return;
        ::kill(pid_t(pid), SIGTERM);
        for (int i = 0; i < 300 && QFile::exists(cmdline.fileName()); ++i)
            QThread::msleep(100);
        if (QFile::exists(cmdline.fileName()))
            ::kill(pid_t(pid), SIGKILL);
    }

    QTemporaryDir m_runtime;
    QString m_dataRoot;
    QLockFile m_lock;
    QProcess m_dockerd;
    qint64 m_pid = 0;
};

} // namespace threatdock::testing
