#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <initializer_list>
#include <utility>

namespace threatdock::testing {

/// A compose project written into a temporary directory for one test.
class ProjectFixture
{
public:
    ProjectFixture(std::initializer_list<std::pair<const char *, const char *>> files)
    {
        for (const auto &[name, content] : files)
            write(QString::fromUtf8(name), QByteArray(content));
    }

    void write(const QString &relative, const QByteArray &content)
    {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(content);
    }

    QString path(const QString &relative = QString()) const
    {
        return relative.isEmpty() ? QDir(m_dir.path()).canonicalPath()
                                  : QDir(m_dir.path()).canonicalPath() + u'/' + relative;
    }

private:
    QTemporaryDir m_dir;
};

} // namespace threatdock::testing
