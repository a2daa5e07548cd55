#pragma once

#include "reportcontext.h"
#include "reportdocument.h"

#include <QStringList>

namespace threatdock::report {

/// Writes what a report says as a ReportDocument, the same for every format: the cover,
/// then the sections management summary, architecture (the diagram, services, exposed
/// ports, trust boundaries, data stores), threats by element, findings by severity,
/// hardening, runtime verification, coverage (NIST SP 800-53, ATT&CK Containers,
/// SP 800-190), accepted and transferred risks, and the appendix (methodology, risk
/// scale, rules, tool versions, input hashes). Every text comes from the context,
/// which holds redacted texts only.
class ReportComposer final
{
public:
    static ReportDocument compose(const ReportContext &context);
    /// The titles of the numbered sections, in order ("1 Management summary", ...).
    static QStringList sectionTitles();
};

} // namespace threatdock::report
