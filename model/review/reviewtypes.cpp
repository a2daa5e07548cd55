#include "reviewtypes.h"

#include <array>
#include <utility>

namespace threatdock::review {

namespace {

constexpr std::array<std::pair<DecisionStatus, const char16_t *>, 5> decisionNames{{
    {DecisionStatus::Open, u"open"},
    {DecisionStatus::Mitigated, u"mitigated"},
    {DecisionStatus::Accepted, u"accepted"},
    {DecisionStatus::Transferred, u"transferred"},
    {DecisionStatus::NotApplicable, u"not-applicable"},
}};

constexpr std::array<std::pair<MitigationStatus, const char16_t *>, 5> mitigationNames{{
    {MitigationStatus::Planned, u"planned"},
    {MitigationStatus::InProgress, u"in-progress"},
    {MitigationStatus::Implemented, u"implemented"},
    {MitigationStatus::Verified, u"verified"},
    {MitigationStatus::Rejected, u"rejected"},
}};

template<typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char16_t *>, N> &names, Enum value)
{
    for (const auto &[v, name] : names) {
        if (v == value)
            return QString::fromUtf16(name);
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char16_t *>, N> &names,
                            const QString &name)
{
    for (const auto &[v, n] : names) {
        if (name.compare(QString::fromUtf16(n), Qt::CaseInsensitive) == 0)
            return v;
    }
    return std::nullopt;
}

} // namespace

QString decisionStatusName(DecisionStatus status)
{
    return nameOf(decisionNames, status);
}

std::optional<DecisionStatus> decisionStatusFromName(const QString &name)
{
    return valueOf(decisionNames, name);
}

QString mitigationStatusName(MitigationStatus status)
{
    return nameOf(mitigationNames, status);
}

std::optional<MitigationStatus> mitigationStatusFromName(const QString &name)
{
    return valueOf(mitigationNames, name);
}

} // namespace threatdock::review
