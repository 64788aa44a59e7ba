#pragma once
// LocalDateTime: a wall-clock reading from a file header, in local time with no zone invented.

#include <optional>
#include <string>
#include <string_view>

namespace insitu {

/// A calendar date and time of day as written by an instrument (local time, zone unknown).
struct LocalDateTime
{
    int year = 1970;
    int month = 1; ///< 1..12
    int day = 1;   ///< 1..31
    int hour = 0;
    int minute = 0;
    double second = 0; ///< with fraction

    /// ISO 8601 without zone, e.g. "2020-07-29T10:31:01" or "2014-10-08T16:26:51.738".
    [[nodiscard]] std::string iso() const;
    /// Seconds from other to this (both on the same local clock).
    [[nodiscard]] double secondsSince(const LocalDateTime& other) const;
    /// This time plus seconds (may cross midnight).
    [[nodiscard]] LocalDateTime plusSeconds(double seconds) const;

    bool operator==(const LocalDateTime&) const = default;
};

/// Date orders seen in instrument headers.
enum class DateOrder {
    MonthDayYear, ///< 07/29/2020 (EC-Lab, Gamry, DM)
    DayMonthYear, ///< 06-08-2021 (Impulse)
    YearMonthDay, ///< 2014.10.08, 2014:10:08 (Protochips, TIFF)
};

/// Parses "<date> <time>" with any of / - . : as date separators, a time "HH:MM[:SS[.fff]]"
/// and an optional AM/PM; nullopt when it is not a valid date and time.
[[nodiscard]] std::optional<LocalDateTime> parseLocalDateTime(std::string_view text,
                                                              DateOrder order);
/// Parses an ISO 8601 local time "YYYY-MM-DDTHH:MM:SS[.fff]" (a trailing zone is refused).
[[nodiscard]] std::optional<LocalDateTime> parseIsoLocalDateTime(std::string_view text);
/// Parses a time of day "HH:MM[:SS[.fff]]" [AM|PM] into seconds after midnight.
[[nodiscard]] std::optional<double> parseTimeOfDayS(std::string_view text);

} // namespace insitu
