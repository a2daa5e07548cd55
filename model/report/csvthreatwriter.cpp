#include "csvthreatwriter.h"

namespace threatdock::report {

namespace {

QStringList mitigationTexts(const threats::Threat &t, bool inPlace)
{
    QStringList texts;
    for (const threats::Mitigation &m : t.mitigations)
        if (m.inPlace == inPlace)
            texts << (m.evidence.isEmpty() || !inPlace
                          ? m.text
                          : m.text + QStringLiteral(" (") + m.evidence + u')');
    return texts;
}

QString description(const ReportContext &context, const threats::Threat &t)
{
    QStringList parts{t.description, QStringLiteral("Why: ") + t.why};
    const QStringList missing = mitigationTexts(t, false);
    if (!missing.isEmpty())
        parts << QStringLiteral("Missing mitigations:\n- ") + missing.join(QStringLiteral("\n- "));
    parts << QStringLiteral("Threat id: ") + t.id + QStringLiteral(" (")
            + context.elementName(t.elementId) + u')';
    return parts.join(QStringLiteral("\n\n"));
}

QStringList evidence(const ReportContext &context, const threats::Threat &t)
{
    QStringList lines;
    for (const QString &id : t.findings)
        if (const rules::Finding *f = context.finding(id))
            lines << (f->line > 0 ? f->file + u':' + QString::number(f->line) : f->file)
                    + QStringLiteral(": ") + f->evidence;
    return lines;
}

QStringList row(const ReportContext &context, const threats::Threat &t)
{
    const review::Decision *d = context.decision(t.id);
    const system::Element *e = context.analysis().systemModel.element(t.elementId);
    const QString element = context.elementName(t.elementId);
    const QString nl = QStringLiteral("\n");
    QStringList labels{QStringLiteral("threatdock"), QStringLiteral("stride-") + t.stride,
                       QStringLiteral("severity-") + rules::severityName(t.severity)};
    return {t.title + QStringLiteral(" (") + element + u')',
            QStringLiteral("Task"),
            CsvThreatWriter::priority(t.severity),
            labels.join(u' '),
            e && !e->service.isEmpty() ? e->service : element,
            threatStateName(context.state(t)),
            d ? d->owner : QString(),
            description(context, t),
            t.id,
            element,
            context.elementKind(t.elementId),
            t.stride + QStringLiteral(" ") + strideName(t.stride),
            rules::severityName(t.severity),
            QString::number(t.likelihood),
            QString::number(t.impact),
            QString::number(t.risk()),
            t.attack.join(QStringLiteral(", ")),
            t.nist.join(QStringLiteral(", ")),
            t.sp800190,
            mitigationTexts(t, true).join(nl),
            mitigationTexts(t, false).join(nl),
            t.findings.join(nl),
            evidence(context, t).join(nl),
            d ? d->notes : QString()};
}

} // namespace

QStringList CsvThreatWriter::columns()
{
    return {QStringLiteral("Summary"),
            QStringLiteral("Issue Type"),
            QStringLiteral("Priority"),
            QStringLiteral("Labels"),
            QStringLiteral("Component"),
            QStringLiteral("Status"),
            QStringLiteral("Owner"),
            QStringLiteral("Description"),
            QStringLiteral("Threat ID"),
            QStringLiteral("Element"),
            QStringLiteral("Element Kind"),
            QStringLiteral("STRIDE"),
            QStringLiteral("Severity"),
            QStringLiteral("Likelihood"),
            QStringLiteral("Impact"),
            QStringLiteral("Risk"),
            QStringLiteral("MITRE ATT&CK"),
            QStringLiteral("NIST SP 800-53"),
            QStringLiteral("NIST SP 800-190"),
            QStringLiteral("Mitigations In Place"),
            QStringLiteral("Mitigations Missing"),
            QStringLiteral("Findings"),
            QStringLiteral("Evidence"),
            QStringLiteral("Notes")};
}

QString CsvThreatWriter::field(const QString &value)
{
    QString v = value;
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!v.isEmpty() && formulaStarts.contains(v.at(0)))
        v.prepend(u'\'');
    if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r')) {
        v.replace(u'"', QStringLiteral("\"\""));
        v = u'"' + v + u'"';
    }
    return v;
}

QString CsvThreatWriter::priority(rules::Severity severity)
{
    switch (severity) {
    case rules::Severity::Critical:
        return QStringLiteral("Highest");
    case rules::Severity::High:
        return QStringLiteral("High");
    case rules::Severity::Medium:
        return QStringLiteral("Medium");
    case rules::Severity::Low:
        return QStringLiteral("Low");
    case rules::Severity::Info:
        break;
    }
    return QStringLiteral("Lowest");
}

QByteArray CsvThreatWriter::write(const ReportContext &context)
{
    const auto line = [](const QStringList &values) {
        QStringList fields;
        for (const QString &v : values)
            fields << field(v);
        return fields.join(u',') + QStringLiteral("\r\n");
    };
    QString out = line(columns());
    for (const QString &elementId : context.elementOrder())
        for (const threats::Threat *t : context.threatsOf(elementId))
            out += line(row(context, *t));
    return QByteArray("\xEF\xBB\xBF") + out.toUtf8();
}

} // namespace threatdock::report
