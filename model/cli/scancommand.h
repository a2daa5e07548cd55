#pragma once

#include <QStringList>
#include <QTextStream>

namespace threatdock::cli {

/// `threatdock-cli scan PATH [--bandit] [--trivy IMAGE]... [--import FILE]...
/// [--format text|json] [--bandit-path P] [--trivy-path P] [--timeout SECONDS]`: runs the
/// rules on the project, then Bandit on its build contexts and Trivy on the given images
/// (through ScanRunner, never a shell), and imports reports made elsewhere. Progress and
/// the tools' own stderr go to err; the analysis findings plus the scan findings go to out
/// (`--format json`: the analyze JSON with a "scans" array). Exit 0, 1 when the project
/// cannot be loaded or a scan or import failed (the results that did come are still
/// written), 2 on usage.
int runScanCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace threatdock::cli
