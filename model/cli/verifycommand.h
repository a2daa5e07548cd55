#pragma once

#include <QStringList>
#include <QTextStream>

namespace threatdock::cli {

/// `threatdock-cli verify PATH [project options] [--format text|json] [--review FILE]
/// [--timeout SECONDS]`: analyses the project, inspects its containers on the engine
/// (found by the label com.docker.compose.project) and checks the hardening actually in
/// effect: non-root user, read-only root filesystem, no-new-privileges, capabilities,
/// memory, process and CPU limits, running and healthy. Every check is evidence
/// ("verified at runtime") on the threats and findings it bears on; `--format json` is
/// the analyze JSON with a "runtime" field on those and a top-level "runtime" object.
/// With --review the checks are saved as a docker scan run in the review file (created
/// with the analysis when it does not exist). Exit 0 when every check passed, 1 when
/// one failed, no container runs, or the engine cannot be asked; 2 on usage.
int runVerifyCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace threatdock::cli
