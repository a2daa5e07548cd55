#pragma once

#include <QJsonObject>
#include <QString>

namespace threatdock::catalog {

/// Reads the JSON object at the top of an imported file, refusing what is not one with a
/// one-line reason that names the file.
class JsonInput final
{
public:
    static constexpr qint64 maxBytes = 512LL * 1024 * 1024;
    /// On failure returns false and sets *error to "FILE: reason".
    static bool readObject(const QString &path, QJsonObject *object, QString *error);
};

} // namespace threatdock::catalog
