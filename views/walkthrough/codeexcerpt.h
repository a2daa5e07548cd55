#pragma once

#include <QList>
#include <QString>

namespace threatdock::views {

/// A few lines of a project file around one line, as the walkthrough shows them as
/// evidence. Every line is redacted: secret values never reach the screen, whatever the
/// file holds (assignments, hard-coded literals in code, credentials in URLs, private
/// key blocks).
struct CodeExcerpt
{
    struct Line
    {
        int number = 0; ///< 1-based line number in the file
        QString text;   ///< redacted, tabs expanded, long lines shortened
        bool marked = false;
    };

    QList<Line> lines;
    /// Why there is no excerpt ("cannot read app.py: ..."), empty when there is one.
    QString error;

    bool isEmpty() const { return lines.isEmpty(); }

    /// Reads `context` lines before and after `line` of file. Line 0 (a finding about
    /// the whole file) gives no excerpt and no error; a line past the end of the file an
    /// error naming the file and the line.
    static CodeExcerpt read(const QString &file, int line, int context = 3);
    /// The same from text already read (displayName names the file in errors).
    static CodeExcerpt fromText(const QString &text, const QString &displayName, int line,
                                int context = 3);
    /// Every line of text redacted, line numbers kept (a masked key block keeps one
    /// "****" line per line).
    static QStringList redactedLines(const QString &text, const QString &fileName);

    /// Longest line shown; the rest is cut and marked with an ellipsis.
    static constexpr int maximumLineLength = 160;
};

} // namespace threatdock::views
