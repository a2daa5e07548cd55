#pragma once

// Shared helpers for ThreatDock's Qt Test executables.

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QString>
#include <QTest>

#include <cstdio>

namespace threatdock::testing {

/// ../shared/conformance next to the repository, or "" when it is not there.
inline QString conformanceDir()
{
    const QString dir = QStringLiteral(THREATDOCK_CONFORMANCE_DIR);
    return QDir(dir).exists() ? QDir(dir).canonicalPath() : QString();
}

inline QString conformancePath(const QString &relative)
{
    return conformanceDir() + u'/' + relative;
}

/// One data row per awesome-compose project of the conformance data (its folder, in the
/// current column "directory"), in name order; returns how many there are (39).
inline qsizetype addAwesomeComposeRows()
{
    const QDir root(conformancePath(QStringLiteral("real-world/awesome-compose")));
    const QStringList dirs = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &d : dirs)
        QTest::newRow(qPrintable(d)) << root.filePath(d);
    return dirs.size();
}

/// A file's bytes; empty when it cannot be read.
inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The repository's own test fixtures (tests/data).
inline QString testDataPath(const QString &relative)
{
    return QStringLiteral(THREATDOCK_TEST_DATA_DIR) + u'/' + relative;
}

inline QJsonDocument readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QJsonParseError err;
    QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("%s: %s", qPrintable(path), qPrintable(err.errorString()));
    return doc;
}

/// Points HOME at dir for the rest of the process, so settings and data (reviews saved
/// automatically) of this test never meet those of the user or of a test running beside
/// it. Call before anything reads QSettings or QStandardPaths.
inline void isolateHome(const QString &dir)
{
    qputenv("HOME", dir.toLocal8Bit());
    qunsetenv("XDG_CONFIG_HOME");
    qunsetenv("XDG_DATA_HOME");
    QStandardPaths::setTestModeEnabled(true);
}

} // namespace threatdock::testing

/// main() for tests that read ../shared/conformance: when the data is absent the test
/// says so and exits 77, which CTest reports as "Skipped", never as passed.
#define THREATDOCK_CONFORMANCE_MAIN(TestObject) \
    int main(int argc, char *argv[]) \
    { \
        QCoreApplication app(argc, argv); \
        QStandardPaths::setTestModeEnabled(true); \
        if (threatdock::testing::conformanceDir().isEmpty()) { \
            std::fprintf(stderr, \
                         "SKIPPED: conformance data not found at %s (a fresh clone has " \
                         "no ../shared; CI does)\n", \
                         THREATDOCK_CONFORMANCE_DIR); \
            return 77; \
        } \
        TestObject tc; \
        return QTest::qExec(&tc, argc, argv); \
    }
