#pragma once

#include "reportcontext.h"

#include <QByteArray>
#include <QJsonObject>

namespace threatdock::report {

/// The whole report as JSON: `{"report": {"title", "generated", "participants",
/// "threatdock_version", "catalog": {"attack", "nist"}}, "analysis": <analyze --format json>,
/// "threat_states": [{"id", "state", "owner", "notes", "mitigations": [{"id", "text",
/// "status"}], "updated"}], "review": {"file", "history": [...], "resolved_by_change": [...]}
/// or null, "scan_runs": [{"tool", "version", "target", "started", "finished",
/// "exit_status", "findings": [...]}], "hardening": {"steps": [{"service", "file", "title",
/// "rules", "applied"}], "findings_before", ...} or null (what the workbench applied),
/// "hardening_plan": {"overlay", "changes", "unplanned"} or null, "comparison": {"baseline",
/// "findings", "threats"} or null, "verification":
/// {"engine", "started", "finished", "containers": [{..., "checks"}]} or null, "inputs":
/// [{"file", "sha256"}], "tools": [{"name", "version"}]}`. Texts redacted.
class ReportJson final
{
public:
    static QJsonObject toJson(const ReportContext &context);
    static QByteArray write(const ReportContext &context);
};

} // namespace threatdock::report
