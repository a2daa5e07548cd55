#include "projectloading.h"

namespace threatdock::cli {

std::optional<compose::ComposeProject> loadProject(const compose::ComposeLoader::Options &options,
                                                   QTextStream &err)
{
    compose::ComposeLoader::Result result = compose::ComposeLoader::load(options);
    for (const compose::Diagnostic &w : result.warnings)
        err << "warning: " << w.toString() << Qt::endl;
    if (!result.ok()) {
        err << "error: " << result.error->toString() << Qt::endl;
        return std::nullopt;
    }
    return std::move(result.project);
}

} // namespace threatdock::cli
