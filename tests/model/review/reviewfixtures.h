#pragma once

// Threats, findings and file helpers shared by the review store tests and the writer
// helper they start.

#include "review/reviewstore.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

namespace threatdock::testing {

/// A threat with a stable id "<template>@<element>" and the fields a review shows.
inline threats::Threat makeThreat(const QString &templateId, const QString &element,
                                  rules::Severity severity = rules::Severity::High)
{
    threats::Threat t;
    t.templateId = templateId;
    t.elementId = element;
    t.id = templateId + u'@' + element;
    t.title = QStringLiteral("%1 on %2").arg(templateId, element);
    t.description = QStringLiteral("Description of ") + t.id;
    t.stride = templateId.mid(7, 1);
    t.severity = severity;
    t.likelihood = 3;
    t.impact = 4;
    t.attack = {QStringLiteral("T1611")};
    t.nist = {QStringLiteral("AC-6"), QStringLiteral("CM-7")};
    t.sp800190 = QStringLiteral("4.4.3");
    t.mitigations = {{QStringLiteral("read_only: true"), false, QString()},
                     {QStringLiteral("cap_drop: [ALL]"), true,
                      QStringLiteral("compose.yaml:12: cap_drop: [ALL]")}};
    t.findings = {QStringLiteral("CMP-PRIV-001@") + element};
    t.why = QStringLiteral("because of ") + element;
    return t;
}

inline rules::Finding makeFinding(const QString &rule, const QString &service, const QString &file,
                                  int line)
{
    rules::Finding f;
    f.ruleId = rule;
    f.id = rule + QStringLiteral("@service:") + service;
    f.title = QStringLiteral("Finding ") + rule;
    f.severity = rules::Severity::Critical;
    f.service = service;
    f.file = file;
    f.line = line;
    f.column = 3;
    f.evidence = QStringLiteral("DB_PASSWORD=****");
    f.why = QStringLiteral("a secret in the environment");
    f.stride = QStringLiteral("I");
    f.attack = {QStringLiteral("T1552")};
    f.nist = {QStringLiteral("IA-5")};
    f.source = QStringLiteral("bandit");
    return f;
}

/// `count` threats "STRIDE-<letter>-t<n>@service:s<n>".
inline QList<threats::Threat> makeThreats(int count)
{
    static const QString letters = QStringLiteral("STRIDE");
    QList<threats::Threat> list;
    for (int i = 0; i < count; ++i) {
        list.append(makeThreat(QStringLiteral("STRIDE-%1-t%2").arg(letters.at(i % 6)).arg(i),
                               QStringLiteral("service:s%1").arg(i)));
    }
    return list;
}

inline QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace threatdock::testing
