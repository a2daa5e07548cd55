#include "settingsdialog.h"

#include "rules/ruleset.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace threatdock::views {

namespace {

const auto rulesKey = QStringLiteral("analysis/rulesFile");

QString toolKey(const QString &tool)
{
    return QStringLiteral("tools/") + tool;
}

} // namespace

QString SettingsDialog::rulesFile()
{
    return QSettings().value(rulesKey).toString();
}

QString SettingsDialog::toolPath(const QString &tool)
{
    return QSettings().value(toolKey(tool)).toString();
}

QStringList SettingsDialog::tools()
{
    return {QStringLiteral("bandit"), QStringLiteral("trivy"), QStringLiteral("docker")};
}

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto *form = new QFormLayout;
    m_rulesFile = addPathRow(form, tr("User &rules file:"), rulesFile(), false);
    m_rulesFile->setObjectName(QStringLiteral("rulesFileEdit"));
    m_rulesFile->setPlaceholderText(tr("none: the built-in rules only"));
    for (const QString &tool : tools()) {
        QLineEdit *edit = addPathRow(form, tr("%1:").arg(tool), toolPath(tool), false);
        edit->setObjectName(tool + QStringLiteral("PathEdit"));
        edit->setPlaceholderText(tr("found on PATH"));
        m_tools.insert(tool, edit);
    }
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(640, sizeHint().height());
}

QLineEdit *SettingsDialog::addPathRow(QFormLayout *form, const QString &label, const QString &value,
                                      bool directory)
{
    auto *edit = new QLineEdit(value, this);
    edit->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this, edit, directory] {
        const QString chosen = directory
            ? QFileDialog::getExistingDirectory(this, tr("Choose a folder"), edit->text())
            : QFileDialog::getOpenFileName(this, tr("Choose a file"), edit->text());
        if (!chosen.isEmpty())
            edit->setText(chosen);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    return edit;
}

void SettingsDialog::accept()
{
    const QString rules = m_rulesFile->text().trimmed();
    if (!rules.isEmpty()) {
        const rules::RuleSet::LoadResult loaded = rules::RuleSet::readFile(rules);
        if (!loaded.ok()) {
            m_error->setText(
                tr("The rules file was not accepted: %1").arg(loaded.error->toString()));
            m_error->show();
            return;
        }
    }
    for (auto it = m_tools.cbegin(); it != m_tools.cend(); ++it) {
        const QString path = it.value()->text().trimmed();
        if (!path.isEmpty() && !QFileInfo(path).isExecutable()) {
            m_error->setText(tr("%1: not an executable file (%2)").arg(path, it.key()));
            m_error->show();
            return;
        }
    }
    QSettings settings;
    settings.setValue(rulesKey, rules);
    for (auto it = m_tools.cbegin(); it != m_tools.cend(); ++it)
        settings.setValue(toolKey(it.key()), it.value()->text().trimmed());
    QDialog::accept();
}

} // namespace threatdock::views
