#include "welcomepage.h"

#include <QAction>
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
    button->setMinimumWidth(260);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return button;
}

} // namespace

WelcomePage::WelcomePage(QAction *openFolder, QAction *openFile, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));

    auto *title = new QLabel(tr("ThreatDock"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto *intro = new QLabel(tr("Threat modeling and hardening for Docker Compose projects.\n"
                                "Open a project folder (with its compose.yaml and .env) or a "
                                "single compose file."),
                             this);
    intro->setWordWrap(true);

    auto *column = new QVBoxLayout;
    column->setSpacing(12);
    column->addWidget(title);
    column->addWidget(intro);
    column->addSpacing(12);
    column->addWidget(actionButton(openFolder, this));
    column->addWidget(actionButton(openFile, this));

    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    auto *centred = new QVBoxLayout;
    centred->addStretch(1);
    centred->addLayout(column);
    centred->addStretch(2);
    outer->addLayout(centred, 2);
    outer->addStretch(1);
}

} // namespace threatdock::views
