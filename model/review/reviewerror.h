#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace threatdock::review {

/// Why a review file could not be opened, read or written. The message is meant for the
/// user as it is: it names the review file and says what to do when there is something
/// to do ("close the other window").
struct ReviewError
{
    enum class Kind {
        NotFound,        ///< open(): the file does not exist
        AlreadyExists,   ///< create(): the file exists already
        NotAReview,      ///< not an SQLite file, or an SQLite file that is not a review
        Corrupt,         ///< a review file that is damaged
        NewerVersion,    ///< written by a newer ThreatDock; never touched
        Busy,            ///< another window or process is writing; nothing was saved
        UnknownThreat,   ///< no threat or mitigation with that id in the review
        InvalidArgument, ///< the caller's values are not acceptable (duplicate ids...)
        Io,              ///< the driver, the disk or the file system failed
    };

    Kind kind = Kind::Io;
    QString message;
};

/// A value or the error that prevented it. ReviewResult<> is success or an error.
template<typename T = std::monostate> struct [[nodiscard]] ReviewResult
{
    ReviewResult() = default;
    ReviewResult(T v)
        : value(std::move(v))
    { }
    ReviewResult(ReviewError e)
        : error(std::move(e))
    { }

    bool ok() const { return !error.has_value(); }
    /// The error's message, "" on success.
    QString errorMessage() const { return error ? error->message : QString(); }

    T value{};
    std::optional<ReviewError> error;
};

} // namespace threatdock::review
