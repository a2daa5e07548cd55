#pragma once

#include "analysis/projectanalysis.h"
#include "hardeningplan.h"

#include <QSet>
#include <QString>
#include <QStringList>

namespace threatdock::hardening {

class HardeningCatalog;

/// What to plan: which rules (`threatdock-cli harden --only/--exclude`), which published
/// ports stay on every interface, and which findings the review already decided.
struct PlannerOptions
{
    /// Rule ids to plan for; a trailing `*` matches a prefix ("CMP-PRIV-*"). Empty: all.
    QStringList only;
    /// Rule ids (same syntax) to leave alone.
    QStringList exclude;
    /// "SERVICE:PORT" (container or host port) that is meant to be public: it keeps its
    /// binding on every interface instead of moving to 127.0.0.1.
    QStringList publicPorts;
    /// Finding ids the review closed (accepted, not applicable...): not planned for.
    QSet<QString> closedFindings;
};

/// Builds a hardening plan from an analysed project: for each open finding with a fix,
/// the change to the service's entry in compose.hardening.yaml (non-root user,
/// read_only and tmpfs, no-new-privileges, cap_drop ALL with the needed cap_add,
/// limits per service kind, healthcheck, ports on 127.0.0.1, restart on-failure:5,
/// secrets from .env, pinned image tags, the rules' own Compose fixes) and to the
/// service's Dockerfile (USER, HEALTHCHECK, pinned base tag, COPY instead of ADD,
/// --no-install-recommends, apt lists removed, pip --no-cache-dir, apk --no-cache, exec
/// form CMD). Each change names the findings it fixes and the threats it mitigates.
/// Reads the Dockerfiles (and an existing overlay and .env.example) to remember their
/// content; writes nothing.
class HardeningPlanner final
{
public:
    using Options = PlannerOptions;

    /// The overlay's file name, in the project directory.
    static QString overlayFileName() { return QStringLiteral("compose.hardening.yaml"); }

    /// Plans for result (a successful analyzeProject of the user's own files, without
    /// the overlay; a failed one gives an empty plan). catalog defaults to the built-in
    /// one.
    static HardeningPlan plan(const analysis::AnalysisResult &result, const Options &options = {},
                              const HardeningCatalog *catalog = nullptr);

    /// Whether a rule passes the options' only / exclude lists.
    static bool selects(const Options &options, const QString &ruleId);
};

} // namespace threatdock::hardening
