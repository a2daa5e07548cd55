#pragma once

#include "node.h"

#include <QByteArray>

namespace threatdock::compose {

/// Writes Node trees as JSON or YAML. A quoted scalar is always written as a string; a
/// plain scalar that reads as a YAML 1.2 core-schema boolean or number is written as
/// one. Mapping order is kept in YAML; JSON objects keep it too.
class NodeWriter final
{
public:
    static QByteArray toJson(const Node &node, bool indented = true);
    static QByteArray toYaml(const Node &node);
};

} // namespace threatdock::compose
