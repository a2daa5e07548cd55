#include "projectoptions.h"

namespace threatdock::cli {

ProjectOptions::ProjectOptions()
    : m_file({QStringLiteral("f"), QStringLiteral("file")},
             QStringLiteral("Compose file (repeatable, merged in order)."), QStringLiteral("FILE"))
    , m_envFile(QStringLiteral("env-file"), QStringLiteral("Environment file (repeatable)."),
                QStringLiteral("FILE"))
    , m_profile(QStringLiteral("profile"), QStringLiteral("Enable a profile (repeatable)."),
                QStringLiteral("PROFILE"))
{ }

void ProjectOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_file, m_envFile, m_profile});
}

compose::ComposeLoader::Options ProjectOptions::loadOptions(const QCommandLineParser &parser) const
{
    compose::ComposeLoader::Options options;
    options.path = parser.positionalArguments().value(0);
    options.files = parser.values(m_file);
    options.envFiles = parser.values(m_envFile);
    options.profiles = parser.values(m_profile);
    options.lenient = true;
    return options;
}

} // namespace threatdock::cli
