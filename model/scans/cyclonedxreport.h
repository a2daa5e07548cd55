#pragma once

#include "scanresult.h"

#include <QJsonObject>

namespace threatdock::scans {

/// Reads the vulnerabilities of a CycloneDX JSON document (`trivy --format cyclonedx
/// --scanners vuln`): one finding per vulnerability and affected component, id
/// "<CVE>@sbom:<subject>/pkg:<name>", severity from the rating of the vulnerability's own
/// source, else NVD's, else the highest. An SBOM without vulnerabilities gives none.
class CycloneDxReport final
{
public:
    static bool recognizes(const QJsonObject &root);
    static ScanResult fromJson(const QJsonObject &root);
};

} // namespace threatdock::scans
