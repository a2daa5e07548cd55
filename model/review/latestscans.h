#pragma once

#include "reviewtypes.h"

#include <QList>

namespace threatdock::review {

/// The scan findings an analysis takes from a review: those of the latest run of each
/// tool on each target (earlier runs are history), in run order, no duplicate ids.
QList<rules::Finding> latestScanFindings(const QList<ScanRun> &runs);

} // namespace threatdock::review
