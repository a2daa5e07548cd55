#include "banditreport.h"

#include "catalog/catalog.h"
#include "findingtext.h"
#include "pythonscope.h"
#include "rules/secretdetector.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace threatdock::scans {

namespace {

using rules::Finding;
using rules::Severity;

Severity severityOf(const QString &banditSeverity)
{
    const QString s = banditSeverity.toUpper();
    if (s == u"HIGH")
        return Severity::High;
    if (s == u"MEDIUM")
        return Severity::Medium;
    if (s == u"LOW")
        return Severity::Low;
    return Severity::Info;
}

/// The source line `line` out of Bandit's "code" excerpt ("22     out = ...\n").
QString codeLine(const QString &code, int line)
{
    const QString prefix = QString::number(line) + u' ';
    for (const QString &l : code.split(u'\n'))
        if (l.startsWith(prefix))
            return l.mid(prefix.size()).trimmed();
    return QString();
}

/// Source files read once per report, for the enclosing function of each result.
class SourceCache
{
public:
    QString scope(const QString &file, int line)
    {
        auto it = m_files.find(file);
        if (it == m_files.end()) {
            QFile f(file);
            QStringList lines;
            if (f.open(QIODevice::ReadOnly) && f.size() < 16 * 1024 * 1024)
                lines = QString::fromUtf8(f.readAll()).split(u'\n');
            it = m_files.insert(file, lines);
        }
        return it->isEmpty() ? QString() : PythonScope::enclosing(*it, line);
    }

private:
    QHash<QString, QStringList> m_files;
};

int cweOf(const QJsonObject &result, const catalog::BanditTest *test)
{
    const QJsonValue cwe = result.value(QStringLiteral("issue_cwe"));
    if (cwe.isObject()) {
        // A number in Bandit's own output; "CWE-259" in some hand-made reports.
        const QJsonValue id = cwe.toObject().value(QStringLiteral("id"));
        const int number = id.isString()
            ? QString(id.toString()).remove(QStringLiteral("CWE-")).toInt()
            : id.toInt();
        if (number > 0)
            return number;
    }
    return test && !test->cwes.isEmpty() ? test->cwes.first() : 0;
}

Finding findingOf(const QJsonObject &r, const ScanTarget &target, const catalog::Catalog *catalog,
                  const QString &base, SourceCache &sources)
{
    const QString testId = r.value(QStringLiteral("test_id")).toString();
    const QString testName = r.value(QStringLiteral("test_name")).toString();
    const catalog::BanditTest *test = catalog ? catalog->banditTest(testId) : nullptr;
    const int cwe = cweOf(r, test);
    const bool credential = FindingText::isCredentialWeakness(cwe);

    Finding f;
    f.source = QStringLiteral("bandit");
    f.ruleId = testId;
    f.severity = severityOf(r.value(QStringLiteral("issue_severity")).toString());
    const QString reported = r.value(QStringLiteral("filename")).toString();
    f.file = target.resolve(reported, base);
    f.line = r.value(QStringLiteral("line_number")).toInt();
    f.column = r.value(QStringLiteral("col_offset")).toInt(-1) + 1;
    f.service = target.serviceForFile(f.file);
    QString issue = r.value(QStringLiteral("issue_text")).toString().trimmed();
    QString evidence = codeLine(r.value(QStringLiteral("code")).toString(), f.line);
    if (credential) {
        issue = FindingText::maskQuotedLiterals(issue);
        evidence = FindingText::maskQuotedLiterals(evidence);
    }
    f.title = rules::SecretDetector::redact(issue);
    f.evidence = rules::SecretDetector::redact(evidence);
    const QString name = test && testName == u"blacklist" ? test->name : testName;
    QStringList facts{
        QStringLiteral("severity ") + r.value(QStringLiteral("issue_severity")).toString(),
        QStringLiteral("confidence ") + r.value(QStringLiteral("issue_confidence")).toString()};
    if (cwe > 0)
        facts << QStringLiteral("CWE-%1").arg(cwe);
    f.why = QStringLiteral("Bandit %1 %2 (%3): %4").arg(testId, name, facts.join(u", "), f.title);
    if (const QString more = r.value(QStringLiteral("more_info")).toString(); !more.isEmpty())
        f.why += QStringLiteral(" See ") + more;
    if (test) {
        f.stride = test->stride;
        f.attack = test->techniques;
        f.nist = test->controls;
    }
    QString scope = sources.scope(f.file, f.line);
    if (scope.isEmpty())
        scope = QFile::exists(f.file)
            ? QStringLiteral("module")
            : FindingText::contentKey(evidence.isEmpty() ? f.title : evidence);
    f.id = testId + QStringLiteral("@file:") + target.relative(f.file) + u'/' + scope;
    return f;
}

} // namespace

bool BanditReport::recognizes(const QJsonObject &root)
{
    return root.value(QStringLiteral("results")).isArray()
        && (root.contains(QStringLiteral("errors")) || root.contains(QStringLiteral("metrics"))
            || root.contains(QStringLiteral("generated_at")));
}

ScanResult BanditReport::parse(const QByteArray &json, const ScanTarget &target,
                               const catalog::Catalog *catalog, const QString &base)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        ScanResult result;
        result.tool = QStringLiteral("bandit");
        result.error
            = QStringLiteral("Bandit's output is not JSON (%1 at offset %2)")
                  .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                               : QStringLiteral("not an object"))
                  .arg(error.offset);
        return result;
    }
    return fromJson(doc.object(), target, catalog, base);
}

ScanResult BanditReport::fromJson(const QJsonObject &root, const ScanTarget &target,
                                  const catalog::Catalog *catalog, const QString &base)
{
    ScanResult result;
    result.tool = QStringLiteral("bandit");
    if (!recognizes(root)) {
        result.error = QStringLiteral("not a Bandit JSON report (no \"results\" array)");
        return result;
    }
    SourceCache sources;
    for (const QJsonValue &v : root.value(QStringLiteral("results")).toArray()) {
        const QJsonObject r = v.toObject();
        if (r.value(QStringLiteral("test_id")).toString().isEmpty())
            continue;
        result.findings << findingOf(r, target, catalog, base, sources);
    }
    FindingText::disambiguateIds(result.findings);
    for (const QJsonValue &v : root.value(QStringLiteral("errors")).toArray()) {
        const QJsonObject e = v.toObject();
        const QString file
            = target.relative(target.resolve(e.value(QStringLiteral("filename")).toString(), base));
        result.toolErrors << file + QStringLiteral(": ")
                + e.value(QStringLiteral("reason")).toString();
    }
    return result;
}

} // namespace threatdock::scans
