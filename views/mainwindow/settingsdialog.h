#pragma once

#include <QDialog>
#include <QMap>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace threatdock::views {

/// Preferences (QSettings): a user rules file added to the built-in rules, and where the
/// external tools are when they are not on PATH. A rules file that does not load is
/// refused with its file:line, and nothing is saved.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    /// The user rules file ("" = built-in rules only).
    static QString rulesFile();
    /// The configured path of a tool ("bandit", "trivy", "docker"); "" = look on PATH.
    static QString toolPath(const QString &tool);
    static QStringList tools();

    void accept() override;

private:
    QLineEdit *addPathRow(QFormLayout *form, const QString &label, const QString &value,
                          bool directory);

    QLineEdit *m_rulesFile = nullptr;
    QMap<QString, QLineEdit *> m_tools;
    QLabel *m_error = nullptr;
};

} // namespace threatdock::views
