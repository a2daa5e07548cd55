#include "findingtext.h"

#include "rules/secretdetector.h"

#include <QCryptographicHash>
#include <QHash>
#include <QRegularExpression>

namespace threatdock::scans {

bool FindingText::isCredentialWeakness(int cwe)
{
    return cwe == 259 || cwe == 798 || cwe == 321;
}

QString FindingText::maskQuotedLiterals(const QString &text)
{
    static const QRegularExpression quoted(QStringLiteral("(['\"])(?:(?!\\1).)+\\1"));
    QString out = text;
    qsizetype offset = 0;
    QRegularExpressionMatchIterator it = quoted.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString quote = m.captured(1);
        const QString masked = quote + rules::SecretDetector::mask() + quote;
        out.replace(m.capturedStart() + offset, m.capturedLength(), masked);
        offset += masked.size() - m.capturedLength();
    }
    return out;
}

QString FindingText::contentKey(const QString &text)
{
    const QByteArray digest
        = QCryptographicHash::hash(text.simplified().toUtf8(), QCryptographicHash::Sha1);
    return u'h' + QString::fromLatin1(digest.toHex().left(8));
}

void FindingText::disambiguateIds(QList<rules::Finding> &findings)
{
    QHash<QString, int> seen;
    for (rules::Finding &f : findings) {
        const int n = ++seen[f.id];
        if (n > 1)
            f.id += u'#' + QString::number(n);
    }
}

} // namespace threatdock::scans
