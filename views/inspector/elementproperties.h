#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace threatdock::compose {
struct Service;
}
namespace threatdock::system {
struct DataFlow;
struct Element;
struct SystemModel;
} // namespace threatdock::system

namespace threatdock::views {

/// One property as the inspector lists it: a name and one or more lines of value
/// (a service's volumes, environment variables and facts are one line each).
struct PropertyRow
{
    QString name;
    QStringList lines;
};

/// A titled group of properties: General, Network, Storage, Limits, Security,
/// Environment, Facts, Other.
struct PropertySection
{
    QString title;
    QList<PropertyRow> rows;
};

/// What the inspector shows about an element or a flow, grouped and ordered; sections
/// without rows are left out. Texts come from the analysis report, which redacted them.
namespace elementproperties {

/// The element's properties and facts. For a service's process, service is its compose
/// service: the image and user are always listed (saying so when the configuration
/// leaves them to the image), with tmpfs mounts and dependencies. workingDir makes the
/// "defined at" location relative.
QList<PropertySection> forElement(const system::Element &element, const compose::Service *service,
                                  const QString &workingDir);
/// A data flow's endpoints, label, protocol, port, reason and exposure.
QList<PropertySection> forFlow(const system::DataFlow &flow, const system::SystemModel &model,
                               const QString &workingDir);
/// "process", "data store", "external entity".
QString kindName(const system::Element &element);

} // namespace elementproperties

} // namespace threatdock::views
