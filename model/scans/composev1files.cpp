#include "composev1files.h"

#include "composev1writer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace threatdock::scans {

namespace {

/// What v1 cannot read in one line of a compose file; "" when nothing.
QString unsupportedIn(const QString &line)
{
    static const QRegularExpression include(QStringLiteral("^include\\s*:"));
    static const QRegularExpression tag(QStringLiteral("(^|[\\s:\\-\\[,])!(reset|override)\\b"));
    if (include.match(line).hasMatch())
        return QStringLiteral("include:");
    if (const auto m = tag.match(line); m.hasMatch() && !line.trimmed().startsWith(u'#'))
        return u'!' + m.captured(2);
    return QString();
}

/// Writes content to relative in result's private folder (0600); the path, or "" with
/// result.error set.
QString writePrivate(ComposeV1Files &result, const QString &relative, const QByteArray &content)
{
    if (!result.copies)
        result.copies = std::make_shared<QTemporaryDir>();
    const QString path = result.copies->filePath(relative);
    QSaveFile out(path);
    if (!result.copies->isValid() || !QDir().mkpath(QFileInfo(path).absolutePath())
        || !out.open(QIODevice::WriteOnly)
        || !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || out.write(content) < 0 || !out.commit()) {
        result.error = QStringLiteral("%1: cannot write a file for Compose v1").arg(path);
        return QString();
    }
    return path;
}

/// v1 gets ThreatDock's merge of the project in place of the files.
void merge(ComposeV1Files &result, const QStringList &files, const compose::Node &model)
{
    if (!model.isMapping()) {
        result.error = QStringLiteral("%1: docker-compose 1.29 (Compose v1) does not support %2 "
                                      "here; install the docker compose plugin (Compose v2)")
                           .arg(result.unsupportedAt, result.unsupported);
        return;
    }
    const ComposeV1Writer::Result written = ComposeV1Writer::write(model);
    if (!written.ok()) {
        result.error = written.error;
        return;
    }
    const QString path = writePrivate(result, QStringLiteral("compose.v1.yaml"), written.yaml);
    if (path.isEmpty())
        return;
    result.files = {path};
    result.mergedFrom = files;
    result.notes = written.notes;
}

} // namespace

ComposeV1Files ComposeV1Files::prepare(const QStringList &files, const compose::Node &model)
{
    static const QRegularExpression topLevelName(QStringLiteral("^name\\s*:"));
    ComposeV1Files result;
    QList<QStringList> contents;
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            result.error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
            return result;
        }
        contents << QString::fromUtf8(file.readAll()).split(u'\n');
        const QStringList &lines = contents.last();
        for (qsizetype i = 0; i < lines.size() && result.unsupported.isEmpty(); ++i) {
            result.unsupported = unsupportedIn(lines.at(i));
            if (!result.unsupported.isEmpty())
                result.unsupportedAt = QStringLiteral("%1:%2").arg(path).arg(i + 1);
        }
    }
    if (!result.unsupported.isEmpty()) {
        merge(result, files, model);
        return result;
    }
    for (qsizetype f = 0; f < files.size(); ++f) {
        QStringList lines = contents.at(f);
        bool renamed = false;
        for (QString &line : lines) {
            if (topLevelName.match(line).hasMatch()) {
                line = QStringLiteral("# ") + line
                    + QStringLiteral("  (for Compose v1: the name is passed with -p)");
                renamed = true;
            }
        }
        if (!renamed) {
            result.files << files.at(f);
            continue;
        }
        // One folder per file: two files of the same name from different folders stay apart.
        const QString copy = writePrivate(
            result, QStringLiteral("%1/%2").arg(f).arg(QFileInfo(files.at(f)).fileName()),
            lines.join(u'\n').toUtf8());
        if (copy.isEmpty())
            return result;
        result.files << copy;
    }
    return result;
}

} // namespace threatdock::scans
