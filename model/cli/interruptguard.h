#pragma once

#include <QObject>

#include <functional>

class QSocketNotifier;

namespace threatdock::cli {

/// While it lives, SIGINT (Ctrl+C), SIGTERM and SIGHUP do not kill threatdock-cli at
/// once: they call onInterrupt from the event loop (a self-pipe), so a command can
/// cancel the tool it runs. ScanRunner starts tools in their own process group, which a
/// terminal's Ctrl+C does not reach; without this they would outlive the CLI. The
/// previous handlers come back when it is destroyed. One guard at a time.
class InterruptGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterruptGuard)

public:
    explicit InterruptGuard(std::function<void()> onInterrupt);
    ~InterruptGuard() override;

    /// The signal that arrived, 0 when none did.
    int interruptedBy() const { return m_signal; }

private:
    void readSignal();

    std::function<void()> m_onInterrupt;
    QSocketNotifier *m_notifier = nullptr;
    int m_signal = 0;
};

} // namespace threatdock::cli
