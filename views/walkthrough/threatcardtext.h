#pragma once

#include <QString>

namespace threatdock::catalog {
class Catalog;
}
namespace threatdock::threats {
struct Threat;
}

namespace threatdock::views {

class ReviewDocument;
struct CodeExcerpt;

/// The rich text of a threat card's body: why the threat applies, the evidence (each
/// finding with file:line and a redacted excerpt of the file, the line marked), the
/// ATT&CK techniques and NIST controls looked up in the catalog, and the mitigations in
/// place and missing. Each section is an HTML fragment Qt's rich text renders; the
/// texts come from the analysis (already redacted) and are escaped here.
class ThreatCardText final
{
public:
    /// catalog may be null (it failed to load: catalogError says why); ids are then shown
    /// without names.
    ThreatCardText(const ReviewDocument &document, const catalog::Catalog *catalog,
                   QString catalogError = QString());

    QString body(const threats::Threat &threat) const;

    QString why(const threats::Threat &threat) const;
    QString evidence(const threats::Threat &threat) const;
    QString attack(const threats::Threat &threat) const;
    QString nist(const threats::Threat &threat) const;
    QString mitigations(const threats::Threat &threat) const;

    /// The excerpt as a table: line numbers, a marker on the finding's line, the code.
    static QString excerpt(const CodeExcerpt &excerpt);
    /// A path as the card shows it: relative to the project directory when inside it.
    QString displayPath(const QString &file) const;

private:
    QString unknownInCatalog() const;

    const ReviewDocument &m_document;
    const catalog::Catalog *m_catalog;
    QString m_catalogError;
};

} // namespace threatdock::views
