#include "checkregistry.h"

namespace threatdock::rules {

const CheckRegistry &CheckRegistry::builtIn()
{
    static const CheckRegistry registry = [] {
        CheckRegistry r;
        registerComposeChecks(r);
        registerDockerfileChecks(r);
        registerSecretChecks(r);
        return r;
    }();
    return registry;
}

const Check *CheckRegistry::find(const QString &ruleId) const
{
    auto it = m_checks.constFind(ruleId);
    return it == m_checks.constEnd() ? nullptr : &*it;
}

} // namespace threatdock::rules
