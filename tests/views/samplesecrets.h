#pragma once
// The secret values a compose project sets in its services' environments: what no view
// may show.

#include "compose/composeproject.h"
#include "rules/secretdetector.h"

#include <QStringList>

namespace threatdock::testing {

inline QStringList secretValues(const compose::ComposeProject &project)
{
    QStringList secrets;
    for (const auto &service : project.services)
        for (const auto &variable : service.environment)
            if (variable.value && rules::SecretDetector::isSecretName(variable.name)
                && !secrets.contains(*variable.value))
                secrets << *variable.value;
    return secrets;
}

} // namespace threatdock::testing
