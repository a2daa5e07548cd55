#include "reportimporter.h"

#include "banditreport.h"
#include "cyclonedxreport.h"
#include "sarifreport.h"
#include "trivyreport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace threatdock::scans {

namespace {

constexpr qint64 maxReportBytes = qint64(512) * 1024 * 1024;

const QString &formatsRead()
{
    static const QString text = QStringLiteral(
        "ThreatDock imports Bandit JSON (bandit -f json), Trivy JSON (trivy --format json), "
        "SARIF 2.1.0 and CycloneDX JSON");
    return text;
}

/// Why content that is not a JSON object cannot be imported, naming what it looks like.
QString refusal(const QByteArray &content)
{
    const QByteArray head = content.left(4096).trimmed();
    QString what = QStringLiteral("not a JSON document");
    if (head.startsWith("<?xml") || head.startsWith('<'))
        what = QStringLiteral("an XML report");
    else if (head.startsWith("filename,test_name"))
        what = QStringLiteral("a Bandit CSV report");
    else if (head.startsWith("errors:") || head.contains("\nresults:"))
        what = QStringLiteral("a YAML report");
    return QStringLiteral("%1; %2: rerun the scanner with JSON output").arg(what, formatsRead());
}

} // namespace

ReportImporter::Format ReportImporter::detect(const QByteArray &content)
{
    const QJsonDocument doc = QJsonDocument::fromJson(content);
    if (!doc.isObject())
        return Format::Unknown;
    const QJsonObject root = doc.object();
    if (SarifReport::recognizes(root))
        return Format::Sarif;
    if (CycloneDxReport::recognizes(root))
        return Format::CycloneDx;
    if (TrivyReport::recognizes(root))
        return Format::TrivyJson;
    if (BanditReport::recognizes(root))
        return Format::BanditJson;
    return Format::Unknown;
}

QString ReportImporter::formatName(Format format)
{
    switch (format) {
    case Format::BanditJson:
        return QStringLiteral("Bandit JSON");
    case Format::TrivyJson:
        return QStringLiteral("Trivy JSON");
    case Format::Sarif:
        return QStringLiteral("SARIF");
    case Format::CycloneDx:
        return QStringLiteral("CycloneDX");
    case Format::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

ScanResult ReportImporter::importData(const QByteArray &content, const ScanTarget &target,
                                      const catalog::Catalog *catalog, const QString &base)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(content, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        ScanResult result;
        result.error = refusal(content);
        return result;
    }
    const QJsonObject root = doc.object();
    switch (detect(content)) {
    case Format::BanditJson:
        return BanditReport::fromJson(root, target, catalog, base);
    case Format::TrivyJson:
        return TrivyReport::fromJson(root, target, base);
    case Format::Sarif:
        return SarifReport::fromJson(root, target, catalog, base);
    case Format::CycloneDx:
        return CycloneDxReport::fromJson(root);
    case Format::Unknown:
        break;
    }
    ScanResult result;
    result.error = QStringLiteral("a JSON document of no known scanner format; ") + formatsRead();
    return result;
}

ScanResult ReportImporter::importFile(const QString &path, const ScanTarget &target,
                                      const catalog::Catalog *catalog)
{
    QFile file(path);
    ScanResult result;
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = path + QStringLiteral(": cannot read: ") + file.errorString();
    } else if (file.size() > maxReportBytes) {
        result.error = path + QStringLiteral(": larger than 512 MiB, not imported");
    } else {
        result = importData(file.readAll(), target, catalog);
        if (!result.ok())
            result.error = path + QStringLiteral(": ") + result.error;
    }
    result.input = QFileInfo(path).absoluteFilePath();
    return result;
}

} // namespace threatdock::scans
