#pragma once

#include <QString>

namespace threatdock::hardening {

/// A line-based unified diff (as `diff -u` writes it, with `a/` and `b/` prefixes so that
/// `patch -p1` applies it from the project directory).
class UnifiedDiff final
{
public:
    /// The diff from before to after, labelled with path (relative); "" when they are
    /// equal. before empty with newFile: a diff that creates the file.
    static QString diff(const QString &path, const QString &before, const QString &after,
                        bool newFile = false, int context = 3);
};

} // namespace threatdock::hardening
