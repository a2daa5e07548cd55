#pragma once

#include <QPlainTextEdit>

namespace threatdock::views {

/// A read-only text view for source files: line numbers in a gutter on the left, one
/// marked line (its background and its number stand out), no wrapping.
class SourceEditor final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceEditor)

public:
    explicit SourceEditor(QWidget *parent = nullptr);

    /// Marks a line (1-based), puts the cursor on it and scrolls it to the middle; 0 or
    /// a line past the end marks nothing.
    void markLine(int line);
    /// The marked line (1-based), 0 when none.
    int markedLine() const { return m_markedLine; }
    /// The text of a line (1-based) as shown.
    QString lineText(int line) const;

    /// The gutter's width for the current number of lines.
    int gutterWidth() const;
    /// Paints the gutter's visible part (called by the gutter widget).
    void paintGutter(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect &rect, int dy);
    void applyMark();
    QColor markColor() const;

    QWidget *m_gutter = nullptr;
    int m_markedLine = 0;
};

} // namespace threatdock::views
