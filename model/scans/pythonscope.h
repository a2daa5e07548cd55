#pragma once

#include <QString>
#include <QStringList>

namespace threatdock::scans {

/// Names the Python function or class a line belongs to, so that a finding's id can say
/// "in ping()" instead of "at line 22" and survive edits elsewhere in the file. A
/// line-based reading of indentation, not a parser: enough for ids, never for analysis.
class PythonScope final
{
public:
    /// The qualified name ("Handler.get", "ping") of the innermost def or class holding
    /// line (1-based), the def or class declared on that line itself, or "" at module level.
    static QString enclosing(const QStringList &lines, int line);
    /// The same for a file read from disk; "" when it cannot be read.
    static QString enclosingInFile(const QString &path, int line);
};

} // namespace threatdock::scans
