#include "jsoninput.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace threatdock::catalog {

bool JsonInput::readObject(const QString &path, QJsonObject *object, QString *error)
{
    const QFileInfo info(path);
    if (!info.isFile()) {
        *error = path + QStringLiteral(": no such file");
        return false;
    }
    if (info.size() > maxBytes) {
        *error = path + QStringLiteral(": file is larger than %1 MiB").arg(maxBytes >> 20);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": cannot read: ") + file.errorString();
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = path + QStringLiteral(": not valid JSON (") + parseError.errorString()
            + QStringLiteral(" at offset ") + QString::number(parseError.offset) + u')';
        return false;
    }
    if (!doc.isObject()) {
        *error = path + QStringLiteral(": the JSON document is not an object");
        return false;
    }
    *object = doc.object();
    return true;
}

} // namespace threatdock::catalog
