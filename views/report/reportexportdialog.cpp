#include "reportexportdialog.h"

#include "document/reviewdocument.h"

#include "report/reportbuilder.h"
#include "review/reviewstore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

namespace threatdock::views {

namespace {

struct FormatChoice
{
    report::ReportFormat format;
    const char *label;
    const char *suffix;
};

constexpr FormatChoice formats[] = {
    {report::ReportFormat::Pdf, QT_TRANSLATE_NOOP("ReportExportDialog", "PDF report"), "pdf"},
    {report::ReportFormat::Html, QT_TRANSLATE_NOOP("ReportExportDialog", "HTML, one file"), "html"},
    {report::ReportFormat::Markdown, QT_TRANSLATE_NOOP("ReportExportDialog", "Markdown"), "md"},
    {report::ReportFormat::Csv, QT_TRANSLATE_NOOP("ReportExportDialog", "CSV, one row per threat"),
     "csv"},
    {report::ReportFormat::Json, QT_TRANSLATE_NOOP("ReportExportDialog", "JSON"), "json"},
    {report::ReportFormat::Navigator,
     QT_TRANSLATE_NOOP("ReportExportDialog", "ATT&CK Navigator layer"), "json"},
    {report::ReportFormat::Otm, QT_TRANSLATE_NOOP("ReportExportDialog", "Open Threat Model"),
     "otm.json"},
};

} // namespace

ReportExportDialog::ReportExportDialog(ReviewDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("reportExportDialog"));
    setWindowTitle(tr("Export Report"));

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("reportFormat"));
    for (const FormatChoice &f : formats)
        m_format->addItem(tr(f.label), int(f.format));
    m_pageSize = new QComboBox(this);
    m_pageSize->setObjectName(QStringLiteral("reportPageSize"));
    m_pageSize->addItem(tr("A4"), QStringLiteral("a4"));
    m_pageSize->addItem(tr("Letter"), QStringLiteral("letter"));
    if (QLocale().measurementSystem() == QLocale::ImperialUSSystem)
        m_pageSize->setCurrentIndex(1);
    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("reportTitle"));
    m_title->setPlaceholderText(tr("Threat model report"));
    m_participants = new QLineEdit(this);
    m_participants->setObjectName(QStringLiteral("reportParticipants"));
    m_participants->setPlaceholderText(tr("names, separated by commas"));
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("reportPath"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ReportExportDialog::chooseFile);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Page size:"), m_pageSize);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("P&articipants:"), m_participants);
    form->addRow(tr("&Save as:"), pathRow);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("reportProgress"));
    m_progress->hide();
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("reportMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    m_buttons->button(QDialogButtonBox::Save)->setText(tr("&Export"));
    connect(m_buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this,
            &ReportExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ReportExportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    const QString name = m_document->report().project.name.isEmpty()
        ? QStringLiteral("threat-model")
        : m_document->report().project.name;
    setOutputPath(m_document->projectDirectory() + u'/' + name + QStringLiteral("-report.pdf"));
    connect(m_format, &QComboBox::currentIndexChanged, this, &ReportExportDialog::formatChanged);
    resize(620, sizeHint().height());
}

ReportExportDialog::~ReportExportDialog()
{
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
    }
}

void ReportExportDialog::setOutputPath(const QString &path)
{
    m_path->setText(QDir::toNativeSeparators(path));
    if (const auto format = report::ReportBuilder::formatFromPath(path)) {
        const int index = m_format->findData(int(*format));
        if (index >= 0) {
            const QSignalBlocker blocker(m_format);
            m_format->setCurrentIndex(index);
        }
    }
    m_pageSize->setEnabled(m_format->currentData().toInt() == int(report::ReportFormat::Pdf));
}

QString ReportExportDialog::outputPath() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

