// threatdock-bench-report OUTPUT [SERVICES [PDF]]: writes a generated Compose project of
// SERVICES services (default 1000), analyses it, and writes its report PDF; the time of each
// step (wall clock and this process's CPU time, which a busy machine does not inflate), the
// page count and the size go to OUTPUT, the PDF to PDF when given (to look at).

#include "analysis/projectanalysis.h"
#include "report/reportbuilder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <ctime>

using namespace threatdock;

namespace {

/// A microservice estate: services on eight networks calling the one before them, a
/// database with a volume per ten, some published ports, secrets in some environments,
/// some services hardened (read-only, no-new-privileges, limits) and some built here.
QByteArray composeFile(int services)
{
    QByteArray yaml = "name: bench\nservices:\n";
    for (int i = 0; i < services; ++i) {
        const QString name = QStringLiteral("svc-%1").arg(i, 4, 10, QLatin1Char('0'));
        QString s = QStringLiteral("  %1:\n").arg(name);
        if (i % 10 == 9)
            s += QStringLiteral("    image: postgres:16\n    volumes: "
                                "[\"data-%1:/var/lib/postgresql/data\"]\n")
                     .arg(i);
        else if (i % 20 == 3)
            s += QStringLiteral("    build: ./app\n");
        else
            s += QStringLiteral("    image: example/%1:1.%2\n").arg(name).arg(i % 7);
        s += QStringLiteral("    networks: [net%1]\n").arg(i % 8);
        if (i % 25 == 0)
            s += QStringLiteral("    ports: [\"%1:8080\"]\n").arg(20000 + i);
        if (i % 7 == 0)
            s += QStringLiteral("    environment:\n      API_KEY: \"bench-key-%1-Zq8\"\n").arg(i);
        if (i % 10 != 0)
            s += QStringLiteral("    depends_on: [svc-%1]\n").arg(i - 1, 4, 10, QLatin1Char('0'));
        if (i % 3 == 0)
            s += QStringLiteral(
                "    read_only: true\n    security_opt: [\"no-new-privileges:true\"]\n"
                "    mem_limit: 256m\n    pids_limit: 100\n");
        yaml += s.toUtf8();
    }
    yaml += "networks:\n";
    for (int n = 0; n < 8; ++n)
        yaml += QStringLiteral("  net%1: {internal: %2}\n")
                    .arg(n)
                    .arg(n % 4 == 3 ? QStringLiteral("true") : QStringLiteral("false"))
                    .toUtf8();
    yaml += "volumes:\n";
    for (int i = 9; i < services; i += 10)
        yaml += QStringLiteral("  data-%1: {}\n").arg(i).toUtf8();
    return yaml;
}

/// Wall-clock and CPU milliseconds since the last lap.
class Stopwatch
{
public:
    Stopwatch() { m_wall.start(); }
    QString lap()
    {
        const std::clock_t now = std::clock();
        const qint64 cpu = qint64(now - m_cpu) * 1000 / CLOCKS_PER_SEC;
        m_cpu = now;
        return QStringLiteral("%1 ms (CPU %2 ms)").arg(m_wall.restart()).arg(cpu);
    }

private:
    QElapsedTimer m_wall;
    std::clock_t m_cpu = std::clock();
};

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: threatdock-bench-report OUTPUT [SERVICES [PDF]]\n");
        return 2;
    }
    const int services = args.size() > 2 ? args.at(2).toInt() : 1000;
    QTemporaryDir dir;
    if (!writeFile(dir.filePath(QStringLiteral("compose.yaml")), composeFile(services))
        || !writeFile(
            dir.filePath(QStringLiteral("app/Dockerfile")),
            "FROM python:3.12-slim\nCOPY . /app\nCMD [\"python3\", \"/app/main.py\"]\n")) {
        std::fprintf(stderr, "cannot write the project\n");
        return 1;
    }

    Stopwatch stopwatch;
    analysis::AnalysisRequest request;
    request.load.path = dir.path();
    const analysis::AnalysisResult result = analysis::analyzeProject(request);
    const QString analysisTime = stopwatch.lap();
    if (!result.ok()) {
        std::fprintf(stderr, "analysis failed: %s\n",
                     qPrintable(result.error ? result.error->toString() : QString()));
        return 1;
    }
    report::ReportInput input;
    input.analysis = result.report;
    input.diagram = result.diagram;
    int pages = 0;
    report::ReportBuilder::Options options;
    options.progress = [&pages](int, int total) {
        pages = total;
        return true;
    };
    QString error;
    const auto pdf
        = report::ReportBuilder(input).render(report::ReportFormat::Pdf, options, &error);
    const QString pdfTime = stopwatch.lap();
    if (!pdf) {
        std::fprintf(stderr, "report failed: %s\n", qPrintable(error));
        return 1;
    }
    const auto html = report::ReportBuilder(input).render(report::ReportFormat::Html, {}, &error);
    const QString htmlTime = stopwatch.lap();
    if (args.size() > 3 && !writeFile(args.at(3), *pdf))
        std::fprintf(stderr, "cannot write %s\n", qPrintable(args.at(3)));

    QFile out(args.at(1));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(args.at(1)));
        return 1;
    }
    QTextStream stream(&out);
    stream << "report of " << services << " services (" << result.report.threats.size()
           << " threats, " << result.report.findings.size() << " findings, "
           << result.report.systemModel.elements.size() << " elements)\n";
    stream << "analysis (load, rules, threats, layout): " << analysisTime << '\n';
    stream << "PDF: " << pdfTime << ", " << pages << " pages, " << pdf->size() / 1024 << " KiB\n";
    stream << "HTML: " << htmlTime << ", " << (html ? html->size() / 1024 : 0) << " KiB\n";
    return 0;
}
