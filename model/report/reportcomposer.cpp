#include "reportcomposer.h"

#include "reportsections_p.h"

namespace threatdock::report {

namespace sections {

QString sectionTitle(Section section)
{
    switch (section) {
    case Section::Summary:
        return QStringLiteral("Management summary");
    case Section::Architecture:
        return QStringLiteral("Architecture");
    case Section::Threats:
        return QStringLiteral("Threats by element");
    case Section::Findings:
        return QStringLiteral("Findings");
    case Section::Hardening:
        return QStringLiteral("Hardening");
    case Section::Verification:
        return QStringLiteral("Runtime verification");
    case Section::Coverage:
        return QStringLiteral("Coverage");
    case Section::Risks:
        return QStringLiteral("Accepted and transferred risks");
    case Section::Appendix:
        return QStringLiteral("Appendix");
    }
    return QString();
}

namespace {

int sectionNumber(Section section)
{
    return static_cast<int>(section) + 1;
}

QString slug(const QString &title)
{
    QString s;
    for (const QChar c : title.toLower())
        s += c.isLetterOrNumber() ? c : u'-';
    return s;
}

} // namespace

Heading sectionHeading(Section section)
{
    const QString number = QString::number(sectionNumber(section));
    return Heading{1, number + u' ' + sectionTitle(section), QStringLiteral("section-") + number,
                   true};
}

Heading subsection(Section section, const QString &title)
{
    return Heading{2, title,
                   QStringLiteral("section-%1-%2").arg(sectionNumber(section)).arg(slug(title)),
                   true};
}

QString severityWord(rules::Severity severity)
{
    QString name = rules::severityName(severity);
    if (!name.isEmpty())
        name[0] = name.at(0).toUpper();
    return name;
}

QList<rules::Severity> severitiesWorstFirst()
{
    using rules::Severity;
    return {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info};
}

QString location(const rules::Finding &finding)
{
    return finding.line > 0 ? finding.file + u':' + QString::number(finding.line) : finding.file;
}

TextSpan threatLink(const ReportContext &context, const threats::Threat &threat)
{
    return TextSpan::linkTo(context.threatAnchor(threat.id), threat.title);
}

void tableOrText(Blocks &blocks, const Table &table, const QString &whenEmpty)
{
    if (table.rows.isEmpty())
        blocks << Paragraph{{TextSpan::plain(whenEmpty)}};
    else
        blocks << table;
}

QString formatTime(const QDateTime &time)
{
    return time.isNull() ? QString()
                         : time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace sections

ReportDocument ReportComposer::compose(const ReportContext &context)
{
    ReportDocument document;
    sections::cover(context, document.cover);
    sections::summary(context, document.blocks);
    sections::architecture(context, document.blocks);
    sections::threatsByElement(context, document.blocks);
    sections::findings(context, document.blocks);
    sections::hardening(context, document.blocks);
    sections::verification(context, document.blocks);
    sections::coverage(context, document.blocks);
    sections::risks(context, document.blocks);
    sections::appendix(context, document.blocks);
    return document;
}

QStringList ReportComposer::sectionTitles()
{
    QStringList titles;
    for (int s = 0; s <= static_cast<int>(sections::Section::Appendix); ++s)
        titles << sections::sectionHeading(static_cast<sections::Section>(s)).text;
    return titles;
}

} // namespace threatdock::report
