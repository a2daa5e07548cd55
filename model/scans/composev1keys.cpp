#include "composev1keys.h"

namespace threatdock::scans::v1keys {

const KeyRules &serviceRules()
{
    static const KeyRules rules{
        {QStringLiteral("profiles"), {Action::Drop, {}}},
        {QStringLiteral("develop"),
         {Action::LeaveOut, QStringLiteral("it only configures `docker compose watch`")}},
        {QStringLiteral("attach"),
         {Action::LeaveOut, QStringLiteral("ThreatDock starts services detached")}},
        {QStringLiteral("annotations"),
         {Action::LeaveOut, QStringLiteral("v1 sets no OCI annotations (labels still apply)")}},
        {QStringLiteral("pull_refresh_after"),
         {Action::LeaveOut, QStringLiteral("v1 has no pull schedule")}},
        {QStringLiteral("uts"), {Action::Refuse, QStringLiteral("set the UTS namespace (uts)")}},
        {QStringLiteral("cgroup"),
         {Action::Refuse, QStringLiteral("set the cgroup namespace (cgroup)")}},
        {QStringLiteral("gpus"),
         {Action::Refuse,
          QStringLiteral("read gpus (write deploy.resources.reservations.devices instead)")}},
        {QStringLiteral("label_file"),
         {Action::Refuse, QStringLiteral("read labels from a file (write them in labels)")}},
        {QStringLiteral("models"), {Action::Refuse, QStringLiteral("give a service models")}},
        {QStringLiteral("provider"),
         {Action::Refuse, QStringLiteral("run a service through a provider")}},
        {QStringLiteral("post_start"),
         {Action::Refuse, QStringLiteral("run lifecycle hooks (post_start)")}},
        {QStringLiteral("pre_stop"),
         {Action::Refuse, QStringLiteral("run lifecycle hooks (pre_stop)")}},
        {QStringLiteral("use_api_socket"),
         {Action::Refuse, QStringLiteral("mount the Docker API socket (use_api_socket)")}},
    };
    return rules;
}

const KeyRules &buildRules()
{
    static const KeyRules rules{
        {QStringLiteral("tags"),
         {Action::LeaveOut, QStringLiteral("v1 tags the image with the service's image only")}},
        {QStringLiteral("platforms"),
         {Action::LeaveOut, QStringLiteral("v1 builds for the engine's platform")}},
        {QStringLiteral("cache_to"), {Action::LeaveOut, QStringLiteral("v1 exports no cache")}},
        {QStringLiteral("no_cache"),
         {Action::LeaveOut, QStringLiteral("pass --no-cache to build instead")}},
        {QStringLiteral("pull"),
         {Action::LeaveOut, QStringLiteral("pass --pull to build instead")}},
        {QStringLiteral("provenance"),
         {Action::LeaveOut, QStringLiteral("v1 writes no attestations")}},
        {QStringLiteral("sbom"), {Action::LeaveOut, QStringLiteral("v1 writes no attestations")}},
        {QStringLiteral("ulimits"),
         {Action::LeaveOut, QStringLiteral("v1 builds with the engine's default limits")}},
        {QStringLiteral("dockerfile_inline"),
         {Action::Refuse, QStringLiteral("build from an inline Dockerfile (dockerfile_inline)")}},
        {QStringLiteral("ssh"), {Action::Refuse, QStringLiteral("forward SSH to a build (ssh)")}},
        {QStringLiteral("secrets"), {Action::Refuse, QStringLiteral("pass secrets to a build")}},
        {QStringLiteral("additional_contexts"),
         {Action::Refuse, QStringLiteral("build with additional contexts")}},
        {QStringLiteral("entitlements"),
         {Action::Refuse, QStringLiteral("grant build entitlements")}},
        {QStringLiteral("privileged"), {Action::Refuse, QStringLiteral("build privileged")}},
    };
    return rules;
}

const KeyRules &healthcheckRules()
{
    static const KeyRules rules{
        {QStringLiteral("start_interval"),
         {Action::LeaveOut,
          QStringLiteral("v1 probes at the normal interval during the start period")}},
    };
    return rules;
}

const KeyRules &attachmentRules()
{
    static const KeyRules rules{
        {QStringLiteral("gw_priority"),
         {Action::LeaveOut, QStringLiteral("the engine picks the default gateway")}},
        {QStringLiteral("interface_name"),
         {Action::Refuse, QStringLiteral("name a container's network interface")}},
        {QStringLiteral("driver_opts"),
         {Action::Refuse, QStringLiteral("set network driver options per service")}},
        {QStringLiteral("mac_address"),
         {Action::Refuse,
          QStringLiteral("set a MAC address per network (use the service's mac_address)")}},
    };
    return rules;
}

} // namespace threatdock::scans::v1keys
