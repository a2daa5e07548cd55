#pragma once

// The keys of the Compose Specification that docker-compose 1.29 (Compose v1) does not
// have, and what ComposeV1Writer does with each: private to it.

#include <QHash>
#include <QString>

namespace threatdock::scans::v1keys {

/// What happens to a key docker-compose 1.29 does not have.
enum class Action {
    Drop,     ///< silently: the model already applied it (profiles)
    LeaveOut, ///< with a note: it does not change what runs
    Refuse    ///< an error: leaving it out would change what runs
};

struct KeyRule
{
    Action action;
    QString text; ///< LeaveOut: why it does not matter; Refuse: what v1 cannot do
};

using KeyRules = QHash<QString, KeyRule>;

/// A service's own keys.
const KeyRules &serviceRules();
/// build:
const KeyRules &buildRules();
/// healthcheck:
const KeyRules &healthcheckRules();
/// A service's attachment to one network (networks: NAME:).
const KeyRules &attachmentRules();

} // namespace threatdock::scans::v1keys
