#pragma once

#include <QStringList>
#include <QTextStream>

namespace threatdock::cli {

/// `threatdock-cli analyze PATH [-f FILE]... [--profile P]... [--rules FILE]
/// [--format text|json|sarif|markdown] [-o FILE] [--fail-on SEVERITY] [--compare BASELINE]`:
/// runs the rules on
/// a project directory, a compose file or a lone Dockerfile and writes the findings and,
/// for a compose project, the system model and its STRIDE threats (secrets redacted in
/// every format; SARIF carries findings only). With --compare, writes instead the
/// comparison with BASELINE's analysis (report::AnalysisComparison: findings and threats
/// fixed, remaining, new; text, json or markdown). Exit 0, 3 when a finding is at or above
/// --fail-on, 1 on error (one line naming file:line), 2 on usage.
int runAnalyzeCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace threatdock::cli
