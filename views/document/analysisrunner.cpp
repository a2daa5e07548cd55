#include "analysisrunner.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QPointer>
#include <QThread>
#include <QTimer>

namespace threatdock::views {

AnalysisRunner::AnalysisRunner(QObject *parent)
    : QObject(parent)
{ }

AnalysisRunner::~AnalysisRunner()
{
    m_pending.reset();
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
        delete m_thread;
    }
}

void AnalysisRunner::start(const analysis::AnalysisRequest &request)
{
    m_pending = std::make_unique<analysis::AnalysisRequest>(request);
    if (m_thread) {
        // The running one finishes (cancelled) and launches the pending request.
        m_cancel->store(true);
        return;
    }
    launchNext();
}

void AnalysisRunner::cancel()
{
    m_pending.reset();
    if (m_cancel)
        m_cancel->store(true);
}

void AnalysisRunner::launchNext()
{
    if (!m_pending)
        return;
    const analysis::AnalysisRequest request = *m_pending;
    m_pending.reset();
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    auto result = std::make_shared<analysis::AnalysisResult>();
    m_thread = QThread::create(
        [request, cancel, result] { *result = analysis::analyzeProject(request, cancel.get()); });
    m_thread->setObjectName(QStringLiteral("analysis"));
    connect(m_thread, &QThread::finished, this, [this, cancel, result] {
        m_thread->deleteLater();
        m_thread = nullptr;
        const bool dropped = cancel->load() || result->cancelled;
        if (!dropped)
            Q_EMIT finished(result);
        launchNext();
    });
    Q_EMIT started();
    m_thread->start(QThread::LowPriority);
}

bool AnalysisRunner::waitForFinished(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_thread || m_pending) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

} // namespace threatdock::views
