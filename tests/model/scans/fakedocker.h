#pragma once

// Stand-ins for `docker` and `docker-compose` for tests that need no engine: real
// executables (a small sh script) in a temporary folder that record every call and
// answer from files the test writes there.

#include <QDir>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace threatdock::testing {

class FakeDocker
{
public:
    enum Compose { NoCompose, Plugin, Standalone };

    explicit FakeDocker(Compose compose)
    {
        write(QStringLiteral("docker"), script(), true);
        if (compose == Plugin)
            write(QStringLiteral("plugin"), "yes");
        if (compose == Standalone)
            write(QStringLiteral("docker-compose"), script(), true);
    }

    /// The folder to put first on PATH (or pass as ToolLocator's search path).
    QString dir() const { return QDir(m_dir.path()).canonicalPath(); }
    QString program(const QString &name) const { return dir() + u'/' + name; }

    /// A file the fake answers from: ps.txt (container ids), inspect.json, images.json,
    /// compose.sleep (seconds), compose.exit (exit code) with compose.fail (its stderr).
    void write(const QString &name, const QByteArray &content, bool executable = false) const
    {
        const QString path = m_dir.filePath(name);
        QFile f(path + QStringLiteral(".new"));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(content);
        f.close();
        if (executable)
            f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        // Renamed into place: a fake reading it meanwhile sees the old or the new file.
        QFile::remove(path);
        QFile::rename(f.fileName(), path);
    }

    /// Every call, oldest first: the program's name, then its arguments.
    QList<QStringList> calls() const
    {
        QList<QStringList> calls;
        QFile log(m_dir.filePath(QStringLiteral("calls.log")));
        if (!log.open(QIODevice::ReadOnly))
            return calls;
        for (const QString &line :
             QString::fromUtf8(log.readAll()).split(u'\n', Qt::SkipEmptyParts))
            calls << line.split(QChar(0x1f));
        return calls;
    }

private:
    static QByteArray script()
    {
        return R"SH(#!/bin/sh
dir=$(dirname "$0")
name=$(basename "$0")
{ printf '%s' "$name"; for a in "$@"; do printf '\037%s' "$a"; done; printf '\n'; } >> "$dir/calls.log"
if [ "$name" = docker ]; then
  case "$1" in
    --version) echo "Docker version 24.0.7, build afdd53b"; exit 0 ;;
    compose)
      if [ "$2" = version ]; then
        if [ -f "$dir/plugin" ]; then echo "Docker Compose version v2.24.6"; exit 0; fi
        echo "docker: 'compose' is not a docker command." >&2; exit 1
      fi ;;
    ps) cat "$dir/ps.txt" 2>/dev/null; exit 0 ;;
    inspect) cat "$dir/inspect.json"; exit $? ;;
    image) cat "$dir/images.json"; exit $? ;;
    *) echo "fake docker: unexpected $1" >&2; exit 125 ;;
  esac
fi
if [ "$name" = docker-compose ] && [ "$1" = version ]; then
  echo "docker-compose version 1.29.2, build unknown"; exit 0
fi
echo "compose: $*"
echo "Step 1/2 : FROM base" >&2
if [ -f "$dir/compose.sleep" ]; then sleep "$(cat "$dir/compose.sleep")"; fi
if [ -f "$dir/compose.exit" ]; then cat "$dir/compose.fail" >&2; exit "$(cat "$dir/compose.exit")"; fi
exit 0
)SH";
    }

    QTemporaryDir m_dir;
};

} // namespace threatdock::testing
