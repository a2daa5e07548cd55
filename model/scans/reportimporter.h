#pragma once

#include "scanresult.h"
#include "scantarget.h"

#include <QByteArray>
#include <QString>

namespace threatdock::catalog {
class Catalog;
}

namespace threatdock::scans {

/// Imports a scanner report made elsewhere (`scan --import FILE`), recognising its format
/// from its content, not its name: Bandit JSON, Trivy JSON (schema 2), SARIF 2.1.0 (Trivy,
/// Bandit or another tool) or CycloneDX with vulnerabilities. Anything else is refused
/// with a message that says which formats are read and how to produce one.
class ReportImporter final
{
public:
    enum class Format { Unknown, BanditJson, TrivyJson, Sarif, CycloneDx };

    /// The format of a report's content.
    static Format detect(const QByteArray &content);
    static QString formatName(Format format);

    static ScanResult importData(const QByteArray &content, const ScanTarget &target,
                                 const catalog::Catalog *catalog, const QString &base = QString());
    /// Reads path (relative names in the report resolve against the project first).
    static ScanResult importFile(const QString &path, const ScanTarget &target,
                                 const catalog::Catalog *catalog);
};

} // namespace threatdock::scans
