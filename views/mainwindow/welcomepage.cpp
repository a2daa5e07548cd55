#include "welcomepage.h"

#include "recentfiles.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace threatdock::views {

namespace {

QToolButton *actionButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setIconSize(QSize(24, 24));
    button->setMinimumWidth(320);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return button;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

WelcomePage::WelcomePage(const QList<QAction *> &openActions, RecentFiles *recent, QWidget *parent)
    : QWidget(parent)
    , m_recent(recent)
{
    setObjectName(QStringLiteral("welcomePage"));

    auto *title = new QLabel(tr("ThreatDock"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto *intro = new QLabel(tr("Threat modeling and hardening for Docker Compose projects: the "
                                "architecture, STRIDE threats with ATT&CK and NIST SP 800-53 "
                                "mappings, findings, and a review file that keeps every "
                                "decision."),
                             this);
    intro->setWordWrap(true);

    auto *column = new QVBoxLayout;
    column->setSpacing(10);
    column->addWidget(title);
    column->addWidget(intro);
    column->addSpacing(12);
    for (QAction *action : openActions)
        column->addWidget(actionButton(action, this));
    column->addSpacing(16);
    column->addWidget(heading(tr("Recent"), this));
    m_recentList = new QVBoxLayout;
    m_recentList->setSpacing(2);
    column->addLayout(m_recentList);

    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    auto *centred = new QVBoxLayout;
    centred->addStretch(1);
    centred->addLayout(column);
    centred->addStretch(2);
    outer->addLayout(centred, 2);
    outer->addStretch(1);

    connect(m_recent, &RecentFiles::changed, this, &WelcomePage::updateRecent);
    updateRecent();
}

void WelcomePage::updateRecent()
{
    while (QLayoutItem *item = m_recentList->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QList<RecentFiles::Entry> entries = m_recent->entries();
    if (entries.isEmpty()) {
        auto *none = new QLabel(tr("Nothing yet."), this);
        none->setEnabled(false);
        m_recentList->addWidget(none);
        return;
    }
    for (const RecentFiles::Entry &e : entries) {
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("recentButton"));
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        const QString kind = e.review ? tr("review") : tr("project");
        button->setText(tr("%1 (%2) — %3")
                            .arg(e.label.isEmpty() ? QFileInfo(e.path).fileName() : e.label, kind,
                                 QDir::toNativeSeparators(e.path)));
        button->setToolTip(QDir::toNativeSeparators(e.path));
        connect(button, &QToolButton::clicked, this,
                [this, e] { Q_EMIT recentActivated(e.path, e.review); });
        m_recentList->addWidget(button);
    }
}

} // namespace threatdock::views
