#include "findingdetails.h"

#include "layout/diagramstyle.h"
#include "rules/finding.h"
#include "rules/rule.h"

#include <QDesktopServices>
#include <QHash>
#include <QUrl>

namespace threatdock::views {

namespace {

const QString sourceScheme = QStringLiteral("threatdock-source");

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString strideName(const QString &letter)
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("S"), QT_TRANSLATE_NOOP("threatdock::views::FindingDetails", "Spoofing")},
        {QStringLiteral("T"), QT_TRANSLATE_NOOP("threatdock::views::FindingDetails", "Tampering")},
        {QStringLiteral("R"),
         QT_TRANSLATE_NOOP("threatdock::views::FindingDetails", "Repudiation")},
        {QStringLiteral("I"),
         QT_TRANSLATE_NOOP("threatdock::views::FindingDetails", "Information disclosure")},
        {QStringLiteral("D"),
         QT_TRANSLATE_NOOP("threatdock::views::FindingDetails", "Denial of service")},
        {QStringLiteral("E"),
         QT_TRANSLATE_NOOP("threatdock::views::FindingDetails", "Elevation of privilege")},
    };
    const auto it = names.constFind(letter);
    return it == names.cend() ? letter
                              : FindingDetails::tr(*it) + QStringLiteral(" (") + letter + u')';
}

/// Ids as links: pageOf gives the page of an id.
template<typename PageOf> QString links(const QStringList &ids, PageOf pageOf)
{
    QStringList list;
    for (const QString &id : ids)
        list << QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(pageOf(id)), esc(id));
    return list.join(QStringLiteral(", "));
}

/// ATT&CK technique pages ("T1552.001" -> techniques/T1552/001/).
QString attackLinks(const QStringList &ids)
{
    return links(ids, [](QString id) {
        return QStringLiteral("https://attack.mitre.org/techniques/%1/")
            .arg(id.replace(u'.', u'/'));
    });
}

/// CWE pages ("CWE-798" -> definitions/798.html).
QString cweLinks(const QStringList &ids)
{
    return links(ids, [](QString id) {
        return QStringLiteral("https://cwe.mitre.org/data/definitions/%1.html")
            .arg(id.remove(QStringLiteral("CWE-")));
    });
}

/// A row of the definition table ("" when there is nothing to say).
QString row(const QString &label, const QString &html)
{
    if (html.isEmpty())
        return QString();
    return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>")
        .arg(esc(label), html);
}

QString section(const QString &heading, const QString &html)
{
    if (html.isEmpty())
        return QString();
    return QStringLiteral("<h4>%1</h4>%2").arg(esc(heading), html);
}

QString paragraph(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QString();
    QString html = esc(text.trimmed());
    html.replace(u'\n', QStringLiteral("<br>"));
    return QStringLiteral("<p>%1</p>").arg(html);
}

QString references(const rules::Rule &rule)
{
    QString rows;
    if (!rule.sp800190.isEmpty())
        rows += row(FindingDetails::tr("NIST SP 800-190"),
                    QStringLiteral("&sect; ") + esc(rule.sp800190));
    rows += row(FindingDetails::tr("CIS Docker Benchmark"), esc(rule.cis.join(u", ")));
    rows += row(FindingDetails::tr("CWE"), cweLinks(rule.cwe));
    rows += row(FindingDetails::tr("KICS"), esc(rule.kics.join(u", ")));
    rows += row(FindingDetails::tr("hadolint"), esc(rule.hadolint.join(u", ")));
    rows += row(FindingDetails::tr("Trivy"), esc(rule.trivy.join(u", ")));
    return rows.isEmpty() ? QString() : QStringLiteral("<table>%1</table>").arg(rows);
}

} // namespace

FindingDetails::FindingDetails(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("findingDetails"));
    setOpenLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, &FindingDetails::followLink);
    showNothing();
}

void FindingDetails::showNothing()
{
    setHtml(QStringLiteral("<p style=\"color:gray\">%1</p>")
                .arg(esc(tr("Select a finding to see why it was raised, its evidence and how "
                            "to fix it. Double-click or press Enter to open its source."))));
}

void FindingDetails::showFinding(const rules::Finding &finding, const rules::Rule *rule,
                                 const QString &location)
{
    const QColor colour = layout::DiagramStyle::severityColor(finding.severity);
    const QString severity
        = QStringLiteral("<span style=\"color:%1\">&#9632;</span> <b>%2 %3</b>")
              .arg(colour.name(), QString(layout::DiagramStyle::severityLetter(finding.severity)),
                   esc(rules::severityName(finding.severity)));
    QString facts;
    facts += row(tr("Severity"), severity);
    facts += row(tr("Rule"), esc(finding.ruleId));
    facts += row(tr("Service"), esc(finding.service));
    if (!location.isEmpty())
        facts += row(tr("Location"),
                     QStringLiteral("<a href=\"%1:\">%2</a>").arg(sourceScheme, esc(location)));
    facts += row(tr("Source"), esc(finding.source));
    if (!finding.stride.isEmpty())
        facts += row(tr("STRIDE"), esc(strideName(finding.stride)));
    const QStringList attack = finding.attack.isEmpty() && rule ? rule->attack : finding.attack;
    const QStringList nist = finding.nist.isEmpty() && rule ? rule->nist : finding.nist;
    facts += row(tr("MITRE ATT&CK"), attackLinks(attack));
    facts += row(tr("NIST SP 800-53"), esc(nist.join(u", ")));

    QString html = QStringLiteral("<h3>%1</h3><table>%2</table>").arg(esc(finding.title), facts);
    html += section(tr("Why"), paragraph(finding.why));
    if (!finding.evidence.isEmpty())
        html += section(tr("Evidence"), QStringLiteral("<pre>%1</pre>").arg(esc(finding.evidence)));
    if (rule) {
        html += section(tr("Rationale"), paragraph(rule->rationale));
        html += section(tr("Fix"), paragraph(rule->remediation) + paragraph(rule->fix.description));
        html += section(tr("References"), references(*rule));
    }
    setHtml(html);
}

void FindingDetails::followLink(const QUrl &url)
{
    if (url.scheme() == sourceScheme)
        Q_EMIT sourceRequested();
    else if (url.scheme() == u"https" || url.scheme() == u"http")
        QDesktopServices::openUrl(url);
}

} // namespace threatdock::views
