// Every kind of bad input gets one clear line naming the file and line, and no crash.
#include "compose/composeloader.h"
#include "projectfixture.h"

#include <QTest>

using namespace threatdock::compose;
using threatdock::testing::ProjectFixture;

class TestBadInput : public QObject
{
    Q_OBJECT

private:
    static ComposeLoader::Result load(const ProjectFixture &p)
    {
        ComposeLoader::Options o;
        o.path = p.path();
        o.processEnvironment = Environment{};
        return ComposeLoader::load(o);
    }

    /// The error is one line that starts with "<file>:<line>:".
    static void verifyError(const ComposeLoader::Result &r, const QString &file, int line,
                            const QString &fragment)
    {
        QVERIFY2(!r.ok(), "the load must fail");
        const QString text = r.error->toString();
        QVERIFY2(!text.contains(u'\n'), qPrintable(text));
        QCOMPARE(r.error->origin.file, file);
        if (line > 0)
            QCOMPARE(r.error->origin.line, line);
        QVERIFY2(text.startsWith(file + u':' + QString::number(r.error->origin.line) + u':'),
                 qPrintable(text));
        QVERIFY2(text.contains(fragment, Qt::CaseInsensitive), qPrintable(text));
    }

private Q_SLOTS:
    void malformedYaml()
    {
        ProjectFixture p{{"compose.yaml", "services:\n  web:\n    image: nginx\n   ports: [80\n"}};
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 0, QStringLiteral("YAML"));
    }

    void tabsForIndentation()
    {
        ProjectFixture p{{"compose.yaml", "services:\n\tweb:\n\t\timage: nginx\n"}};
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 2, QStringLiteral("YAML"));
    }

    void aliasBomb()
    {
        QByteArray yaml = "x-a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n";
        QByteArray prev = "a";
        for (const char *name : {"b", "c", "d", "e", "f", "g", "h", "i"}) {
            yaml += "x-" + QByteArray(name) + ": &" + name + " [";
            for (int i = 0; i < 9; ++i)
                yaml += (i ? ",*" : "*") + prev;
            yaml += "]\n";
            prev = name;
        }
        yaml += "services:\n  web:\n    image: nginx\n    command: *i\n";
        ProjectFixture p{};
        p.write(QStringLiteral("compose.yaml"), yaml);
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 0, QStringLiteral("alias"));
    }

    void deepNesting()
    {
        ProjectFixture p{};
        p.write(QStringLiteral("compose.yaml"),
                "services:\n  web:\n    image: nginx\n    labels: "
                    + QByteArray("[").repeated(10000) + QByteArray("]").repeated(10000) + "\n");
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 4, QStringLiteral("nest"));
    }

    void hugeFile()
    {
        ProjectFixture p{};
        QByteArray big = "services:\n  web:\n    image: nginx\n";
        big += QByteArray("# padding\n").repeated(17 * 1024 * 1024 / 10 + 1);
        p.write(QStringLiteral("compose.yaml"), big);
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 1, QStringLiteral("limit"));
    }

    void wrongPortType()
    {
        ProjectFixture p{{"compose.yaml",
                          "services:\n  web:\n    image: nginx\n    ports:\n"
                          "      - \"abc:80\"\n"}};
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 5, QStringLiteral("port"));
    }

    void unknownTopLevelKeyIsAWarning()
    {
        ProjectFixture p{{"compose.yaml",
                          "servics:\n  web: {}\nservices:\n  web:\n    image: "
                          "nginx\n"}};
        const auto r = load(p);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error->toString()));
        QCOMPARE(r.project->serviceNames(), QStringList{QStringLiteral("web")});
        QVERIFY(!r.warnings.isEmpty());
        bool named = false;
        for (const Diagnostic &w : r.warnings)
            named |= w.message.contains(QStringLiteral("servics")) && w.origin.line == 1;
        QVERIFY2(named, qPrintable(r.warnings.first().toString()));
    }

    void missingEnvFile()
    {
        ProjectFixture p{{"compose.yaml",
                          "services:\n  web:\n    image: nginx\n    env_file:\n"
                          "      - ./missing.env\n"}};
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 0,
                    QStringLiteral("missing.env"));
    }

    void optionalEnvFileMayBeMissing()
    {
        ProjectFixture p{{"compose.yaml",
                          "services:\n  web:\n    image: nginx\n    env_file:\n"
                          "      - path: ./missing.env\n        required: false\n"}};
        QVERIFY(load(p).ok());
    }

    void missingInclude()
    {
        ProjectFixture p{{"compose.yaml", "include:\n  - ./shared/compose.yaml\nservices: {}\n"}};
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 2,
                    QStringLiteral("not found"));
    }

    void missingRequiredVariable()
    {
        ProjectFixture p{{"compose.yaml", "services:\n  web:\n    image: nginx:${TAG?}\n"}};
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 3, QStringLiteral("TAG"));
    }

    void invalidInterpolationIsOneLine()
    {
        ProjectFixture p{{"compose.yaml", "services:\n  web:\n    image: \"nginx:${TAG\"\n"}};
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 3,
                    QStringLiteral("invalid interpolation format"));
    }

    void servicesNotAMapping()
    {
        ProjectFixture p{{"compose.yaml", "services:\n  - web\n"}};
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 0, QStringLiteral("services"));
    }

    void topLevelNotAMapping()
    {
        ProjectFixture p{{"compose.yaml", "- just\n- a list\n"}};
        verifyError(load(p), p.path(QStringLiteral("compose.yaml")), 1, QStringLiteral("mapping"));
    }

    void garbageBytes()
    {
        ProjectFixture p{};
        QByteArray garbage;
        for (int i = 0; i < 4096; ++i)
            garbage += char((i * 7919) % 256);
        p.write(QStringLiteral("compose.yaml"), garbage);
        const auto r = load(p);
        QVERIFY(!r.ok());
        QCOMPARE(r.error->origin.file, p.path(QStringLiteral("compose.yaml")));
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
