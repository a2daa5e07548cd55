#pragma once

#include "origin.h"

#include <QList>
#include <QString>

#include <exception>

namespace threatdock::compose {

/// One message about the input: an error that stops loading or a warning that does
/// not, always naming the file and line it is about when there is one.
struct Diagnostic
{
    enum class Severity { Warning, Error };

    Severity severity = Severity::Error;
    Origin origin;
    QString message;

    /// "file:line: message" (or the message alone when there is no origin), always on
    /// one line: a multi-line message (compose-go's interpolation errors) is folded.
    QString toString() const
    {
        QString text = message;
        text.replace(QStringLiteral(".\n"), QStringLiteral(". ")).replace(u'\n', u' ');
        if (!origin.isKnown())
            return text;
        return origin.toString() + QStringLiteral(": ") + text;
    }
};

using Diagnostics = QList<Diagnostic>;

/// Thrown inside the compose module to abandon a load; the public entry points catch it
/// and return the Diagnostic. Never crosses the module's public API.
class ComposeError final : public std::exception
{
public:
    ComposeError(const Origin &origin, const QString &message)
        : m_diagnostic{Diagnostic::Severity::Error, origin, message}
    { }
    const Diagnostic &diagnostic() const { return m_diagnostic; }
    const char *what() const noexcept override { return "compose error"; }

private:
    Diagnostic m_diagnostic;
};

} // namespace threatdock::compose
