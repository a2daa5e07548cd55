#include "threatcardtext.h"

#include "codeexcerpt.h"
#include "document/reviewdocument.h"
#include "inspector/threatlabels.h"
#include "threats/threattext.h"

#include "catalog/catalog.h"
#include "layout/diagramstyle.h"
#include "rules/secretdetector.h"

#include <QCoreApplication>
#include <QDir>

namespace threatdock::views {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("threatdock::views::ThreatCardText", text);
}

QString esc(const QString &text)
{
    return rules::SecretDetector::redact(text).toHtmlEscaped();
}

QString heading(const QString &text)
{
    return QStringLiteral("<h3>%1</h3>").arg(text.toHtmlEscaped());
}

QString severityTag(rules::Severity severity)
{
    return QStringLiteral("<span style=\"color:%1; font-weight:bold\">%2&nbsp;%3</span>")
        .arg(layout::DiagramStyle::severityColor(severity).name(),
             QString(layout::DiagramStyle::severityLetter(severity)),
             threattext::severityLabel(severity).toHtmlEscaped());
}

QString link(const QString &url, const QString &text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toHtmlEscaped(), text.toHtmlEscaped());
}

/// attack.mitre.org's address of a technique: T1552.001 -> techniques/T1552/001/.
QString attackUrl(const QString &id)
{
    QString path = id;
    path.replace(u'.', u'/');
    return QStringLiteral("https://attack.mitre.org/techniques/%1/").arg(path);
}

QString table(const QStringList &rows)
{
    return QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">%1</table>")
        .arg(rows.join(QString()));
}

} // namespace

ThreatCardText::ThreatCardText(const ReviewDocument &document, const catalog::Catalog *catalog,
                               QString catalogError)
    : m_document(document)
    , m_catalog(catalog)
    , m_catalogError(std::move(catalogError))
{ }

QString ThreatCardText::body(const threats::Threat &threat) const
{
    return why(threat) + evidence(threat) + attack(threat) + nist(threat) + mitigations(threat);
}

QString ThreatCardText::why(const threats::Threat &threat) const
{
    QString html = heading(tr("Why this applies"));
    if (!threat.description.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(esc(threat.description));
    const system::Element *element = m_document.element(threat.elementId);
    if (element && !element->facts.isEmpty()) {
        html += QStringLiteral("<p>%1</p><ul>")
                    .arg(tr("Facts about %1:")
                             .arg(threatlabels::elementName(m_document, threat.elementId))
                             .toHtmlEscaped());
        for (const QString &fact : element->facts)
            html += QStringLiteral("<li>%1</li>").arg(esc(fact));
        html += QStringLiteral("</ul>");
    }
    if (!threat.why.isEmpty())
        html += QStringLiteral("<p><i>%1</i> %2</p>")
                    .arg(tr("How the analysis decided:").toHtmlEscaped(), esc(threat.why));
    return html;
}

QString ThreatCardText::displayPath(const QString &file) const
{
    const QString dir = m_document.projectDirectory();
    if (dir.isEmpty() || file.isEmpty())
        return file;
    const QString relative = QDir(dir).relativeFilePath(file);
    return relative.startsWith(QStringLiteral("../")) ? file : relative;
}

QString ThreatCardText::excerpt(const CodeExcerpt &excerpt)
{
    QStringList rows;
    for (const CodeExcerpt::Line &line : excerpt.lines) {
        const QString background
            = line.marked ? QStringLiteral("#ffe08a") : QStringLiteral("#f4f4f4");
        rows << QStringLiteral("<tr style=\"background-color:%1\">"
                               "<td width=\"6%\" align=\"right\" style=\"color:#555555\">%2</td>"
                               "<td width=\"3%\" style=\"color:#b00000; font-weight:bold\">%3</td>"
                               "<td width=\"91%\" style=\"color:#111111; white-space:pre; "
                               "font-family:monospace%4\">%5</td></tr>")
                    .arg(background, QString::number(line.number),
                         line.marked ? QStringLiteral("▶") : QString(),
                         line.marked ? QStringLiteral("; font-weight:bold") : QString(),
                         line.text.toHtmlEscaped());
    }
    return QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"2\">%1</table>")
        .arg(rows.join(QString()));
}

