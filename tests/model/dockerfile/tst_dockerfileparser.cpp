#include "dockerfile/dockerfileparser.h"

#include <QTest>

using namespace threatdock::dockerfile;

namespace {

Dockerfile parseOk(const char *text, QList<ParseMessage> *messages = nullptr)
{
    const auto r = DockerfileParser::parse(QByteArray(text), QStringLiteral("Dockerfile"));
    if (!r.ok())
        qFatal("parse failed: %s", qPrintable(r.error));
    if (messages)
        *messages = r.messages;
    return *r.dockerfile;
}

} // namespace

class TestDockerfileParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void instructionsWithLines()
    {
        const Dockerfile df = parseOk("# a comment\n"
                                      "FROM python:3.12-slim\n"
                                      "\n"
                                      "RUN apt-get update && \\\n"
                                      "    # inside a continuation\n"
                                      "    apt-get install -y curl\n"
                                      "USER app\n");
        QCOMPARE(df.stages.size(), 1);
        const Stage &s = df.stages[0];
        QCOMPARE(s.instructions.size(), 3);
        const Instruction &run = s.instructions[1];
        QCOMPARE(run.keyword, QStringLiteral("RUN"));
        QCOMPARE(run.line, 4);
        QCOMPARE(run.endLine, 6);
        QCOMPARE(run.arguments, QStringLiteral("apt-get update &&     apt-get install -y curl"));
        QVERIFY(run.original.contains(QStringLiteral("# inside a continuation")));
        QCOMPARE(s.instructions[2].line, 7);
        QCOMPARE(s.baseImage, QStringLiteral("python:3.12-slim"));
    }

    void escapeDirective()
    {
        const Dockerfile df = parseOk("# escape=`\n"
                                      "FROM mcr.microsoft.com/windows/servercore\n"
                                      "RUN dir c:\\ `\n"
                                      "    && echo done\n");
        QCOMPARE(df.escape, QChar(u'`'));
        const Instruction &run = df.stages[0].instructions[1];
        QCOMPARE(run.arguments, QStringLiteral("dir c:\\     && echo done"));
        QCOMPARE(run.endLine, 4);
    }

    void execAndShellForms()
    {
        const Dockerfile df = parseOk("FROM alpine\n"
                                      "CMD [\"python\", \"app.py\"]\n"
                                      "ENTRYPOINT python app.py\n"
                                      "RUN [\"broken\", json\n");
        const Stage &s = df.stages[0];
        QVERIFY(s.instructions[1].execForm);
        QCOMPARE(s.instructions[1].execArgs,
                 (QStringList{QStringLiteral("python"), QStringLiteral("app.py")}));
        QVERIFY(!s.instructions[2].execForm);
        QVERIFY(!s.instructions[3].execForm);
    }

    void flags()
    {
        const Dockerfile df = parseOk("FROM --platform=linux/amd64 golang:1.22 AS build\n"
                                      "COPY --from=build --chown=app:app /out /app\n"
                                      "HEALTHCHECK --interval=30s --timeout=3s CMD curl -f "
                                      "http://localhost/\n");
        const Stage &s = df.stages[0];
        QCOMPARE(s.name, QStringLiteral("build"));
        QCOMPARE(s.baseImage, QStringLiteral("golang:1.22"));
        QCOMPARE(s.instructions[0].flag(QStringLiteral("platform")),
                 std::optional<QString>(QStringLiteral("linux/amd64")));
        QCOMPARE(s.instructions[1].flag(QStringLiteral("from")),
                 std::optional<QString>(QStringLiteral("build")));
        QCOMPARE(s.instructions[1].arguments, QStringLiteral("/out /app"));
        QCOMPARE(s.instructions[2].flag(QStringLiteral("interval")),
                 std::optional<QString>(QStringLiteral("30s")));
        QCOMPARE(s.instructions[2].arguments, QStringLiteral("CMD curl -f http://localhost/"));
        QCOMPARE(s.instructions[1].flag(QStringLiteral("chmod")), std::nullopt);
    }

    void heredocs()
    {
        const Dockerfile df = parseOk("FROM debian\n"
                                      "RUN <<EOF\n"
                                      "apt-get update\n"
                                      "apt-get install -y curl\n"
                                      "EOF\n"
                                      "COPY <<-\"CONF\" /etc/app.conf\n"
                                      "\tkey=value\n"
                                      "\tCONF\n"
                                      "USER 1000\n");
        const Stage &s = df.stages[0];
        QCOMPARE(s.instructions.size(), 4);
        const Instruction &run = s.instructions[1];
        QCOMPARE(run.heredocs.size(), 1);
        QCOMPARE(run.heredocs[0].content,
                 QStringLiteral("apt-get update\napt-get install -y curl\n"));
        QCOMPARE(run.heredocs[0].line, 3);
        QCOMPARE(run.endLine, 5);
        QCOMPARE(s.instructions[2].heredocs[0].content, QStringLiteral("key=value\n"));
        QCOMPARE(s.instructions[3].keyword, QStringLiteral("USER"));
        QCOMPARE(s.instructions[3].line, 9);
    }

    void multiStageAndEffectiveValues()
    {
        const Dockerfile df = parseOk("ARG BASE=python:3.12-alpine\n"
                                      "FROM ${BASE} AS base\n"
                                      "USER 1000\n"
                                      "HEALTHCHECK CMD wget -q -O- http://localhost:8080/\n"
                                      "FROM base AS final\n"
                                      "EXPOSE 8080\n");
        QCOMPARE(df.globalArgs.size(), 1);
        QCOMPARE(df.stages.size(), 2);
        QCOMPARE(df.stages[0].resolvedBaseImage, QStringLiteral("python:3.12-alpine"));
        const Stage *final = df.finalStage();
        QCOMPARE(final->name, QStringLiteral("final"));
        QCOMPARE(df.parentStage(*final), &df.stages[0]);
        const Instruction *user = df.effective(*final, QStringLiteral("USER"));
        QVERIFY(user);
        QCOMPARE(user->arguments, QStringLiteral("1000"));
        QCOMPARE(user->line, 3);
        QVERIFY(df.effective(*final, QStringLiteral("HEALTHCHECK")));
        QVERIFY(!df.effective(*final, QStringLiteral("ENTRYPOINT")));
        QCOMPARE(df.stage(QStringLiteral("BASE")), &df.stages[0]);
        QCOMPARE(df.stage(QStringLiteral("1")), &df.stages[1]);
    }

    void substitution()
    {
        const QMap<QString, QString> vars{{QStringLiteral("A"), QStringLiteral("x")},
                                          {QStringLiteral("E"), QString()}};
        QCOMPARE(DockerfileParser::substitute(QStringLiteral("$A-${A}"), vars),
                 QStringLiteral("x-x"));
        QCOMPARE(DockerfileParser::substitute(QStringLiteral("${B:-d}${A:-d}${E:-e}"), vars),
                 QStringLiteral("dxe"));
        QCOMPARE(DockerfileParser::substitute(QStringLiteral("${A:+set}${B:+set}"), vars),
                 QStringLiteral("set"));
        QCOMPARE(DockerfileParser::substitute(QStringLiteral("\\$A $"), vars),
                 QStringLiteral("$A $"));
    }

    void problemsAreMessagesNotFailures()
    {
        QList<ParseMessage> messages;
        const Dockerfile df = parseOk("RUN echo before from\n"
                                      "FROM alpine\n"
                                      "FROBNICATE now\n"
                                      "RUN <<EOF\n"
                                      "never closed\n",
                                      &messages);
        QCOMPARE(df.stages.size(), 1);
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages[0].line, 1);
        QCOMPARE(messages[1].line, 3);
        QVERIFY(messages[1].message.contains(QStringLiteral("FROBNICATE")));
        QVERIFY(messages[2].message.contains(QStringLiteral("never closed")));
    }

    void emptyAndMissing()
    {
        QList<ParseMessage> messages;
        parseOk("", &messages);
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages[0].message.contains(QStringLiteral("no FROM")));
        const auto r = DockerfileParser::readFile(QStringLiteral("/nonexistent/Dockerfile"));
        QVERIFY(!r.ok());
        QVERIFY(r.error.contains(QStringLiteral("/nonexistent/Dockerfile")));
    }

    void crlfAndBom()
    {
        const Dockerfile df = parseOk("\xEF\xBB\xBF"
                                      "FROM alpine\r\nUSER nobody\r\n");
        QCOMPARE(df.stages[0].instructions.size(), 2);
        QCOMPARE(df.stages[0].instructions[1].arguments, QStringLiteral("nobody"));
    }
};

QTEST_GUILESS_MAIN(TestDockerfileParser)
#include "tst_dockerfileparser.moc"
