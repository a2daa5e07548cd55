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

    /// Shows the message; when file is given, a "Show" button opens it at line.
    void showError(const QString &summary, const QString &reason, const QString &consequence,
                   const QString &file = QString(), int line = 0);
    /// The whole message as shown, for accessibility and tests.
    QString text() const;

Q_SIGNALS:
    /// "Show" was clicked: open the file at the line.
    void showSourceRequested(const QString &file, int line);

private:
    QLabel *m_summary = nullptr;
    QLabel *m_reason = nullptr;
    QLabel *m_consequence = nullptr;
    QToolButton *m_showButton = nullptr;
    QToolButton *m_dismissButton = nullptr;
    QString m_file;
    int m_line = 0;
};

} // namespace threatdock::views
