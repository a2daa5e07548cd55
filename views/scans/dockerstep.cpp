#include "dockerstep.h"

#include <QMutexLocker>
#include <QThread>

namespace threatdock::views {

DockerStep::DockerStep(QObject *parent)
    : QObject(parent)
{ }

DockerStep::~DockerStep()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

bool DockerStep::isRunning() const
{
    return m_thread != nullptr;
}

QString DockerStep::name(Kind kind)
{
    switch (kind) {
    case Kind::Build:
        return QStringLiteral("build");
    case Kind::Up:
        return QStringLiteral("up");
    case Kind::Verify:
        return QStringLiteral("verify");
    case Kind::Down:
        return QStringLiteral("down");
    }
    return QString();
}

bool DockerStep::start(Kind kind, const scans::DockerCompose &compose, const Options &options)
{
    if (m_thread)
        return false;
    {
        const QMutexLocker lock(&m_mutex);
        m_cancelRequested = false;
    }
    m_result = Result();
    m_thread = QThread::create([this, kind, compose, options] { run(kind, compose, options); });
    m_thread->setObjectName(QStringLiteral("docker ") + name(kind));
    connect(m_thread, &QThread::finished, this, [this] {
        QThread *done = m_thread;
        m_thread = nullptr;
        done->deleteLater();
        Q_EMIT finished(m_result);
    });
    m_thread->start();
    return true;
}

void DockerStep::cancel()
{
    const QMutexLocker lock(&m_mutex);
    m_cancelRequested = true;
    if (scans::ComposeDriver *driver = m_driver)
        // The driver lives on the worker, which waits in an event loop: the call runs there.
        QMetaObject::invokeMethod(
            driver, [driver] { driver->cancel(); }, Qt::QueuedConnection);
}

// On the worker thread.
void DockerStep::run(Kind kind, const scans::DockerCompose &compose, const Options &options)
{
    scans::ComposeDriver driver(compose);
    connect(&driver, &scans::ComposeDriver::progress, this, &DockerStep::progress,
            Qt::DirectConnection);
    connect(&driver, &scans::ComposeDriver::outputLine, this, &DockerStep::outputLine,
            Qt::DirectConnection);
    {
        const QMutexLocker lock(&m_mutex);
        if (m_cancelRequested) {
            m_result.kind = kind;
            m_result.canceled = true;
            m_result.error = tr("cancelled before it started");
            return;
        }
        m_driver = &driver;
    }
    Result result;
    result.kind = kind;
    scans::ComposeDriver::Outcome outcome;
    switch (kind) {
    case Kind::Build:
        outcome = driver.build(options.build, options.timeoutMs);
        break;
    case Kind::Up:
        outcome = driver.up(options.up, options.timeoutMs);
        if (outcome.ok() && options.healthTimeoutMs > 0) {
            outcome = driver.waitUntilHealthy(options.healthTimeoutMs);
            result.readiness = driver.readiness();
            if (!outcome.ok() && !driver.unhealthyServices().isEmpty())
                (void)driver.logs(driver.unhealthyServices(), options.logTail);
        }
        break;
    case Kind::Verify:
        outcome = driver.verify(result.verification, options.timeoutMs);
        break;
    case Kind::Down:
        outcome = driver.down(options.down, options.timeoutMs);
        break;
    }
    {
        const QMutexLocker lock(&m_mutex);
        m_driver = nullptr;
        result.canceled = m_cancelRequested;
    }
    result.error = outcome.error;
    m_result = result;
}

} // namespace threatdock::views
