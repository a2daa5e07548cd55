#include "latestscans.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace threatdock::review {

QList<rules::Finding> latestScanFindings(const QList<ScanRun> &runs)
{
    QHash<QString, qsizetype> latestRun; // tool and target -> index of its latest run
    for (qsizetype i = 0; i < runs.size(); ++i)
        latestRun.insert(runs.at(i).tool + u'\n' + runs.at(i).target, i);
    QList<qsizetype> order = latestRun.values();
    std::sort(order.begin(), order.end());
    QList<rules::Finding> result;
    QSet<QString> ids;
    for (const qsizetype run : std::as_const(order))
        for (const rules::Finding &f : runs.at(run).findings)
            if (!ids.contains(f.id)) {
                ids.insert(f.id);
                result << f;
            }
    return result;
}

} // namespace threatdock::review
