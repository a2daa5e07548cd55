#include "verifycommand.h"

#include "composesession.h"

#include "analysis/projectanalysis.h"
#include "review/reviewstore.h"
#include "scans/runtimeevidence.h"
#include "scans/runtimereport.h"

#include <QFileInfo>

namespace threatdock::cli {

namespace {

using scans::RuntimeCheck;

constexpr int inspectTimeout = 120;

/// Saves the checks as a docker scan run; creates the review (project and analysis)
/// when the file does not exist. The error message, "" on success.
QString recordRun(const QString &path, const compose::ComposeProject &project,
                  const report::AnalysisReport &report,
                  const scans::RuntimeVerification &verification, const QString &dockerVersion)
{
    std::unique_ptr<review::ReviewStore> store;
    if (QFileInfo::exists(path)) {
        auto opened = review::ReviewStore::open(path);
        if (!opened.ok())
            return opened.errorMessage();
        store = std::move(opened.value);
    } else {
        auto created = review::ReviewStore::create(path);
        if (!created.ok())
            return created.errorMessage();
        store = std::move(created.value);
        if (auto set
            = store->setProject({project.workingDir, project.composeFiles, project.envFiles});
            !set.ok())
            return set.errorMessage();
        if (auto applied = store->applyAnalysis(report.threats, report.findings); !applied.ok())
            return applied.errorMessage();
    }
    const auto added
        = store->addScanRun(scans::RuntimeReport::scanRun(report, verification, dockerVersion));
    return added.ok() ? QString() : added.errorMessage();
}

/// "2 of 18 checks failed: api user (User=\"\" (no user: root)), ...".
QString failures(const scans::RuntimeVerification &verification)
{
    QStringList failed;
    int total = 0;
    for (const scans::ContainerVerification &c : verification.containers) {
        total += int(c.checks.size());
        for (const RuntimeCheck &check : c.checks)
            if (check.status == RuntimeCheck::Status::Failed)
                failed << QStringLiteral("%1 %2 (%3)").arg(c.service, check.id, check.observed);
    }
    return QStringLiteral("%1 of %2 checks failed: %3")
        .arg(failed.size())
        .arg(total)
        .arg(failed.join(QStringLiteral(", ")));
}

} // namespace

int runVerifyCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    ComposeSession session(QStringLiteral("verify"),
                           QStringLiteral("Check the hardening actually in effect in a running "
                                          "Compose project (docker inspect), as evidence on "
                                          "its threats and findings."),
                           inspectTimeout);
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("text (default) or json."),
                                       QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption reviewOpt(QStringLiteral("review"),
                                       QStringLiteral("Save the checks as a scan run in this "
                                                      "review file (created when missing)."),
                                       QStringLiteral("FILE"));
    session.parser().addOptions({formatOpt, reviewOpt});
    if (const auto code = session.parse(arguments, out, err))
        return *code;
    const QString format = session.parser().value(formatOpt);
    if (format != u"text" && format != u"json")
        return session.usage(QStringLiteral("unknown format \"%1\" (text or json)").arg(format),
                             err);
    if (!session.open(err))
        return 1;
    QStringList problems;
    const rules::AnalysisInput input
        = rules::AnalysisInput::fromProject(session.project(), &problems);
    for (const QString &p : std::as_const(problems))
        err << "warning: " << p << Qt::endl;
    const report::AnalysisReport report = analysis::buildReport(input, rules::RuleSet::builtIn());

    scans::RuntimeVerification verification;
    if (const auto outcome = session.driver().verify(verification, session.timeoutMs());
        !outcome.ok())
        return session.fail(outcome.error, err);
    if (verification.containers.isEmpty())
        return session.fail(QStringLiteral("no container of project %1 on this engine: run "
                                           "'threatdock-cli up' first")
                                .arg(verification.project),
                            err);
    const scans::RuntimeEvidence evidence = scans::RuntimeEvidence::attach(report, verification);
    out << QString::fromUtf8(format == u"json"
                                 ? scans::RuntimeReport::json(report, verification, evidence)
                                 : scans::RuntimeReport::text(report, verification, evidence));
    out.flush();
    if (const QString reviewPath = session.parser().value(reviewOpt); !reviewPath.isEmpty()) {
        const QString error = recordRun(reviewPath, session.project(), report, verification,
                                        session.driver().compose().tool().dockerVersion);
        if (!error.isEmpty())
            return session.fail(error, err);
        err << "verify: saved as a docker scan run in " << reviewPath << Qt::endl;
    }
    if (verification.count(RuntimeCheck::Status::Failed) > 0)
        return session.fail(failures(verification), err);
    return 0;
}

} // namespace threatdock::cli
