#include "diagramstyle.h"

#include <QSizeF>

#include <algorithm>

namespace threatdock::layout {

namespace {

/// DejaVu Sans advance widths in em, by character class (from the font's hmtx table,
/// rounded up a little so that estimated boxes are never too small).
qreal advance(QChar c)
{
    static const QString narrow = QStringLiteral("ijlI.,:;'|!`");
    static const QString medium = QStringLiteral("frt-()[]{} /\\\"");
    static const QString wide = QStringLiteral("mwMW@%");
    if (narrow.contains(c))
        return 0.30;
    if (medium.contains(c))
        return 0.43;
    if (wide.contains(c))
        return 0.98;
    if (c.isUpper())
        return 0.74;
    if (c.isDigit())
        return 0.64;
    if (c.unicode() > 0x7f)
        return 0.84; // arrows, CJK, accented capitals: be generous
    return 0.62;
}

} // namespace

QString DiagramStyle::fontFamilies()
{
    return QStringLiteral("'DejaVu Sans', Verdana, Helvetica, Arial, sans-serif");
}

QString DiagramStyle::fontFamily()
{
    return QStringLiteral("DejaVu Sans");
}

qreal DiagramStyle::textWidth(const QString &text, qreal pointSize)
{
    qreal em = 0;
    for (const QChar c : text)
        em += advance(c);
    return em * pointSize;
}

QSizeF DiagramStyle::nodeSize(const QString &shape, const QString &name, const QString &role)
{
    const qreal nameWidth = textWidth(name, nameFontSize);
    const qreal roleWidth = role.isEmpty() ? 0 : textWidth(role, smallFontSize) + 10;
    const qreal width = std::clamp(std::max(nameWidth, roleWidth) + 24, 96.0, 260.0);
    if (shape == u"datastore")
        return {width, 58};
    if (shape == u"external")
        return {width, 42};
    return {width, 46};
}

QString DiagramStyle::clusterCaption(const DiagramCluster &cluster)
{
    return clusterCaption(cluster.label, cluster.internal);
}

QString DiagramStyle::clusterCaption(const QString &name, bool internal)
{
    return internal ? name + QStringLiteral(" (internal)") : name;
}

QChar DiagramStyle::severityLetter(rules::Severity severity)
{
    switch (severity) {
    case rules::Severity::Critical:
        return u'C';
    case rules::Severity::High:
        return u'H';
    case rules::Severity::Medium:
        return u'M';
    case rules::Severity::Low:
        return u'L';
    case rules::Severity::Info:
        break;
    }
    return u'I';
}

QString DiagramStyle::badgeText(const BadgeInfo &badge)
{
    const QString letter(severityLetter(badge.severity));
    return badge.openThreats > 0 ? letter + u' ' + QString::number(badge.openThreats) : letter;
}

QColor DiagramStyle::severityColor(rules::Severity severity)
{
    switch (severity) {
    case rules::Severity::Critical:
        return QColor(0x8b, 0x00, 0x00);
    case rules::Severity::High:
        return QColor(0xd3, 0x2f, 0x2f);
    case rules::Severity::Medium:
        return QColor(0xef, 0x6c, 0x00);
    case rules::Severity::Low:
        return QColor(0x15, 0x65, 0xc0);
    case rules::Severity::Info:
        break;
    }
    return QColor(0x75, 0x75, 0x75);
}

QColor DiagramStyle::edgeColor(const QString &exposure)
{
    if (exposure == u"internet")
        return QColor(0xc6, 0x28, 0x28);
    if (exposure == u"host")
        return QColor(0x9e, 0x9e, 0x9e);
    return QColor(0x45, 0x5a, 0x64);
}

qreal DiagramStyle::edgeWidth(const QString &exposure)
{
    return exposure == u"internet" ? 2.2 : 1.2;
}

QColor DiagramStyle::nodeFill(const QString &shape)
{
    if (shape == u"datastore")
        return QColor(0xff, 0xf4, 0xe0);
    if (shape == u"external")
        return QColor(0xf2, 0xf2, 0xf2);
    return QColor(0xe8, 0xf1, 0xfb);
}

QColor DiagramStyle::nodeStroke(const QString &shape)
{
    if (shape == u"datastore")
        return QColor(0xb2, 0x6a, 0x00);
    if (shape == u"external")
        return QColor(0x42, 0x42, 0x42);
    return QColor(0x1f, 0x5f, 0xa8);
}

QColor DiagramStyle::clusterFill(const DiagramCluster &cluster)
{
    if (cluster.internal)
        return QColor(0xf1, 0xf8, 0xe9);
    if (cluster.kind == u"host")
        return QColor(0xfb, 0xfb, 0xfd);
    return QColor(0xf3, 0xf6, 0xfa);
}

QColor DiagramStyle::clusterStroke(const DiagramCluster &cluster)
{
    if (cluster.internal)
        return QColor(0x38, 0x8e, 0x3c);
    return QColor(0x6b, 0x77, 0x85);
}

QColor DiagramStyle::textColor()
{
    return QColor(0x21, 0x21, 0x21);
}

} // namespace threatdock::layout
