#pragma once

#include "rules/finding.h"
#include "threats/threat.h"

#include <QDir>
#include <QJsonObject>

namespace threatdock::review {

/// Threats and findings as the review file stores them (the analysis snapshot and scan
/// findings): every field, losslessly. A finding's file is stored relative to the review
/// file's folder and read back as an absolute path.
class ReviewJson final
{
public:
    static QJsonObject threatToJson(const threats::Threat &threat);
    static threats::Threat threatFromJson(const QJsonObject &object);
    static QJsonObject findingToJson(const rules::Finding &finding, const QDir &base);
    static rules::Finding findingFromJson(const QJsonObject &object, const QDir &base);

    /// A path relative to base ("" stays ""), and back to a clean absolute path.
    static QString relativePath(const QDir &base, const QString &absolute);
    static QString absolutePath(const QDir &base, const QString &relative);
};

} // namespace threatdock::review
