#pragma once

#include <QFileDialog>

namespace threatdock::views {

/// Asks for the project to compare with: a compose file, or a folder (select it and
/// press Compare; double-click still opens it). Qt's own dialog, so that choosing a
/// folder works the same on every desktop; not modal to the application (open()),
/// fileSelected() gives the path. Its object name is "compareProjectDialog".
class CompareProjectDialog final : public QFileDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareProjectDialog)

public:
    CompareProjectDialog(QWidget *parent, const QString &directory);

public Q_SLOTS:
    void accept() override;
};

} // namespace threatdock::views
