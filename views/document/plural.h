#pragma once

#include <QString>

namespace threatdock::views {

/// Counted words for labels and messages: one when n is 1, else many with %1 set to n
/// ("1 finding", "3 findings").
inline QString plural(qsizetype n, const QString &one, const QString &many)
{
    return n == 1 ? one : many.arg(n);
}

} // namespace threatdock::views
