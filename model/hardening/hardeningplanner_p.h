#pragma once

// Shared by the planner's parts (hardeningplanner.cpp, composechanges.cpp,
// dockerfilechanges.cpp); not a public header.

#include "hardeningcatalog.h"
#include "hardeningplan.h"
#include "hardeningplanner.h"
#include "rules/analysisinput.h"
#include "rules/finding.h"

#include <QHash>
#include <QList>
#include <QSet>

namespace threatdock::hardening::detail {

/// A healthcheck test (Compose syntax: CMD or CMD-SHELL first) and the port it probes.
struct HealthProbe
{
    QStringList test;
    int port = 0;
    QString kind; ///< "image", the runtime ("python", "node") or "http"

    /// "python3 probe of port 5000", "HTTP probe of port 80", or the image's command.
    QString summary() const;
};

/// Everything the change builders read, and what they record for each other.
struct PlanContext
{
    const analysis::AnalysisResult &result;
    const rules::AnalysisInput &input;
    const HardeningCatalog &catalog;
    const PlannerOptions &options;
    QList<rules::Finding> findings; ///< open, selected, with absolute file paths
    /// Dockerfile path → the numeric USER its planned change adds.
    QHash<QString, QString> plannedDockerfileUsers;
    /// Variable names a secret moves to, per "service/NAME".
    QHash<QString, QString> secretVariables;
    QSet<QString> handled; ///< finding ids some change fixes

    QList<SourceFile> sources; ///< the files read while planning

    QList<const rules::Finding *> findingsOf(const QString &service, const QString &ruleId) const;
    /// The findings of a rule in one Dockerfile (absolute path).
    QList<const rules::Finding *> findingsIn(const QString &file, const QString &ruleId) const;
    /// The file's content as read now (recorded in sources once).
    SourceFile readSource(const QString &path);
    /// The kind of a service: the system model's role, or the image profile's when the
    /// role says nothing ("service").
    QString kindOf(const compose::Service &service) const;
    const rules::DockerfileInput *dockerfileOf(const compose::Service &service) const;
    /// The TCP ports a service listens on in its container: its ports, its expose, its
    /// Dockerfile's EXPOSE, in that order.
    QList<int> tcpPorts(const compose::Service &service) const;
    /// The health probe for a service, or an empty test: its image's (or base image's)
    /// own check, its runtime's probe, an HTTP probe for web-like kinds.
    HealthProbe probeFor(const compose::Service &service) const;
    /// What the catalog knows of a service's image: the image it runs, or for a service
    /// it builds, the image its Dockerfile starts FROM; nullptr when nothing.
    const ImageProfile *profileOf(const compose::Service &service) const;
    /// The image a Dockerfile's image stage starts FROM (following FROM <stage>).
    QString baseImage(const rules::DockerfileInput &dockerfile) const;
    /// The runtime profile of the image a Dockerfile builds FROM, or nullptr.
    const ImageProfile *baseProfile(const rules::DockerfileInput &dockerfile) const;
};

/// Compose scalar helpers: a quoted string and a plain (typed) scalar.
compose::Node quoted(const QString &text);
compose::Node plain(const QString &text);
compose::Node quotedList(const QStringList &texts);
/// A mapping that holds value at a dotted key path: keyed("deploy.resources", v) is
/// `{deploy: {resources: v}}`.
compose::Node keyed(const QString &keyPath, const compose::Node &value);
/// The same node with a tag (`!override`, `!reset`).
compose::Node tagged(compose::Node node, const QString &tag);

/// A change to a service's overlay entry that fixes the given findings (recorded as
/// handled); its id is "service:<name>/<kind>".
HardeningChange makeComposeChange(PlanContext &ctx, const compose::Service &service,
                                  const QString &kind, const QString &title,
                                  const QString &description, const compose::Node &node,
                                  const QList<const rules::Finding *> &fixes);
/// Records that change c fixes these findings (ids, their rules; marked handled).
void claim(PlanContext &ctx, HardeningChange &c, const QList<const rules::Finding *> &fixes);
/// The changes to one service's entry in the overlay.
QList<HardeningChange> composeChanges(PlanContext &ctx, const compose::Service &service);
/// The changes to the Dockerfiles the project builds.
QList<HardeningChange> dockerfileChanges(PlanContext &ctx);
/// The ports change of a service (ports bound to 127.0.0.1), when one is needed.
std::optional<HardeningChange> portsChange(PlanContext &ctx, const compose::Service &service);
/// Chooses the .env variable of each literal secret (per service when two services give
/// one name different values).
void assignSecretVariables(PlanContext &ctx);
/// The secrets change of a service (literal secrets read from .env instead).
std::optional<HardeningChange> secretsChange(PlanContext &ctx, const compose::Service &service);

} // namespace threatdock::hardening::detail
