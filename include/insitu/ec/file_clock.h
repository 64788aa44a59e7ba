#pragma once
// Clocks that come from files rather than headers: a date and time written in a frame's file
// name (local, as the acquisition software wrote it), a file's modification time and Unix
// stamps (both UTC).

#include "insitu/ec/local_clock.h"

#include <filesystem>
#include <optional>
#include <string_view>

namespace insitu {

/// The date and time in a file name, e.g. "frame_20210806_134019.125.tif",
/// "2021-08-06T13-40-19.125.png", "img 2021-08-06 13.40.19.png": a date YYYYMMDD or YYYY?MM?DD,
/// then [T _ - space], then HHMMSS or HH?MM?SS (separators - _ . : h m), then an optional
/// fraction after "." or ",". The first valid one wins; nullopt when the name has none.
[[nodiscard]] std::optional<LocalDateTime> clockInFileName(std::string_view name);

/// The UTC calendar time of a Unix time (seconds since 1970-01-01T00:00:00Z).
[[nodiscard]] LocalDateTime utcCalendarTime(double unixS);

/// A file's last modification time as Unix seconds (UTC); nullopt when it cannot be read.
[[nodiscard]] std::optional<double> fileModifiedUnixS(const std::filesystem::path& file);

} // namespace insitu
