#pragma once

#include <QString>

namespace threatdock::views {

/// The application's colours: the system's palette, or ThreatDock's own light or dark
/// palette (Fusion style) for a projector or a desktop without a theme. Kept in QSettings.
enum class ColorScheme { System, Light, Dark };

QString colorSchemeName(ColorScheme scheme);
ColorScheme savedColorScheme();
/// Applies the scheme to the running application and remembers it.
void applyColorScheme(ColorScheme scheme);

} // namespace threatdock::views
