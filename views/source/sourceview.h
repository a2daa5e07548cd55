#pragma once

#include <QDialog>

class QLabel;
class QStackedWidget;

namespace threatdock::views {

class SourceEditor;

/// A read-only window onto a file at a line: line numbers, the line marked and scrolled
/// into the middle, every secret value masked (rules::SecretDetector). A file that is too
/// large, has an overlong line, is binary or cannot be read shows a message naming it
/// instead. Not modal: it stays open beside the work and is reused by the next open().
class SourceView final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceView)

public:
    explicit SourceView(QWidget *parent = nullptr);

    /// Shows path (absolute) with line (1-based; 0 = the top) marked, and raises the
    /// window. Returns whether the text is shown (false: the message says why).
    bool open(const QString &path, int line = 0);

    QString path() const { return m_path; }
    /// Whether the file's text is shown (not a message).
    bool showsText() const;
    /// The message shown instead of the text ("" when the text is shown).
    QString message() const;
    SourceEditor *editor() const { return m_editor; }

private:
    QLabel *m_location = nullptr;
    QStackedWidget *m_pages = nullptr;
    SourceEditor *m_editor = nullptr;
    QLabel *m_message = nullptr;
    QString m_path;
};

} // namespace threatdock::views
