#include "compareprojectdialog.h"

#include <QFileInfo>

namespace threatdock::views {

CompareProjectDialog::CompareProjectDialog(QWidget *parent, const QString &directory)
    : QFileDialog(parent, tr("Compare With — a project folder or compose file"), directory)
{
    setObjectName(QStringLiteral("compareProjectDialog"));
    setOption(QFileDialog::DontUseNativeDialog);
    setFileMode(QFileDialog::ExistingFile);
    setNameFilters({tr("Compose files (*.yaml *.yml)"), tr("All files (*)")});
    setLabelText(QFileDialog::Accept, tr("&Compare"));
}

void CompareProjectDialog::accept()
{
    // A file dialog in ExistingFile mode enters a folder on Accept; here a folder is a
    // project of its own.
    const QStringList files = selectedFiles();
    if (files.size() == 1 && QFileInfo(files.constFirst()).isDir()) {
        Q_EMIT fileSelected(files.constFirst());
        Q_EMIT filesSelected(files);
        QDialog::accept();
        return;
    }
    QFileDialog::accept();
}

} // namespace threatdock::views
