#pragma once
// Length and time unit names as vendors write them, converted to nm and s.

#include <optional>
#include <string>
#include <string_view>

namespace insitu {

/// Nanometres per one `unit` ("nm", "um", "µm" (UTF-8 or Latin-1), "micron", "A", "Å", "pm",
/// "mm", "cm", "m", Berkeley EMD "n_m", "[n_m]", ...). nullopt for unknown, empty, "pixel",
/// reciprocal ("1/nm") and other non-length units. Case matters only for "m" vs "M".
[[nodiscard]] std::optional<double> nmPerLengthUnit(std::string_view unit);

/// Seconds per one `unit` ("s", "sec", "ms", "us", "µs", "min", "h", "hour", ...); nullopt if
/// unknown.
[[nodiscard]] std::optional<double> secondsPerTimeUnit(std::string_view unit);

/// Latin-1 bytes (e.g. 0xB5 'µ') converted to UTF-8; ASCII and valid UTF-8 pass unchanged.
[[nodiscard]] std::string latin1ToUtf8IfNeeded(std::string_view text);

/// Latin-1 bytes as UTF-8 (DM tag names and EMI metadata are Latin-1; e.g. 0xB5 'µ').
[[nodiscard]] std::string latin1ToUtf8(std::string_view text);

} // namespace insitu
