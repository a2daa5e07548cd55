#pragma once

#include "report/reportinput.h"

#include <QDialog>

#include <atomic>
#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QThread;

namespace threatdock::views {

class ReviewDocument;

/// File > Export Report: the format (PDF, HTML, Markdown, CSV, JSON, ATT&CK Navigator
/// layer, Open Threat Model), the page size, a title and the participants, and where to
/// write it. The report is made off the GUI thread with a progress bar and Cancel; the
/// file is replaced only when complete. The review's decisions are read through a
/// connection of the worker's own, so the window keeps working meanwhile.
class ReportExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportExportDialog)

public:
    ReportExportDialog(ReviewDocument *document, QWidget *parent = nullptr);
    ~ReportExportDialog() override;

    /// What the report says about hardening (from the Hardening view), when known.
    void setHardening(const std::optional<report::HardeningRecord> &hardening)
    {
        m_hardening = hardening;
    }

    void setOutputPath(const QString &path);
    QString outputPath() const;
    /// Starts writing; false when the options are not usable (the message says why).
    bool startExport();
    bool isExporting() const { return m_thread != nullptr; }
    /// The last export's outcome: "" while none finished, else the message shown.
    QString resultMessage() const { return m_resultMessage; }
    bool lastExportSucceeded() const { return m_succeeded; }

    void reject() override;

Q_SIGNALS:
    void exportFinished(bool ok, const QString &path);

private:
    void chooseFile();
    void formatChanged();
    void finish(bool ok, const QString &message);

    ReviewDocument *m_document;
    std::optional<report::HardeningRecord> m_hardening;
    QComboBox *m_format = nullptr;
    QComboBox *m_pageSize = nullptr;
    QLineEdit *m_title = nullptr;
    QLineEdit *m_participants = nullptr;
    QLineEdit *m_path = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QString m_resultMessage;
    bool m_succeeded = false;
};

} // namespace threatdock::views
