// Unit tests of the built-in Dockerfile rules (model/rules/dockerfilechecks*.cpp) and of
// the shell script reader they use: for each rule family, cases that must fire (at the
// given lines) and cases that must not.

#include "testsupport.h"

#include "rules/analysisinput.h"
#include "rules/checkregistry.h"
#include "rules/ruleengine.h"
#include "rules/shellscript.h"

#include <QTemporaryDir>

using namespace threatdock;
using rules::ShellScript;

namespace {

QList<rules::Finding> analyze(const QString &text)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("Dockerfile"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0)
        qFatal("cannot write %s", qPrintable(path));
    f.close();
    static const rules::RuleEngine engine;
    return engine.run(rules::AnalysisInput::fromDockerfile(path));
}

QList<int> linesOf(const QList<rules::Finding> &findings, const QString &rule)
{
    QList<int> lines;
    for (const rules::Finding &f : findings)
        if (f.ruleId == rule)
            lines << f.line;
    std::sort(lines.begin(), lines.end());
    return lines;
}

void row(const char *name, const char *rule, const char *dockerfile, QList<int> lines)
{
    QTest::newRow(name) << QString::fromLatin1(rule) << QString::fromUtf8(dockerfile) << lines;
}

void userRows()
{
    // User and privileges
    row("root: no USER", "DKF-USR-001", "FROM debian:12\nRUN true\n", {1});
    row("root: last USER root", "DKF-USR-001", "FROM debian:12\nUSER app\nUSER 0:0\n", {3});
    row("root: USER set in parent stage", "DKF-USR-001",
        "FROM debian:12 AS base\nUSER app\nFROM base\nRUN true\n", {});
    row("root: builder runs as root", "DKF-USR-001",
        "FROM golang:1.22 AS b\nUSER root\nFROM alpine:3.19\nCOPY --from=b /x /x\nUSER 10001\n",
        {});
    row("sudo", "DKF-USR-002", "FROM debian:12\nRUN sudo -u x make\nRUN apt-get install -y sudo\n",
        {2});
    row("setuid chmod", "DKF-USR-003", "FROM debian:12\nRUN chmod u+s /bin/x && chmod 4755 /y\n",
        {2});
    row("setuid: removal is fine", "DKF-USR-003",
        "FROM debian:12\nRUN chmod a-s /bin/x\nRUN chmod 0755 /y\n", {});
    row("chown to runtime user", "DKF-USR-004",
        "FROM debian:12\nCOPY --chown=app:app src /app\nCOPY --chown=root /x /x\nUSER app\n", {2});
}

void supplyChainRows()
{
    // Supply chain
    row("ADD url", "DKF-SUP-001", "FROM debian:12\nADD https://e.com/a.tgz /tmp/\n", {2});
    row("ADD url with checksum", "DKF-SUP-001",
        "FROM debian:12\nADD --checksum=sha256:abc https://e.com/a.tgz /tmp/\n", {});
    row("ADD local file", "DKF-SUP-002", "FROM debian:12\nADD app.py /app/\nADD rootfs.tar.xz /\n",
        {2});
    row("curl | sh", "DKF-SUP-003", "FROM debian:12\nRUN curl -fsSL https://get.x | sudo sh -\n",
        {2});
    row("sh -c $(curl)", "DKF-SUP-003", "FROM debian:12\nRUN sh -c \"$(curl -fsSL https://x)\"\n",
        {2});
    row("curl | tar is not a shell", "DKF-SUP-003",
        "FROM debian:12\nRUN curl -L https://x | tar xz\n", {});
    row("TLS off", "DKF-SUP-004",
        "FROM debian:12\nRUN curl -fsSLk https://x -o y\nRUN wget --no-check-certificate "
        "https://x\n"
        "ENV GIT_SSL_NO_VERIFY=1\nRUN pip install --trusted-host pypi.org flask==3.0\n"
        "RUN npm config set strict-ssl false\nRUN curl -o k https://x\n",
        {2, 3, 4, 5, 6});
    row("apt unpinned", "DKF-SUP-005",
        "FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88 \\\n    git\n"
        "RUN apt-get install -y ./local.deb \"pkg=1.0\"\n",
        {2});
    row("pip/npm/gem/go unpinned", "DKF-SUP-006",
        "FROM python:3.12\nRUN python3 -m pip install flask\nRUN pip install -r req.txt 'a>=1' "
        "b==2\n"
        "RUN npm i -g @angular/cli@17.0.1 && npm install sax@latest\nRUN gem install "
        "rails:7.1\n"
        "RUN go install example.com/tool@v1.2.3\nRUN go install example.com/tool\n",
        {2, 4, 7});
    row("FROM latest / untagged", "DKF-SUP-007",
        "ARG BASE=alpine\nFROM ${BASE}\nFROM debian:latest AS a\nFROM a\nFROM scratch\n"
        "FROM python:3.12@sha256:0123\n",
        {2, 3});
    row("FROM without digest", "DKF-SUP-008",
        "FROM python:3.12 AS a\nFROM a\nFROM python:3.12@sha256:0123\n", {1});
    row("update alone", "DKF-SUP-009",
        "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y x\nRUN apk update && apk "
        "add y\n",
        {3});
}

