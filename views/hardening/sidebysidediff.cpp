#include "sidebysidediff.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>

#include <vector>

namespace threatdock::views {

QList<DiffRow> alignLines(const QStringList &before, const QStringList &after)
{
    const auto n = before.size();
    const auto m = after.size();
    // lcs[i][j]: length of the longest common subsequence of before[i..] and after[j..].
    std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (auto i = n - 1; i >= 0; --i)
        for (auto j = m - 1; j >= 0; --j)
            lcs[size_t(i)][size_t(j)] = before.at(i) == after.at(j)
                ? lcs[size_t(i + 1)][size_t(j + 1)] + 1
                : std::max(lcs[size_t(i + 1)][size_t(j)], lcs[size_t(i)][size_t(j + 1)]);

    QList<DiffRow> rows;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && before.at(i) == after.at(j)) {
            rows << DiffRow{DiffRow::Kind::Same, int(i + 1), int(j + 1), before.at(i), after.at(j)};
            ++i;
            ++j;
        } else if (j < m
                   && (i == n || lcs[size_t(i)][size_t(j + 1)] > lcs[size_t(i + 1)][size_t(j)])) {
            // An added line right after a removed one is one changed row.
            if (!rows.isEmpty() && rows.last().kind == DiffRow::Kind::Removed) {
                rows.last().kind = DiffRow::Kind::Changed;
                rows.last().rightLine = int(j + 1);
                rows.last().right = after.at(j);
            } else {
                rows << DiffRow{DiffRow::Kind::Added, 0, int(j + 1), QString(), after.at(j)};
            }
            ++j;
        } else {
            rows << DiffRow{DiffRow::Kind::Removed, int(i + 1), 0, before.at(i), QString()};
            ++i;
        }
    }
    return rows;
}

namespace {

QStringList linesOf(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(u'\n');
    if (lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

QPlainTextEdit *pane(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

void colourRows(QPlainTextEdit *edit, const QList<DiffRow> &rows, bool left)
{
    QList<QTextEdit::ExtraSelection> marks;
    QTextBlock block = edit->document()->firstBlock();
    for (const DiffRow &row : rows) {
        QColor colour;
        if (row.kind == DiffRow::Kind::Changed)
            colour = QColor(0xf9, 0xab, 0x00, 70);
        else if (left && row.kind == DiffRow::Kind::Removed)
            colour = QColor(0xd9, 0x30, 0x25, 60);
        else if (!left && row.kind == DiffRow::Kind::Added)
            colour = QColor(0x1e, 0x8e, 0x3e, 60);
        else if (row.kind != DiffRow::Kind::Same)
            colour = QColor(0x80, 0x80, 0x80, 30); // the gap facing a line
        if (colour.isValid()) {
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(block);
            mark.format.setBackground(colour);
            mark.format.setProperty(QTextFormat::FullWidthSelection, true);
            marks << mark;
        }
        block = block.next();
    }
    edit->setExtraSelections(marks);
}

QString rowText(const DiffRow &row, bool left)
{
    const int number = left ? row.leftLine : row.rightLine;
    if (number == 0)
        return QString();
    QChar marker = u' ';
    if (row.kind == DiffRow::Kind::Changed)
        marker = u'~';
    else if (row.kind == DiffRow::Kind::Removed)
        marker = u'-';
    else if (row.kind == DiffRow::Kind::Added)
        marker = u'+';
    return QStringLiteral("%1 %2 %3").arg(number, 4).arg(marker).arg(left ? row.left : row.right);
}

} // namespace

SideBySideDiff::SideBySideDiff(QWidget *parent)
    : QWidget(parent)
    , m_left(pane(this))
    , m_right(pane(this))
    , m_leftTitle(new QLabel(this))
    , m_rightTitle(new QLabel(this))
{
    m_left->setObjectName(QStringLiteral("diffBefore"));
    m_right->setObjectName(QStringLiteral("diffAfter"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_leftTitle, 0, 0);
    layout->addWidget(m_rightTitle, 0, 1);
    layout->addWidget(m_left, 1, 0);
    layout->addWidget(m_right, 1, 1);
    // Scrolled together: the rows are aligned.
    for (const auto &[from, to] : {std::pair{m_left, m_right}, std::pair{m_right, m_left}}) {
        connect(from->verticalScrollBar(), &QScrollBar::valueChanged, to->verticalScrollBar(),
                &QScrollBar::setValue);
        connect(from->horizontalScrollBar(), &QScrollBar::valueChanged, to->horizontalScrollBar(),
                &QScrollBar::setValue);
    }
}

void SideBySideDiff::setTexts(const QString &beforeTitle, const QString &before,
                              const QString &afterTitle, const QString &after)
{
    m_rows = alignLines(linesOf(before), linesOf(after));
    QStringList left;
    QStringList right;
    for (const DiffRow &row : std::as_const(m_rows)) {
        left << rowText(row, true);
        right << rowText(row, false);
    }
    m_leftTitle->setText(tr("<b>Before</b> — %1").arg(beforeTitle.toHtmlEscaped()));
    m_rightTitle->setText(tr("<b>After</b> — %1").arg(afterTitle.toHtmlEscaped()));
    m_left->setPlainText(left.join(u'\n'));
    m_right->setPlainText(right.join(u'\n'));
    colourRows(m_left, m_rows, true);
    colourRows(m_right, m_rows, false);
}

void SideBySideDiff::clear()
{
    m_rows.clear();
    m_left->clear();
    m_right->clear();
    m_leftTitle->clear();
    m_rightTitle->clear();
}

} // namespace threatdock::views
