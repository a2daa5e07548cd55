#pragma once

#include "compose/diagnostic.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace threatdock::hardening {

/// mem_limit, pids_limit and cpus as the overlay writes them ("512m", 200, "1.0").
struct ResourceLimits
{
    QString memLimit;
    qint64 pidsLimit = 0;
    QString cpus;
};

/// What a well-known image needs to keep working once hardened (resources/catalog/
/// hardening.yaml, `images`). Empty fields mean "nothing known".
struct ImageProfile
{
    QStringList match; ///< repository names ("redis", "grafana/grafana")
    QString user;      ///< uid:gid of the image's unprivileged user
    QString alpineUser;
    QString tag; ///< a pinned version for an untagged or :latest reference
    QString kind;
    QString runtime; ///< probe family for images built FROM it ("python", "node")
    QStringList tmpfs;
    QStringList capAdd;
    QStringList healthcheck; ///< test, `{port}` to replace
    std::optional<ResourceLimits> limits;
    std::optional<std::pair<qint64, qint64>> nofile;

    /// The unprivileged user in the variant (Debian or Alpine) a reference names; "" when
    /// none is known.
    QString userFor(const QString &reference) const;
};

/// An image reference split into its parts: "docker.io/library/redis:7-alpine" is
/// repository "redis", tag "7-alpine".
struct ImageReference
{
    QString repository; ///< without docker.io/ and library/
    QString tag;        ///< "" when none
    QString digest;     ///< "sha256:..." or ""

    static ImageReference parse(const QString &reference);
    /// No tag (or latest) and no digest: what CMP-IMG-001 and DKF-SUP-007 report.
    bool floating() const { return digest.isEmpty() && (tag.isEmpty() || tag == u"latest"); }
};

struct HardeningCatalogLoadResult;

/// The hardening planner's knowledge: defaults, limits per service kind, health probes,
/// and well-known images. A value type; the built-in one is read once from
/// `:/catalog/hardening.yaml`.
class HardeningCatalog final
{
public:
    using LoadResult = HardeningCatalogLoadResult;

    /// The embedded catalog. It is part of the program: a broken one aborts naming
    /// file:line (a unit test reads it).
    static const HardeningCatalog &builtIn();
    static LoadResult readFile(const QString &path);

    QString defaultUser() const { return m_defaultUser; }
    QString restart() const { return m_restart; }
    QStringList defaultTmpfs() const { return m_defaultTmpfs; }
    std::pair<qint64, qint64> defaultNofile() const { return m_defaultNofile; }
    /// interval, timeout, retries, start_period of a planned healthcheck, in file order.
    const QList<std::pair<QString, QString>> &healthcheckTiming() const { return m_timing; }

    /// The limits of a service kind; the "service" kind's for an unknown one.
    ResourceLimits limitsFor(const QString &kind) const;
    /// The profile whose match lists the reference's repository, or nullptr.
    const ImageProfile *image(const QString &reference) const;
    /// The probe command of a runtime ("python", "node", "http") for a port (0 leaves the
    /// `{port}` placeholders); empty when the runtime has none.
    QStringList probe(const QString &runtime, int port) const;
    /// Whether services of this kind get the generic HTTP probe.
    bool httpProbeKind(const QString &kind) const { return m_httpProbeKinds.contains(kind); }

private:
    friend class HardeningCatalogReader;

    QString m_defaultUser;
    QString m_restart;
    QStringList m_defaultTmpfs;
    std::pair<qint64, qint64> m_defaultNofile{4096, 8192};
    QList<std::pair<QString, QString>> m_timing;
    QMap<QString, ResourceLimits> m_kinds;
    QMap<QString, QStringList> m_probes;
    QStringList m_httpProbeKinds;
    QList<ImageProfile> m_images;
};

/// A read catalog, or the first problem, naming file:line.
struct HardeningCatalogLoadResult
{
    std::optional<HardeningCatalog> catalog;
    std::optional<compose::Diagnostic> error;
    bool ok() const { return catalog.has_value(); }
};

} // namespace threatdock::hardening
