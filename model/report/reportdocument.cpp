#include "reportdocument.h"

namespace threatdock::report {

QString plainText(const RichText &text)
{
    QString plain;
    for (const TextSpan &span : text)
        plain += span.text;
    return plain;
}

QList<Heading> ReportDocument::contents() const
{
    QList<Heading> headings;
    for (const ReportBlock &block : blocks)
        if (const auto *h = std::get_if<Heading>(&block); h && h->inContents)
            headings << *h;
    return headings;
}

} // namespace threatdock::report
