#include "servicetext.h"

#include "compose/composeproject.h"

#include <QCoreApplication>
#include <QDir>
#include <QStringList>

namespace threatdock::views::servicetext {

namespace {

QString relativePath(const QString &path, const QString &workingDir)
{
    const QString relative = QDir(workingDir).relativeFilePath(path);
    if (relative == u'.')
        return QStringLiteral(".");
    return relative.startsWith(QStringLiteral("../")) ? relative : QStringLiteral("./") + relative;
}

} // namespace

QString imageOrBuild(const compose::Service &service, const QString &workingDir)
{
    QStringList parts;
    if (service.build)
        parts << QCoreApplication::translate("ServiceText", "build %1")
                     .arg(relativePath(service.build->context, workingDir));
    if (!service.image.isEmpty())
        parts << service.image;
    return parts.join(QStringLiteral(" → "));
}

QString publishedPorts(const compose::Service &service)
{
    QStringList ports;
    for (const compose::PortMapping &port : service.ports) {
        if (port.published.isEmpty())
            continue;
        const QString host = port.hostIp.isEmpty() ? QStringLiteral("0.0.0.0") : port.hostIp;
        ports << QStringLiteral("%1:%2→%3/%4")
                     .arg(host, port.published, QString::number(port.target), port.protocol);
    }
    return ports.join(QStringLiteral(", "));
}

QString location(const compose::Origin &origin, const QString &workingDir)
{
    if (!origin.isKnown())
        return QString();
    return QDir(workingDir).relativeFilePath(origin.file) + u':' + QString::number(origin.line);
}

} // namespace threatdock::views::servicetext
