#pragma once

#include "scanresult.h"
#include "scantarget.h"

#include <QByteArray>
#include <QJsonObject>

namespace threatdock::scans {

/// Reads Trivy's JSON report, schema version 2 (`trivy image|fs|config --format json`):
/// vulnerabilities (id, package, installed and fixed version, severity, CVSS, CWE),
/// misconfigurations (FAIL only; the old "DS002" + AVDID "AVD-DS-0002" ids and the
/// "DS-0002" ids of Trivy 0.69 and later both become "DS-0002") and secrets (the match
/// redacted). Ids: "<CVE>@<scope>/pkg:<package>", "<check>@file:<path>", where the scope
/// is "file:<path>" when the target is a file of the project and "image:<name>" for an
/// image. Findings in an image belong to the service that uses that image.
class TrivyReport final
{
public:
    /// Whether a JSON document is a Trivy report (SchemaVersion with Results or
    /// ArtifactName).
    static bool recognizes(const QJsonObject &root);
    /// "DS002" + "AVD-DS-0002" and "DS-0002" both give "DS-0002"; "KSV001" gives
    /// "KSV-0001".
    static QString canonicalCheckId(const QString &id, const QString &avdId = QString());

    /// base is the directory Trivy scanned (relative targets are resolved against it).
    static ScanResult parse(const QByteArray &json, const ScanTarget &target,
                            const QString &base = QString());
    static ScanResult fromJson(const QJsonObject &root, const ScanTarget &target,
                               const QString &base = QString());
};

} // namespace threatdock::scans
