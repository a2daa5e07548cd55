#pragma once

#include <QString>

namespace threatdock::views {

class ReviewDocument;

/// The hover texts of the architecture view (rich text, every value escaped and
/// redacted): for an element its name, kind and role, image or build, user, ports,
/// facts and its open threats by severity; for a flow its label, why it exists, who can
/// reach it, its ends and its open threats.
class DiagramToolTip final
{
public:
    static QString forElement(const ReviewDocument &document, const QString &elementId);
    static QString forFlow(const ReviewDocument &document, const QString &flowId);
};

} // namespace threatdock::views
