#include "zoomoverlay.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QToolButton>

#include <cmath>

namespace threatdock::views {

ZoomOverlay::ZoomOverlay(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("zoomOverlay"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(0);

    const auto shortcut
        = [](const QKeySequence &keys) { return keys.toString(QKeySequence::NativeText); };
    QToolButton *out
        = addButton(QStringLiteral("−"), tr("Zoom out (%1)").arg(shortcut(QKeySequence::ZoomOut)),
                    QStringLiteral("zoomOutButton"));
    m_zoomLabel = new QLabel(this);
    m_zoomLabel->setObjectName(QStringLiteral("zoomLabel"));
    m_zoomLabel->setAlignment(Qt::AlignCenter);
    m_zoomLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000 %")));
    layout->addWidget(m_zoomLabel);
    QToolButton *in
        = addButton(QStringLiteral("+"), tr("Zoom in (%1)").arg(shortcut(QKeySequence::ZoomIn)),
                    QStringLiteral("zoomInButton"));
    QToolButton *fit = addButton(
        tr("Fit"),
        tr("Fit the diagram in the view (%1)").arg(shortcut(QKeySequence(Qt::CTRL | Qt::Key_0))),
        QStringLiteral("fitButton"));
    connect(out, &QToolButton::clicked, this, &ZoomOverlay::zoomOutRequested);
    connect(in, &QToolButton::clicked, this, &ZoomOverlay::zoomInRequested);
    connect(fit, &QToolButton::clicked, this, &ZoomOverlay::fitRequested);
    setZoom(1.0);
}

QToolButton *ZoomOverlay::addButton(const QString &text, const QString &toolTip,
                                    const QString &name)
{
    auto *button = new QToolButton(this);
    button->setObjectName(name);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAccessibleName(toolTip);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::NoFocus);
    QFont font = button->font();
    font.setBold(true);
    button->setFont(font);
    button->setMinimumWidth(button->sizeHint().height());
    layout()->addWidget(button);
    return button;
}

void ZoomOverlay::setZoom(qreal factor)
{
    m_zoomLabel->setText(tr("%1 %").arg(std::lround(factor * 100)));
}

QString ZoomOverlay::zoomText() const
{
    return m_zoomLabel->text();
}

} // namespace threatdock::views
