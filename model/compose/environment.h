#pragma once

#include <QMap>
#include <QProcessEnvironment>
#include <QString>

#include <functional>
#include <optional>

namespace threatdock::compose {

/// Variables by name. A name that is absent is unset; a present name may hold "".
using Environment = QMap<QString, QString>;

/// Looks a variable up: nullopt when it is unset.
using VariableLookup = std::function<std::optional<QString>(const QString &name)>;

inline VariableLookup lookupIn(const Environment &env)
{
    return [&env](const QString &name) -> std::optional<QString> {
        auto it = env.constFind(name);
        if (it == env.constEnd())
            return std::nullopt;
        return *it;
    };
}

inline Environment fromProcessEnvironment(const QProcessEnvironment &env)
{
    Environment out;
    const QStringList keys = env.keys();
    for (const QString &k : keys)
        out.insert(k, env.value(k));
    return out;
}

} // namespace threatdock::compose
