#include "composev1files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace threatdock::scans {

namespace {

/// What v1 cannot read in one line of a compose file; "" when nothing.
QString unsupported(const QString &line)
{
    static const QRegularExpression include(QStringLiteral("^include\\s*:"));
    static const QRegularExpression tag(QStringLiteral("(^|[\\s:\\-\\[,])!(reset|override)\\b"));
    if (include.match(line).hasMatch())
        return QStringLiteral("include:");
    if (const auto m = tag.match(line); m.hasMatch() && !line.trimmed().startsWith(u'#'))
        return u'!' + m.captured(2);
    return QString();
}

} // namespace

ComposeV1Files ComposeV1Files::prepare(const QStringList &files)
{
    static const QRegularExpression topLevelName(QStringLiteral("^name\\s*:"));
    ComposeV1Files result;
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            result.error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
            return result;
        }
        QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
        bool renamed = false;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (const QString what = unsupported(lines.at(i)); !what.isEmpty()) {
                result.error = QStringLiteral("%1:%2: docker-compose 1.29 (Compose v1) does not "
                                              "support %3 here; install the docker compose "
                                              "plugin (Compose v2)")
                                   .arg(path)
                                   .arg(i + 1)
                                   .arg(what);
                return result;
            }
            if (topLevelName.match(lines.at(i)).hasMatch()) {
                lines[i] = QStringLiteral("# ") + lines.at(i)
                    + QStringLiteral("  (for Compose v1: the name is passed with -p)");
                renamed = true;
            }
        }
        if (!renamed) {
            result.files << path;
            continue;
        }
        if (!result.copies)
            result.copies = std::make_shared<QTemporaryDir>();
        // One folder per file: two files of the same name from different folders stay apart.
        const QString copy = result.copies->filePath(
            QStringLiteral("%1/%2").arg(result.files.size()).arg(QFileInfo(path).fileName()));
        QSaveFile out(copy);
        if (!result.copies->isValid() || !QDir().mkpath(QFileInfo(copy).absolutePath())
            || !out.open(QIODevice::WriteOnly)
            || !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || out.write(lines.join(u'\n').toUtf8()) < 0 || !out.commit()) {
            result.error = QStringLiteral("%1: cannot write a copy for Compose v1").arg(copy);
            return result;
        }
        result.files << copy;
    }
    return result;
}

} // namespace threatdock::scans
