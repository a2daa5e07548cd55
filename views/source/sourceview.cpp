#include "sourceview.h"

#include "sourceeditor.h"
#include "sourcefile.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QScopeGuard>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace threatdock::views {

SourceView::SourceView(QWidget *parent)
    : QDialog(parent)
    , m_location(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_editor(new SourceEditor(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("sourceView"));
    setModal(false);
    setSizeGripEnabled(true);
    m_location->setObjectName(QStringLiteral("sourceLocation"));
    m_location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("sourceMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMargin(24);
    m_pages->addWidget(m_editor);
    m_pages->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_location);
    layout->addWidget(m_pages, 1);
    layout->addWidget(buttons);
    resize(900, 640);
}

bool SourceView::open(const QString &path, int line)
{
    // A file of a few MiB takes a moment to read, mask and lay out.
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const auto restoreCursor = qScopeGuard([] { QGuiApplication::restoreOverrideCursor(); });
    const SourceFile file = SourceFile::read(path);
    m_path = file.path;
    setWindowTitle(tr("%1 — Source").arg(QDir::toNativeSeparators(m_path)));
    // Shown first, so that the marked line is centred in the real viewport.
    show();
    raise();
    activateWindow();
    const QString name = QFileInfo(m_path).fileName();
    if (!file.ok()) {
        m_editor->clear();
        m_editor->markLine(0);
        m_location->setText(name);
        m_message->setText(file.message);
        m_pages->setCurrentWidget(m_message);
        return false;
    }
    m_message->clear();
    m_pages->setCurrentWidget(m_editor);
    m_editor->setPlainText(file.text);
    m_editor->markLine(line);
    if (m_editor->markedLine() > 0)
        m_location->setText(tr("%1 · line %2 of %3").arg(name).arg(line).arg(file.lineCount));
    else if (line > 0)
        m_location->setText(
            tr("%1 · line %2 is past the end (%3 lines)").arg(name).arg(line).arg(file.lineCount));
    else
        m_location->setText(tr("%1 · %2 lines").arg(name).arg(file.lineCount));
    m_editor->setFocus();
    return true;
}

bool SourceView::showsText() const
{
    return m_pages->currentWidget() == m_editor;
}

QString SourceView::message() const
{
    return m_message->text();
}

} // namespace threatdock::views
