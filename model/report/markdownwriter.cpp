#include "markdownwriter.h"

#include <QTextStream>

namespace threatdock::report {

namespace {

using rules::Severity;

QString cell(const QString &text)
{
    return MarkdownWriter::tableCell(text);
}

QString code(const QString &text)
{
    return MarkdownWriter::inlineCode(text);
}

QString location(const AnalysisReport &report, const rules::Finding &f)
{
    const QString file = report.relativePath(f.file);
    return f.line > 0 ? file + u':' + QString::number(f.line) : file;
}

void writeSummary(QTextStream &md, const AnalysisReport &report)
{
    md << "| Severity | Findings |\n|---|---:|\n";
    for (Severity s :
         {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
        const auto n = std::count_if(report.findings.cbegin(), report.findings.cend(),
                                     [s](const rules::Finding &f) { return f.severity == s; });
        md << "| " << rules::severityName(s) << " | " << n << " |\n";
    }
    md << '\n';
}

void writeTable(QTextStream &md, const AnalysisReport &report)
{
    md << "| # | Severity | Rule | Finding | Service | Location | Evidence |\n"
          "|---:|---|---|---|---|---|---|\n";
    int n = 0;
    for (const rules::Finding &f : report.findings) {
        md << "| " << ++n << " | " << rules::severityName(f.severity) << " | " << cell(f.ruleId)
           << " | " << cell(f.title) << " | " << cell(f.service) << " | "
           << code(location(report, f)) << " | " << code(f.evidence) << " |\n";
    }
    md << '\n';
}

void writeDetails(QTextStream &md, const AnalysisReport &report)
{
    int n = 0;
    for (const rules::Finding &f : report.findings) {
        md << "### " << ++n << ". " << f.title << " (" << f.ruleId << ")\n\n";
        md << "- Severity: " << rules::severityName(f.severity) << '\n';
        if (!f.service.isEmpty())
            md << "- Service: " << f.service << '\n';
        md << "- Location: " << code(location(report, f)) << '\n';
        if (!f.why.isEmpty())
            md << "- Why: " << cell(f.why) << '\n';
        if (!f.stride.isEmpty())
            md << "- STRIDE: " << f.stride << '\n';
        if (!f.attack.isEmpty())
            md << "- MITRE ATT&CK: " << f.attack.join(QStringLiteral(", ")) << '\n';
        if (!f.nist.isEmpty())
            md << "- NIST SP 800-53: " << f.nist.join(QStringLiteral(", ")) << '\n';
        if (const rules::Rule *r = report.rule(f.ruleId); r && !r->remediation.isEmpty())
            md << "- Remediation: " << cell(r->remediation) << '\n';
        md << "- Finding id: " << code(f.id) << "\n\n";
    }
}

QString mitigationSummary(const threats::Threat &t)
{
    if (t.mitigations.isEmpty())
        return QStringLiteral("none named");
    const auto inPlace = std::count_if(t.mitigations.cbegin(), t.mitigations.cend(),
                                       [](const threats::Mitigation &m) { return m.inPlace; });
    QString text
        = QString::number(inPlace) + QStringLiteral(" of ") + QString::number(t.mitigations.size());
    if (t.mitigatedByConfiguration())
        text += QStringLiteral(" (mitigated by configuration)");
    return text;
}

void writeThreats(QTextStream &md, const AnalysisReport &report)
{
    md << "## Threats\n\n| Severity | Threats |\n|---|---:|\n";
    for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low}) {
        const auto n = std::count_if(report.threats.cbegin(), report.threats.cend(),
                                     [s](const threats::Threat &t) { return t.severity == s; });
        md << "| " << rules::severityName(s) << " | " << n << " |\n";
    }
    md << "\n| # | Severity | STRIDE | Threat | Element | Likelihood × impact | Mitigations in "
          "place | Findings |\n|---:|---|---|---|---|---|---|---:|\n";
    int n = 0;
    for (const threats::Threat &t : report.threats)
        md << "| " << ++n << " | " << rules::severityName(t.severity) << " | " << t.stride << " | "
           << cell(t.title) << " | " << code(t.elementId) << " | " << t.likelihood << " × "
           << t.impact << " | " << mitigationSummary(t) << " | " << t.findings.size() << " |\n";
    md << "\n### Threat details\n\n";
    n = 0;
    for (const threats::Threat &t : report.threats) {
        md << "#### T" << ++n << ". " << t.title << " (" << code(t.id) << ")\n\n";
        md << "- Severity: " << rules::severityName(t.severity) << " (likelihood " << t.likelihood
           << " × impact " << t.impact << " = " << t.risk() << ")\n";
        md << "- STRIDE: " << t.stride << "; element: " << code(t.elementId) << '\n';
        if (!t.attack.isEmpty())
            md << "- MITRE ATT&CK: " << t.attack.join(QStringLiteral(", ")) << '\n';
        if (!t.nist.isEmpty())
            md << "- NIST SP 800-53: " << t.nist.join(QStringLiteral(", ")) << '\n';
        if (!t.sp800190.isEmpty())
            md << "- NIST SP 800-190: " << t.sp800190 << '\n';
        for (const threats::Mitigation &m : t.mitigations) {
            md << "- Mitigation " << (m.inPlace ? "in place" : "missing") << ": " << cell(m.text);
            if (!m.evidence.isEmpty())
                md << " — " << code(m.evidence);
            md << '\n';
        }
        if (!t.findings.isEmpty()) {
            QStringList ids;
            for (const QString &f : t.findings)
                ids << code(f);
            md << "- Findings: " << ids.join(QStringLiteral(", ")) << '\n';
        }
        md << "- Why: " << cell(t.why) << "\n\n";
    }
}

} // namespace

QString MarkdownWriter::tableCell(QString text)
{
    text.replace(u'\\', QStringLiteral("\\\\"));
    text.replace(u'|', QStringLiteral("\\|"));
    text.replace(u'\n', u' ');
    return text;
}

QString MarkdownWriter::inlineCode(const QString &text)
{
    if (text.isEmpty())
        return QString();
    const QString fence = text.contains(u'`') ? QStringLiteral("`` ") : QStringLiteral("`");
    const QString close = text.contains(u'`') ? QStringLiteral(" ``") : QStringLiteral("`");
    return fence + tableCell(text) + close;
}

QByteArray MarkdownWriter::write(const AnalysisReport &report)
{
    QString text;
    QTextStream md(&text);
    md << "# ThreatDock analysis: " << report.project.name << "\n\n";
    if (!report.project.files.isEmpty()) {
        QStringList files;
        for (const QString &f : report.project.files)
            files << code(f);
        md << "Files: " << files.join(QStringLiteral(", ")) << "  \n";
    }
    if (!report.project.services.isEmpty())
        md << "Services: " << report.project.services.join(QStringLiteral(", ")) << "  \n";
    md << "Findings: " << report.findings.size() << "  \nThreats: " << report.threats.size()
       << "\n\n## Summary\n\n";
    writeSummary(md, report);
    if (!report.findings.isEmpty()) {
        md << "## Findings\n\n";
        writeTable(md, report);
        md << "## Details\n\n";
        writeDetails(md, report);
    }
    if (!report.threats.isEmpty())
        writeThreats(md, report);
    md.flush();
    return text.toUtf8();
}

} // namespace threatdock::report
