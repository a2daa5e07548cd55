#pragma once

#include "analysis/projectanalysis.h"

#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace threatdock::views {

/// Runs analyses off the GUI thread, one at a time: starting a new one cancels the one
/// in progress, whose result is then dropped. Results are delivered on the thread that
/// owns the runner (the GUI thread) by finished().
class AnalysisRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnalysisRunner)

public:
    explicit AnalysisRunner(QObject *parent = nullptr);
    /// Waits for the running analysis (cancelled) to stop.
    ~AnalysisRunner() override;

    void start(const analysis::AnalysisRequest &request);
    /// Abandons the running analysis; finished() is not emitted for it.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    /// Blocks until the running analysis (if any) has delivered its result; for tests
    /// and for closing the window.
    bool waitForFinished(int timeoutMs);

Q_SIGNALS:
    void started();
    void finished(std::shared_ptr<threatdock::analysis::AnalysisResult> result);

private:
    void launchNext();

    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::unique_ptr<analysis::AnalysisRequest> m_pending;
};

} // namespace threatdock::views
