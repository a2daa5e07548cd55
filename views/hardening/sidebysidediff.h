#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

class QPlainTextEdit;
class QLabel;

namespace threatdock::views {

/// One row of a side-by-side comparison: a line on the left, on the right, or both.
struct DiffRow
{
    enum class Kind { Same, Removed, Added, Changed };
    Kind kind = Kind::Same;
    int leftLine = 0; ///< 1-based; 0 = no line on this side
    int rightLine = 0;
    QString left;
    QString right;
};

/// Aligns two texts line by line (longest common subsequence of lines): removed lines
/// face a gap, added lines face a gap, a removed line followed by an added one is shown
/// as one changed row.
QList<DiffRow> alignLines(const QStringList &before, const QStringList &after);

/// Two read-only panes, before and after, scrolled together, with removed lines in red,
/// added lines in green and changed lines in amber (and a +/- marker for readers who do
/// not see the colours).
class SideBySideDiff final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SideBySideDiff)

public:
    explicit SideBySideDiff(QWidget *parent = nullptr);

    /// beforeTitle: e.g. "api/Dockerfile", or "(new file)".
    void setTexts(const QString &beforeTitle, const QString &before, const QString &afterTitle,
                  const QString &after);
    void clear();
    /// The rows shown (for tests).
    const QList<DiffRow> &rows() const { return m_rows; }

private:
    QPlainTextEdit *m_left = nullptr;
    QPlainTextEdit *m_right = nullptr;
    QLabel *m_leftTitle = nullptr;
    QLabel *m_rightTitle = nullptr;
    QList<DiffRow> m_rows;
};

} // namespace threatdock::views
