#pragma once

#include "hardeningplan.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace threatdock::hardening {

/// Writes the text of compose.hardening.yaml and .env.example from a plan's accepted
/// Compose changes. The overlay holds only `services:` entries, merged by Compose after
/// the user's files; every entry starts with comments saying what each change fixes.
class OverlayWriter final
{
public:
    /// The first line of every overlay: how the writer recognises a file it may replace.
    static QString marker();
    /// The overlay; empty when no Compose change is accepted.
    static QByteArray overlay(const HardeningPlan &plan);
    /// .env.example: existing plus the names it lacks (values always empty); nullopt when
    /// no accepted change reads a variable or every name is already listed.
    static std::optional<QByteArray> envExample(const HardeningPlan &plan,
                                                const std::optional<QByteArray> &existing);
    /// Deep-merges b into a the way the overlay combines changes of one service: mappings
    /// by key, lists appended without duplicates, a tagged value or a scalar replaces.
    static void mergeInto(compose::Node &a, const compose::Node &b);
};

} // namespace threatdock::hardening
