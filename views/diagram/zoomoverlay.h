#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace threatdock::views {

/// The small panel over a corner of the architecture view: zoom out, the zoom level,
/// zoom in, and fit the whole diagram in the view.
class ZoomOverlay final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ZoomOverlay)

public:
    explicit ZoomOverlay(QWidget *parent = nullptr);

    /// Shows the zoom level ("125 %").
    void setZoom(qreal factor);
    QString zoomText() const;

Q_SIGNALS:
    void zoomInRequested();
    void zoomOutRequested();
    void fitRequested();

private:
    QToolButton *addButton(const QString &text, const QString &toolTip, const QString &name);

    QLabel *m_zoomLabel = nullptr;
};

} // namespace threatdock::views
