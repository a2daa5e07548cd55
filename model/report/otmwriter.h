#pragma once

#include "reportcontext.h"

#include <QByteArray>
#include <QJsonObject>

namespace threatdock::report {

/// The threat model in the Open Threat Model format (OTM 0.2.0, JSON): the project; the
/// trust boundaries as trust zones (plus one zone outside the Docker host for external
/// entities); the elements as components placed in their zone, with their position on
/// the architecture diagram; the flows as dataflows; the threats (STRIDE category,
/// likelihood and impact on 0–100, ATT&CK and NIST as tags); the mitigations. Each
/// component or dataflow lists its threats with their state ("exposed", "mitigated",
/// "accepted", "transferred", "not-applicable") and their mitigations' state
/// ("implemented", "required", or the review's plan).
class OtmWriter final
{
public:
    static QJsonObject toJson(const ReportContext &context);
    static QByteArray write(const ReportContext &context);

    static QString otmVersion() { return QStringLiteral("0.2.0"); }
    /// The zone external entities outside every trust boundary go into.
    static QString outsideZone() { return QStringLiteral("zone:outside"); }
};

} // namespace threatdock::report
