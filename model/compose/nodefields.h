#pragma once

#include "diagnostic.h"
#include "node.h"

#include <QString>
#include <QStringList>

namespace threatdock::compose {

/// Reading typed fields of our own YAML data files (rules, threat templates). Each
/// throws ComposeError at the offending value's file:line.

/// The trimmed text of parent[key]; "" when absent or null, unless required, which
/// is then an error saying "<owner> needs "<key>"".
QString scalarField(const Node &parent, const QString &key, const QString &owner,
                    bool required = false);

/// A list of strings (a lone string counts as a list of one); empty for null.
/// what names the field in messages.
QStringList stringListField(const Node &value, const QString &what);

} // namespace threatdock::compose
