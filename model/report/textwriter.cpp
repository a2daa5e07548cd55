#include "textwriter.h"

#include <QTextStream>

namespace threatdock::report {

QByteArray TextWriter::write(const AnalysisReport &report)
{
    QString text;
    QTextStream out(&text);
    for (const rules::Finding &f : report.findings) {
        QString where = report.relativePath(f.file);
        if (f.line > 0)
            where += u':' + QString::number(f.line);
        out << rules::severityName(f.severity).toUpper().leftJustified(9) << f.ruleId << "  "
            << where;
        if (!f.service.isEmpty())
            out << "  [" << f.service << ']';
        out << "\n    " << f.title << '\n';
        if (!f.evidence.isEmpty())
            out << "    > " << f.evidence << '\n';
        if (!f.why.isEmpty())
            out << "    why: " << f.why << '\n';
    }
    for (const threats::Threat &t : report.threats) {
        out << rules::severityName(t.severity).toUpper().leftJustified(9) << t.id << "  ["
            << t.stride << ", likelihood " << t.likelihood << " x impact " << t.impact << ']';
        if (t.mitigatedByConfiguration())
            out << "  mitigated by configuration";
        out << "\n    " << t.title << '\n';
        for (const threats::Mitigation &m : t.mitigations)
            if (m.inPlace)
                out << "    + " << m.text
                    << (m.evidence.isEmpty() ? QString() : QStringLiteral(": ") + m.evidence)
                    << '\n';
        if (!t.findings.isEmpty())
            out << "    findings: " << t.findings.join(QStringLiteral(", ")) << '\n';
    }
    QStringList counts;
    using rules::Severity;
    for (Severity s :
         {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
        const auto n = std::count_if(report.findings.cbegin(), report.findings.cend(),
                                     [s](const rules::Finding &f) { return f.severity == s; });
        if (n > 0)
            counts << QString::number(n) + u' ' + rules::severityName(s);
    }
    out << report.project.name << ": " << report.findings.size() << " finding"
        << (report.findings.size() == 1 ? "" : "s");
    if (!counts.isEmpty())
        out << " (" << counts.join(QStringLiteral(", ")) << ')';
    QStringList threatCounts;
    for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low}) {
        const auto n = std::count_if(report.threats.cbegin(), report.threats.cend(),
                                     [s](const threats::Threat &t) { return t.severity == s; });
        if (n > 0)
            threatCounts << QString::number(n) + u' ' + rules::severityName(s);
    }
    out << ", " << report.threats.size() << " threat" << (report.threats.size() == 1 ? "" : "s");
    if (!threatCounts.isEmpty())
        out << " (" << threatCounts.join(QStringLiteral(", ")) << ')';
    out << '\n';
    out.flush();
    return text.toUtf8();
}

} // namespace threatdock::report
