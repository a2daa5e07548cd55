#include "diagram.h"

namespace threatdock::layout {

const DiagramNode *Diagram::node(const QString &elementId) const
{
    for (const DiagramNode &n : nodes)
        if (n.elementId == elementId)
            return &n;
    return nullptr;
}

} // namespace threatdock::layout
