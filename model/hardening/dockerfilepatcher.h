#pragma once

#include "hardeningplan.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace threatdock::hardening {

/// Applies DockerfileEdits to a Dockerfile's text. Replace edits on one instruction
/// apply in order to its text; lines inserted before one line keep their order. Line
/// endings (LF or CRLF) and a missing final newline are kept.
class DockerfilePatcher final
{
public:
    static QByteArray apply(const QByteArray &content, const QList<DockerfileEdit> &edits);

    /// One Replace edit on an instruction's text: every match of pattern becomes
    /// replacement (`\1`..`\9` groups, `\\` a backslash). Returns text unchanged when
    /// the pattern is invalid or does not match.
    static QString replace(const QString &text, const QString &pattern, const QString &replacement);
    /// text with its backslashes doubled: a replacement that inserts text literally.
    static QString literal(const QString &text);
};

} // namespace threatdock::hardening