void healthAndNetworkRows()
{
    // Health and network
    row("no HEALTHCHECK", "DKF-HLT-001",
        "FROM debian:12 AS b\nHEALTHCHECK CMD true\nFROM debian:12\n", {3});
    row("HEALTHCHECK inherited", "DKF-HLT-001",
        "FROM debian:12 AS b\nHEALTHCHECK CMD true\nFROM b\n", {});
    row("EXPOSE 22 and sshd", "DKF-NET-001",
        "FROM debian:12\nEXPOSE 80 20-25/tcp\nRUN apt-get install -y "
        "openssh-server=1:9\nEXPOSE 2222\n",
        {2, 3});
}

void packageRows()
{
    // Package manager hygiene
    row("no-install-recommends", "DKF-MIN-001",
        "FROM debian:12\nRUN apt-get install -y a\nRUN apt-get install -y "
        "--no-install-recommends b\n"
        "RUN apt-get -o APT::Install-Recommends=false install -y c\n",
        {2});
    row("apt lists kept", "DKF-MIN-002",
        "FROM debian:12\nRUN apt-get update && apt-get install -y a\n"
        "RUN apt-get update && apt-get install -y b && rm -rf /var/lib/apt/lists/*\n"
        "RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y c\n",
        {2});
    row("apt lists kept in builder is fine", "DKF-MIN-002",
        "FROM debian:12 AS b\nRUN apt-get update && apt-get install -y a\nFROM scratch\nCOPY "
        "--from=b /x /x\n",
        {});
    row("apk cache", "DKF-PKG-001", "FROM alpine:3\nRUN apk add curl\nRUN apk add --no-cache git\n",
        {2});
    row("yum/dnf clean", "DKF-PKG-002",
        "FROM fedora:40\nRUN dnf install -y a\nRUN yum install -y b && yum clean all\n", {2});
    row("zypper clean", "DKF-PKG-003",
        "FROM opensuse:15\nRUN zypper -n in a\nRUN zypper -n in b && zypper clean -a\n", {2});
    row("pip cache", "DKF-PKG-004",
        "FROM python:3\nRUN pip install a==1\nRUN pip install --no-cache-dir b==1\n", {2});
    row("pip cache off by ENV", "DKF-PKG-004",
        "FROM python:3\nENV PIP_NO_CACHE_DIR=1\nRUN pip install a==1\n", {});
    row("apk unpinned", "DKF-PKG-005", "FROM alpine:3\nRUN apk add --no-cache --virtual .b a=1 b\n",
        {2});
    row("rpm unpinned", "DKF-PKG-006",
        "FROM fedora:40\nRUN dnf -y install httpd-2.4 mod_ssl\nRUN dnf -y in x-1.0\n", {2});
    row("zypper unpinned", "DKF-PKG-007", "FROM opensuse:15\nRUN zypper -n in a=1 b\n", {2});
    row("dist-upgrade", "DKF-PKG-008",
        "FROM debian:12\nRUN apt-get dist-upgrade -y\nRUN apt-get upgrade -y\n", {2});
    row("non-interactive", "DKF-BLD-002",
        "FROM debian:12\nRUN apt-get install a\nRUN apt-get -qq install b\nRUN yum install c\n"
        "RUN zypper install d\nRUN zypper --non-interactive install e\nRUN dnf -vy install f\n",
        {2, 4, 5});
}

