#include "findingsink.h"

#include "secretdetector.h"

#include <QFile>
#include <QHash>
#include <QMutex>
#include <QStringList>

namespace threatdock::rules {

namespace {

/// The text of a line of a file (trimmed), read once per file.
QString lineOf(const QString &file, int line)
{
    static QMutex mutex;
    static QHash<QString, QStringList> cache;
    QMutexLocker lock(&mutex);
    auto it = cache.find(file);
    if (it == cache.end()) {
        QFile f(file);
        QStringList lines;
        if (f.open(QIODevice::ReadOnly) && f.size() < 16 * 1024 * 1024)
            lines = QString::fromUtf8(f.readAll()).split(u'\n');
        it = cache.insert(file, lines);
    }
    return it->value(line - 1).trimmed();
}

} // namespace

FindingSink::FindingSink(QList<Finding> &out)
    : m_out(out)
{ }

void FindingSink::report(const QString &service, const compose::Origin &where, const QString &scope,
                         const QString &subject, const QString &why, const QString &evidence)
{
    Q_ASSERT(m_rule);
    Finding f;
    f.ruleId = m_rule->id;
    f.id = m_rule->id + u'@' + scope + (subject.isEmpty() ? QString() : u'/' + subject);
    f.title = m_rule->title;
    f.severity = m_rule->severity;
    f.service = service;
    f.file = where.file;
    f.line = where.line;
    f.column = where.column;
    const QString text = evidence.isEmpty() && where.isKnown() && where.line > 0
        ? lineOf(where.file, where.line)
        : evidence;
    f.evidence = SecretDetector::redact(text);
    f.why = SecretDetector::redact(why);
    f.stride = m_rule->stride;
    f.attack = m_rule->attack;
    f.nist = m_rule->nist;
    m_out << f;
}

} // namespace threatdock::rules