void ReportExportDialog::formatChanged()
{
    const auto &choice = formats[m_format->currentIndex()];
    QString path = outputPath();
    const QFileInfo info(path);
    QString base = info.completeBaseName();
    if (base.endsWith(QStringLiteral(".otm")))
        base.chop(4);
    if (!path.isEmpty())
        m_path->setText(QDir::toNativeSeparators(info.absolutePath() + u'/' + base + u'.'
                                                 + QString::fromLatin1(choice.suffix)));
    m_pageSize->setEnabled(choice.format == report::ReportFormat::Pdf);
}

void ReportExportDialog::chooseFile()
{
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export Report"), outputPath());
    if (!chosen.isEmpty())
        m_path->setText(QDir::toNativeSeparators(chosen));
}

bool ReportExportDialog::startExport()
{
    if (m_thread)
        return false;
    const QString path = outputPath();
    if (!m_document->hasAnalysis()) {
        finish(false, tr("Nothing to report: open a project first."));
        return false;
    }
    if (path.isEmpty() || QFileInfo(path).isDir()) {
        finish(false, tr("Choose the file to write."));
        return false;
    }
    const auto format = report::ReportFormat(m_format->currentData().toInt());
    report::ReportBuilder::Options options;
    options.pageSize
        = *report::ReportBuilder::pageSizeFromName(m_pageSize->currentData().toString());

    report::ReportInput input;
    input.analysis = m_document->report();
    input.diagram = m_document->diagram();
    input.title = m_title->text().trimmed();
    for (const QString &name : m_participants->text().split(u',', Qt::SkipEmptyParts))
        input.participants << name.trimmed();
    input.hardening = m_hardening;
    const QString reviewPath = m_document->reviewPath();

    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    QPointer<ReportExportDialog> self(this);
    options.progress = [self, cancel](int done, int total) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, done, total] {
                if (!self)
                    return;
                self->m_progress->setRange(0, total);
                self->m_progress->setValue(done);
            },
            Qt::QueuedConnection);
        return !cancel->load();
    };
    auto outcome = std::make_shared<std::pair<bool, QString>>();
    m_thread = QThread::create(
        [input = std::move(input), reviewPath, path, format, options, outcome]() mutable {
            // The worker reads the review through a connection of its own (a store belongs
            // to the thread that opened it); WAL lets it read while the window writes.
            std::unique_ptr<review::ReviewStore> store;
            if (!reviewPath.isEmpty()) {
                auto opened = review::ReviewStore::open(reviewPath);
                if (!opened.ok()) {
                    *outcome = {false, opened.errorMessage()};
                    return;
                }
                store = std::move(opened.value);
                input.review = store.get();
            }
            const report::ReportBuilder builder(std::move(input));
            QString error;
            const bool ok = builder.write(path, format, options, &error);
            *outcome = {ok, ok ? QString() : error};
        });
    connect(m_thread, &QThread::finished, this, [this, outcome, path] {
        m_thread->deleteLater();
        m_thread = nullptr;
        const bool cancelled = m_cancel->load();
        if (cancelled)
            finish(false, tr("Cancelled: %1 was not written.").arg(QDir::toNativeSeparators(path)));
        else if (outcome->first)
            finish(true, tr("Written to %1").arg(QDir::toNativeSeparators(path)));
        else
            finish(false, tr("Not written: %1").arg(outcome->second));
        Q_EMIT exportFinished(outcome->first && !cancelled, path);
    });
    m_progress->setRange(0, 0);
    m_progress->show();
    m_message->setText(tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("Cancel"));
    m_resultMessage.clear();
    m_thread->start();
    return true;
}

void ReportExportDialog::finish(bool ok, const QString &message)
{
    m_succeeded = ok;
    m_resultMessage = message;
    m_message->setText(message);
    m_progress->hide();
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
}

void ReportExportDialog::reject()
{
    // While writing, the button cancels the export; the dialog stays to say so.
    if (m_thread) {
        m_cancel->store(true);
        return;
    }
    QDialog::reject();
}

} // namespace threatdock::views
