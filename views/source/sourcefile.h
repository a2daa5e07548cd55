#pragma once

#include "rules/secretdetector.h"

#include <QString>

namespace threatdock::views {

/// A file read for showing, with every secret value masked. Files too large to show,
/// files with a line too long to lay out, binary files and unreadable files give a
/// message that names the file instead of text.
///
/// Masking keeps the file's lines where they are (line N of the text is line N of the
/// file), so a finding's line number points at the same line in the shown text.
struct SourceFile
{
    /// Larger files are not shown (a text viewer is not the tool for them).
    static constexpr qint64 maximumSize = 4 * 1024 * 1024;
    /// A longer line (minified or generated code, a data blob) makes the file unshowable.
    static constexpr qsizetype maximumLineLength = 64 * 1024;

    QString path; ///< absolute
    QString text; ///< the masked text; empty when message is set
    int lineCount = 0;
    /// Why the file is not shown ("" when text holds it): names the file and the reason.
    QString message;

    bool ok() const { return message.isEmpty(); }

    /// Reads and masks a file.
    static SourceFile read(const QString &path);
    /// Masks the secret values in text with the secret detector, line for line. In code,
    /// a value the detector masked only for its name is shown when it is code rather
    /// than a literal (`PASSWORD = os.environ.get("PASSWORD")`, the fix, stays readable).
    static QString mask(const QString &text,
                        rules::SecretDetector::TextKind kind
                        = rules::SecretDetector::TextKind::Config);
    /// How a file's text is read: source code by its suffix, configuration otherwise.
    static rules::SecretDetector::TextKind kindOf(const QString &path);
};

} // namespace threatdock::views
