// HardeningWriter on the bundled vulnerable sample: files are replaced atomically with their
// permissions and a .bak copy; a read-only file or directory, a file changed on disk since
// planning and an overlay ThreatDock did not write make it write nothing.

#include "hardening/hardeningplanner.h"
#include "hardening/hardeningwriter.h"
#include "hardening/planrenderer.h"
#include "model/hardening/hardeningfixture.h"
#include "testsupport.h"

#include <QTest>

#include <sys/stat.h>

using namespace threatdock;
using namespace threatdock::hardening;
using namespace threatdock::testing;

namespace {

ino_t inode(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}

} // namespace

class TestHardeningWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesAtomicallyWithBackup();
    void readOnlyTargetWritesNothing();
    void readOnlyDirectoryWritesNothing();
    void changedOnDiskWritesNothing();
    void foreignOverlayIsNotOverwritten();
};

void TestHardeningWriter::writesAtomicallyWithBackup()
{
    SampleProject s;
    const QString dockerfile = s.file(QStringLiteral("api/Dockerfile"));
    const QByteArray original = readAll(dockerfile);
    QVERIFY(QFile::setPermissions(
        dockerfile, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    const ino_t before = inode(dockerfile);
    const RenderedPlan rendered = renderPlan(s.plan);
    const HardeningWriter::Result result = HardeningWriter::write(s.plan, rendered);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(readAll(dockerfile + QStringLiteral(".bak")), original);
    QCOMPARE(readAll(dockerfile), rendered.file(dockerfile)->after);
    // Replaced by a rename (a reader sees the old file or the new one, never half of it),
    // with the permissions it had.
    QVERIFY(inode(dockerfile) != before);
    const QFile::Permissions modeBits = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
        | QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
        | QFile::WriteOther | QFile::ExeOther;
    QCOMPARE(QFileInfo(dockerfile).permissions() & modeBits,
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    const QStringList entries = QDir(s.path).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    QCOMPARE(entries,
             (QStringList{QStringLiteral(".env.example"), QStringLiteral("compose.hardening.yaml"),
                          QStringLiteral("compose.yaml")}));
    QCOMPARE(QDir(s.file(QStringLiteral("api"))).entryList(QDir::Files | QDir::Hidden, QDir::Name),
             (QStringList{QStringLiteral("Dockerfile"), QStringLiteral("Dockerfile.bak"),
                          QStringLiteral("app.py"), QStringLiteral("requirements.txt")}));
    QVERIFY(readAll(s.plan.overlayPath).startsWith("# compose.hardening.yaml: generated"));
}

void TestHardeningWriter::readOnlyTargetWritesNothing()
{
    SampleProject s;
    const QString dockerfile = s.file(QStringLiteral("api/Dockerfile"));
    const QByteArray original = readAll(dockerfile);
    QVERIFY(QFile::setPermissions(dockerfile, QFile::ReadOwner | QFile::ReadGroup));
    const HardeningWriter::Result result = HardeningWriter::write(s.plan, renderPlan(s.plan));
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(dockerfile + QStringLiteral(": ")), qPrintable(result.error));
    QVERIFY2(result.error.contains(QStringLiteral("read-only")), qPrintable(result.error));
    QVERIFY(result.written.isEmpty());
    QVERIFY(!QFile::exists(s.plan.overlayPath));
    QVERIFY(!QFile::exists(dockerfile + QStringLiteral(".bak")));
    QCOMPARE(readAll(dockerfile), original);
}

void TestHardeningWriter::readOnlyDirectoryWritesNothing()
{
    SampleProject s;
    const QFile::Permissions rx
        = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup;
    QVERIFY(QFile::setPermissions(s.path, rx));
    const HardeningWriter::Result result = HardeningWriter::write(s.plan, renderPlan(s.plan));
    QVERIFY(QFile::setPermissions(s.path, rx | QFile::WriteOwner));
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(QStringLiteral("read-only")), qPrintable(result.error));
    QVERIFY(!QFile::exists(s.plan.overlayPath));
    QVERIFY(!QFile::exists(s.file(QStringLiteral("api/Dockerfile.bak"))));
}

void TestHardeningWriter::changedOnDiskWritesNothing()
{
    SampleProject s;
    const QString dockerfile = s.file(QStringLiteral("api/Dockerfile"));
    QFile f(dockerfile);
    QVERIFY(f.open(QIODevice::Append));
    f.write("LABEL edited=after-planning\n");
    f.close();
    const QByteArray edited = readAll(dockerfile);
    const HardeningWriter::Result result = HardeningWriter::write(s.plan, renderPlan(s.plan));
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(QStringLiteral("changed on disk")), qPrintable(result.error));
    QVERIFY2(result.error.startsWith(dockerfile), qPrintable(result.error));
    QCOMPARE(readAll(dockerfile), edited);
    QVERIFY(!QFile::exists(s.plan.overlayPath));
    QVERIFY(!QFile::exists(s.plan.envExamplePath));

    // A file that appears after planning counts as a change too.
    SampleProject fresh;
    QFile overlay(fresh.plan.overlayPath);
    QVERIFY(overlay.open(QIODevice::WriteOnly));
    overlay.write("services: {}\n");
    overlay.close();
    const HardeningWriter::Result second
        = HardeningWriter::write(fresh.plan, renderPlan(fresh.plan));
    QVERIFY(!second.ok());
    QVERIFY2(second.error.contains(QStringLiteral("changed on disk")), qPrintable(second.error));
    QCOMPARE(readAll(fresh.plan.overlayPath), QByteArray("services: {}\n"));
}

void TestHardeningWriter::foreignOverlayIsNotOverwritten()
{
    SampleProject s;
    QFile overlay(s.plan.overlayPath);
    QVERIFY(overlay.open(QIODevice::WriteOnly));
    overlay.write("# my own override\nservices: {}\n");
    overlay.close();
    const HardeningPlan replanned = HardeningPlanner::plan(s.before);
    const HardeningWriter::Result refused
        = HardeningWriter::write(replanned, renderPlan(replanned));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error.contains(QStringLiteral("not written by ThreatDock")),
             qPrintable(refused.error));
    QVERIFY(QFile::remove(s.plan.overlayPath));

    // An overlay ThreatDock wrote is replaced on the next write, its old version kept.
    QVERIFY(HardeningWriter::write(s.plan, renderPlan(s.plan)).ok());
    HardeningPlan next = HardeningPlanner::plan(s.before);
    QVERIFY(next.setAccepted(QStringLiteral("service:redis/image-tag"), false));
    const HardeningWriter::Result rewritten = HardeningWriter::write(next, renderPlan(next));
    QVERIFY2(rewritten.ok(), qPrintable(rewritten.error));
    QVERIFY(rewritten.backups.contains(next.overlayPath + QStringLiteral(".bak")));
    QVERIFY(!readAll(next.overlayPath).contains("image: "));
}

QTEST_GUILESS_MAIN(TestHardeningWriter)
#include "tst_hardeningwriter.moc"
