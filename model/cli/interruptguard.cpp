#include "interruptguard.h"

#include <QSocketNotifier>

#include <array>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace threatdock::cli {

namespace {

constexpr std::array<int, 3> guardedSignals{SIGINT, SIGTERM, SIGHUP};

int pipeFds[2] = {-1, -1};
struct sigaction previous[guardedSignals.size()];

extern "C" void onSignal(int signal)
{
    const unsigned char byte = static_cast<unsigned char>(signal);
    // Async-signal-safe: one write to a non-blocking pipe; a full pipe loses nothing
    // that matters (a signal is already pending).
    [[maybe_unused]] const ssize_t written = ::write(pipeFds[1], &byte, 1);
}

} // namespace

InterruptGuard::InterruptGuard(std::function<void()> onInterrupt)
    : m_onInterrupt(std::move(onInterrupt))
{
    if (pipeFds[0] >= 0 || ::pipe2(pipeFds, O_CLOEXEC | O_NONBLOCK) != 0)
        return; // another guard is active, or no pipe: the default handlers stay
    m_notifier = new QSocketNotifier(pipeFds[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &InterruptGuard::readSignal);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (std::size_t i = 0; i < guardedSignals.size(); ++i)
        ::sigaction(guardedSignals.at(i), &action, &previous[i]);
}

InterruptGuard::~InterruptGuard()
{
    if (!m_notifier)
        return;
    for (std::size_t i = 0; i < guardedSignals.size(); ++i)
        ::sigaction(guardedSignals.at(i), &previous[i], nullptr);
    delete m_notifier;
    ::close(pipeFds[0]);
    ::close(pipeFds[1]);
    pipeFds[0] = pipeFds[1] = -1;
}

void InterruptGuard::readSignal()
{
    unsigned char byte = 0;
    while (::read(pipeFds[0], &byte, 1) == 1)
        m_signal = byte;
    if (m_signal != 0 && m_onInterrupt)
        m_onInterrupt();
}

} // namespace threatdock::cli
