#include "sourceeditor.h"

#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>

namespace threatdock::views {

namespace {

constexpr int gutterPadding = 6;

/// The strip left of the text that shows the line numbers; the editor paints it.
class LineNumberGutter final : public QWidget
{
public:
    explicit LineNumberGutter(SourceEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    {
        setObjectName(QStringLiteral("sourceGutter"));
    }

    QSize sizeHint() const override { return QSize(m_editor->gutterWidth(), 0); }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintGutter(event); }

private:
    SourceEditor *m_editor;
};

} // namespace

SourceEditor::SourceEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new LineNumberGutter(this))
{
    setObjectName(QStringLiteral("sourceEditor"));
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(this, &QPlainTextEdit::blockCountChanged, this, &SourceEditor::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &SourceEditor::updateGutter);
    updateGutterWidth();
}

int SourceEditor::gutterWidth() const
{
    int digits = 1;
    for (int max = std::max(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    digits = std::max(digits, 3);
    return 2 * gutterPadding + fontMetrics().horizontalAdvance(u'9') * digits;
}

void SourceEditor::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void SourceEditor::updateGutter(const QRect &rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateGutterWidth();
}

void SourceEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_gutter->setGeometry(QRect(area.left(), area.top(), gutterWidth(), area.height()));
}

void SourceEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        updateGutterWidth();
        applyMark();
    }
}

void SourceEditor::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    const QPalette pal = palette();
    painter.fillRect(event->rect(), pal.color(QPalette::AlternateBase));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const int line = block.blockNumber() + 1;
            QFont font = this->font();
            const bool marked = line == m_markedLine;
            font.setBold(marked);
            painter.setFont(font);
            if (marked)
                painter.fillRect(0, top, m_gutter->width(), height, markColor());
            painter.setPen(marked ? pal.color(QPalette::Text)
                                  : pal.color(QPalette::PlaceholderText));
            painter.drawText(0, top, m_gutter->width() - gutterPadding, height,
                             Qt::AlignRight | Qt::AlignVCenter, QString::number(line));
        }
        block = block.next();
        top += height;
    }
}

QColor SourceEditor::markColor() const
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    return dark ? QColor(0x6b, 0x55, 0x12) : QColor(0xff, 0xec, 0x8b);
}

void SourceEditor::markLine(int line)
{
    m_markedLine = (line >= 1 && line <= blockCount()) ? line : 0;
    applyMark();
    if (m_markedLine > 0) {
        QTextCursor cursor(document()->findBlockByNumber(m_markedLine - 1));
        setTextCursor(cursor);
        centerCursor();
    }
    m_gutter->update();
}

void SourceEditor::applyMark()
{
    QList<QTextEdit::ExtraSelection> marks;
    if (m_markedLine > 0) {
        QTextEdit::ExtraSelection mark;
        mark.format.setBackground(markColor());
        mark.format.setForeground(palette().color(QPalette::Text));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(document()->findBlockByNumber(m_markedLine - 1));
        marks << mark;
    }
    setExtraSelections(marks);
}

QString SourceEditor::lineText(int line) const
{
    return document()->findBlockByNumber(line - 1).text();
}

} // namespace threatdock::views
