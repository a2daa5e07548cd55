#pragma once

#include <QString>
#include <QStringList>

namespace threatdock::scans {

/// An external tool ThreatDock drives, and how to tell a user to get it.
struct ToolSpec
{
    QString name;                 ///< the executable's name, "bandit"
    QStringList versionArguments; ///< "--version"
    QString installHint;          ///< "apt-get install bandit"

    static ToolSpec bandit();
    static ToolSpec trivy();
};

/// A located tool: its absolute path and version, or why it cannot be used.
struct ToolInfo
{
    QString name;
    QString path;    ///< absolute; "" when not found
    QString version; ///< "1.6.2"; "" when the tool did not say
    QString error;   ///< actionable: "bandit not found: apt-get install bandit"

    bool found() const { return !path.isEmpty(); }
};

/// Finds a tool from a configured path (settings, --bandit-path) or on PATH, and asks it
/// for its version through ScanRunner (`bandit --version`, with a short timeout).
class ToolLocator final
{
public:
    /// configuredPath wins when given; it must then be an executable file. searchPath
    /// replaces PATH when not empty (tests).
    static ToolInfo locate(const ToolSpec &spec, const QString &configuredPath = QString(),
                           const QStringList &searchPath = QStringList());
    /// The first dotted version number in a tool's --version output ("1.6.2").
    static QString versionFrom(const QString &output);
};

} // namespace threatdock::scans
