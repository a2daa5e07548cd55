// The source view: real files on disk, the real secret detector, real widgets.

#include "testsupport.h"
#include "views/documentfixture.h"
#include "views/samplesecrets.h"

#include "source/sourceeditor.h"
#include "source/sourcefile.h"
#include "source/sourceview.h"

#include "compose/composeloader.h"
#include "rules/secretdetector.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QTemporaryDir>

using threatdock::rules::SecretDetector;
using threatdock::views::SourceEditor;
using threatdock::views::SourceFile;
using threatdock::views::SourceView;

namespace {

QString samplePath(const QString &relative)
{
    return threatdock::testing::sampleProject() + u'/' + relative;
}

QStringList fileLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QString text = QString::fromUtf8(f.readAll());
    if (text.endsWith(u'\n'))
        text.chop(1);
    return text.split(u'\n');
}

/// The 1-based number of the first line of path that contains needle (0 when none).
int lineContaining(const QString &path, const QString &needle)
{
    const QStringList lines = fileLines(path);
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (lines.at(i).contains(needle))
            return int(i + 1);
    return 0;
}

/// The sample's secret values, as its compose file sets them (never written here).
QStringList sampleSecrets()
{
    const auto loaded
        = threatdock::compose::ComposeLoader::load(threatdock::testing::sampleProject());
    return loaded.project ? threatdock::testing::secretValues(*loaded.project) : QStringList();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestSourceView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensAtLineWithSecretsMasked_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("lineWith");
        QTest::newRow("app.py hard-coded password") << "api/app.py"
                                                    << "ADMIN_PASSWORD = ";
        QTest::newRow("compose environment") << "compose.yaml"
                                             << "REDIS_PASSWORD:";
        QTest::newRow("compose command list") << "compose.yaml"
                                              << "--requirepass";
    }
    void opensAtLineWithSecretsMasked()
    {
        QFETCH(QString, file);
        QFETCH(QString, lineWith);
        const QStringList secrets = sampleSecrets();
        QCOMPARE(secrets.size(), 2);
        const QString path = samplePath(file);
        const int line = lineContaining(path, lineWith);
        QVERIFY(line > 0);
        // The raw file does hold a secret on that line: the view must hide it.
        const QString raw = fileLines(path).at(line - 1);
        QVERIFY(std::any_of(secrets.cbegin(), secrets.cend(),
                            [&](const QString &s) { return raw.contains(s); }));

        SourceView view;
        QVERIFY(view.open(path, line));
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.showsText());
        QVERIFY(view.windowTitle().contains(path));
        SourceEditor *editor = view.editor();
        QCOMPARE(editor->markedLine(), line);
        QCOMPARE(editor->textCursor().blockNumber() + 1, line);
        QCOMPARE(editor->blockCount(), fileLines(path).size());
        const QString shown = editor->toPlainText();
        for (const QString &secret : secrets)
            QVERIFY2(!shown.contains(secret), qPrintable(secret));
        QVERIFY(editor->lineText(line).contains(SecretDetector::mask()));
        QVERIFY(editor->lineText(line).contains(lineWith.trimmed()));
        // The marked line is highlighted and scrolled into view.
        const auto marks = editor->extraSelections();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks.first().cursor.blockNumber() + 1, line);
        const QRect cursorRect = editor->cursorRect();
        QVERIFY(editor->viewport()->rect().contains(cursorRect.center()));
        // Lines without secrets are shown as they are.
        const QStringList lines = fileLines(path);
        for (qsizetype i = 0; i < lines.size(); ++i)
            if (SecretDetector::redact(lines.at(i)) == lines.at(i))
                QCOMPARE(editor->lineText(int(i + 1)), lines.at(i));
    }

    void lineFarDownIsScrolledTo()
    {
        QTemporaryDir dir;
        QByteArray text;
        for (int i = 1; i <= 3000; ++i)
            text += "line " + QByteArray::number(i) + '\n';
        const QString path = dir.filePath(QStringLiteral("long.txt"));
        QVERIFY(writeFile(path, text));
        SourceView view;
        QVERIFY(view.open(path, 2500));
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.editor()->blockCount(), 3000);
        QCOMPARE(view.editor()->lineText(2500), QStringLiteral("line 2500"));
        QVERIFY(view.editor()->viewport()->rect().contains(view.editor()->cursorRect().center()));
        // Centred: as many lines above it as below it in the viewport (within two lines).
        const QRect viewport = view.editor()->viewport()->rect();
        const int lineHeight = view.editor()->cursorRect().height();
        QVERIFY2(qAbs(view.editor()->cursorRect().center().y() - viewport.center().y())
                     <= 2 * lineHeight,
                 qPrintable(QStringLiteral("line at y=%1 in a viewport of %2")
                                .arg(view.editor()->cursorRect().center().y())
                                .arg(viewport.height())));
        // The gutter is wide enough for four digits.
        QVERIFY(view.editor()->gutterWidth()
                > view.editor()->fontMetrics().horizontalAdvance(QStringLiteral("3000")));
    }

    void codeThatReadsASecretStaysReadable()
    {
        // The hardened sample reads its passwords from the environment: that is the fix, and
        // the reviewer must see it.
        const QString path = threatdock::testing::sampleProject(QStringLiteral("hardened"))
            + QStringLiteral("/api/app.py");
        QCOMPARE(SourceFile::kindOf(path), SecretDetector::TextKind::Code);
        const int line = lineContaining(path, QStringLiteral("ADMIN_PASSWORD = os.environ"));
        QVERIFY(line > 0);
        const QString raw = fileLines(path).at(line - 1);
        // The detector alone masks it by the variable's name.
        QVERIFY(SecretDetector::redact(raw) != raw);
        SourceView view;
        QVERIFY(view.open(path, line));
        QCOMPARE(view.editor()->lineText(line), raw);
        // The same line as configuration (an .env or YAML file) stays masked.
        QVERIFY(!SourceFile::mask(raw).contains(QStringLiteral("os.environ")));
        // Literals in code are masked, whatever else is on the line.
        const QString literal = QStringLiteral("DB_PASSWORD = \"s3cr3t-Value-42\"  # os.environ");
        QVERIFY(!SourceFile::mask(literal, SecretDetector::TextKind::Code)
                     .contains(QStringLiteral("s3cr3t")));
        const QString url
            = QStringLiteral("DB_URL = connect(postgres://app:s3cr3t-Value-42@db/app)");
        QVERIFY(!SourceFile::mask(url, SecretDetector::TextKind::Code)
                     .contains(QStringLiteral("s3cr3t")));
    }

    void keyBlocksKeepLineNumbers()
    {
        QTemporaryDir dir;
        const QByteArray key = "# deploy key\n"
                               "-----BEGIN RSA PRIVATE KEY-----\n"
                               "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
                               "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
                               "-----END RSA PRIVATE KEY-----\n"
                               "after = 1\n"
                               "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                               "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz\n"
                               "-----END OPENSSH PRIVATE KEY-----\n"
                               "last = 2\n";
        const QString path = dir.filePath(QStringLiteral("id_rsa"));
        QVERIFY(writeFile(path, key));
        // The detector alone would join the block's lines into one.
        QVERIFY(SecretDetector::redact(QString::fromLatin1(key)).count(u'\n') < key.count('\n'));
        const SourceFile file = SourceFile::read(path);
        QVERIFY2(file.ok(), qPrintable(file.message));
        const QStringList shown = file.text.split(u'\n');
        QCOMPARE(shown.size(), 10);
        QCOMPARE(file.lineCount, 10);
        QCOMPARE(shown.at(5), QStringLiteral("after = 1"));
        QCOMPARE(shown.at(9), QStringLiteral("last = 2"));
        QVERIFY(shown.at(4).startsWith(QStringLiteral("-----END RSA")));
        QVERIFY(!file.text.contains(QStringLiteral("MIIEow")));
        QVERIFY(!file.text.contains(QStringLiteral("b3BlbnNz")));
        QCOMPARE(shown.at(2), SecretDetector::mask());
        QCOMPARE(shown.at(7), SecretDetector::mask());
    }

    void keyBlockWithoutEndIsMaskedToTheEnd()
    {
        const QString text
            = QStringLiteral("a = 1\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhki"
                             "G9w0BAQEFAASC\nSGVsbG8gd29ybGQgZm9vIGJhcg");
        const QString masked = SourceFile::mask(text);
        QCOMPARE(masked.count(u'\n'), 3);
        QVERIFY(!masked.contains(QStringLiteral("MIIEvQ")));
        QVERIFY(!masked.contains(QStringLiteral("SGVsbG8")));
        QVERIFY(masked.startsWith(QStringLiteral("a = 1\n-----BEGIN PRIVATE KEY-----")));
    }

    void filesItCannotShow_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QByteArray longLine(2 * 1024 * 1024, 'x');
        longLine.prepend("var bundle = \"");
        longLine.append("\";\n");
        QTest::newRow("a 2 MiB line") << longLine << "line of";
        QByteArray big;
        const QByteArray row = "a perfectly ordinary line of a very large log file\n";
        while (big.size() <= SourceFile::maximumSize)
            big += row;
        QTest::newRow("over the size limit") << big << "MiB";
        QByteArray binary("\x7f"
                          "ELF\x02\x01\x01",
                          7);
        binary.append('\0');
        binary.append(QByteArray(4096, '\x90'));
        QTest::newRow("binary") << binary << "binary";
    }
    void filesItCannotShow()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("content.bin"));
        QVERIFY(writeFile(path, content));
        SourceView view;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!view.open(path, 1));
        qInfo("refused in %lld ms", timer.elapsed());
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!view.showsText());
        QVERIFY2(view.message().contains(expected), qPrintable(view.message()));
        QVERIFY(view.message().contains(path));
        QVERIFY(view.editor()->toPlainText().isEmpty());
        const auto *message = view.findChild<QLabel *>(QStringLiteral("sourceMessage"));
        QVERIFY(message && message->isVisible());
        QVERIFY(!view.editor()->isVisible());
    }

    void missingFileAndLinePastTheEnd()
    {
        QTemporaryDir dir;
        SourceView view;
        QVERIFY(!view.open(dir.filePath(QStringLiteral("gone.py")), 3));
        QVERIFY(view.message().contains(QStringLiteral("does not exist")));

        // The same window shows the next file.
        const QString path = samplePath(QStringLiteral("api/app.py"));
        const int lines = int(fileLines(path).size());
        QVERIFY(view.open(path, lines + 50));
        QVERIFY(view.showsText());
        QCOMPARE(view.editor()->markedLine(), 0);
        QVERIFY(view.editor()->extraSelections().isEmpty());
        const auto *location = view.findChild<QLabel *>(QStringLiteral("sourceLocation"));
        QVERIFY(location->text().contains(QStringLiteral("past the end")));
    }

    void largestShownFileOpensQuickly()
    {
        QTemporaryDir dir;
        QByteArray text;
        const QByteArray row
            = "DB_PASSWORD=hunter2-but-longer  # a line of a big but readable file\n";
        while (text.size() + row.size() <= SourceFile::maximumSize)
            text += row;
        const QString path = dir.filePath(QStringLiteral("big.env"));
        QVERIFY(writeFile(path, text));
        SourceView view;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(view.open(path, 40000));
        const qint64 elapsed = timer.elapsed();
        qInfo("%lld lines (%.1f MiB) read, masked and shown in %lld ms",
              qlonglong(text.count('\n')), double(text.size()) / 1048576.0, elapsed);
        QVERIFY(!view.editor()->toPlainText().contains(QStringLiteral("hunter2")));
        QCOMPARE(view.editor()->markedLine(), 40000);
        QVERIFY(elapsed < 10000);
    }
};

QTEST_MAIN(TestSourceView)
#include "tst_sourceview.moc"
