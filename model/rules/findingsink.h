#pragma once

#include "compose/origin.h"
#include "finding.h"
#include "rule.h"

#include <QList>
#include <QString>

namespace threatdock::rules {

/// Where a check reports what it found, for one rule at a time. The sink fills in the
/// rule's metadata, makes the stable id, reads the evidence line from the file when the
/// check gives none, and redacts secrets in evidence and why.
class FindingSink final
{
public:
    explicit FindingSink(QList<Finding> &out);

    /// Switches to the rule the next reports belong to.
    void setRule(const Rule &rule) { m_rule = &rule; }

    /// scope: "service:<name>", "dockerfile:<path>", "file:<path>"; subject tells apart
    /// several findings of one rule in one scope ("env:DB_PASSWORD", "port:8080").
    void report(const QString &service, const compose::Origin &where, const QString &scope,
                const QString &subject, const QString &why, const QString &evidence = {});

private:
    QList<Finding> &m_out;
    const Rule *m_rule = nullptr;
};

} // namespace threatdock::rules