QString ThreatCardText::evidence(const threats::Threat &threat) const
{
    QString html = heading(tr("Evidence"));
    if (threat.findings.isEmpty()) {
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("No finding: the threat follows from what the element is and how "
                            "it is configured (the facts above).")
                             .toHtmlEscaped());
        return html;
    }
    for (const QString &id : threat.findings) {
        const rules::Finding *f = m_document.finding(id);
        if (!f) {
            html += QStringLiteral("<p>%1 — %2</p>")
                        .arg(id.toHtmlEscaped(), tr("not in this analysis").toHtmlEscaped());
            continue;
        }
        QString where = displayPath(f->file);
        if (f->line > 0)
            where += u':' + QString::number(f->line);
        html += QStringLiteral("<p>%1 <b>%2</b> %3<br/><tt>%4</tt></p>")
                    .arg(severityTag(f->severity), f->ruleId.toHtmlEscaped(), esc(f->title),
                         where.toHtmlEscaped());
        const CodeExcerpt code = CodeExcerpt::read(f->file, f->line);
        if (!code.isEmpty())
            html += excerpt(code);
        else if (!f->evidence.isEmpty())
            html += QStringLiteral("<p><tt>%1</tt></p>").arg(esc(f->evidence));
        if (!code.error.isEmpty())
            html += QStringLiteral("<p><i>%1</i></p>").arg(esc(code.error));
        if (!f->why.isEmpty())
            html += QStringLiteral("<p>%1</p>").arg(esc(f->why));
    }
    return html;
}

QString ThreatCardText::unknownInCatalog() const
{
    return m_catalog ? tr("(not in the catalog)")
                     : tr("(catalog not loaded: %1)").arg(m_catalogError);
}

QString ThreatCardText::attack(const threats::Threat &threat) const
{
    QString html = heading(tr("MITRE ATT&CK techniques"));
    if (threat.attack.isEmpty())
        return html + QStringLiteral("<p>%1</p>").arg(tr("None mapped.").toHtmlEscaped());
    QStringList rows;
    rows << QStringLiteral("<tr><th align=\"left\">%1</th><th align=\"left\">%2</th>"
                           "<th align=\"left\">%3</th></tr>")
                .arg(tr("Technique"), tr("Name"), tr("Tactic"));
    for (const QString &id : threat.attack) {
        const catalog::Technique *t = m_catalog ? m_catalog->technique(id) : nullptr;
        if (!t) {
            rows << QStringLiteral("<tr><td>%1</td><td colspan=\"2\">%2</td></tr>")
                        .arg(link(attackUrl(id), id), unknownInCatalog().toHtmlEscaped());
            continue;
        }
        QStringList tactics;
        for (const QString &shortName : t->tactics) {
            const catalog::Tactic *tactic = m_catalog->tactic(shortName);
            tactics << (tactic ? tactic->name : shortName);
        }
        const QString url = t->url.isEmpty() ? attackUrl(t->id) : t->url;
        rows << QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(link(url, t->id), t->name.toHtmlEscaped(),
                         tactics.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    return html + table(rows);
}

QString ThreatCardText::nist(const threats::Threat &threat) const
{
    QString html = heading(tr("NIST SP 800-53 rev5 controls"));
    if (threat.nist.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(tr("None mapped.").toHtmlEscaped());
    QStringList rows;
    for (const QString &id : threat.nist) {
        const catalog::Control *control = m_catalog ? m_catalog->control(id) : nullptr;
        const QString title = control ? m_catalog->controlFullTitle(id) : unknownInCatalog();
        rows << QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg((control ? control->id : id).toHtmlEscaped(), title.toHtmlEscaped());
    }
    if (!rows.isEmpty())
        html += table(rows);
    if (!threat.sp800190.isEmpty()) {
        const catalog::Sp800190Section *section
            = m_catalog ? m_catalog->sp800190Section(threat.sp800190) : nullptr;
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("NIST SP 800-190 §%1 %2")
                             .arg(threat.sp800190, section ? section->title : QString())
                             .toHtmlEscaped());
    }
    return html;
}

QString ThreatCardText::mitigations(const threats::Threat &threat) const
{
    QString html = heading(tr("Mitigations"));
    if (threat.mitigations.isEmpty())
        return html + QStringLiteral("<p>%1</p>").arg(tr("None named.").toHtmlEscaped());
    QString inPlace;
    QString missing;
    for (const threats::Mitigation &m : threat.mitigations) {
        if (m.inPlace) {
            inPlace
                += QStringLiteral("<li><span style=\"color:#1b7f2a\">✔</span> %1").arg(esc(m.text));
            if (!m.evidence.isEmpty())
                inPlace += QStringLiteral("<br/><tt>%1</tt>").arg(esc(m.evidence));
            inPlace += QStringLiteral("</li>");
        } else {
            missing += QStringLiteral("<li><span style=\"color:#c62828\">✘</span> %1</li>")
                           .arg(esc(m.text));
        }
    }
    if (!inPlace.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p><ul>%2</ul>")
                    .arg(tr("In place").toHtmlEscaped(), inPlace);
    if (!missing.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p><ul>%2</ul>")
                    .arg(tr("Missing").toHtmlEscaped(), missing);
    return html;
}

} // namespace threatdock::views
