#pragma once

#include "diagram.h"
#include "system/systemmodel.h"
#include "threats/threat.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace threatdock::layout {

/// Lays out the data-flow diagram of a system model with Graphviz (dot, left to right):
/// one node per element (process: rounded box, data store: cylinder, external entity:
/// box), one nested cluster per trust boundary, one edge per flow labelled with its
/// port and protocol. A pure function: the same model gives the same geometry, whatever
/// the order of its lists. Safe to call from any thread (Graphviz runs under a mutex).
class DiagramLayout final
{
public:
    /// The geometry, in points with y down. Flows whose ends are missing are left out.
    /// When Graphviz fails, the diagram is empty and error (if given) says why.
    static Diagram compute(const system::SystemModel &model,
                           const QMap<QString, BadgeInfo> &badges = {}, QString *error = nullptr);

    /// The Graphviz DOT source that compute() lays out.
    static QByteArray dotSource(const system::SystemModel &model);

    /// "process", "datastore" or "external".
    static QString shapeName(system::ElementKind kind);

    /// The badge of each element: how many of its threats are open (not mitigated by
    /// configuration) and the worst of their severities.
    static QMap<QString, BadgeInfo> badgesFor(const QList<threats::Threat> &threats);
};

} // namespace threatdock::layout
