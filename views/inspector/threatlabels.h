#pragma once

#include <QColor>
#include <QString>

namespace threatdock::threats {
struct Threat;
}

namespace threatdock::views {

class ReviewDocument;

/// Short texts, and their colours, for a threat in the inspector's and the Controls view's
/// lists.
namespace threatlabels {

/// "Spoofing" ... "Elevation of privilege" for a STRIDE letter; the text itself otherwise.
QString strideName(const QString &letter);
/// The decision as a list shows it: "open", "mitigated", "not applicable", or
/// "mitigated by configuration" for an open threat whose mitigations are all in place.
QString decisionLabel(const ReviewDocument &document, const threats::Threat &threat);
/// What the threat is about: the element's name, a flow as "api → redis", else the id.
QString elementName(const ReviewDocument &document, const QString &elementId);
/// "high · Elevation of privilege · api".
QString summary(const ReviewDocument &document, const threats::Threat &threat);
/// A severity or state colour as list text: lightened when the application's palette is
/// dark, so dark red and dark green stay readable on a dark base.
QColor textColor(const QColor &color);

} // namespace threatlabels

} // namespace threatdock::views
