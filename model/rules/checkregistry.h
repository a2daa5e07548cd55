#pragma once

#include "analysisinput.h"
#include "findingsink.h"

#include <QHash>
#include <QString>

#include <functional>

namespace threatdock::rules {

/// The code behind a built-in rule: inspects the input and reports to the sink.
using Check = std::function<void(const AnalysisInput &, FindingSink &)>;

/// Built-in checks by rule id. Each family registers its own (composechecks.cpp,
/// dockerfilechecks.cpp, secretchecks.cpp); every rule in the built-in catalog has
/// exactly one check and every check has a rule (a test holds both ways).
class CheckRegistry final
{
public:
    static const CheckRegistry &builtIn();

    void add(const QString &ruleId, Check check) { m_checks.insert(ruleId, std::move(check)); }
    const Check *find(const QString &ruleId) const;
    QStringList ruleIds() const { return m_checks.keys(); }

private:
    QHash<QString, Check> m_checks;
};

void registerComposeChecks(CheckRegistry &registry);
void registerDockerfileChecks(CheckRegistry &registry);
void registerSecretChecks(CheckRegistry &registry);

} // namespace threatdock::rules
