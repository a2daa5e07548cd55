// Runtime verification: the hardening in effect in the running containers, from the
// verification itself or from the review's latest docker scan run.

#include "reportsections_p.h"
#include "rules/secretdetector.h"

namespace threatdock::report::sections {

namespace {

using rules::SecretDetector;
using scans::RuntimeCheck;

/// A result cell: failed checks in the colour of high severity, the others plain.
TableCell resultCell(RuntimeCheck::Status status)
{
    if (status != RuntimeCheck::Status::Failed)
        return TableCell::of(scans::runtimeStatusName(status));
    TableCell cell = TableCell::of(rules::Severity::High);
    cell.text = {TextSpan::plain(QStringLiteral("FAILED"))};
    return cell;
}

void fromVerification(const scans::RuntimeVerification &v, Blocks &blocks)
{
    blocks << Paragraph{{TextSpan::plain(
        QStringLiteral("%1 checks passed, %2 failed, %3 not applicable on %4 container(s), "
                       "inspected %5 (%6).")
            .arg(v.count(RuntimeCheck::Status::Passed))
            .arg(v.count(RuntimeCheck::Status::Failed))
            .arg(v.count(RuntimeCheck::Status::NotApplicable))
            .arg(v.containers.size())
            .arg(formatTime(v.finishedAt), SecretDetector::redact(v.engine)))}};
    Table table{{QStringLiteral("Service"), QStringLiteral("Check"), QStringLiteral("Expected"),
                 QStringLiteral("Observed"), QStringLiteral("Result")},
                {15, 27, 22, 24, 12},
                {}};
    for (const scans::ContainerVerification &c : v.containers)
        for (const RuntimeCheck &check : c.checks)
            table.rows << QList<TableCell>{
                TableCell::of(RichText{TextSpan::plain(c.service + QStringLiteral("\n")),
                                       TextSpan::code(c.name)}),
                TableCell::of(check.title), TableCell::of(SecretDetector::redact(check.expected)),
                TableCell::of(SecretDetector::redact(check.observed)), resultCell(check.status)};
    tableOrText(blocks, table, QStringLiteral("No container of the project was running."));
}

/// The check and its status from a docker scan finding's title ("<check> <status>").
std::pair<QString, std::optional<RuntimeCheck::Status>> splitTitle(const QString &title)
{
    for (const auto status : {RuntimeCheck::Status::Passed, RuntimeCheck::Status::Failed,
                              RuntimeCheck::Status::NotApplicable}) {
        const QString suffix = u' ' + scans::runtimeStatusName(status);
        if (title.endsWith(suffix))
            return {title.chopped(suffix.size()), status};
    }
    return {title, std::nullopt};
}

void fromScanRun(const review::ScanRun &run, Blocks &blocks)
{
    blocks << Paragraph{{TextSpan::plain(
        QStringLiteral("From the review's docker scan run of %1 (threatdock-cli verify --review), "
                       "%2 checks.")
            .arg(formatTime(run.finishedAt))
            .arg(run.findings.size()))}};
    Table table{{QStringLiteral("Service"), QStringLiteral("Check"), QStringLiteral("Result"),
                 QStringLiteral("Evidence")},
                {16, 30, 12, 42},
                {}};
    for (const rules::Finding &f : run.findings) {
        const auto [check, status] = splitTitle(f.title);
        table.rows << QList<TableCell>{TableCell::of(f.service), TableCell::of(check),
                                       status ? resultCell(*status) : TableCell::of(QString()),
                                       TableCell::of(f.why)};
    }
    blocks << table;
}

} // namespace

void verification(const ReportContext &context, Blocks &blocks)
{
    blocks << sectionHeading(Section::Verification);
    if (const auto &v = context.input().verification) {
        fromVerification(*v, blocks);
        return;
    }
    const review::ScanRun *latest = nullptr;
    for (const review::ScanRun &run : context.scanRuns())
        if (run.tool == u"docker")
            latest = &run;
    if (latest)
        fromScanRun(*latest, blocks);
    else
        blocks << notRun(QStringLiteral("The running containers were not inspected "
                                        "(threatdock-cli verify), so whether the hardened "
                                        "configuration is in force at run time is not shown."));
}

} // namespace threatdock::report::sections