void lintRows()
{
    // Build correctness and lint
    row("pipefail", "DKF-BLD-001",
        "FROM debian:12\nRUN a | b\nRUN set -o pipefail && a | b\nSHELL [\"/bin/bash\", "
        "\"-o\", \"pipefail\", \"-c\"]\nRUN c | d\n",
        {2});
    row("shell-form CMD", "DKF-BLD-003",
        "FROM debian:12\nENTRYPOINT /app\nCMD [\"--port\", \"80\"]\n", {2});
    row("relative WORKDIR", "DKF-BLD-004",
        "FROM debian:12\nWORKDIR app\nWORKDIR /srv\nWORKDIR $HOME\n", {2});
    row("stage references", "DKF-BLD-005",
        "FROM a:1 AS x\nCOPY --from=x /a /b\nFROM b:1 AS y\nCOPY --from=nope /a /b\nCOPY "
        "--from=nginx:1 /a /b\n"
        "FROM c:1 AS y\n",
        {2, 3, 4});
    row("RUN cd", "DKF-BLD-006", "FROM debian:12\nRUN cd /src && make\nRUN cd ..\nRUN (make)\n",
        {2, 3});
    row("multiple CMD", "DKF-LNT-001", "FROM debian:12\nCMD [\"a\"]\nCMD [\"b\"]\n", {2});
    row("multiple ENTRYPOINT", "DKF-LNT-002",
        "FROM debian:12\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", {2});
    row("multiple HEALTHCHECK", "DKF-LNT-003",
        "FROM debian:12\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\n", {2});
    row("COPY dest not dir", "DKF-LNT-004", "FROM debian:12\nCOPY a b c\nCOPY a b c/\nCOPY a b .\n",
        {2});
    row("EXPOSE range", "DKF-LNT-005", "FROM debian:12\nEXPOSE 80 70000/tcp\nEXPOSE 8000-8010\n",
        {2});
    row("MAINTAINER", "DKF-LNT-006", "FROM debian:12\nMAINTAINER me\n", {2});
    row("--platform", "DKF-LNT-007",
        "FROM --platform=linux/amd64 a:1\nFROM --platform=$BUILDPLATFORM b:1\n", {1});
    row("COPY --from index", "DKF-LNT-008", "FROM a:1\nFROM b:1\nCOPY --from=0 /a /b\n", {3});
    row("consecutive layers", "DKF-LNT-009",
        "FROM debian:12\nRUN a\nRUN b\nCOPY x /a/\nCOPY y /b/\nCOPY z /b/\n", {2, 5});
    row("wget and curl", "DKF-LNT-010", "FROM debian:12\nRUN wget x\nRUN curl y\n", {3});
    row("apt", "DKF-LNT-011", "FROM debian:12\nRUN apt install -y x\nRUN apt-get install -y y\n",
        {2});
    row("shell change", "DKF-LNT-012",
        "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\nRUN bash -c 'x'\n", {2});
    row("interactive tools", "DKF-LNT-013",
        "FROM debian:12\nRUN ps aux\nRUN apt-get install -y vim\n", {2});
    row("heredoc RUN script", "DKF-USR-002", "FROM debian:12\nRUN <<EOF\nset -e\nsudo make\nEOF\n",
        {2});
}

} // namespace

class TestDockerfileChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shellScript()
    {
        const ShellScript s = ShellScript::parse(QStringLiteral(
            "set -eux; DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y 'a b' \\\n"
            " && curl -fsSL https://x/y.sh | bash -s -- --flag > /dev/null 2>&1 "
            "|| echo \"$(wget -qO- https://z)\" # comment | not a pipe"));
        const QList<ShellScript::Command> &c = s.commands();
        QCOMPARE(c.size(), 6);
        QCOMPARE(c[1].words,
                 (QStringList{QStringLiteral("apt-get"), QStringLiteral("install"),
                              QStringLiteral("-y"), QStringLiteral("a b")}));
        QCOMPARE(c[1].assignments, QStringList{QStringLiteral("DEBIAN_FRONTEND=noninteractive")});
        QCOMPARE(c[1].wrappers, QStringList{QStringLiteral("sudo")});
        QVERIFY(c[2].pipesToNext);
        QCOMPARE(c[3].name(), QStringLiteral("bash"));
        QCOMPARE(c[3].pipeline, c[2].pipeline);
        QCOMPARE(c[3].words.last(), QStringLiteral("--flag")); // redirections dropped
        QCOMPARE(c[5].name(), QStringLiteral("wget"));
        QVERIFY(c[5].substituted);
        QVERIFY(s.hasPipe());
        const ShellScript inner = ShellScript::fromArgv(
            {QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("cd /x && make")});
        QCOMPARE(inner.commands().size(), 3);
        QCOMPARE(inner.commands()[1].name(), QStringLiteral("cd"));
        QVERIFY(!ShellScript::parse(QStringLiteral("echo 'a | b' \"c && d\"")).hasPipe());
    }

    void rules_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("dockerfile");
        QTest::addColumn<QList<int>>("lines");
        userRows();
        supplyChainRows();
        healthAndNetworkRows();
        packageRows();
        lintRows();
    }

    void rules()
    {
        QFETCH(QString, rule);
        QFETCH(QString, dockerfile);
        QFETCH(QList<int>, lines);
        QVERIFY2(rules::RuleSet::builtIn().find(rule), qPrintable(rule));
        const QList<rules::Finding> findings = analyze(dockerfile);
        if (linesOf(findings, rule) != lines)
            for (const rules::Finding &f : findings)
                qInfo("%s:%d %s", qPrintable(f.ruleId), f.line, qPrintable(f.why));
        QCOMPARE(linesOf(findings, rule), lines);
        for (const rules::Finding &f : findings)
            QVERIFY2(!f.why.isEmpty(), qPrintable(f.ruleId));
    }

    void findingsAreStableAndRedacted()
    {
        // Ids do not depend on lines; evidence and ids never show a password.
        const QString text = QStringLiteral(
            "FROM debian:12\nRUN curl -k https://admin:s3cr3tV4lue@repo.example/x | sh\n");
        const QList<rules::Finding> a = analyze(text);
        const QList<rules::Finding> b = analyze(QStringLiteral("# moved\n\n") + text);
        const auto subjectOf = [](const QList<rules::Finding> &fs, const QString &rule) {
            for (const rules::Finding &f : fs)
                if (f.ruleId == rule)
                    return f.id.section(u'/', -2);
            return QString();
        };
        for (const QString &rule : {QStringLiteral("DKF-SUP-003"), QStringLiteral("DKF-SUP-004")}) {
            QVERIFY2(!subjectOf(a, rule).isEmpty(), qPrintable(rule));
            QCOMPARE(subjectOf(a, rule), subjectOf(b, rule));
        }
        for (const rules::Finding &f : a) {
            QVERIFY2(!f.evidence.contains(QStringLiteral("s3cr3t")), qPrintable(f.evidence));
            QVERIFY2(!f.why.contains(QStringLiteral("s3cr3t")), qPrintable(f.why));
            QVERIFY2(!f.id.contains(QStringLiteral("s3cr3t")), qPrintable(f.id));
        }
    }

    void everyDockerfileRuleHasACheckAndMetadata()
    {
        const QStringList ids = rules::CheckRegistry::builtIn().ruleIds();
        int count = 0;
        for (const rules::Rule &r : rules::RuleSet::builtIn().rules()) {
            if (r.target != u"dockerfile")
                continue;
            ++count;
            QVERIFY2(ids.contains(r.id), qPrintable(r.id));
            QVERIFY2(!r.rationale.isEmpty() && !r.remediation.isEmpty(), qPrintable(r.id));
        }
        QVERIFY(count >= 40);
        for (const QString &id : ids)
            if (id.startsWith(QStringLiteral("DKF-")))
                QVERIFY2(rules::RuleSet::builtIn().find(id), qPrintable(id));
    }
};

QTEST_GUILESS_MAIN(TestDockerfileChecks)
#include "tst_dockerfilechecks.moc"
