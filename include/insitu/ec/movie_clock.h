#pragma once
// The wall clock of a movie's frame 0, from the metadata the readers expose.

#include "insitu/ec/local_clock.h"
#include "insitu/io/movie_reader.h"

#include <optional>
#include <string>

namespace insitu {

/// Frame 0's acquisition clock and where it was read.
struct MovieClock
{
    LocalDateTime frame0; ///< local wall clock, or the UTC calendar time when utc
    bool utc = false;     ///< a Unix stamp: needs the logs' UTC offset to meet their local clocks
    std::string source;   ///< e.g. "DM DataBar Acquisition Date + Time", "Velox TimeStamp (UTC)"
};

/// Frame 0's acquisition clock, local clocks first: DM acquisition date + time, TIA/EMI
/// AcquireDate, the date and time in the file names of a folder of frames, TIFF DateTime (for a
/// folder also from its first file); then UTC stamps: Velox per-frame TimeStamp, Velox
/// AcquisitionStartDatetime, SER tag time, the first file's modification time (a folder).
/// nullopt when the file has none. UTC stamps are never turned into local time here: the zone
/// is the user's to give (see TimelineOptions::logUtcOffsetH).
[[nodiscard]] std::optional<MovieClock> movieStartClock(const MovieInfo& info);

} // namespace insitu
