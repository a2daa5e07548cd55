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
    out << '\n';
    out.flush();
    return text.toUtf8();
}

} // namespace threatdock::report
