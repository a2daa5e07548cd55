#include "comparison.h"

#include <QHash>

namespace threatdock::report {

namespace {

/// Splits two lists of items with ids into fixed (baseline only), remaining (both) and
/// new (current only). An id that occurs several times matches occurrence by occurrence.
template<typename Item, typename Pair>
void match(const QList<Item> &baseline, const QList<Item> &current, QList<Item> &fixed,
           QList<Pair> &remaining, QList<Item> &added)
{
    QHash<QString, QList<qsizetype>> unmatched; // id -> positions in current, in order
    for (qsizetype i = 0; i < current.size(); ++i)
        unmatched[current.at(i).id] << i;
    QList<bool> matched(current.size(), false);
    for (const Item &before : baseline) {
        auto it = unmatched.find(before.id);
        if (it == unmatched.end() || it->isEmpty()) {
            fixed << before;
            continue;
        }
        const qsizetype position = it->takeFirst();
        matched[position] = true;
        remaining << Pair{before, current.at(position)};
    }
    for (qsizetype i = 0; i < current.size(); ++i)
        if (!matched.at(i))
            added << current.at(i);
}

} // namespace

int mitigationsInPlace(const threats::Threat &threat)
{
    return int(std::count_if(threat.mitigations.cbegin(), threat.mitigations.cend(),
                             [](const threats::Mitigation &m) { return m.inPlace; }));
}

ThreatPair::Change ThreatPair::change() const
{
    if (current.severity != baseline.severity)
        return current.severity < baseline.severity ? Change::Improved : Change::Worsened;
    const int before = mitigationsInPlace(baseline);
    const int after = mitigationsInPlace(current);
    if (after == before)
        return Change::Unchanged;
    return after > before ? Change::Improved : Change::Worsened;
}

QString changeName(ThreatPair::Change change)
{
    switch (change) {
    case ThreatPair::Change::Unchanged:
        return QStringLiteral("unchanged");
    case ThreatPair::Change::Improved:
        return QStringLiteral("improved");
    case ThreatPair::Change::Worsened:
        return QStringLiteral("worsened");
    }
    return QString();
}

AnalysisComparison AnalysisComparison::compare(const AnalysisReport &baseline,
                                               const AnalysisReport &current)
{
    AnalysisComparison c;
    c.baseline = baseline;
    c.current = current;
    match(baseline.findings, current.findings, c.fixedFindings, c.remainingFindings, c.newFindings);
    match(baseline.threats, current.threats, c.fixedThreats, c.remainingThreats, c.newThreats);
    return c;
}

QList<ThreatPair> AnalysisComparison::threatsWith(ThreatPair::Change change) const
{
    QList<ThreatPair> pairs;
    for (const ThreatPair &p : remainingThreats)
        if (p.change() == change)
            pairs << p;
    return pairs;
}

} // namespace threatdock::report
