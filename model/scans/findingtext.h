#pragma once

#include "rules/finding.h"

#include <QList>
#include <QString>

namespace threatdock::scans {

/// Small text rules shared by the scanner report readers: ids that stay stable and
/// unique, and secrets kept out of titles and evidence.
class FindingText final
{
public:
    /// Hard-coded password, credentials or key (CWE-259, 798, 321): the reported text
    /// quotes the secret itself.
    static bool isCredentialWeakness(int cwe);
    /// Replaces the content of every '...' and "..." literal with ****.
    static QString maskQuotedLiterals(const QString &text);
    /// A short key derived from text ("h1a2b3c4d"), for ids when nothing better names
    /// the place (never a line number).
    static QString contentKey(const QString &text);
    /// Makes ids unique in list order: the second "X@y" becomes "X@y#2", and so on.
    static void disambiguateIds(QList<rules::Finding> &findings);
};

} // namespace threatdock::scans
