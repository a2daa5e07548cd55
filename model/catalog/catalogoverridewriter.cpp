#include "catalogoverridewriter.h"

#include "catalogoverlay.h"
#include "compose/nodewriter.h"
#include "compose/yamlreader.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace threatdock::catalog {

using compose::Node;

bool CatalogOverrideWriter::write(const ChangeReport &report, const QString &overrideDir,
                                  QString *error)
{
    if (overrideDir.isEmpty()) {
        *error = QStringLiteral("no override directory to write to");
        return false;
    }
    if (!QDir().mkpath(overrideDir)) {
        *error = overrideDir + QStringLiteral(": cannot create the directory");
        return false;
    }
    const QString path = overrideDir + u'/' + report.overrideFile;
    Node doc = Node::mapping();
    if (QFileInfo(path).isFile()) {
        const compose::YamlReader::Result existing = compose::YamlReader::readFile(path);
        if (!existing.ok()) {
            *error = existing.error->toString();
            return false;
        }
        if (existing.documents.size() == 1 && existing.documents.front().isMapping())
            doc = existing.documents.front();
        else if (!existing.documents.empty()) {
            *error = path + QStringLiteral(": not a catalog override file (one YAML mapping)");
            return false;
        }
    }
    CatalogOverlay::merge(doc, report.overrideUpdate);

    QByteArray text = "# ThreatDock catalog override: entries here update the built-in "
                      "catalog's entries of the same id.\n# Last written by "
                      "threatdock-cli catalog import from ";
    text += QFileInfo(report.sourceFile).fileName().toUtf8() + " (" + report.format.toUtf8()
        + ") on " + QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8() + ".\n";
    text += compose::NodeWriter::toYaml(doc);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        *error = path + QStringLiteral(": cannot write: ") + file.errorString();
        return false;
    }
    return true;
}

} // namespace threatdock::catalog
