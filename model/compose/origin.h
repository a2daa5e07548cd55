#pragma once

#include <QString>

namespace threatdock::compose {

/// Where a value comes from: a file and a 1-based line and column. A default Origin
/// (empty file, line 0) means the value was made by the loader, not read from a file.
struct Origin
{
    QString file;
    int line = 0;
    int column = 0;

    bool isKnown() const { return !file.isEmpty(); }
    /// "path/to/compose.yaml:12" (or ":12:5" with the column), for messages.
    QString toString(bool withColumn = false) const
    {
        if (file.isEmpty())
            return QString();
        QString s = file + u':' + QString::number(line);
        if (withColumn)
            s += u':' + QString::number(column);
        return s;
    }
    friend bool operator==(const Origin &, const Origin &) = default;
};

} // namespace threatdock::compose
