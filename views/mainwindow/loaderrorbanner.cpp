#include "loaderrorbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace threatdock::views {

namespace {

QLabel *messageLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

LoadErrorBanner::LoadErrorBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("loadErrorBanner"));
    setAccessibleName(tr("Load error"));
    // Fixed colours with their own text colour stay readable in light and dark palettes.
    setStyleSheet(QStringLiteral("#loadErrorBanner { background: #fdecea; border-bottom: 2px solid "
                                 "#c5221f; } #loadErrorBanner QLabel { color: #3c0d0b; }"));

    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize) * 2;
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(iconSize));
    icon->setAlignment(Qt::AlignTop);

    m_summary = messageLabel(this);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_reason = messageLabel(this);
    m_reason->setObjectName(QStringLiteral("loadErrorReason"));
    m_consequence = messageLabel(this);

    m_showButton = new QToolButton(this);
    m_showButton->setObjectName(QStringLiteral("showSourceButton"));
    m_showButton->setText(tr("Show"));
    m_showButton->setToolTip(tr("Open the file at the line"));
    connect(m_showButton, &QToolButton::clicked, this,
            [this] { Q_EMIT showSourceRequested(m_file, m_line); });

    m_dismissButton = new QToolButton(this);
    m_dismissButton->setObjectName(QStringLiteral("dismissButton"));
    m_dismissButton->setText(tr("Dismiss"));
    m_dismissButton->setToolTip(tr("Hide this message"));
    connect(m_dismissButton, &QToolButton::clicked, this, &QWidget::hide);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_summary);
    texts->addWidget(m_reason);
    texts->addWidget(m_consequence);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addWidget(icon);
    layout->addLayout(texts, 1);
    layout->addWidget(m_showButton, 0, Qt::AlignTop);
    layout->addWidget(m_dismissButton, 0, Qt::AlignTop);

    hide();
}

void LoadErrorBanner::showError(const QString &summary, const QString &reason,
                                const QString &consequence, const QString &file, int line)
{
    m_file = file;
    m_line = line;
    m_showButton->setVisible(!file.isEmpty());
    m_summary->setText(summary);
    m_reason->setText(reason);
    m_consequence->setText(consequence);
    m_consequence->setVisible(!consequence.isEmpty());
    show();
}

QString LoadErrorBanner::text() const
{
    QStringList parts{m_summary->text(), m_reason->text()};
    if (!m_consequence->text().isEmpty())
        parts << m_consequence->text();
    return parts.join(u'\n');
}

} // namespace threatdock::views
