#pragma once

#include <QIcon>
#include <QString>

class QPalette;

namespace threatdock::views {

/// The toolbar and menu icons: SVGs under resources/icons/actions/, drawn in the
/// palette's text colour (readable in light and dark palettes) at every size and device
/// pixel ratio a toolbar asks for. name is the file name without ".svg"; an unknown name
/// gives a null icon.
QIcon actionIcon(const QString &name, const QPalette &palette);

} // namespace threatdock::views
