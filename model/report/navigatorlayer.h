#pragma once

#include "reportcontext.h"

#include <QByteArray>
#include <QJsonObject>

namespace threatdock::report {

/// The ATT&CK techniques of the threat model as an ATT&CK Navigator layer (layer format
/// 4.5, domain enterprise-attack, platforms Linux and Containers): one entry per
/// technique a threat cites, scored with the highest risk (likelihood × impact, 0–16)
/// among its open threats, coloured by the worst open severity (green when none is
/// open), with the threats in the comment and the metadata.
class NavigatorLayer final
{
public:
    static QJsonObject toJson(const ReportContext &context);
    static QByteArray write(const ReportContext &context);

    static constexpr int maxScore = 16;
    static QString layerVersion() { return QStringLiteral("4.5"); }
};

} // namespace threatdock::report
