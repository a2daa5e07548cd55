#pragma once

#include "dockerfile.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace threatdock::dockerfile {

/// A problem found while parsing, with its 1-based line.
struct ParseMessage
{
    int line = 0;
    QString message;
};

/// Parses Dockerfiles the way BuildKit's frontend reads them: parser directives
/// (`# escape=`), comments, line continuations (with comment and blank lines inside),
/// exec (JSON) and shell forms, leading flags, heredocs (`<<EOF`, `<<-EOF`, quoted
/// delimiters), multi-stage builds and ARG before FROM. It never stops at the first
/// problem: unknown instructions and malformed lines become messages and parsing goes on.
class DockerfileParser final
{
public:
    struct Result
    {
        std::optional<Dockerfile> dockerfile;
        QList<ParseMessage> messages;
        QString error; ///< set when the file could not be read at all
        bool ok() const { return dockerfile.has_value(); }
    };

    static Result parse(const QByteArray &text, const QString &path);
    static Result readFile(const QString &path);

    /// Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` (escape char
    /// before `$` keeps it literal), as Dockerfile ARG/ENV substitution does.
    static QString substitute(const QString &text, const QMap<QString, QString> &variables,
                              QChar escape = u'\\');
};

} // namespace threatdock::dockerfile
