#include "catalogids.h"

#include <QRegularExpression>

namespace threatdock::catalog {

namespace {

QString stripNumber(const QString &digits)
{
    bool ok = false;
    const int n = digits.toInt(&ok);
    return ok ? QString::number(n) : QString();
}

} // namespace

QString CatalogIds::control(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^([A-Za-z]{2})-(\\d{1,3})(?:\\s*\\((\\d{1,3})\\)|\\.(\\d{1,3}))?$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return QString();
    QString id = m.captured(1).toUpper() + u'-' + stripNumber(m.captured(2));
    const QString enhancement = m.captured(3).isEmpty() ? m.captured(4) : m.captured(3);
    if (!enhancement.isEmpty())
        id += u'(' + stripNumber(enhancement) + u')';
    return id;
}

QString CatalogIds::oscalControl(const QString &text)
{
    QString id = control(text).toLower();
    if (id.endsWith(u')')) {
        id.chop(1);
        id.replace(u'(', u'.');
    }
    return id;
}

QString CatalogIds::technique(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[Tt](\\d{4})(?:[./](\\d{3}))?$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return QString();
    QString id = u'T' + m.captured(1);
    if (!m.captured(2).isEmpty())
        id += u'.' + m.captured(2);
    return id;
}

QString CatalogIds::mitigation(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[Mm](\\d{4})$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    return m.hasMatch() ? u'M' + m.captured(1) : QString();
}

int CatalogIds::weakness(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(?:[Cc][Ww][Ee][- ]?)?(\\d{1,5})$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

QString CatalogIds::banditTest(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[Bb](\\d{3})$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    return m.hasMatch() ? u'B' + m.captured(1) : QString();
}

QString CatalogIds::cisItem(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^(?:CIS(?:[- ]Docker)?[- ]?)?(\\d{1,2}(?:\\.\\d{1,2})*)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text.trimmed());
    return m.hasMatch() ? m.captured(1) : QString();
}

QString CatalogIds::sp800190Section(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral(
            "^(?:(?:NIST[- ]?)?(?:SP[- ]?)?800-190[- ]?)?\\s*\u00a7?\\s*(\\d(?:\\.\\d{1,2})*)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text.trimmed());
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace threatdock::catalog
