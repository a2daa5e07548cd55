#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace threatdock::views {

/// The inline message shown above the work area when a project fails to load: what
/// failed, the reason with its file:line, and what is still on screen. Never modal;
/// the user dismisses it or it goes away with the next successful load.
class LoadErrorBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadErrorBanner)

public:
    explicit LoadErrorBanner(QWidget *parent = nullptr);

    void showError(const QString &summary, const QString &reason, const QString &consequence);
    /// The whole message as shown, for accessibility and tests.
    QString text() const;

private:
    QLabel *m_summary = nullptr;
    QLabel *m_reason = nullptr;
    QLabel *m_consequence = nullptr;
    QToolButton *m_dismissButton = nullptr;
};

} // namespace threatdock::views
